"""Fault scenarios 6, 8, 9 and 12: wrong clocks, web edits while a counter is offline, a
terminal revoked while offline, a poison record mid-batch and a credential that stops working."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.ids import new_id
from sync.server.tables import QuarantinedRecord
from tests.faults.cluster import Counter, compare, sell_piece
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.hub.fixtures import LiveHub

pytestmark = pytest.mark.integration


def pending(counter: Counter) -> int:
    with sqlite3.connect(counter.database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM outbox WHERE acked_at IS NULL"
        ).fetchone()
    return int(count)


def test_counters_a_day_behind_and_a_day_ahead_still_agree(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a, b = shop.counters
        codes = shop.tag(a, "GC", 6)
        shop.sync_all()
        a.clock, b.clock = "-1d", "+1d"
        # Each PC's "today" differs: each enters its own day's rate, then bills.
        a.run("rates", "set", "gold", "916", "7100.00")
        b.run("rates", "set", "gold", "916", "7050.00")
        sell_piece(a, codes[0], tmp_path)
        sell_piece(b, codes[1], tmp_path)
        shop.sync_all()
        a.clock = b.clock = None
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()
        rates_a = a.json("rates", "list")["rates"]
        rates_b = b.json("rates", "list")["rates"]
        assert rates_a == rates_b  # one winner everywhere (the hybrid clock never runs back)


def test_rates_set_on_the_web_reach_a_counter_that_was_offline(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        shop.proxy.set(Mode.REFUSE)
        response = shop.owner.post(
            "/api/rates",
            {"rates": [{"metal": "gold", "purity_fineness": 916, "rate_paise_per_gram": 723_500}]},
        )
        assert response.status_code in {200, 201}, response.text
        assert a.sync(check=False).returncode == 3
        shop.proxy.set(Mode.PASS)
        a.sync()
        listed = json.dumps(a.json("rates", "list"))
        assert "7235" in listed, listed


def test_a_terminal_revoked_while_offline_keeps_its_records_and_says_so(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GV", 3)
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)
        sell_piece(a, codes[0], tmp_path)
        queued = pending(a)
        terminals = shop.owner.http.get("/api/terminals").json()
        mine = next(t for t in terminals if t["name"] == "Till A" and t["status"] == "active")
        assert shop.owner.post(f"/api/terminals/{mine['id']}/revoke").status_code in {200, 201}
        shop.proxy.set(Mode.PASS)
        refused = a.sync(check=False)
        assert refused.returncode == 4
        assert "revoked" in refused.stderr + refused.stdout
        assert pending(a) == queued  # nothing deleted, nothing marked sent
        print(f"\nrevoked terminal refused; {queued} records still queued on it")


def test_a_poison_record_is_quarantined_and_a_bad_credential_deletes_nothing(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GP", 3)
        shop.sync_all()
        sell_piece(a, codes[0], tmp_path)
        poison_id = str(new_id())
        with sqlite3.connect(a.database) as connection:  # a record from a newer counter
            connection.execute(
                "INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at)"
                " VALUES (?, 'gift_card', ?, 'insert', ?, '2026-11-25 10:00:00.000000')",
                (
                    uuid.UUID(str(new_id())).hex,
                    uuid.UUID(poison_id).hex,
                    json.dumps({"id": poison_id, "shop_id": str(shop.shop_id), "value": 500}),
                ),
            )
        sell_piece(a, codes[1], tmp_path)
        secret_file = a.data_dir / "terminal-secret"
        good = secret_file.read_text()
        terminal_line, _secret = good.splitlines()[:2]
        secret_file.write_text(f"{terminal_line}\nnot-the-secret-{'x' * 30}\n")
        queued = pending(a)
        refused = a.sync(check=False)
        assert refused.returncode == 4
        assert pending(a) == queued
        secret_file.write_text(good)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
            with Session(engine) as session:
                kept = session.scalars(
                    select(QuarantinedRecord).where(QuarantinedRecord.shop_id == shop.shop_id)
                ).all()
        finally:
            engine.dispose()
        assert [record.entity for record in kept] == ["gift_card"]
        assert pending(a) == 0
        print(f"quarantined: {kept[0].entity} — {kept[0].reason}")


def test_the_same_customer_edited_on_two_counters_keeps_both_edits_everywhere(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a, b = shop.counters
        created = a.json("customers", "add", "--name", "Meena Iyer", "--phone", "9900123456")
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)  # a is offline while both edit the same customer
        a.json("customers", "edit", created["id"], "--address", "Malleshwaram, Bengaluru")
        b.clock = "+1h"  # b's edit is the later one by its clock
        shop.proxy.set(Mode.PASS)
        b.json("customers", "edit", created["id"], "--name", "Meena R. Iyer")
        b.clock = None
        shop.sync_all(rounds=2)
        seen = [
            next(c for c in counter.json("customers", "list") if c["id"] == created["id"])
            for counter in (a, b)
        ]
        assert seen[0] == seen[1]
        # Customers merge field by field: a's address and b's later name both survive.
        assert seen[0]["name"] == "Meena R. Iyer"
        assert seen[0]["address"] == "Malleshwaram, Bengaluru"
        assert seen[0]["phone"] == "9900123456"
        print(f"\nsame customer on both counters after sync: {seen[0]}")
