"""Two hub processes on one MariaDB, Redis and S3: a client alternating between them sees one
hub (its session, its rate limit, its lock-out and its data)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.hub.fixtures import LiveHub, production_settings, start_live_hub

pytestmark = pytest.mark.integration
CLIENT_LIMIT = 40


@pytest.fixture
def two_hubs(
    tmp_path: Path, mariadb_url: str, redis_url: str, s3_endpoint_url: str, s3_bucket: str
) -> Iterator[tuple[LiveHub, LiveHub]]:
    base = production_settings(tmp_path / "hub", mariadb_url, redis_url, s3_endpoint_url, s3_bucket)
    settings = dataclasses.replace(
        base,
        auth=dataclasses.replace(base.auth, rate_limit_per_client_per_minute=CLIENT_LIMIT),
    )
    first = start_live_hub(dataclasses.replace(settings, instance_name="one"), tmp_path / "one.log")
    try:
        second = start_live_hub(
            dataclasses.replace(settings, instance_name="two"), tmp_path / "two.log"
        )
        try:
            yield first, second
        finally:
            second.process.stop()
    finally:
        first.process.stop()


class Alternating:
    """One browser whose requests go to each instance in turn (a round-robin balancer)."""

    def __init__(self, hubs: tuple[LiveHub, LiveHub]) -> None:
        self.urls = itertools.cycle([hubs[0].url, hubs[1].url])
        self.cookies = httpx.Cookies()
        self.served: list[str] = []

    def send(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        url = next(self.urls)
        self.served.append(url)
        headers = dict(kwargs.pop("headers", {}) or {})  # type: ignore[call-overload]
        token = self.cookies.get("csrftoken")
        if method != "GET" and token:
            headers["x-csrftoken"] = token
        with httpx.Client(base_url=url, cookies=self.cookies, timeout=10) as client:
            response = client.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]
            self.cookies = httpx.Cookies(client.cookies)
        return response


def test_sessions_data_lockout_and_rate_limits_are_shared(
    two_hubs: tuple[LiveHub, LiveHub],
) -> None:
    demo = two_hubs[0].demo
    browser = Alternating(two_hubs)
    assert browser.send("GET", "/api/auth/csrf").status_code == 204
    login = browser.send(
        "POST",
        "/api/auth/login",
        json={
            "shop": demo.shop_code,
            "username": demo.owner.username,
            "password": demo.owner.password,
        },
    )
    assert login.status_code == 200, login.text
    # The session made on one instance works on the other, and so does the CSRF token.
    assert browser.send("GET", "/api/me").json()["role"] == "owner"
    created = browser.send("POST", "/api/enrolment-codes", json={"terminal_name": "Shared"})
    assert created.status_code == 201, created.text
    listed = browser.send("GET", "/api/enrolment-codes").json()
    assert listed[0]["terminal_name"] == "Shared"
    health = {browser.send("GET", "/api/health").json()["instance"] for _ in range(2)}
    assert health == {"one", "two"}

    # Lock-out counted across instances: failures alternate, the lock holds on both.
    attacker = Alternating(two_hubs)
    attacker.send("GET", "/api/auth/csrf")
    wrong = {"shop": demo.shop_code, "username": demo.sales.username, "password": "wrong-pass"}
    for _ in range(5):
        assert attacker.send("POST", "/api/auth/login", json=wrong).status_code == 401
    right = {**wrong, "password": demo.sales.password}
    assert attacker.send("POST", "/api/auth/login", json=right).status_code == 429
    assert attacker.send("POST", "/api/auth/login", json=right).status_code == 429

    # One per-client budget for both instances.
    statuses = [browser.send("GET", "/api/me").status_code for _ in range(CLIENT_LIMIT)]
    assert 429 in statuses
    first_refused = statuses.index(429)
    assert first_refused < CLIENT_LIMIT - 5  # the earlier requests already counted
    assert set(browser.served) == {two_hubs[0].url, two_hubs[1].url}


def test_a_hub_process_serves_on_embedded_defaults(live_hub_embedded: LiveHub) -> None:
    with httpx.Client(base_url=live_hub_embedded.url, timeout=10) as client:
        health = client.get("/api/health").json()
        assert {part["backend"] for part in health["parts"]} == {"sqlite", "memory", "local"}
        client.get("/api/auth/csrf")
        demo = live_hub_embedded.demo
        login = client.post(
            "/api/auth/login",
            json={
                "shop": demo.shop_code,
                "username": demo.owner.username,
                "password": demo.owner.password,
            },
            headers={"x-csrftoken": client.cookies["csrftoken"]},
        )
        assert login.status_code == 200
        assert client.get("/api/dashboard").json()["month"]["sales"]["invoices"] > 0
    assert (live_hub_embedded.data_dir / "hub.db").exists()
