"""The empty pull (a counter asking "anything new?" every 30 s) against a bare Litestar endpoint
on the same worker (DESIGN.md: at least half its rate). Prints figures, asserts none.

All run in this process through Litestar's test client, one request at a time. Two floors are
printed: the hub's own `/api/health/live` (a bare handler in the same app, behind the same
middleware: logging, metrics, CSRF, sessions; not rate-limited, so it is the cheaper floor)
and a bare Litestar app with no middleware at all. The first ratio is the work the pull adds
on this worker (device-secret check, the feed query, the licence); the second also counts what
every request of the hub pays.
"""

from __future__ import annotations

import time

import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from tests.hub.fixtures import HubUnderTest

pytestmark = pytest.mark.benchmark

REQUESTS = 300


@get("/bare", sync_to_thread=False)
def bare() -> dict[str, object]:
    return {"changes": [], "cursor": 0, "more": False}


def _rate(client: TestClient[Litestar], path: str, headers: dict[str, str]) -> float:
    for _ in range(20):  # warm up
        assert client.get(path, headers=headers).status_code == 200
    started = time.perf_counter()
    answers = [client.get(path, headers=headers).status_code for _ in range(REQUESTS)]
    elapsed = time.perf_counter() - started
    assert set(answers) == {200}, answers  # a refusal (e.g. a rate limit) would flatter the rate
    return REQUESTS / elapsed


@pytest.fixture(autouse=True)
def _web_tier_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Measure requests alone: exports and PDF archiving belong to `boolagold hub worker` in
    production (web instances run with BACKGROUND=off)."""
    monkeypatch.setenv("BACKGROUND", "off")


@pytest.mark.parametrize("hub_settings", ["embedded"], indirect=True)
def test_empty_pull_rate_against_a_bare_endpoint(
    hub: HubUnderTest, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = {"Authorization": f"Terminal {hub.demo.terminal_secret}"}
    first = hub.test_client.get("/api/terminal/sync/pull", headers=headers).json()
    cursor = first["cursor"]
    while first["more"]:
        first = hub.test_client.get(
            "/api/terminal/sync/pull", params={"after": cursor}, headers=headers
        ).json()
        cursor = first["cursor"]
    pull = _rate(hub.test_client, f"/api/terminal/sync/pull?after={cursor}", headers)
    live = _rate(hub.test_client, "/api/health/live", {})
    # logging_config=None: the default one would hang a root handler on the captured stderr.
    with TestClient(Litestar([bare], logging_config=None)) as client:
        floor = _rate(client, "/bare", {})
    with capsys.disabled():
        print(
            f"\n[bench pull] empty pull: {pull:,.0f} req/s; bare endpoint on the same worker "
            f"(/api/health/live): {live:,.0f} req/s; ratio {pull / live:.2f} (aim >= 0.5; one "
            "worker, embedded hub, in-process client)"
            f"\n[bench pull] bare Litestar app without the hub's middleware: {floor:,.0f} req/s; "
            f"ratio {pull / floor:.2f}"
        )
