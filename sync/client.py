"""The counter's side of a sync round: push the outbox, then pull the shop's feed.

Framework-free: the counter hands in its session factory, its outbox and settings tables and a
transport (HTTP in production, the hub's apply functions in tests). Every step is safe to cut at
any instant: outbox rows are marked only after the hub answered, a re-sent record is answered
from the hub's receipts, and a pulled page is saved with its cursor in one transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.wire import PROTOCOL_VERSION
from shared.wire_schema import SCHEMA_VERSION
from sync.hlc import HybridLogicalClock
from sync.local_apply import IncomingChange, apply_changes

MAX_PUSH_RECORDS: Final = 500
MAX_PUSH_BYTES: Final = 3_000_000


class SyncRefused(Exception):
    """The hub refused us for a reason retrying cannot fix (revoked, too old, bad credential).

    Queued records stay queued: a refusal never deletes data.
    """

    def __init__(self, message: str, *, status: int, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class Transport(Protocol):
    """How a sync round talks to the hub (raises OSError-like errors when unreachable)."""

    def push(self, body: Mapping[str, Any]) -> Mapping[str, Any]: ...

    def pull(self, after: int, limit: int, after_tag: str | None) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class PushReport:
    sent: int
    acknowledged: int
    conflicts: int
    quarantined: int
    pending: int


@dataclass(frozen=True, slots=True)
class PullReport:
    received: int
    written: int
    cursor: int
    open_conflicts: int = 0
    """Unsettled conflicts of the shop (a piece sold twice...), as the hub counts them."""
    licence: str | None = None
    """The shop's signed licence as the hub sent it with the last page (verified by the caller)."""
    server_time: datetime | None = None
    """The hub's clock at the last page, so a counter clock set back cannot extend a licence."""


@dataclass(frozen=True, slots=True)
class CounterTables:
    """The counter's local tables the sync round reads and marks."""

    outbox: Table
    settings: Table


CURSOR_KEY: Final = "sync.pull_cursor"
CURSOR_TAG_KEY: Final = "sync.pull_cursor_tag"


def push_pending(
    sessions: Callable[[], Session],
    tables: CounterTables,
    transport: Transport,
    *,
    terminal_id: uuid.UUID,
    app_version: str,
    now: Callable[[], datetime],
) -> PushReport:
    """Send unacknowledged outbox records in order, batch by batch, until none are left."""
    sent = acknowledged = conflicts = quarantined = 0
    while True:
        with sessions() as session:
            rows = _next_batch(session, tables.outbox)
            pending = _pending(session, tables.outbox)
        if not rows:
            return PushReport(sent, acknowledged, conflicts, quarantined, 0)
        body = {
            "protocol_version": PROTOCOL_VERSION,
            "schema_version": SCHEMA_VERSION,
            "app_version": app_version,
            "terminal_id": str(terminal_id),
            "pending": pending,
            "records": [
                {
                    "seq": row["seq"],
                    "mutation_id": str(row["mutation_id"]),
                    "entity": row["entity"],
                    "entity_id": str(row["entity_id"]),
                    "op": row["op"],
                    "row": json.loads(row["payload"]),
                }
                for row in rows
            ],
        }
        sent += len(rows)
        answer = transport.push(body)
        answers = answer.get("answers", [])
        with sessions() as session, session.begin():
            for item in answers:
                result = str(item["result"])
                conflicts += result == "conflict"
                quarantined += result == "quarantined"
                acknowledged += 1
                session.execute(
                    update(tables.outbox)
                    .where(
                        tables.outbox.c.seq == int(item["seq"]),
                        tables.outbox.c.acked_at.is_(None),
                    )
                    .values(acked_at=now(), ack_result=result, ack_detail=item.get("detail"))
                )
        expected = answer.get("expected_seq")
        # The hub lost records we had marked (restored from an older backup): send again from
        # where it stands; acknowledged records are kept for exactly this.
        if (
            expected is not None
            and int(expected) < int(rows[0]["seq"])
            and not _unmark_from(sessions, tables.outbox, int(expected))
        ):
            raise SyncRefused(
                f"the hub expects record {expected}, which this counter no longer keeps",
                status=409,
                code="gap",
            )


def _next_batch(session: Session, outbox: Table) -> list[Mapping[str, Any]]:
    rows = (
        session.execute(
            select(outbox)
            .where(outbox.c.acked_at.is_(None))
            .order_by(outbox.c.seq)
            .limit(MAX_PUSH_RECORDS)
        )
        .mappings()
        .all()
    )
    batch: list[Mapping[str, Any]] = []
    size = 0
    for row in rows:
        size += len(row["payload"]) + 200
        if batch and size > MAX_PUSH_BYTES:
            break
        batch.append({str(key): value for key, value in row.items()})
    return batch


