"""Random interleavings of edits, syncs and failures across two counters and the hub.

Whatever happens in between (a push that never reaches the hub, a response lost after the hub
committed, syncs in any order), once the network is healthy and both counters have synced
twice, the hub and both counters hold the same rows, and every record was applied exactly once.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.storage.local_tables import OutboxRecord
from shared.ids import new_id
from shared.tables import Customer, StockPiece
from sync.client import pull_all, push_pending
from sync.server.tables import PushReceipt, TerminalSyncState
from tests.sync.test_sync_round import SHOP, TABLES, Counter, hub_engine, now


class Flaky:
    """Wraps a counter's link: the next call may fail before or after reaching the hub."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.fault: str | None = None

    def push(self, body: Mapping[str, Any]) -> Mapping[str, Any]:
        fault, self.fault = self.fault, None
        if fault == "unreachable":
            raise ConnectionError("hub unreachable")
        answer = self.inner.push(body)
        if fault == "lost_response":
            raise ConnectionError("response lost after the hub committed")
        return answer  # type: ignore[no-any-return]

    def pull(self, after: int, limit: int, after_tag: str | None) -> Mapping[str, Any]:
        return self.inner.pull(after, limit, after_tag)  # type: ignore[no-any-return]


class TwoCounters(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="boolagold-stateful-"))
        self.hub = hub_engine(self.folder / "hub.db")
        self.counters = [Counter(self.folder, self.hub), Counter(self.folder, self.hub)]
        self.links = [Flaky(counter.link) for counter in self.counters]
        self.customers: list[uuid.UUID] = []
        self.pieces: list[uuid.UUID] = []
        self.tags = 0

    def teardown(self) -> None:
        if hasattr(self, "hub"):
            self.heal_and_check()  # every run ends healed and compared, whatever came before
            for counter in self.counters:
                counter.engine.dispose()
            self.hub.dispose()

    @rule(which=st.integers(0, 1), name=st.sampled_from(["Lakshmi", "Meera", "Anand", "Zoya"]))
    def add_customer(self, which: int, name: str) -> None:
        customer_id = new_id()
        self.counters[which].write(Customer(shop_id=SHOP, id=customer_id, name=name))
        self.customers.append(customer_id)

    @rule(which=st.integers(0, 1), pick=st.integers(0, 50), name=st.text("abcdef ", max_size=12))
    def edit_customer(self, which: int, pick: int, name: str) -> None:
        counter = self.counters[which]
        known = [c for c in self.customers if self._has(counter, Customer, c)]
        if known:
            customer_id = known[pick % len(known)]
            counter.write(Customer(shop_id=SHOP, id=customer_id, name=f"Edited {name}"))

    @rule(which=st.integers(0, 1))
    def tag_piece(self, which: int) -> None:
        self.tags += 1
        piece_id = new_id()
        self.counters[which].write(
            StockPiece(
                shop_id=SHOP,
                id=piece_id,
                tag_code=f"T{self.tags:05d}",
                description="22K ring",
                metal="gold",
                purity_fineness=916,
                gross_mg=5000,
                net_mg=5000,
                making_mode="per_gram",
                hsn="711319",
                gst_rate_bp=300,
            )
        )
        self.pieces.append(piece_id)

    @rule(
        which=st.integers(0, 1),
        pick=st.integers(0, 50),
        status=st.sampled_from(["in_stock", "reserved", "sold"]),
    )
    def change_piece(self, which: int, pick: int, status: str) -> None:
        counter = self.counters[which]
        known = [p for p in self.pieces if self._has(counter, StockPiece, p)]
        if not known:
            return
        with counter.sessions() as session, session.begin():
            piece = session.get(StockPiece, (SHOP, known[pick % len(known)]))
            assert piece is not None
            piece.status = status
            counter.capture.stamp(piece)
            counter.capture.record(session, [piece], now())

    @rule(
        which=st.integers(0, 1), fault=st.sampled_from([None, None, "unreachable", "lost_response"])
    )
    def sync(self, which: int, fault: str | None) -> None:
        counter, link = self.counters[which], self.links[which]
        link.fault = fault
        try:
            push_pending(
                counter.sessions, TABLES, link, terminal_id=counter.id, app_version="0.1.0", now=now
            )
            pull_all(counter.sessions, TABLES, link, clock=counter.clock)
        except ConnectionError:
            pass

    @invariant()
    def hub_never_holds_more_receipts_than_records_written(self) -> None:
        if not hasattr(self, "hub"):
            return
        with Session(self.hub) as session:
            receipts = session.scalar(select(func.count()).select_from(PushReceipt)) or 0
        written = sum(self._count(c, OutboxRecord) for c in self.counters)
        assert receipts <= written

    def _has(self, counter: Counter, model: type[Any], row_id: uuid.UUID) -> bool:
        with counter.sessions() as session:
            return session.get(model, (SHOP, row_id)) is not None

    def _count(self, counter: Counter, model: type[Any]) -> int:
        with counter.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

    @rule()
    def heal_and_check(self) -> None:
        for _ in range(2):
            for counter, link in zip(self.counters, self.links, strict=True):
                link.fault = None
                push_pending(
                    counter.sessions,
                    TABLES,
                    link,
                    terminal_id=counter.id,
                    app_version="0.1.0",
                    now=now,
                )
                pull_all(counter.sessions, TABLES, link, clock=counter.clock)
        with Session(self.hub) as session:
            hub_customers = {c.id: c.name for c in session.scalars(select(Customer))}
            hub_pieces = {p.id: (p.status, p.hlc) for p in session.scalars(select(StockPiece))}
            receipts = session.scalar(select(func.count()).select_from(PushReceipt))
        for counter in self.counters:
            with counter.sessions() as session:
                assert {c.id: c.name for c in session.scalars(select(Customer))} == hub_customers
                assert {
                    p.id: (p.status, p.hlc) for p in session.scalars(select(StockPiece))
                } == hub_pieces
                unacked = session.scalar(
                    select(func.count())
                    .select_from(OutboxRecord)
                    .where(OutboxRecord.acked_at.is_(None))
                )
                assert unacked == 0
        assert receipts == 0  # receipts are kept only for answers other than "applied"
        with Session(self.hub) as session:
            marks = {
                s.terminal_id: s.high_water_seq for s in session.scalars(select(TerminalSyncState))
            }
        for counter in self.counters:
            written = self._count(counter, OutboxRecord)
            assert marks.get(counter.id, 0) == written  # every record applied, none twice
        assert set(hub_customers) == set(self.customers)
        assert set(hub_pieces) == set(self.pieces)


TwoCounters.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_two_counters_converge = TwoCounters.TestCase
