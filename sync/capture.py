"""Change capture into the transactional outbox (DESIGN.md section 3).

Every replicated row a business write touches becomes one outbox record, inserted through the
same SQLAlchemy session, so the change and its record commit (or vanish) together: a crash at any
instant can lose neither a sale nor its way to the hub.

A record's payload is the whole row after the change, encoded by the shared wire codec
(`shared.wire.encode_orm_row`), an absolute fact such as "piece P is sold on invoice I", so the
hub can apply it twice or late without drift. The outbox table itself belongs to the counter's
local schema, which `sync` may not import; the caller hands its `Table` in.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table, insert, inspect
from sqlalchemy.orm import Session

from shared.ids import new_id
from shared.tables import Base, FieldMergedRow, MutableRow
from shared.tables.vocabulary import ChangeOp
from shared.wire import Stamp, dump_field_stamps, encode_orm_row, field_stamps, merged_fields
from sync.hlc import HybridLogicalClock


def _restamped(row: FieldMergedRow, stamp: str) -> str:
    """The row's field stamps after this write: `stamp` on every field the write changed.

    Called before the new stamp replaces `row.hlc`, while the session still holds the edit's
    attribute history (the write has not been flushed yet), so "changed" means a value that
    differs from the one loaded, not merely one that was assigned.
    """
    entity = str(inspect(row).mapper.local_table.name)
    fresh: Stamp = (stamp, str(row.origin_terminal_id) if row.origin_terminal_id else "")
    state = inspect(row)
    if state.transient or state.pending or row.hlc is None:
        return dump_field_stamps(dict.fromkeys(merged_fields(entity) or (), fresh))
    before = {
        "hlc": row.hlc,
        "origin_terminal_id": row.origin_terminal_id,
        "field_hlc": row.field_hlc,
    }
    stamps = field_stamps(entity, before)
    for name in stamps:
        history = state.attrs[name].history
        if history.added and list(history.added) != list(history.deleted):
            stamps[name] = fresh
    return dump_field_stamps(stamps)


@dataclass(frozen=True, slots=True)
class CapturedChange:
    """What was queued for one row (returned for tests and logs)."""

    mutation_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    op: ChangeOp


class ChangeCapture:
    """Queues rows into an outbox table with the columns of the counter's `outbox`:
    mutation_id, entity, entity_id, op, payload, created_at."""

    def __init__(self, outbox: Table, clock: HybridLogicalClock) -> None:
        self._outbox = outbox
        self._clock = clock

    @property
    def clock(self) -> HybridLogicalClock:
        return self._clock

    def stamp(self, row: Base) -> None:
        """Give a mutable row a fresh HLC stamp (do this on every insert and edit of master
        data, before `record`, so last-writer-wins sees this change as the newest)."""
        if not isinstance(row, MutableRow):
            return
        stamp = self._clock.now().pack()
        edited: object = row  # (mypy cannot see Base + FieldMergedRow through MutableRow)
        if isinstance(edited, FieldMergedRow):
            edited.field_hlc = _restamped(edited, stamp)
        row.hlc = stamp

    def record(
        self,
        session: Session,
        rows: Iterable[Base],
        at: dt.datetime,
        op: ChangeOp = ChangeOp.INSERT,
    ) -> Sequence[CapturedChange]:
        """Flush the session (so defaults are filled), then queue one record per row, in order.

        Runs inside the caller's transaction; it never commits.
        """
        listed = list(rows)
        if not listed:
            return ()
        session.flush()
        values: list[dict[str, object]] = []
        captured: list[CapturedChange] = []
        for row in listed:
            change = encode_orm_row(row)
            mutation_id = new_id()
            values.append(
                {
                    "mutation_id": mutation_id,
                    "entity": change.entity,
                    "entity_id": change.entity_id,
                    "op": op.value,
                    "payload": json.dumps(change.row, separators=(",", ":"), sort_keys=True),
                    "created_at": at,
                }
            )
            captured.append(CapturedChange(mutation_id, change.entity, change.entity_id, op))
        session.execute(insert(self._outbox), values)
        return tuple(captured)
