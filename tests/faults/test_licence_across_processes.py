"""The licence end to end: the hub on MariaDB + Redis signs it, real counter processes verify it.

The operator suspends the shop on the hub while a counter keeps billing offline; the counter
learns it at its next sync and stops issuing (exit 5, nothing written) while its records still
sync; the operator lifts it and the next sync lets the counter bill again. A counter that trusts
a different key treats the hub's licence as absent and stops too.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from hub.core.resources import build_resources
from hub.domain.context import PlatformContext
from hub.domain.licence.subscriptions import SubscriptionService
from shared.licence import generate_signing_key
from tests.faults.cluster import Counter, sell_piece
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.hub.fixtures import LiveHub

pytestmark = pytest.mark.integration

LICENCE_REFUSED = 5


def _operator(hub: LiveHub, act: Callable[[SubscriptionService], Awaitable[Any]]) -> None:
    """An operator action through the hub's own service (the cache it clears is Redis, shared
    with the running hub, so the next pull carries the new licence)."""

    async def run() -> None:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session:
                context = PlatformContext(session=session, principal=None, resources=resources)
                await act(SubscriptionService(context))
        finally:
            await resources.close()

    asyncio.run(run())


def _pending(counter: Counter) -> int:
    with counter.engine().connect() as connection:
        return int(
            connection.exec_driver_sql(
                "SELECT count(*) FROM outbox WHERE acked_at IS NULL"
            ).scalar_one()
        )


def test_a_suspension_reaches_the_counter_at_its_next_sync_and_a_reactivation_lifts_it(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path, names=("A",)) as shop:
        counter = shop.counters[0]
        codes = shop.tag(counter, "LC", 3)
        shop.sync_all()
        licence = counter.json("licence")
        assert licence["source"] != "local_trial", licence
        assert licence["may_issue"] is True
        print(f"\nfrom the hub at enrolment: {licence['status']}")

        shop.proxy.set(Mode.REFUSE)  # the counter is offline while the operator suspends
        _operator(
            live_hub_production,
            lambda service: service.suspend(shop.shop_id, "cheque returned unpaid"),
        )
        sell_piece(counter, codes[0], tmp_path)  # offline, it still holds a good licence

        shop.proxy.set(Mode.PASS)
        counter.sync()  # the sale goes up; the suspended licence comes down
        assert _pending(counter) == 0
        licence = counter.json("licence")
        assert licence["state"] == "suspended"
        assert licence["may_issue"] is False
        refused = counter.run("sell", str(_settled_draft(counter, codes[1], tmp_path)), check=False)
        assert refused.returncode == LICENCE_REFUSED
        assert "suspended" in refused.stderr
        invoices = counter.json("invoices", "list", "--json")
        print(f"suspended at the next sync: {licence['status']}; {len(invoices)} invoice kept")
        assert len(invoices) == 1

        _operator(
            live_hub_production,
            lambda service: service.reactivate(shop.shop_id, "cheque cleared"),
        )
        counter.sync()
        assert counter.json("licence")["may_issue"] is True
        sold = sell_piece(counter, codes[1], tmp_path)
        print(f"reactivated: sold again as {sold['invoice_number']}")


def test_a_counter_that_does_not_trust_the_hubs_key_stops_issuing(
    live_hub_production: LiveHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = generate_signing_key("someone-else")
    with open_shop(live_hub_production, tmp_path, names=("A",)) as shop:
        counter = shop.counters[0]
        codes = shop.tag(counter, "LU", 2)
        monkeypatch.setenv("BOOLAGOLD_LICENCE_TRUST", stranger.public_text())
        counter.sync()  # sync itself keeps working
        licence = counter.json("licence")
        assert licence["may_issue"] is False, licence
        stopped = counter.run("sell", str(_settled_draft(counter, codes[0], tmp_path)), check=False)
        assert stopped.returncode == LICENCE_REFUSED
        assert counter.json("invoices", "list", "--json") == []
        print(f"\nuntrusted key: {licence['state']}: {licence['message']}")


def _settled_draft(counter: Counter, tag_code: str, folder: Path) -> Path:
    """A draft that would issue (an estimate still works when invoices are stopped)."""
    buyer = {"name": "R. Kumar", "state": "29", "address": "12 MG Road, Bengaluru"}
    draft: dict[str, Any] = {"buyer": buyer, "lines": [{"tag_code": tag_code}]}
    path = folder / f"draft-{tag_code}.json"
    path.write_text(json.dumps(draft))
    draft["payments"] = {"cash": counter.json("estimate", str(path))["net_payable"]}
    path.write_text(json.dumps(draft))
    return path
