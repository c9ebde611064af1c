"""The empty pull (a counter asking "anything new?" every 30 s) against a bare Litestar endpoint
on the same worker (DESIGN.md: at least half its rate). Prints figures, asserts none.

Both run in this process through Litestar's test client, one request at a time, so the ratio
compares the work per request (device-secret check, the feed query, the terminal's mark) with
the framework's own floor.
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
    for _ in range(REQUESTS):
        client.get(path, headers=headers)
    return REQUESTS / (time.perf_counter() - started)


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
    # logging_config=None: the default one would hang a root handler on the captured stderr.
    with TestClient(Litestar([bare], logging_config=None)) as client:
        floor = _rate(client, "/bare", {})
    with capsys.disabled():
        print(
            f"\n[bench pull] empty pull: {pull:,.0f} req/s; "
            f"bare Litestar endpoint: {floor:,.0f} req/s;"
            f" ratio {pull / floor:.2f} (aim >= 0.5; one worker, embedded hub, in-process client)"
        )
