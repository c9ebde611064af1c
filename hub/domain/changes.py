"""Every write the hub makes to a shop's rows goes through here: audited, and replicated.

`record_change` appends an audit event (who, when, which row, before and after as JSON, hash
chained per shop) and, for tables the counters replicate, a change-feed entry so every counter
of the shop pulls the new row (DESIGN.md section 3). Both join the caller's transaction, so the
write, its audit and its feed entry commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime
from typing import Final

from sqlalchemy import Table, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from shared.tables import AuditEvent, Base
from shared.tables.vocabulary import ChangeOp
from shared.wire import encode_orm_row
from sync.hlc import HybridLogicalClock
from sync.server import feed

HUB_NODE_ID: Final = uuid.UUID("0190b0b0-0000-7000-8000-00000000b0b0")
"""The hub's node id in hybrid logical clock stamps (ties against terminals break on it)."""
_REDACTED: Final = frozenset({"password_hash", "secret_hash", "code_hash"})


class HubClock:
    """The hub's hybrid logical clock; stamps master rows the owner edits on the web."""

    def __init__(self) -> None:
        self._clock = HybridLogicalClock(node_id=HUB_NODE_ID)

    def stamp(self) -> str:
        return self._clock.now().pack()


def _json_value(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(row: object) -> dict[str, object]:
    """The row's columns as JSON values; secrets (hashes) are never copied into the audit."""
    table = getattr(row, "__table__", None)
    if not isinstance(table, Table):
        msg = f"{type(row).__name__} is not a mapped table row"
        raise TypeError(msg)
    mapper = sa_inspect(row).mapper
    values: dict[str, object] = {}
    for column in table.columns:
        key = mapper.get_property_by_column(column).key
        values[column.name] = (
            "(hidden)" if column.name in _REDACTED else _json_value(getattr(row, key))
        )
    return values


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


async def record_change(
    session: AsyncSession,
    *,
    shop_id: uuid.UUID,
    actor_label: str,
    actor_user_id: uuid.UUID | None,
    action: str,
    row: object,
    before: dict[str, object] | None,
    op: ChangeOp | None = ChangeOp.UPDATE,
) -> None:
    """Audit `row` (already added/changed in `session`) and feed it to the counters.

    `op=None` audits without replicating (hub-only rows such as enrolment codes).
    """
    await session.flush()
    after = snapshot(row)
    table = getattr(row, "__table__")  # noqa: B009 - checked by snapshot()
    entity_id = after.get("id") or after.get("terminal_id") or after.get("shop_id")
    last = (
        await session.execute(
            select(AuditEvent.seq, AuditEvent.hash)
            .where(AuditEvent.shop_id == shop_id, AuditEvent.chain_id == shop_id)
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        )
    ).one_or_none()
    seq = 1 if last is None else last.seq + 1
    prev_hash = None if last is None else last.hash
    at = datetime.now(UTC)
    body = {
        "seq": seq,
        "actor": actor_label,
        "action": action,
        "entity": table.name,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "at": at.isoformat(),
    }
    digest = hashlib.sha256(((prev_hash or "") + _canonical(body)).encode()).hexdigest()
    session.add(
        AuditEvent(
            shop_id=shop_id,
            chain_id=shop_id,
            seq=seq,
            actor_user_id=actor_user_id,
            actor_label=actor_label[:100],
            action=action,
            entity=table.name,
            entity_id=uuid.UUID(str(entity_id)) if entity_id else None,
            before_json=_canonical(before) if before is not None else None,
            after_json=_canonical(after),
            at=at,
            prev_hash=prev_hash,
            hash=digest,
        )
    )
    if op is not None and isinstance(row, Base):
        change = encode_orm_row(row)

        def append(sync_session: Session) -> None:
            feed.append(sync_session, shop_id, [(change.entity, change.entity_id, op, change.row)])

        await session.run_sync(append)
    await session.flush()
