"""Fault scenarios 3 (batches out of order) and 10 (a push naming another shop's ids), sent by
hand to a live hub on MariaDB, with a real counter's credential and rows."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.ids import new_id
from shared.wire import PROTOCOL_VERSION
from tests.faults.cluster import Counter, compare, sell_piece, terminal_id
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.hub.fixtures import LiveHub

pytestmark = pytest.mark.integration


def outbox(counter: Counter) -> list[dict[str, Any]]:
    with sqlite3.connect(counter.database) as connection:
        rows = connection.execute(
            "SELECT seq, mutation_id, entity, entity_id, op, payload FROM outbox"
            " WHERE acked_at IS NULL ORDER BY seq"
        ).fetchall()
    return [
        {
            "seq": seq,
            "mutation_id": str(uuid.UUID(mutation)),
            "entity": entity,
            "entity_id": str(uuid.UUID(entity_id)),
            "op": op,
            "row": json.loads(payload),
        }
        for seq, mutation, entity, entity_id, op, payload in rows
    ]


def batch(counter: Counter, records: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "protocol_version": PROTOCOL_VERSION,
        "app_version": "0.1.0",
        "terminal_id": str(terminal_id(counter)),
        "pending": len(records),
        "records": records,
    }


def secret(counter: Counter) -> str:
    return (counter.data_dir / "terminal-secret").read_text().splitlines()[1]


def test_batches_out_of_order_and_another_shops_ids(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GO", 4)
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)
        sell_piece(a, codes[0], tmp_path)
        sell_piece(a, codes[1], tmp_path)
        records = outbox(a)
        half = len(records) // 2
        hub = httpx.Client(
            base_url=live_hub_production.url,
            headers={"Authorization": f"Terminal {secret(a)}"},
            timeout=30,
        )
        with hub:
            late = hub.post("/api/terminal/sync/push", json=batch(a, records[half:])).json()
            assert late["answers"] == []
            assert late["expected_seq"] == records[0]["seq"]  # nothing stored past the gap
            foreign = [dict(r) for r in records[:half]]
            foreign[-1] = {**foreign[-1], "row": {**foreign[-1]["row"], "shop_id": str(new_id())}}
            refused = hub.post("/api/terminal/sync/push", json=batch(a, foreign))
            assert refused.status_code == 403
            assert "another shop" in refused.json()["detail"]
            early = hub.post("/api/terminal/sync/push", json=batch(a, records[:half])).json()
            assert {x["result"] for x in early["answers"]} == {"applied"}
            rest = hub.post("/api/terminal/sync/push", json=batch(a, records[half:])).json()
            assert {x["result"] for x in rest["answers"]} == {"applied"}
        shop.proxy.set(Mode.PASS)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print("\n" + compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()
