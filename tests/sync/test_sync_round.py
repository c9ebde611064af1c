"""A sync round between counters and the hub's apply code: push, pull, merge, hub restore."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.local_tables import LocalBase, OutboxRecord, Setting
from shared.ids import new_id
from shared.tables import Base, Customer, StockPiece
from sync.capture import ChangeCapture
from sync.client import CounterTables, pull_all, push_pending
from sync.hlc import HybridLogicalClock
from sync.server.tables import SyncBase
from tests.harness.databases import create_test_engine
from tests.sync.loopback import Loopback

SHOP = new_id()
TABLES = CounterTables(outbox=OutboxRecord.__table__, settings=Setting.__table__)  # type: ignore[arg-type]


def now() -> datetime:
    return datetime.now(UTC)


class Counter:
    def __init__(self, folder: Path, hub: Engine) -> None:
        self.id = new_id()
        self.engine = create_test_engine(f"sqlite:///{folder}/counter-{self.id.hex[-12:]}.db")
        Base.metadata.create_all(self.engine)
        LocalBase.metadata.create_all(self.engine)
        self.sessions: Callable[[], Session] = sessionmaker(self.engine)
        self.clock = HybridLogicalClock(self.id)
        self.capture = ChangeCapture(OutboxRecord.__table__, self.clock)  # type: ignore[arg-type]
        self.link = Loopback(hub, SHOP, self.id)

    def write(self, *rows: Base) -> None:
        with self.sessions() as session, session.begin():
            merged = []
            for row in rows:
                self.capture.stamp(row)
                merged.append(session.merge(row))
            self.capture.record(session, merged, now())

    def sync(self) -> None:
        push_pending(
            self.sessions, TABLES, self.link, terminal_id=self.id, app_version="0.1.0", now=now
        )
        pull_all(self.sessions, TABLES, self.link, clock=self.clock)

    def count(self, model: type[Base]) -> int:
        with self.sessions() as session:
            return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def customer(name: str, customer_id: uuid.UUID | None = None) -> Customer:
    return Customer(shop_id=SHOP, id=customer_id or new_id(), name=name, phone="9845012345")


def hub_engine(path: Path) -> Engine:
    engine = create_test_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    SyncBase.metadata.create_all(engine)
    return engine


def test_changes_flow_from_one_counter_to_the_other(tmp_path: Path) -> None:
    hub = hub_engine(tmp_path / "hub.db")
    a, b = Counter(tmp_path, hub), Counter(tmp_path, hub)
    a.write(customer("Lakshmi"), customer("Meera"))
    a.sync()
    b.sync()
    assert b.count(Customer) == 2
    with a.sessions() as session:
        assert (
            session.execute(
                select(func.count())
                .select_from(OutboxRecord)
                .where(OutboxRecord.acked_at.is_(None))
            ).scalar_one()
            == 0
        )


def test_the_later_edit_of_a_customer_wins_everywhere(tmp_path: Path) -> None:
    hub = hub_engine(tmp_path / "hub.db")
    a, b = Counter(tmp_path, hub), Counter(tmp_path, hub)
    shared_id = new_id()
    a.write(customer("Lakshmi", shared_id))
    a.sync()
    b.sync()
    b.write(customer("Lakshmi R.", shared_id))
    a.write(customer("Lakshmi Rao", shared_id))  # the later edit, on the other counter
    for _ in range(2):
        a.sync()
        b.sync()
    with a.sessions() as sa, b.sessions() as sb:
        name_a = sa.get(Customer, (SHOP, shared_id)).name  # type: ignore[union-attr]
        name_b = sb.get(Customer, (SHOP, shared_id)).name  # type: ignore[union-attr]
    assert name_a == name_b == "Lakshmi Rao"


def test_a_hub_restored_from_an_older_backup_gets_the_lost_records_again(tmp_path: Path) -> None:
    hub_path = tmp_path / "hub.db"
    hub = hub_engine(hub_path)
    a, b = Counter(tmp_path, hub), Counter(tmp_path, hub)
    a.write(customer("Before backup"))
    a.sync()
    hub.dispose()
    shutil.copy(hub_path, tmp_path / "backup.db")
    hub = create_test_engine(f"sqlite:///{hub_path}")
    a.link.hub = b.link.hub = hub
    a.write(customer("After backup 1"), customer("After backup 2"))
    a.sync()
    b.sync()  # b's cursor now points past anything the backup holds
    assert b.count(Customer) == 3

    hub.dispose()
    shutil.copy(tmp_path / "backup.db", hub_path)  # the hub is restored: it lost two records
    restored = create_test_engine(f"sqlite:///{hub_path}")
    a.link.hub = b.link.hub = restored
    b.write(customer("Written on b after the restore"))
    b.sync()  # takes a feed number b's old cursor had already passed
    for _ in range(2):
        a.sync()  # the pull tells a the hub's mark; the next push re-sends
        b.sync()
    with Session(restored) as session:
        assert session.execute(select(func.count()).select_from(Customer)).scalar_one() == 4
    assert a.count(Customer) == 4
    assert b.count(Customer) == 4
    assert a.count(StockPiece) == 0
