"""The per-shop change feed: what every counter of a shop pulls, in commit order.

The sequence comes from a per-shop counter row locked inside the writing transaction, never from
an auto-increment id or a clock: with AUTO_INCREMENT a transaction holding number 7 can commit
after one holding number 8 was already read, and a cursor at 8 would skip 7 for ever.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.tables.vocabulary import ChangeOp
from shared.wire import JsonRow
from sync.server.tables import ChangeFeedEntry, ShopFeedCounter

PULL_PAGE_LIMIT = 500


@dataclass(frozen=True, slots=True)
class FeedChange:
    """One change as it goes down to a counter."""

    seq: int
    entity: str
    entity_id: uuid.UUID
    op: ChangeOp
    row: JsonRow
    origin_terminal_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class FeedPage:
    """A page of the feed after a cursor; `cursor` is where the next pull starts."""

    changes: tuple[FeedChange, ...]
    cursor: int
    more: bool


def ensure_feed(session: Session, shop_id: uuid.UUID) -> None:
    """Create the shop's counter row (when the shop is created), so appends only ever lock it."""
    if session.get(ShopFeedCounter, shop_id) is None:
        session.add(ShopFeedCounter(shop_id=shop_id, next_seq=1))
        session.flush()


def append(
    session: Session,
    shop_id: uuid.UUID,
    changes: Sequence[tuple[str, uuid.UUID, ChangeOp, JsonRow]],
    *,
    mutation_id: uuid.UUID | None = None,
    origin_terminal_id: uuid.UUID | None = None,
) -> int:
    """Add `changes` to the shop's feed inside the caller's transaction; returns the last seq."""
    counter = session.execute(
        select(ShopFeedCounter).where(ShopFeedCounter.shop_id == shop_id).with_for_update()
    ).scalar_one_or_none()
    if counter is None:
        ensure_feed(session, shop_id)
        counter = session.execute(
            select(ShopFeedCounter).where(ShopFeedCounter.shop_id == shop_id).with_for_update()
        ).scalar_one()
    seq = counter.next_seq
    for entity, entity_id, op, row in changes:
        session.add(
            ChangeFeedEntry(
                shop_id=shop_id,
                seq=seq,
                entity=entity,
                entity_id=entity_id,
                op=op.value,
                payload=json.dumps(row, separators=(",", ":"), ensure_ascii=False),
                mutation_id=mutation_id,
                origin_terminal_id=origin_terminal_id,
            )
        )
        seq += 1
    counter.next_seq = seq
    session.flush()
    return seq - 1


def read(
    session: Session,
    shop_id: uuid.UUID,
    after: int,
    *,
    limit: int = PULL_PAGE_LIMIT,
    skip_origin: uuid.UUID | None = None,
) -> FeedPage:
    """The changes after `after`, oldest first; a terminal's own changes are skipped (it has
    them) but still move its cursor."""
    limit = max(1, min(limit, PULL_PAGE_LIMIT))
    entries = (
        session.execute(
            select(ChangeFeedEntry)
            .where(ChangeFeedEntry.shop_id == shop_id, ChangeFeedEntry.seq > after)
            .order_by(ChangeFeedEntry.seq)
            .limit(limit + 1)
        )
        .scalars()
        .all()
    )
    more = len(entries) > limit
    entries = entries[:limit]
    changes = tuple(
        FeedChange(
            seq=entry.seq,
            entity=entry.entity,
            entity_id=entry.entity_id,
            op=ChangeOp(entry.op),
            row=json.loads(entry.payload),
            origin_terminal_id=entry.origin_terminal_id,
        )
        for entry in entries
        if skip_origin is None or entry.origin_terminal_id != skip_origin
    )
    cursor = entries[-1].seq if entries else after
    return FeedPage(changes=changes, cursor=cursor, more=more)


__all__ = ["PULL_PAGE_LIMIT", "FeedChange", "FeedPage", "append", "ensure_feed", "read"]
