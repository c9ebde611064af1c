"""Applying a page of the hub's change feed on a counter.

A page and the cursor after it are saved in one transaction: a counter killed half-way applies
the page again on its next pull, which is harmless because every change is a whole row. Mutable
rows merge last-writer-wins by hybrid logical clock exactly as on the hub; an event the counter
already holds is left alone. Nothing applied here goes back into the outbox: it came from the hub.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from shared.tables import Base
from shared.wire import decode_row, is_mutable, merge, replicated_table
from sync.hlc import HlcStamp, HybridLogicalClock


@dataclass(frozen=True, slots=True)
class IncomingChange:
    """One change from the feed, before decoding."""

    seq: int
    entity: str
    row: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class AppliedPage:
    """What a page did on this counter."""

    written: int
    skipped: int
    unknown: tuple[str, ...]
    """Tables this counter does not know (a newer hub): skipped, reported, never fatal."""


def apply_changes(
    session: Session, changes: Iterable[IncomingChange], clock: HybridLogicalClock | None = None
) -> AppliedPage:
    """Write the changes inside the caller's transaction (the caller saves the cursor in it)."""
    written = skipped = 0
    unknown: list[str] = []
    for change in changes:
        if change.entity not in Base.metadata.tables:
            unknown.append(change.entity)
            continue
        table = replicated_table(change.entity)
        values = decode_row(change.entity, change.row)
        key = [column == values[column.name] for column in table.primary_key.columns]
        found = session.execute(select(table).where(*key)).mappings().one_or_none()
        existing = None if found is None else {str(k): v for k, v in found.items()}
        if existing is None:
            session.execute(insert(table).values(**values))
            written += 1
        elif is_mutable(change.entity) and (merged := merge(change.entity, values, existing)):
            session.execute(update(table).where(*key).values(**merged))
            written += 1
        else:
            skipped += 1
        if clock is not None and values.get("hlc"):
            clock.observe(HlcStamp.unpack(str(values["hlc"])))
    session.flush()
    return AppliedPage(written, skipped, tuple(unknown))


__all__ = ["AppliedPage", "IncomingChange", "apply_changes"]