def _pending(session: Session, outbox: Table) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(outbox).where(outbox.c.acked_at.is_(None))
        ).scalar_one()
    )


def _unmark_from(sessions: Callable[[], Session], outbox: Table, seq: int) -> bool:
    """Queue records from `seq` again; False when `seq` itself was already pruned."""
    with sessions() as session, session.begin():
        kept = session.execute(select(outbox.c.seq).where(outbox.c.seq == seq)).first()
        if kept is None:
            return False
        session.execute(
            update(outbox)
            .where(outbox.c.seq >= seq)
            .values(acked_at=None, ack_result=None, ack_detail=None)
        )
    return True


def pull_all(
    sessions: Callable[[], Session],
    tables: CounterTables,
    transport: Transport,
    *,
    clock: HybridLogicalClock | None = None,
    page_size: int = 500,
) -> PullReport:
    """Pull pages after the saved cursor until the hub says there is no more."""
    received = written = 0
    cursor, tag = (
        read_cursor(sessions, tables.settings),
        read_setting(sessions, tables.settings, CURSOR_TAG_KEY),
    )
    while True:
        page = transport.pull(cursor, page_size, tag)
        _requeue_what_the_hub_lost(sessions, tables.outbox, page.get("high_water_seq"))
        changes = [
            IncomingChange(int(c["seq"]), str(c["entity"]), c["row"]) for c in page["changes"]
        ]
        if page.get("diverged"):
            # The hub was restored from an older backup, so the change at our cursor is gone
            # or is another change now: pull the shop again from the start (re-applying whole
            # rows is harmless, and nothing the hub lost is skipped).
            cursor, tag = 0, None
            continue
        next_cursor = int(page["cursor"])
        if next_cursor < cursor:
            raise InvalidInput("the hub's feed went backwards; refusing to apply it", "cursor")
        next_tag = page.get("cursor_tag")
        with sessions() as session, session.begin():
            applied = apply_changes(session, changes, clock)
            _save_setting(session, tables.settings, CURSOR_KEY, str(next_cursor))
            _save_setting(
                session, tables.settings, CURSOR_TAG_KEY, str(next_tag) if next_tag else None
            )
        received += len(changes)
        written += applied.written
        cursor, tag = next_cursor, str(next_tag) if next_tag else None
        if not page.get("more"):
            conflicts = page.get("open_conflicts", 0)
            licence = page.get("licence")
            return PullReport(
                received,
                written,
                cursor,
                conflicts if isinstance(conflicts, int) else 0,
                licence if isinstance(licence, str) else None,
                _server_time(page.get("server_time")),
            )


def _server_time(value: object) -> datetime | None:
    """The hub's clock, if it sent a readable aware time; anything else is ignored."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


def _requeue_what_the_hub_lost(
    sessions: Callable[[], Session], outbox: Table, high_water: object
) -> None:
    """A hub restored from an older backup knows fewer of our records than we marked sent."""
    if not isinstance(high_water, int):
        return
    with sessions() as session:
        newest_acked = session.execute(
            select(func.max(outbox.c.seq)).where(outbox.c.acked_at.is_not(None))
        ).scalar_one_or_none()
    if newest_acked is not None and newest_acked > high_water:
        _unmark_from(sessions, outbox, high_water + 1)


def read_setting(sessions: Callable[[], Session], settings: Table, key: str) -> str | None:
    with sessions() as session:
        value = session.execute(
            select(settings.c.value).where(settings.c.key == key)
        ).scalar_one_or_none()
    return None if value is None else str(value)


def read_cursor(sessions: Callable[[], Session], settings: Table) -> int:
    value = read_setting(sessions, settings, CURSOR_KEY)
    return int(value) if value is not None else 0


def _save_setting(session: Session, settings: Table, key: str, value: str | None) -> None:
    session.execute(settings.delete().where(settings.c.key == key))
    if value is not None:
        session.execute(settings.insert().values(key=key, value=value))


__all__ = [
    "CURSOR_KEY",
    "CURSOR_TAG_KEY",
    "CounterTables",
    "PullReport",
    "PushReport",
    "SyncRefused",
    "Transport",
    "pull_all",
    "push_pending",
    "read_cursor",
    "read_setting",
]
