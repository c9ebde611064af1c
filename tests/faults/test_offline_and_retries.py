"""Fault scenarios 1-3 and 7: long offline billing, lost responses, duplicates and reordering,
and one piece sold on two offline counters. Each ends with the row-by-row comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.tables import SyncConflict
from tests.faults.cluster import compare, sell_piece
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.hub.fixtures import LiveHub

pytestmark = pytest.mark.integration


def test_two_counters_bill_through_an_offline_week_then_sync(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a, b = shop.counters
        a_codes = shop.tag(a, "GA", 8)
        b_codes = shop.tag(b, "GB", 8)
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)  # the hub is unreachable for the "week"
        for day in range(4):
            sell_piece(a, a_codes[day], tmp_path)
            sell_piece(b, b_codes[day], tmp_path)
            assert a.sync(check=False).returncode == 3  # offline: nothing lost, try later
        shop.proxy.set(Mode.PASS)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()


def test_a_lost_response_and_a_duplicated_push_change_nothing(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GL", 4)
        shop.sync_all()
        sell_piece(a, codes[0], tmp_path)
        shop.proxy.set(Mode.LOSE_RESPONSE)  # the hub commits, the counter never hears
        assert a.sync(check=False).returncode == 3
        shop.proxy.set(Mode.DUPLICATE)  # the retry arrives twice
        sell_piece(a, codes[1], tmp_path)
        a.sync()
        shop.proxy.set(Mode.PASS)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()
        assert shop.proxy.stats.lost_responses >= 1
        assert shop.proxy.stats.duplicated >= 1


def test_one_piece_sold_on_two_offline_counters_is_a_recorded_conflict(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a, b = shop.counters
        codes = shop.tag(a, "GD", 2)
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)
        first = sell_piece(a, codes[0], tmp_path)
        second = sell_piece(b, codes[0], tmp_path)  # B still thinks the piece is in stock
        shop.proxy.set(Mode.PASS)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
            with Session(engine) as session:
                conflicts = session.scalars(
                    select(SyncConflict).where(SyncConflict.shop_id == shop.shop_id)
                ).all()
        finally:
            engine.dispose()
        assert len(conflicts) == 1
        assert conflicts[0].kind == "double_sale"
        print(f"conflict: {conflicts[0].detail}")
        assert first["invoice_number"] != second["invoice_number"]
        status = a.json("sync")
        assert status["conflicts"] == 1
