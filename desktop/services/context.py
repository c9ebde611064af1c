"""The counter context: one open data folder, with its engine, shop, terminal, clock and HLC.

Everything the window and the CLI do goes through a context. `write()` is the only way to
change business data: it opens an IMMEDIATE transaction and yields a `UnitOfWork` that adds
rows, stamps master data with the hybrid logical clock, appends audit events to this terminal's
chain and, on the way out, writes every touched row to the outbox, all before one COMMIT.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.paths import database_path, default_backup_dir
from desktop.services import settings as settings_store
from desktop.services.actor import Actor
from desktop.services.audit import append_event
from desktop.services.clock import Clock, SystemClock, shop_date
from desktop.services.errors import NotInitialised
from desktop.storage.engine import IMMEDIATE, SchemaState, create_counter_engine, ensure_schema
from desktop.storage.local_tables import OutboxRecord
from shared.tables import AuditEvent, Base
from shared.tables.vocabulary import ChangeOp
from sync.capture import ChangeCapture
from sync.hlc import HlcStamp, HybridLogicalClock

SHOP_KEY = "counter.shop_id"
TERMINAL_KEY = "counter.terminal_id"
HLC_KEY = "counter.hlc_last"


class UnitOfWork:
    """One business write in progress (see `CounterContext.write`)."""

    def __init__(self, ctx: CounterContext, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self.now = ctx.clock.now()
        self._inserted: list[Base] = []
        self._updated: list[Base] = []

    def add(self, row: Base) -> None:
        """A new row: stamped (if master data), inserted, and queued for the outbox.

        Inserted at once, in call order: the tables' composite foreign keys have no ORM
        relationships to let the session sort parents before children, so callers add a parent
        (a piece, an invoice) before the rows that point at it.
        """
        self.ctx.capture.stamp(row)
        self.session.add(row)
        self.session.flush()
        self._inserted.append(row)

    def add_all(self, rows: list[Base]) -> None:
        for row in rows:
            self.add(row)

    def changed(self, row: Base) -> None:
        """An edited row: stamped again and queued, so the hub gets its state after the edit."""
        self.ctx.capture.stamp(row)
        if row not in self._updated and row not in self._inserted:
            self._updated.append(row)

    def audit(
        self,
        actor: Actor | None,
        action: str,
        entity: str,
        entity_id: uuid.UUID | None,
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        actor_label: str | None = None,
    ) -> AuditEvent:
        """Append the next event of this terminal's chain."""
        event = append_event(
            self.session,
            shop_id=self.ctx.shop_id,
            chain_id=self.ctx.terminal_id,
            terminal_id=self.ctx.terminal_id,
            actor_user_id=None if actor is None else actor.user_id,
            actor_label=actor_label or (actor.label if actor else "system"),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            at=self.now,
        )
        # Flushed at once: the next event of the chain reads this one's seq and hash.
        self.session.flush()
        self._inserted.append(event)
        return event

    def finish(self) -> None:
        """Queue the outbox records and save the clock (called by `write()` before COMMIT)."""
        capture = self.ctx.capture
        capture.record(self.session, self._inserted, self.now, ChangeOp.INSERT)
        capture.record(self.session, self._updated, self.now, ChangeOp.UPDATE)
        stamp = capture.clock.now()
        settings_store.set_value(self.session, HLC_KEY, stamp.pack())


class CounterContext:
    """An open counter data folder. Create with `open_counter`; `close()` when done."""

    def __init__(self, data_dir: Path, engine: Engine, clock: Clock, schema: SchemaState) -> None:
        self.data_dir = data_dir
        self.db_path = database_path(data_dir)
        self.engine = engine
        self.clock = clock
        self.schema = schema
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(**IMMEDIATE), expire_on_commit=False)
        self._shop_id: uuid.UUID | None = None
        self._terminal_id: uuid.UUID | None = None
        self._capture: ChangeCapture | None = None
        self.reload_identity()

    def reload_identity(self) -> None:
        """Read which shop and terminal this folder belongs to (after init or restore)."""
        with self.session() as session:
            shop = settings_store.get_value(session, SHOP_KEY)
            terminal = settings_store.get_value(session, TERMINAL_KEY)
            last = settings_store.get_value(session, HLC_KEY)
        self._shop_id = uuid.UUID(shop) if shop else None
        self._terminal_id = uuid.UUID(terminal) if terminal else None
        if self._terminal_id is not None:
            stamp = HlcStamp.unpack(last) if last else None
            wall = lambda: int(self.clock.now().timestamp() * 1000)  # noqa: E731
            self._capture = ChangeCapture(
                OutboxRecord.__table__,  # type: ignore[arg-type]
                HybridLogicalClock(self._terminal_id, wall, stamp),
            )

    @property
    def is_initialised(self) -> bool:
        return self._shop_id is not None and self._terminal_id is not None

    @property
    def shop_id(self) -> uuid.UUID:
        if self._shop_id is None:
            raise NotInitialised
        return self._shop_id

    @property
    def terminal_id(self) -> uuid.UUID:
        if self._terminal_id is None:
            raise NotInitialised
        return self._terminal_id

    @property
    def capture(self) -> ChangeCapture:
        if self._capture is None:
            raise NotInitialised
        return self._capture

    @property
    def backup_dir_default(self) -> Path:
        return default_backup_dir(self.data_dir)

    def today(self) -> dt.date:
        """The shop's date now (Asia/Kolkata)."""
        return shop_date(self.clock.now())

    def session(self) -> Session:
        """A session for reading (use as `with ctx.session() as s:`); never commit through it."""
        return self._reader()

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One business write: everything inside commits together or not at all."""
        self.shop_id  # noqa: B018 - refuse before opening a transaction
        with self._writer() as session, session.begin():
            work = UnitOfWork(self, session)
            yield work
            work.finish()

    def write_sessions(self) -> Session:
        """A session whose transactions take the write lock at BEGIN, outside `write()`: for
        the sync, which writes rows the hub sent and marks outbox records (no audit, no outbox)."""
        return self._writer()

    @contextmanager
    def raw_write(self) -> Iterator[Session]:
        """A write transaction without audit/outbox (first-run identity rows, settings only)."""
        with self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_counter(data_dir: Path, clock: Clock | None = None) -> CounterContext:
    """Open (creating if needed) the counter in `data_dir`, migrating its schema first."""
    data_dir.mkdir(parents=True, exist_ok=True)
    the_clock = clock or SystemClock()
    path = database_path(data_dir)
    engine = create_counter_engine(path)
    stamp = the_clock.now().strftime("%Y%m%d-%H%M%S")
    schema = ensure_schema(engine, path, default_backup_dir(data_dir), stamp)
    return CounterContext(data_dir, engine, the_clock, schema)
