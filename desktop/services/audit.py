"""The tamper-evident audit trail: one hash chain per terminal, append-only.

Each event's hash is SHA-256 over the canonical JSON of the event, including the previous
event's hash, so editing or deleting any event breaks every link after it. `verify` walks each
chain in order and names the first broken link: a missing number, a `prev_hash` that does not
match, or a hash that does not match the event's own content.

Canonical JSON: keys sorted, no spaces, UTF-8, ids as text, the instant as ISO 8601 UTC with
microseconds; the same bytes on any machine, so the hub can re-verify a pushed chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.services.clock import shop_day_bounds
from shared.ids import new_id
from shared.tables import AuditEvent

if TYPE_CHECKING:
    from desktop.services.context import CounterContext


def canonical_json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def event_hash(event: AuditEvent) -> str:
    """The hash the event must carry: over every field that says what happened, and prev_hash."""
    body = {
        "id": str(event.id),
        "shop_id": str(event.shop_id),
        "chain_id": str(event.chain_id),
        "seq": event.seq,
        "terminal_id": _text(event.terminal_id),
        "actor_user_id": _text(event.actor_user_id),
        "actor_label": event.actor_label,
        "action": event.action,
        "entity": event.entity,
        "entity_id": _text(event.entity_id),
        "before": event.before_json,
        "after": event.after_json,
        "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def append_event(
    session: Session,
    *,
    shop_id: uuid.UUID,
    chain_id: uuid.UUID,
    terminal_id: uuid.UUID | None,
    actor_user_id: uuid.UUID | None,
    actor_label: str,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    at: dt.datetime,
) -> AuditEvent:
    """Add the next event of the chain to the session (caller holds the write transaction)."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.shop_id == shop_id, AuditEvent.chain_id == chain_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (1, None) if last is None else (last.seq + 1, last.hash)
    event = AuditEvent(
        id=new_id(),
        shop_id=shop_id,
        chain_id=chain_id,
        seq=seq,
        terminal_id=terminal_id,
        origin_terminal_id=terminal_id,
        actor_user_id=actor_user_id,
        actor_label=actor_label[:100],
        action=action,
        entity=entity,
        entity_id=entity_id,
        before_json=None if before is None else canonical_json(before),
        after_json=None if after is None else canonical_json(after),
        at=at,
        created_at=at,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event)
    session.add(event)
    return event


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """Where a chain first fails, and why, in words for the owner."""

    chain_id: uuid.UUID
    seq: int
    problem: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    ok: bool
    events: int
    chains: int
    broken: BrokenLink | None

    def describe(self) -> str:
        if self.broken is None:
            return f"audit trail intact: {self.events} events in {self.chains} chain(s)"
        link = self.broken
        return f"audit trail BROKEN at chain {link.chain_id} event {link.seq}: {link.problem}"


def verify_chains(session: Session, shop_id: uuid.UUID) -> AuditReport:
    """Walk every chain of the shop in order; stop at the first broken link."""
    chain_ids = list(
        session.scalars(select(AuditEvent.chain_id).where(AuditEvent.shop_id == shop_id).distinct())
    )
    total = 0
    for chain_id in sorted(chain_ids):
        expected_seq, prev_hash = 1, None
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.shop_id == shop_id, AuditEvent.chain_id == chain_id)
            .order_by(AuditEvent.seq)
            .execution_options(yield_per=1000)
        )
        for event in rows:
            total += 1
            problem = _problem(event, expected_seq, prev_hash)
            if problem is not None:
                return AuditReport(
                    False, total, len(chain_ids), BrokenLink(chain_id, event.seq, problem)
                )
            expected_seq, prev_hash = event.seq + 1, event.hash
    return AuditReport(True, total, len(chain_ids), None)


def _problem(event: AuditEvent, expected_seq: int, prev_hash: str | None) -> str | None:
    if event.seq != expected_seq:
        return (
            f"event {expected_seq} is missing (the next one found is {event.seq}): "
            "an event was deleted"
        )
    if event.prev_hash != prev_hash:
        return (
            f"prev_hash {event.prev_hash} does not match the hash of event {expected_seq - 1} "
            f"({prev_hash}): an earlier event was changed or removed"
        )
    actual = event_hash(event)
    if event.hash != actual:
        return (
            f"the stored hash {event.hash} does not match the event's content ({actual}): "
            f"this event ({event.action} on {event.entity}) was edited"
        )
    return None


def last_hash(session: Session, shop_id: uuid.UUID, day: dt.date | None = None) -> str | None:
    """The newest event's hash (of the given shop date, if any): printed on the day book."""
    query = select(AuditEvent.hash).where(AuditEvent.shop_id == shop_id)
    if day is not None:
        start, end = shop_day_bounds(day)
        query = query.where(AuditEvent.at >= start, AuditEvent.at < end)
    return session.scalars(
        query.order_by(AuditEvent.at.desc(), AuditEvent.seq.desc()).limit(1)
    ).first()


def count_events(session: Session, shop_id: uuid.UUID) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.shop_id == shop_id)
        )
        or 0
    )


def verify(ctx: CounterContext) -> AuditReport:
    """Check the whole trail of this counter's shop (`boolagold counter audit verify`)."""
    with ctx.session() as session:
        return verify_chains(session, ctx.shop_id)


def day_last_hash(ctx: CounterContext, day: dt.date | None = None) -> str | None:
    with ctx.session() as session:
        return last_hash(session, ctx.shop_id, day)
