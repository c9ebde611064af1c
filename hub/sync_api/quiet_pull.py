"""The pull that finds nothing new, answered from one indexed query and no write.

Most pulls are a counter asking "anything new?" every 30 seconds; at 5 000 shops that is 500 a
second, so this path decides "nothing new" from the shop's feed counter, the terminal's own
sync row and the entry at the counter's cursor (its tag proves the feed did not change under
the counter) in one round trip. Anything else (new changes, a diverged feed, a terminal whose
position or last contact must be written) goes the full way through `sync.server.feed.read`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import BigInteger, Select, Uuid, and_, bindparam, func, select

from hub.core.resources import HubResources
from sync.server import feed
from sync.server.tables import (
    ChangeFeedEntry,
    ShopFeedCounter,
    SyncConflict,
    TerminalSyncState,
)

CONTACT_EVERY: Final = timedelta(minutes=5)
"""How stale the terminal's "last pull" may be before a pull writes it again."""


def _quiet_read() -> Select[Any]:
    """Built once with bound parameters, so each pull reuses the compiled statement."""
    shop = bindparam("shop", type_=Uuid())
    terminal = bindparam("terminal", type_=Uuid())
    after = bindparam("after", type_=BigInteger())
    open_conflicts = (
        select(func.count())
        .select_from(SyncConflict)
        .where(SyncConflict.shop_id == shop, SyncConflict.resolved_at.is_(None))
        .scalar_subquery()
    )
    anchor = ChangeFeedEntry.__table__.alias("anchor")
    return (
        select(
            ShopFeedCounter.next_seq,
            TerminalSyncState.high_water_seq,
            TerminalSyncState.pulled_seq,
            TerminalSyncState.last_pull_at,
            open_conflicts,
            anchor.c.entity,
            anchor.c.entity_id,
            anchor.c.payload,
        )
        .select_from(ShopFeedCounter)
        .outerjoin(
            TerminalSyncState,
            and_(
                TerminalSyncState.shop_id == ShopFeedCounter.shop_id,
                TerminalSyncState.terminal_id == terminal,
            ),
        )
        .outerjoin(anchor, and_(anchor.c.shop_id == ShopFeedCounter.shop_id, anchor.c.seq == after))
        .where(ShopFeedCounter.shop_id == shop)
    )


_QUIET_READ: Final = _quiet_read()


class QuietAnswer:
    """What an empty pull says (the controller adds the licence and the hub's time)."""

    __slots__ = ("cursor", "cursor_tag", "high_water_seq", "open_conflicts")

    def __init__(
        self, cursor: int, cursor_tag: str | None, high_water_seq: int, open_conflicts: int
    ) -> None:
        self.cursor = cursor
        self.cursor_tag = cursor_tag
        self.high_water_seq = high_water_seq
        self.open_conflicts = open_conflicts


async def quiet_pull(
    resources: HubResources,
    shop_id: uuid.UUID,
    terminal_id: uuid.UUID,
    *,
    after: int,
    after_tag: str | None,
    now: datetime,
) -> QuietAnswer | None:
    """The answer when nothing is new and nothing must be written; None to take the full path."""
    async with resources.database.writer.connect() as connection:
        row = (
            await connection.execute(
                _QUIET_READ, {"shop": shop_id, "terminal": terminal_id, "after": after}
            )
        ).first()
    if row is None:
        return None
    next_seq, high_water, pulled, last_pull_at, conflicts, entity, entity_id, payload = row
    if next_seq - 1 != after or pulled != after:
        return None
    if last_pull_at is None or now - last_pull_at > CONTACT_EVERY:
        return None
    if (
        after > 0
        and after_tag is not None
        and (entity is None or feed.tag_of(after, entity, entity_id, payload) != after_tag)
    ):
        return None  # the full path answers "diverged"
    return QuietAnswer(after, after_tag, int(high_water or 0), int(conflicts or 0))
