"""Fixtures that start a hub: in process (no sockets) and as real uvicorn processes.

Import them in a conftest: `from tests.hub.fixtures import *  # noqa: F403`.

- `hub_settings`: parametrised `embedded` (SQLite, in-process store, local files; a unit
  test) and `production` (MariaDB + Redis + S3 from the harness; integration).
- `hub`: a `HubUnderTest` on those settings, demo shop seeded, with a Litestar TestClient.
- `live_hub_embedded` / `live_hub_production`: `LiveHub` — `boolagold hub serve` in its own
  process on a free loopback port (integration; for browsers and multi-instance tests).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import sys
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import create_engine

from hub.app import CSRF_COOKIE, CSRF_HEADER, create_app
from hub.core.resources import build_resources
from hub.demo import DemoLogins, seed_demo
from hub.settings import (
    AuthSettings,
    CacheSettings,
    DatabaseSettings,
    HubSettings,
    StorageSettings,
    async_url,
)
from hub.storage import database
from tests.harness import mariadb
from tests.harness.processes import ServerProcess, free_port, launch, wait_until_ready
from tests.harness.s3_server import DUMMY_KEY_ID, DUMMY_SECRET

TEST_SECRET: Final = "test-secret-for-the-hub-suite-0123456789"
PAGES_ENV: Final = "BOOLAGOLD_TEST_HUB_PAGES"
"""Set to 0 to test the API without the web pages (while the pages are being worked on)."""
BACKENDS: Final = (
    pytest.param("embedded", id="embedded"),
    pytest.param("production", id="production", marks=pytest.mark.integration),
)


def _auth() -> AuthSettings:
    return AuthSettings(jwt_secret=TEST_SECRET, login_max_failures=5)


def embedded_settings(folder: Path) -> HubSettings:
    return HubSettings.embedded(folder, auth=_auth())


def production_settings(
    folder: Path, mariadb_url: str, redis_url: str, s3_endpoint_url: str, s3_bucket: str
) -> HubSettings:
    return HubSettings(
        database=DatabaseSettings(url=async_url(mariadb_url), pool_size=5),
        cache=CacheSettings(redis_url=redis_url, namespace=f"t{uuid.uuid4().hex[:8]}"),
        storage=StorageSettings(
            local_root=folder / "unused-files",
            s3_endpoint_url=s3_endpoint_url,
            s3_private_bucket=s3_bucket,
            s3_region="us-east-1",
            s3_access_key_id=DUMMY_KEY_ID,
            s3_secret_access_key=DUMMY_SECRET,
        ),
        auth=_auth(),
        data_dir=folder,
    )


def settings_env(settings: HubSettings) -> dict[str, str]:
    """The same settings as environment variables (for a hub in another process)."""
    env = {
        "HUB_ENV": "development",
        "JWT_SECRET": settings.auth.jwt_secret,
        "BOOLAGOLD_HUB_DATA_DIR": str(settings.data_dir),
        "HUB_INSTANCE_NAME": settings.instance_name,
        "LOGIN_MAX_FAILURES": str(settings.auth.login_max_failures),
        "RATE_LIMIT_PER_CLIENT": str(settings.auth.rate_limit_per_client_per_minute),
        "RATE_LIMIT_PER_SHOP": str(settings.auth.rate_limit_per_shop_per_minute),
    }
    if not settings.database.is_embedded:
        env["DATABASE_URL"] = settings.database.url
    if settings.cache.redis_url:
        env["REDIS_URL"] = settings.cache.redis_url
        env["CACHE_NAMESPACE"] = settings.cache.namespace
    storage = settings.storage
    if storage.uses_s3:
        env.update(
            {
                "S3_ENDPOINT_URL": storage.s3_endpoint_url or "",
                "S3_BUCKET_PRIVATE": storage.s3_private_bucket or "",
                "S3_REGION": storage.s3_region,
                "S3_ACCESS_KEY_ID": storage.s3_access_key_id or "",
                "S3_SECRET_ACCESS_KEY": storage.s3_secret_access_key or "",
            }
        )
    return env


def prepare(settings: HubSettings) -> DemoLogins:
    """Migrate and seed the demo shop, on resources of its own (closed again)."""
    if settings.database.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    database.migrate(settings.database.migration_url)

    async def seed() -> DemoLogins:
        resources = build_resources(settings)
        try:
            return await seed_demo(resources)
        finally:
            await resources.close()

    return asyncio.run(seed())


class HubClient:
    """One browser-like client: its own cookies (session, CSRF) on the shared test client.

    All clients of a hub share one TestClient (one event loop, one app lifespan, as in a real
    process); each keeps its own cookie jar, swapped in for its requests. It sends the CSRF
    header on every unsafe request, as the pages do.
    """

    def __init__(self, client: TestClient[Litestar]) -> None:
        self.http = client
        self.jar = httpx.Cookies()
        self.get("/api/auth/csrf")

    def request(
        self, method: str, url: str, headers: Mapping[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        self.http.cookies = self.jar
        all_headers = dict(headers or {})
        token = self.jar.get(CSRF_COOKIE)
        if method not in {"GET", "HEAD", "OPTIONS"} and token and CSRF_HEADER not in all_headers:
            all_headers[CSRF_HEADER] = token
        try:
            return self.http.request(method, url, headers=all_headers, **kwargs)
        finally:
            self.jar = httpx.Cookies(self.http.cookies)

    def raw_post(self, url: str, **kwargs: Any) -> httpx.Response:
        """A POST without the CSRF header (what a forged cross-site form would send)."""
        return self.request("POST", url, headers={CSRF_HEADER: ""}, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def login(self, shop: str, username: str, password: str) -> httpx.Response:
        return self.post(
            "/api/auth/login", json={"shop": shop, "username": username, "password": password}
        )

    def login_operator(self, email: str, password: str) -> httpx.Response:
        return self.post("/api/auth/operator/login", json={"email": email, "password": password})


@dataclass
class HubUnderTest:
    settings: HubSettings
    app: Litestar
    demo: DemoLogins
    test_client: TestClient[Litestar]

    def client(self) -> HubClient:
        """A new browser-like client (its own cookies) on the running app."""
        return HubClient(self.test_client)

    def owner(self) -> HubClient:
        client = self.client()
        response = client.login(
            self.demo.shop_code, self.demo.owner.username, self.demo.owner.password
        )
        assert response.status_code == 200, response.text
        return client

    def operator(self) -> HubClient:
        client = self.client()
        response = client.login_operator(self.demo.operator_email, self.demo.operator_password)
        assert response.status_code == 200, response.text
        return client


@dataclass(frozen=True)
class SeededTemplate:
    folder: Path
    demo: DemoLogins


@pytest.fixture(scope="session")
def embedded_template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    """One migrated and seeded embedded hub per session; each test gets a copy of it."""
    folder = tmp_path_factory.mktemp("hub-template") / "hub"
    demo = prepare(embedded_settings(folder))
    return SeededTemplate(folder=folder, demo=demo)


@pytest.fixture(scope="session")
def mariadb_template(
    mariadb_server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, DemoLogins]]:
    """One migrated and seeded MariaDB database per session, cloned for each test."""
    name = f"hubtemplate_{uuid.uuid4().hex[:16]}"
    url = mariadb.create_database(mariadb_server_url, name)
    folder = tmp_path_factory.mktemp("hub-mariadb-template")
    settings = dataclasses.replace(
        embedded_settings(folder),
        database=DatabaseSettings(url=async_url(url)),
    )
    try:
        yield name, prepare(settings)
    finally:
        mariadb.drop_database(mariadb_server_url, name)


def clone_mariadb(template: str, target_url: str) -> None:
    """Copy every table of the template database into the (empty) target database.

    Each table is made from the template's own CREATE statement (CREATE TABLE ... LIKE would drop
    the foreign keys), so a cloned hub enforces exactly the constraints a migrated one does.
    """
    engine = create_engine(target_url)
    try:
        with engine.begin() as connection:
            target = connection.exec_driver_sql("SELECT DATABASE()").scalar_one()
            # SHOW CREATE TABLE names tables unqualified: they land in the target database.
            tables = connection.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (template,),
            ).scalars()
            connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")
            for table in list(tables):
                create = connection.exec_driver_sql(
                    f"SHOW CREATE TABLE `{template}`.`{table}`"
                ).one()[1]
                connection.exec_driver_sql(create.replace("%", "%%"))
                connection.exec_driver_sql(
                    f"INSERT INTO `{target}`.`{table}` SELECT * FROM `{template}`.`{table}`"
                )
            connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 1")
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def hub_settings(request: pytest.FixtureRequest, tmp_path: Path) -> HubSettings:
    if request.param == "embedded":
        template: SeededTemplate = request.getfixturevalue("embedded_template")
        shutil.copytree(template.folder, tmp_path / "hub")
        return embedded_settings(tmp_path / "hub")
    mariadb_url: str = request.getfixturevalue("mariadb_url")
    template_name, _ = request.getfixturevalue("mariadb_template")
    clone_mariadb(template_name, mariadb_url)
    return production_settings(
        tmp_path / "hub",
        mariadb_url,
        request.getfixturevalue("redis_url"),
        request.getfixturevalue("s3_endpoint_url"),
        request.getfixturevalue("s3_bucket"),
    )


@pytest.fixture
def hub(request: pytest.FixtureRequest, hub_settings: HubSettings) -> Iterator[HubUnderTest]:
    """A hub app on `hub_settings`, already migrated and seeded (a copy of the template)."""
    if hub_settings.database.is_embedded:
        demo = request.getfixturevalue("embedded_template").demo
    else:
        demo = request.getfixturevalue("mariadb_template")[1]
    pages = os.environ.get(PAGES_ENV, "1") != "0"
    app = create_app(hub_settings, pages=pages)
    with TestClient(app, base_url="http://testserver.local") as test_client:
        yield HubUnderTest(settings=hub_settings, app=app, demo=demo, test_client=test_client)


@dataclass
class LiveHub:
    """A hub in its own process: `url` to talk to, `demo` logins, its settings."""

    url: str
    demo: DemoLogins
    settings: HubSettings
    process: ServerProcess

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir


def start_live_hub(
    settings: HubSettings, log: Path, extra_env: Mapping[str, str] | None = None
) -> LiveHub:
    """Run `boolagold hub serve` on a free port with `settings` as its environment (the demo
    shop is seeded first; seeding twice, as a second instance does, changes nothing)."""
    demo = prepare(settings)
    port = free_port()
    env = {**os.environ, **settings_env(settings), "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT_URL", "S3_BUCKET_PRIVATE"):
        if name not in settings_env(settings):
            env.pop(name, None)
    argv = [sys.executable, "-m", "hub.cli.main", "serve", "--port", str(port)]
    with_env = [*argv, "--data-dir", str(settings.data_dir)]
    process = _launch_with_env("hub", with_env, log=log, env=env)
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/api/health", timeout=1).status_code in {200, 503}
        except httpx.HTTPError:
            return False

    wait_until_ready(process, ready)
    return LiveHub(url=url, demo=demo, settings=settings, process=process)


def _launch_with_env(
    name: str, argv: list[str], *, log: Path, env: dict[str, str]
) -> ServerProcess:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return launch(name, argv, log=log, cwd=Path(__file__).resolve().parents[2])
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def live_hub_embedded(tmp_path: Path) -> Iterator[LiveHub]:
    live = start_live_hub(embedded_settings(tmp_path / "hub"), tmp_path / "hub.log")
    try:
        yield live
    finally:
        live.process.stop()


@pytest.fixture
def live_hub_production(
    tmp_path: Path, mariadb_url: str, redis_url: str, s3_endpoint_url: str, s3_bucket: str
) -> Iterator[LiveHub]:
    settings = production_settings(
        tmp_path / "hub", mariadb_url, redis_url, s3_endpoint_url, s3_bucket
    )
    live = start_live_hub(settings, tmp_path / "hub.log")
    try:
        yield live
    finally:
        live.process.stop()


__all__ = [
    "BACKENDS",
    "HubClient",
    "HubUnderTest",
    "LiveHub",
    "SeededTemplate",
    "embedded_template",
    "hub",
    "hub_settings",
    "live_hub_embedded",
    "live_hub_production",
    "mariadb_template",
    "prepare",
    "start_live_hub",
]
