"""The licence travels with enrolment and every pull (desktop/sync/link.py): the counter keeps a
verified one, ignores a bad one, and takes the hub's clock into its never-back clock.

The hub here is an in-memory httpx transport answering as the real one does (no socket)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.licensing.policy import LicenceSource
from desktop.services.clock import FixedClock
from desktop.services.context import CounterContext, open_counter
from desktop.services.licence import licence_status
from desktop.sync.link import enrol, sync_round, transport_for
from shared.ids import new_id
from shared.licence import LicenceState, sign_licence
from shared.tables import Terminal
from shared.wire import encode_orm_row
from sync.hlc import HlcStamp
from tests.desktop.licences import amc_licence, suite_key

START = dt.datetime(2025, 6, 2, 5, 0, tzinfo=dt.UTC)
HUB = "http://hub.test"


class FakeHub:
    """Answers enrolment and pulls; the test sets what the next pull carries."""

    def __init__(self) -> None:
        self.shop_id = new_id()
        self.terminal_id = new_id()
        self.licence: str | None = None
        self.server_time: dt.datetime | None = None
        self.pulls = 0

    def token(self, valid_until: dt.date, issued_at: dt.datetime) -> str:
        licence = amc_licence(self.shop_id, valid_until=valid_until, issued_at=issued_at)
        return sign_licence(licence, suite_key())

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/terminal/enrol":
            terminal = Terminal(
                id=self.terminal_id,
                shop_id=self.shop_id,
                name="Till 2",
                invoice_series="B2",
                credit_note_series="BC2",
                voucher_series="BV2",
                status="active",
                enrolled_at=START,
                created_at=START,
                updated_at=START,
                hlc=HlcStamp(int(START.timestamp() * 1000), 0, self.terminal_id.hex).pack(),
            )
            return httpx.Response(
                200,
                json={
                    "shop_id": str(self.shop_id),
                    "terminal_id": str(self.terminal_id),
                    "secret": "s" * 40,
                    "terminal": encode_orm_row(terminal).row,
                    "licence": self.licence,
                },
            )
        if request.url.path.endswith("/pull"):
            self.pulls += 1
            page: dict[str, Any] = {
                "changes": [],
                "cursor": 0,
                "more": False,
                "open_conflicts": 0,
                "licence": self.licence,
                "server_time": None if self.server_time is None else self.server_time.isoformat(),
            }
            return httpx.Response(200, json=page)
        return httpx.Response(404, json={"detail": "not here"})


@pytest.fixture
def hub() -> FakeHub:
    return FakeHub()


@pytest.fixture
def enrolled(tmp_path: Path, hub: FakeHub) -> Iterator[tuple[CounterContext, httpx.Client]]:
    ctx = open_counter(tmp_path / "till2", FixedClock(START))
    client = httpx.Client(base_url=HUB, transport=httpx.MockTransport(hub.handle))
    hub.licence = hub.token(dt.date(2026, 3, 31), START)
    enrol(ctx, HUB, "ABCD-EFGH-IJKL", client=client)
    yield ctx, client
    client.close()
    ctx.close()


def test_enrolment_stores_the_shops_licence(
    enrolled: tuple[CounterContext, httpx.Client], hub: FakeHub
) -> None:
    ctx, _ = enrolled
    status = licence_status(ctx)
    assert status.source is LicenceSource.HUB
    assert status.state is LicenceState.OK
    assert status.licence is not None
    assert status.licence.shop_id == hub.shop_id
    assert hub.pulls == 1


def test_each_pull_brings_renewals_ignores_bad_tokens_and_carries_the_hubs_clock(
    enrolled: tuple[CounterContext, httpx.Client], hub: FakeHub
) -> None:
    ctx, client = enrolled
    transport = transport_for(ctx, client)
    renewal = hub.token(dt.date(2027, 3, 31), START + dt.timedelta(days=1))
    hub.licence = renewal
    sync_round(ctx, transport)
    status = licence_status(ctx)
    assert status.licence is not None
    assert status.licence.valid_until == dt.date(2027, 3, 31)

    # An altered token on the wire is ignored; the renewal stays.
    kid_body, _, signature = renewal.rpartition(".")
    hub.licence = f"{kid_body}.{signature[::-1]}"
    sync_round(ctx, transport)
    status = licence_status(ctx)
    assert status.licence is not None
    assert status.licence.valid_until == dt.date(2027, 3, 31)

    # The PC's clock is stuck in 2025, but the hub says it is August 2027: lapsed.
    hub.licence = None
    hub.server_time = dt.datetime(2027, 8, 1, 6, 0, tzinfo=dt.UTC)
    sync_round(ctx, transport)
    status = licence_status(ctx)
    assert status.state is LicenceState.LAPSED
    assert status.today == dt.date(2027, 8, 1)
    assert ctx.clock.now() == START


def test_a_hub_that_sends_no_licence_leaves_the_counter_on_its_trial(
    tmp_path: Path, hub: FakeHub
) -> None:
    ctx = open_counter(tmp_path / "till3", FixedClock(START))
    client = httpx.Client(base_url=HUB, transport=httpx.MockTransport(hub.handle))
    try:
        enrol(ctx, HUB, "ABCD-EFGH-IJKL", client=client)
        status = licence_status(ctx)
        assert (status.source, status.state) == (LicenceSource.LOCAL_TRIAL, LicenceState.EXPIRING)
        assert status.verdict.days_left == 30  # from the enrolment
        assert ctx.shop_id == hub.shop_id != uuid.UUID(int=0)
    finally:
        client.close()
        ctx.close()
