"""A week offline pushed to the hub on MariaDB (DESIGN.md budget: 10 000 invoices in under 10 s,
at least half the rate of a bare bulk insert of the same rows). Prints figures, asserts none.

The push goes through the hub's real apply (`sync.server.push.apply_push`: receipts, the
high-water mark, LWW merges, the change feed, the piece-sale claims) in batches of 500 records
as a counter sends them, on the hub's own driver (asyncmy, the session's `run_sync` as the push
endpoint calls it); HTTP is left out so the figure is the apply's own. The bare bulk insert goes
through the same driver, so the ratio compares the work, not two drivers.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from hub.settings import async_url
from shared.ids import new_id
from shared.tables import Base
from shared.wire import (
    PROTOCOL_VERSION,
    PushBatch,
    decode_row,
    parse_push_batch,
    replicated_table,
)
from sync.server.push import PushOutcome, apply_push
from sync.server.tables import SyncBase
from tests.harness.databases import create_test_engine
from tests.sync.server.rows import invoice, invoice_line, piece, terminal, wire_row

pytestmark = [pytest.mark.integration, pytest.mark.benchmark]

INVOICES = int(os.environ.get("BOOLAGOLD_BENCH_WEEK_INVOICES", "10000"))
BATCH = 500
BUDGET_S = 10.0
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def hub(mariadb_url: str) -> Iterator[Engine]:
    engine = create_test_engine(mariadb_url)
    Base.metadata.create_all(engine)
    SyncBase.metadata.create_all(engine)
    yield engine
    engine.dispose()


def week(shop_id: uuid.UUID, terminal_id: uuid.UUID) -> tuple[list[dict[str, Any]], list[Any]]:
    """The week's records: for each sale its invoice, line, payment and the piece now sold."""
    pieces = [
        piece(
            shop_id,
            new_id(),
            hlc=f"{1_700_000_000_000 + i:013d}-00000-{'a' * 32}",
            tag_code=f"W{i:06d}",
        )
        for i in range(INVOICES)
    ]
    records: list[dict[str, Any]] = []
    for index, stock in enumerate(pieces):
        invoice_id = new_id()
        sold = {
            **stock,
            "status": "sold",
            "hlc": f"{1_800_000_000_000 + index:013d}-00000-{terminal_id.hex}",
        }
        rows = [
            ("invoice", invoice(shop_id, invoice_id, terminal_id, f"A1/26-27/{index + 1:05d}")),
            ("invoice_line", invoice_line(shop_id, invoice_id, uuid.UUID(str(stock["id"])))),
            (
                "payment",
                wire_row(
                    "payment",
                    shop_id=shop_id,
                    invoice_id=invoice_id,
                    terminal_id=terminal_id,
                    mode="cash",
                    direction="received",
                    amount_paise=7_210_000,
                    received_at=NOW,
                    payment_date=NOW.date(),
                ),
            ),
            ("stock_piece", sold),
        ]
        for entity, row in rows:
            records.append(
                {
                    "seq": len(records) + 1,
                    "mutation_id": str(new_id()),
                    "entity": entity,
                    "entity_id": row["id"],
                    "op": "insert",
                    "row": row,
                }
            )
    return records, pieces


def baseline_rows(
    records: list[dict[str, Any]], pieces: list[Any], other_shop: uuid.UUID
) -> dict[str, list[dict[str, Any]]]:
    """The same rows for another shop (pieces renamed), decoded and grouped by table."""
    renamed = {str(p["id"]): str(new_id()) for p in pieces}
    by_table: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        row = {**record["row"], "shop_id": str(other_shop)}
        if record["entity"] == "stock_piece":
            row["id"] = renamed[str(row["id"])]
        if record["entity"] == "invoice_line":
            row["stock_piece_id"] = renamed[str(row["stock_piece_id"])]
        by_table.setdefault(record["entity"], []).append(decode_row(record["entity"], row))
    return by_table


async def timed_push(
    hub: AsyncEngine, shop_id: uuid.UUID, terminal_id: uuid.UUID, records: list[dict[str, Any]]
) -> float:
    started = time.perf_counter()
    for start in range(0, len(records), BATCH):
        batch = parse_push_batch(
            {
                "protocol_version": PROTOCOL_VERSION,
                "app_version": "0.1.0",
                "terminal_id": str(terminal_id),
                "pending": 0,
                "records": records[start : start + BATCH],
            }
        )

        def apply(session: Session, batch: PushBatch = batch) -> PushOutcome:
            return apply_push(session, shop_id, batch, now=NOW)

        async with AsyncSession(hub) as session, session.begin():
            outcome = await session.run_sync(apply)
        assert outcome.expected_seq is None
    return time.perf_counter() - started


async def timed_bulk_insert(hub: AsyncEngine, by_table: dict[str, list[dict[str, Any]]]) -> float:
    started = time.perf_counter()
    async with AsyncSession(hub) as session, session.begin():
        for entity in ("stock_piece", "invoice", "invoice_line", "payment"):
            await session.execute(insert(replicated_table(entity)), by_table[entity])
    return time.perf_counter() - started


async def timed_both(
    url: str,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    records: list[dict[str, Any]],
    by_table: dict[str, list[dict[str, Any]]],
) -> tuple[float, float]:
    """The push, then the bare insert, on one async engine (the hub's driver)."""
    engine = create_async_engine(async_url(url))
    try:
        push_s = await timed_push(engine, shop_id, terminal_id, records)
        bulk_s = await timed_bulk_insert(engine, by_table)
    finally:
        await engine.dispose()
    return push_s, bulk_s


def test_a_week_offline_pushed_to_the_hub(
    hub: Engine, mariadb_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shop_id, terminal_id, other_shop = new_id(), new_id(), new_id()
    records, pieces = week(shop_id, terminal_id)
    by_table = baseline_rows(records, pieces, other_shop)
    with Session(hub) as session, session.begin():
        session.execute(
            insert(replicated_table("terminal")),
            [
                decode_row("terminal", terminal(shop, terminal_id, "A1"))
                for shop in (shop_id, other_shop)
            ],
        )
        session.execute(
            insert(replicated_table("stock_piece")), [decode_row("stock_piece", p) for p in pieces]
        )

    # The week's records and the baseline's rows live in this test, not in the hub: frozen out
    # of the collector, so its full collections do not walk them while either is timed (in a
    # hub process only the batch in hand is alive).
    gc.collect()
    gc.freeze()
    try:
        push_s, bulk_s = asyncio.run(
            timed_both(mariadb_url, shop_id, terminal_id, records, by_table)
        )
    finally:
        gc.unfreeze()

    rate, bulk_rate = len(records) / push_s, len(records) / bulk_s
    with capsys.disabled():
        print(
            f"\n[bench sync] a week offline: {INVOICES} invoices = {len(records)} records "
            "pushed in "
            f"{push_s:.2f} s ({rate:,.0f} records/s; budget {BUDGET_S:.0f} s for 10 000 invoices, "
            f"{push_s / BUDGET_S * 10_000 / INVOICES:.0%} of it)"
            f"\n[bench sync] bare bulk insert of the same rows: {bulk_s:.2f} s "
            f"({bulk_rate:,.0f} rows/s); push/bulk rate ratio {rate / bulk_rate:.2f} (aim >= 0.5)"
        )
