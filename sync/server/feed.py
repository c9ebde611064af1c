"""The per-shop change feed: what every counter of a shop pulls, in commit order.

The sequence comes from a per-shop counter row locked inside the writing transaction, never from
an auto-increment id or a clock: with AUTO_INCREMENT a transaction holding number 7 can commit
after one holding number 8 was already read, and a cursor at 8 would skip 7 for ever.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from shared.tables.types import utc_now
from shared.tables.vocabulary import ChangeOp
from shared.wire import JsonRow, encode_row, of_shop, replicated_table
from sync.server.tables import ChangeFeedEntry, ShopFeedCounter

_FEED_TABLE: Table = ChangeFeedEntry.metadata.tables[ChangeFeedEntry.__tablename__]

PULL_PAGE_LIMIT = 500

BY_REFERENCE: Final = ""
"""The payload of an entry that names its one row (`entity_id`) instead of carrying it: the
pull reads the row from its own table, so a push does not store every document twice."""


def references(ids: Sequence[uuid.UUID]) -> str:
    """The payload of an entry naming several rows of its table (a JSON array of their ids,
    where a carried row is a JSON object). A push writes one such entry per table and
    operation, not one per record: a week offline is 40 000 records, and the pull reads each
    row from its table as it stands. That is right for issued documents, which never change,
    and for master data too, whose current row is what last-writer-wins would make of every
    state before it."""
    return json.dumps([str(i) for i in ids], separators=(",", ":"))


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
    """A page of the feed after a cursor; `cursor` is where the next pull starts and
    `cursor_tag` names the change at it, so the next pull can prove it continues this feed."""

    changes: tuple[FeedChange, ...]
    cursor: int
    more: bool
    cursor_tag: str | None = None
    diverged: bool = False
    """The counter's cursor names a change this feed does not have (the hub was restored
    from an older backup): it must pull again from the start."""


def entry_tag(entry: ChangeFeedEntry) -> str:
    """A short fingerprint of one feed entry: the same seq after a restore is another entry."""
    return tag_of(entry.seq, entry.entity, entry.entity_id, entry.payload)


def tag_of(seq: int, entity: str, entity_id: uuid.UUID, payload: str) -> str:
    """`entry_tag` from the entry's columns (for readers that select columns, not entries)."""
    text = f"{seq}|{entity}|{entity_id}|{payload}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def ensure_feed(session: Session, shop_id: uuid.UUID) -> None:
    """Create the shop's counter row (when the shop is created), so appends only ever lock it."""
    if session.get(ShopFeedCounter, shop_id) is None:
        session.add(ShopFeedCounter(shop_id=shop_id, next_seq=1))
        session.flush()


def append(
    session: Session,
    shop_id: uuid.UUID,
    changes: Sequence[tuple[str, uuid.UUID, ChangeOp, JsonRow | str]],
    *,
    mutation_id: uuid.UUID | None = None,
    origin_terminal_id: uuid.UUID | None = None,
    bulk: bool = False,
) -> int:
    """Add `changes` to the shop's feed inside the caller's transaction; returns the last seq.

    A change's row is its JSON values, or already its payload text (`BY_REFERENCE`,
    `references`). Every change carries `mutation_id` (a push's entries name many records and
    carry none). `bulk` writes with one Core executemany instead of ORM objects, for a push on a
    platform session (the hub's tenant sessions check each flushed object's shop, so they
    append without it).
    """
    counter = session.execute(
        select(ShopFeedCounter).where(ShopFeedCounter.shop_id == shop_id).with_for_update()
    ).scalar_one_or_none()
    if counter is None:
        ensure_feed(session, shop_id)
        counter = session.execute(
            select(ShopFeedCounter).where(ShopFeedCounter.shop_id == shop_id).with_for_update()
        ).scalar_one()
    first = counter.next_seq
    at = utc_now()
    entries = [
        {
            "shop_id": shop_id,
            "seq": first + index,
            "entity": entity,
            "entity_id": entity_id,
            "op": op.value,
            "payload": row
            if isinstance(row, str)
            else json.dumps(row, separators=(",", ":"), ensure_ascii=False),
            "mutation_id": mutation_id,
            "origin_terminal_id": origin_terminal_id,
            "committed_at": at,
        }
        for index, (entity, entity_id, op, row) in enumerate(changes)
    ]
    if bulk:
        if entries:
            # The table, not the mapped class: the ORM's bulk insert would rebuild every dict
            # through its persistence layer (a quarter of a large push's time) for no gain.
            session.connection().execute(insert(_FEED_TABLE), entries)
    else:
        session.add_all(ChangeFeedEntry(**entry) for entry in entries)
    counter.next_seq = first + len(changes)
    session.flush()
    return counter.next_seq - 1


