"""The pytest fixtures for real servers and databases (loaded by tests/conftest.py).

Each server starts the first time a test asks for it, once per pytest session, and stops at the
session's end, also after a failure or Ctrl-C (pytest tears session fixtures down then; an
atexit hook is the safety net). Developers who run their own servers set
BOOLAGOLD_TEST_MARIADB_URL, BOOLAGOLD_TEST_REDIS_URL or BOOLAGOLD_TEST_S3_URL instead.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
import redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.harness import mariadb, redis_launcher, s3_server
from tests.harness.databases import create_test_engine, rolled_back_session
from tests.harness.packages import (
    MARIADB_SERVER,
    REDIS_SERVER,
    DebianPackage,
    PackagesMissing,
    ensure_packages,
    find_program,
)
from tests.harness.processes import RunningServer

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

MARIADB_ENV: Final = "BOOLAGOLD_TEST_MARIADB_URL"
REDIS_ENV: Final = "BOOLAGOLD_TEST_REDIS_URL"
S3_ENV: Final = "BOOLAGOLD_TEST_S3_URL"

# The two kinds of database every storage test runs on; MariaDB needs the real server.
DATABASE_KINDS: Final = (
    pytest.param("sqlite", id="sqlite"),
    pytest.param("mariadb", id="mariadb", marks=pytest.mark.integration),
)

_SERVERS_USED = pytest.StashKey[list[str]]()


def _announce(config: pytest.Config, line: str) -> None:
    """Note a server in the run's summary, and say so at once in the live output."""
    config.stash.setdefault(_SERVERS_USED, []).append(line)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    # Past the capture, or the line would land in the test's captured output.
    with capture.global_and_fixture_disabled():
        reporter.ensure_newline()
        if config.get_terminal_writer().width_of_current_line:  # -q: mid-way through the dots
            reporter.write("\n")
        reporter.write_line(f"[real servers] {line}")


def _install(package: DebianPackage) -> None:
    try:
        ensure_packages([package])
    except PackagesMissing as error:
        pytest.fail(str(error), pytrace=False)


def _serve(config: pytest.Config, start: Callable[[], RunningServer]) -> Iterator[str]:
    server = start()
    atexit.register(server.stop)
    try:
        _announce(config, server.describe())
        yield server.url
    finally:
        server.stop()
        atexit.unregister(server.stop)


def _program_version(argv: list[str]) -> str:
    program = find_program(argv[0])
    if program is None:
        return "not installed"
    result = subprocess.run(
        [program, *argv[1:]], capture_output=True, text=True, check=False, timeout=30
    )
    return (
        (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "?"
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Which server binaries this run would start; the live versions come in the summary."""
    try:
        moto = f"moto {version('moto')}"
    except PackageNotFoundError:
        moto = "moto not installed"
    lines = [
        "real servers (started on first use by integration tests): "
        f"{_program_version(['mariadbd', '--version'])} | "
        f"{_program_version(['redis-server', '--version'])} | {moto}"
    ]
    lines += [
        f"using {name} from the environment"
        for name in (MARIADB_ENV, REDIS_ENV, S3_ENV)
        if os.environ.get(name)
    ]
    return lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    used = terminalreporter.config.stash.get(_SERVERS_USED, [])
    if used:
        terminalreporter.ensure_newline()
        terminalreporter.section("real servers this run talked to")
        for line in used:
            terminalreporter.write_line(line)


# --- MariaDB and SQLite ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def mariadb_server_url(pytestconfig: pytest.Config) -> Iterator[str]:
    """A server-level URL (no database) of a user allowed to create databases."""
    override = os.environ.get(MARIADB_ENV)
    if override:
        _announce(pytestconfig, f"MariaDB {mariadb.server_version(override)} from {MARIADB_ENV}")
        yield override
        return
    _install(MARIADB_SERVER)
    yield from _serve(pytestconfig, mariadb.start_mariadb)


@pytest.fixture
def mariadb_url(mariadb_server_url: str) -> Iterator[str]:
    """A fresh, empty utf8mb4 database unique to the test, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:24]}"
    url = mariadb.create_database(mariadb_server_url, name)
    try:
        yield url
    finally:
        mariadb.drop_database(mariadb_server_url, name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's own temporary folder (created on first connect)."""
    return f"sqlite:///{tmp_path}/test.db"


@pytest.fixture(params=DATABASE_KINDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of either kind (the test runs once for each)."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


def _with_shared_tables(url: str) -> Iterator[Engine]:
    # Imported here, not at the top: the harness's own tests must not depend on the kernel.
    from shared.tables import Base  # noqa: PLC0415

    engine = create_test_engine(url)
    try:
        Base.metadata.create_all(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def shared_tables_engine_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One SQLite database per session with every shared table created."""
    folder = tmp_path_factory.mktemp("shared-tables")
    yield from _with_shared_tables(f"sqlite:///{folder}/shared.db")


@pytest.fixture(scope="session")
def shared_tables_engine_mariadb(mariadb_server_url: str) -> Iterator[Engine]:
    """One MariaDB database per session with every shared table created."""
    name = f"shared_{uuid.uuid4().hex[:24]}"
    url = mariadb.create_database(mariadb_server_url, name)
    try:
        yield from _with_shared_tables(url)
    finally:
        mariadb.drop_database(mariadb_server_url, name)


@pytest.fixture(params=DATABASE_KINDS)
def db_session(request: pytest.FixtureRequest) -> Iterator[Session]:
    """A Session on the shared tables, inside a transaction rolled back after the test."""
    engine: Engine = request.getfixturevalue(f"shared_tables_engine_{request.param}")
    with rolled_back_session(engine) as session:
        yield session


# --- Redis -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_server_url(pytestconfig: pytest.Config) -> Iterator[str]:
    override = os.environ.get(REDIS_ENV)
    if override:
        version_ = redis_launcher.server_version(override)
        _announce(pytestconfig, f"Redis {version_} from {REDIS_ENV}")
        yield override
        return
    _install(REDIS_SERVER)
    yield from _serve(pytestconfig, redis_launcher.start_redis)


@pytest.fixture
def redis_url(redis_server_url: str) -> str:
    """The Redis URL, its database flushed so the test starts empty."""
    client = redis.Redis.from_url(redis_server_url)
    try:
        client.flushdb()
    finally:
        client.close()
    return redis_server_url


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    try:
        yield client
    finally:
        client.close()


# --- S3 --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint_url(pytestconfig: pytest.Config) -> Iterator[str]:
    override = os.environ.get(S3_ENV)
    if override:
        product, version_ = s3_server.describe_endpoint(override)
        _announce(pytestconfig, f"{product} {version_} from {S3_ENV}")
        yield override.rstrip("/")
        return
    yield from _serve(pytestconfig, s3_server.start_s3)


@pytest.fixture(scope="session")
def s3_client(s3_endpoint_url: str) -> S3Client:
    return s3_server.s3_client(s3_endpoint_url)


@pytest.fixture
def s3_bucket(s3_client: S3Client) -> Iterator[str]:
    """A new bucket unique to the test; emptied (every version) and deleted afterwards."""
    name = f"test-{uuid.uuid4().hex[:24]}"
    s3_client.create_bucket(Bucket=name)
    try:
        yield name
    finally:
        s3_server.delete_bucket(s3_client, name)
