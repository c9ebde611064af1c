"""Sync traffic of 5 000 shops with 3 terminals each against ONE hub worker on MariaDB + Redis.

Each terminal pulls every 30 s (15 000 terminals: 500 pulls/s) and each shop pushes a small
batch every 3 minutes (about 28 pushes/s). The hub runs as `boolagold hub serve` (one uvicorn
worker) in its own process; the generator sends on an open-loop schedule and measures latency
from each request's scheduled instant. Prints the rate held and p50/p99 (aim: p99 under 100 ms);
asserts only that every answer was a 200 (no refusals, no errors under load).
"""

from __future__ import annotations

import asyncio
import functools
import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, insert, select

from hub.security.tokens import digest
from hub.settings import DatabaseSettings, HubSettings, async_url, sync_url
from hub.storage.hub_tables import Plan, Tenant, TerminalCredential
from shared.ids import new_id
from shared.tables import Customer, Shop, Terminal
from shared.wire import PROTOCOL_VERSION, encode_row
from sync.server.tables import ShopFeedCounter, TerminalSyncState
from tests.benchmarks.load_client import Call, Tally, run_open_loop
from tests.hub.fixtures import LiveHub, production_settings, start_live_hub

pytestmark = [pytest.mark.benchmark, pytest.mark.integration]

SHOPS: Final = 5_000
TERMINALS_PER_SHOP: Final = 3
PULL_EVERY_S: Final = 30.0
PUSH_EVERY_S: Final = 180.0
RUN_S: Final = 20.0
WARM_UP_RATE: Final = 400.0


@dataclass(slots=True)
class LoadTerminal:
    shop_id: uuid.UUID
    terminal_id: uuid.UUID
    secret: str
    address: str
    """The shop's public address, as the proxy forwards it."""
    cursor: int = 0
    next_seq: int = 1