def read(
    session: Session,
    shop_id: uuid.UUID,
    after: int,
    *,
    limit: int = PULL_PAGE_LIMIT,
    skip_origin: uuid.UUID | None = None,
    after_tag: str | None = None,
) -> FeedPage:
    """The changes after `after`, oldest first; a terminal's own changes are skipped (it has
    them) but still move its cursor. With `after_tag`, the entry at `after` must be the one
    the counter last saw, else the page says the feed diverged."""
    limit = max(1, min(limit, PULL_PAGE_LIMIT))
    if after > 0 and after_tag is not None:
        anchor = session.get(ChangeFeedEntry, (shop_id, after))
        if anchor is None or entry_tag(anchor) != after_tag:
            return FeedPage(changes=(), cursor=0, more=True, diverged=True)
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
    # A page holds whole entries and stops once it has `limit` changes: an entry naming many
    # rows (at most a push batch's 500) is never split, so a cursor always sits on an entry.
    taken: list[tuple[ChangeFeedEntry, tuple[uuid.UUID, ...] | None]] = []
    size = 0
    for entry in entries:
        if size >= limit:
            break
        named = _named(entry)
        taken.append((entry, named))
        size += 1 if named is None else len(named)
    more = len(taken) < len(entries)
    shown = [
        (e, named)
        for e, named in taken
        if skip_origin is None or e.origin_terminal_id != skip_origin
    ]
    referenced = _referenced_rows(session, shop_id, shown)
    changes = tuple(
        FeedChange(
            seq=entry.seq,
            entity=entry.entity,
            entity_id=entity_id,
            op=ChangeOp(entry.op),
            row=referenced[entry.entity, entity_id]
            if named is not None or entry.payload == BY_REFERENCE
            else json.loads(entry.payload),
            origin_terminal_id=entry.origin_terminal_id,
        )
        for entry, named in shown
        for entity_id in (named if named is not None else (entry.entity_id,))
    )
    if taken:
        last = taken[-1][0]
        return FeedPage(changes, last.seq, more, cursor_tag=entry_tag(last))
    return FeedPage(changes=changes, cursor=after, more=more, cursor_tag=after_tag)


def _named(entry: ChangeFeedEntry) -> tuple[uuid.UUID, ...] | None:
    """The rows an entry names by a list (`references`); None for a one-row entry."""
    if not entry.payload.startswith("["):
        return None
    return tuple(uuid.UUID(text) for text in json.loads(entry.payload))


def _referenced_rows(
    session: Session,
    shop_id: uuid.UUID,
    entries: Sequence[tuple[ChangeFeedEntry, tuple[uuid.UUID, ...] | None]],
) -> dict[tuple[str, uuid.UUID], JsonRow]:
    """The rows the entries name by reference, read with one query per table."""
    wanted: dict[str, list[uuid.UUID]] = {}
    for entry, named in entries:
        if named is not None:
            wanted.setdefault(entry.entity, []).extend(named)
        elif entry.payload == BY_REFERENCE:
            wanted.setdefault(entry.entity, []).append(entry.entity_id)
    rows: dict[tuple[str, uuid.UUID], JsonRow] = {}
    for entity, ids in wanted.items():
        table = replicated_table(entity)
        found = session.execute(
            select(table).where(of_shop(table, shop_id), table.c.id.in_(set(ids)))
        ).mappings()
        for row in found:
            rows[entity, row["id"]] = encode_row(table, {str(k): v for k, v in row.items()})
        missing = [i for i in ids if (entity, i) not in rows]
        if missing:
            msg = f"the feed names {entity} {missing[0]}, which this shop does not have"
            raise LookupError(msg)
    return rows


__all__ = [
    "BY_REFERENCE",
    "PULL_PAGE_LIMIT",
    "FeedChange",
    "FeedPage",
    "append",
    "ensure_feed",
    "entry_tag",
    "read",
    "references",
    "tag_of",
]
