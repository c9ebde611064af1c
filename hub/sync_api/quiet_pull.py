"""The pull that finds nothing new, answered from one indexed query and no write.

Most pulls are a counter asking "anything new?" every 30 seconds; at 5 000 shops that is 500 a
second, so one round trip both authenticates the terminal (its credential, terminal and shop,
decided by `hub.security.device.admit` exactly as every other terminal request is) and decides
"nothing new" from the shop's feed counter, the terminal's own sync row and the entry at the
counter's cursor (its tag proves the feed did not change under the counter). Anything else (new
changes, a diverged feed, a terminal whose position or last contact must be written) goes the
full way through `sync.server.feed.read`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import BigInteger, Select, and_, bindparam, func, select

from hub.core.resources import HubResources
from hub.security.device import CREDENTIAL_COLUMNS, admit, credential_joins, known, touch
from hub.security.principal import TerminalPrincipal
from hub.storage.hub_tables import TerminalCredential
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
    after = bindparam("after", type_=BigInteger())
    shop = TerminalCredential.shop_id
    open_conflicts = (
        select(func.count())
        .select_from(SyncConflict)
        .where(SyncConflict.shop_id == shop, SyncConflict.resolved_at.is_(None))
        .scalar_subquery()
    )
    anchor = ChangeFeedEntry.__table__.alias("anchor")
    return (
        credential_joins()
        .add_columns(
            ShopFeedCounter.next_seq,
            TerminalSyncState.high_water_seq,
            TerminalSyncState.pulled_seq,
            TerminalSyncState.last_pull_at,
            open_conflicts,
            anchor.c.entity,
            anchor.c.entity_id,
            anchor.c.payload,
        )
        .outerjoin(ShopFeedCounter, ShopFeedCounter.shop_id == shop)
        .outerjoin(
            TerminalSyncState,
            and_(
                TerminalSyncState.shop_id == shop,
                TerminalSyncState.terminal_id == TerminalCredential.terminal_id,
            ),
        )
        .outerjoin(anchor, and_(anchor.c.shop_id == shop, anchor.c.seq == after))
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


async def authenticate_and_read(
    resources: HubResources, hashed: str, *, after: int, after_tag: str | None, now: datetime
) -> tuple[TerminalPrincipal, QuietAnswer | None]:
    """The terminal behind the secret's hash (or the refusal), and the answer when nothing is
    new and nothing must be written (None: take the full path)."""
    database = resources.database
    row = known(await database.read_row(_QUIET_READ, {"hashed": hashed, "after": after}))
    principal, last_seen_at = admit(row)
    await touch(database, hashed, last_seen_at)
    next_seq, high_water, pulled, last_pull_at, conflicts, entity, entity_id, payload = row[
        len(CREDENTIAL_COLUMNS) :
    ]
    if next_seq is None or next_seq - 1 != after or pulled != after:
        return principal, None
    if last_pull_at is None or now - last_pull_at > CONTACT_EVERY:
        return principal, None
    if (
        after > 0
        and after_tag is not None
        and (entity is None or feed.tag_of(after, entity, entity_id, payload) != after_tag)
    ):
        return principal, None  # the full path answers "diverged"
    return principal, QuietAnswer(after, after_tag, int(high_water or 0), int(conflicts or 0))