def _seed(url: str) -> list[LoadTerminal]:
    """Shops, terminals, credentials and sync state as a hub that has run a while holds them."""
    now = datetime.now(UTC)
    rng = random.Random(5000)
    engine = create_engine(sync_url(url))
    terminals: list[LoadTerminal] = []
    shops, tenants, counters, devices, credentials, states = [], [], [], [], [], []
    try:
        with engine.begin() as connection:
            plan_id = connection.execute(select(Plan.id).order_by(Plan.code).limit(1)).scalar_one()
            for number in range(SHOPS):
                shop_id = new_id()
                stamp = f"{int(now.timestamp() * 1000):013d}-00000-load"
                shops.append(
                    {
                        "id": shop_id,
                        "name": f"Load Jewellers {number}",
                        "legal_name": f"Load Jewellers {number}",
                        "state_code": "29",
                        "address": "MG Road, Bengaluru",
                        "status": "active",
                        "hlc": stamp,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                tenants.append(
                    {
                        "shop_id": shop_id,
                        "plan_id": plan_id,
                        "login_code": f"load{number}",
                        "trial_ends_on": (now + timedelta(days=20)).date(),
                    }
                )
                counters.append({"shop_id": shop_id, "next_seq": 1})
                for slot in range(TERMINALS_PER_SHOP):
                    terminal_id = new_id()
                    secret = f"load-terminal-secret-{number:05d}-{slot}-{uuid.uuid4().hex}"
                    series = f"L{number}{'ABC'[slot]}"
                    devices.append(
                        {
                            "shop_id": shop_id,
                            "id": terminal_id,
                            "name": f"Counter {slot + 1}",
                            "invoice_series": series,
                            "credit_note_series": f"C{series}",
                            "voucher_series": f"V{series}",
                            "status": "active",
                            "enrolled_at": now,
                            "hlc": stamp,
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
                    seen = now - timedelta(seconds=rng.uniform(0, 60))
                    credentials.append(
                        {
                            "shop_id": shop_id,
                            "terminal_id": terminal_id,
                            "secret_hash": digest(secret),
                            "issued_at": now - timedelta(days=30),
                            "last_seen_at": seen,
                            "app_version": "0.1.0",
                        }
                    )
                    states.append(
                        {
                            "shop_id": shop_id,
                            "terminal_id": terminal_id,
                            "high_water_seq": 0,
                            "pulled_seq": 0,
                            "pending_reported": 0,
                            "last_pull_at": seen,
                            "updated_at": seen,
                        }
                    )
                    terminals.append(LoadTerminal(shop_id, terminal_id, secret, _address(number)))
            for model, rows in (
                (Shop, shops),
                (Tenant, tenants),
                (ShopFeedCounter, counters),
                (Terminal, devices),
                (TerminalCredential, credentials),
                (TerminalSyncState, states),
            ):
                for start in range(0, len(rows), 2_000):
                    connection.execute(insert(model), rows[start : start + 2_000])
    finally:
        engine.dispose()
    return terminals


def _address(shop_number: int) -> str:
    return f"10.{shop_number >> 16 & 255}.{shop_number >> 8 & 255}.{shop_number & 255}"


def _headers(terminal: LoadTerminal) -> dict[str, str]:
    return {"Authorization": f"Terminal {terminal.secret}", "X-Forwarded-For": terminal.address}


def _pull(terminal: LoadTerminal) -> Call:
    def moved(_status: int, body: Any) -> None:
        terminal.cursor = int(body["cursor"])

    return Call(
        "pull",
        "GET",
        f"/api/terminal/sync/pull?after={terminal.cursor}",
        _headers(terminal),
        on_answer=moved,
    )


def _push(terminal: LoadTerminal) -> Call:
    """One customer saved at the counter: a small, valid batch (what most pushes are)."""
    now = datetime.now(UTC)
    customer = {
        "shop_id": terminal.shop_id,
        "id": new_id(),
        "name": "Walk-in Customer",
        "phone": f"98{random.randrange(10**8):08d}",
        "hlc": f"{int(now.timestamp() * 1000):013d}-00000-{terminal.terminal_id.hex}",
        "origin_terminal_id": terminal.terminal_id,
        "created_at": now,
        "updated_at": now,
    }
    row = encode_row(Customer.__table__, customer)  # type: ignore[arg-type]
    seq, terminal.next_seq = terminal.next_seq, terminal.next_seq + 1
    body = {
        "protocol_version": PROTOCOL_VERSION,
        "app_version": "0.1.0",
        "terminal_id": str(terminal.terminal_id),
        "pending": 0,
        "records": [
            {
                "seq": seq,
                "mutation_id": str(new_id()),
                "entity": "customer",
                "entity_id": row["id"],
                "op": "insert",
                "row": row,
            }
        ],
    }
    return Call(
        "push",
        "POST",
        "/api/terminal/sync/push",
        _headers(terminal),
        json.dumps(body).encode(),
    )


def _warm_up(terminals: list[LoadTerminal]) -> list[tuple[float, Callable[[], Call]]]:
    """One pull per shop before the clock starts, as a hub that has run a while has had.

    It leaves what a running hub holds warm: each shop's signed licence in the cache (kept 15
    minutes, so in steady state 5 000 shops cost ~6 signatures a second, not one per shop in
    the first seconds), the database's pages and the connection pool.
    """
    first = {terminal.shop_id: terminal for terminal in reversed(terminals)}
    return [
        (index / WARM_UP_RATE, functools.partial(_pull, terminal))
        for index, terminal in enumerate(first.values())
    ]


def _schedule(terminals: list[LoadTerminal]) -> list[tuple[float, Callable[[], Call]]]:
    rng = random.Random(30)
    order = terminals[:]
    rng.shuffle(order)
    pull_gap = PULL_EVERY_S / len(order)
    plan: list[tuple[float, Callable[[], Call]]] = []
    for index in range(int(RUN_S / pull_gap)):
        terminal = order[index % len(order)]
        plan.append((index * pull_gap, functools.partial(_pull, terminal)))
    push_gap = PUSH_EVERY_S / SHOPS
    pushers = rng.sample(terminals, int(RUN_S / push_gap))
    for index, terminal in enumerate(pushers):
        plan.append((index * push_gap + push_gap / 2, functools.partial(_push, terminal)))
    plan.sort(key=lambda item: item[0])
    return plan


@pytest.fixture
def loaded_hub(
    tmp_path: Path, mariadb_url: str, redis_url: str, s3_endpoint_url: str, s3_bucket: str
) -> Iterator[tuple[LiveHub, list[LoadTerminal]]]:
    base = production_settings(tmp_path / "hub", mariadb_url, redis_url, s3_endpoint_url, s3_bucket)
    settings = HubSettings(
        database=DatabaseSettings(url=async_url(mariadb_url), pool_size=20),
        cache=base.cache,
        storage=base.storage,
        auth=base.auth,
        environment=base.environment,
        data_dir=base.data_dir,
    )
    # The web tier as deployed: exports and PDF archiving run in `boolagold hub worker`.
    live = start_live_hub(settings, tmp_path / "hub.log", {"BACKGROUND": "off"})
    try:
        yield live, _seed(mariadb_url)
    finally:
        live.process.stop()


def _line(tally: Tally, kind: str) -> str:
    done = len(tally.latencies.get(kind, []))
    held = done / (tally.finished - tally.started)
    return (
        f"{kind}: {done:,} in {tally.finished - tally.started:.1f} s = {held:,.0f}/s held, "
        f"p50 {tally.percentile(kind, 0.5) * 1000:.1f} ms, "
        f"p99 {tally.percentile(kind, 0.99) * 1000:.1f} ms, answers {tally.statuses.get(kind)}"
    )


def test_five_thousand_shops_of_sync_traffic_on_one_worker(
    loaded_hub: tuple[LiveHub, list[LoadTerminal]], capsys: pytest.CaptureFixture[str]
) -> None:
    live, terminals = loaded_hub
    address = urlsplit(live.url)
    host, port = address.hostname or "", address.port or 80
    warm_up = asyncio.run(run_open_loop(host, port, _warm_up(terminals)))
    schedule = _schedule(terminals)
    tally = asyncio.run(run_open_loop(host, port, schedule))
    with capsys.disabled():
        print(
            f"\n[bench load] {SHOPS:,} shops x {TERMINALS_PER_SHOP} terminals, one hub worker "
            f"on MariaDB + Redis; offered {len(schedule) / RUN_S:,.0f} req/s for {RUN_S:.0f} s"
        )
        print(f"[bench load] warm-up (not measured): {_line(warm_up, 'pull')}")
        for kind in ("pull", "push"):
            print(f"[bench load] {_line(tally, kind)}")
        print("[bench load] aim: 500 pulls/s held with p99 under 100 ms")
    for kind in ("pull", "push"):
        assert tally.statuses.get(kind) == {200: len(tally.latencies[kind])}, kind
