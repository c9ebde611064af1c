"""A piece's life read from its movement events: where it stood at an instant, when it came in.

Movements are absolute facts: each records the status the piece was left in, not a +1 or -1.
Folding them in order therefore gives the right answer even when an offline terminal sent an
event twice or two terminals sold the same piece (the second "sold" leaves it sold, it does not
take it out of stock a second time).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Final

from hub.reports.stock_reads import HELD_STATUSES, MovementFact
from shared.tables.vocabulary import MovementKind

History = Sequence[MovementFact]
"""One piece's movements, oldest first."""

AGE_BUCKETS: Final = (
    ("0-30 days", 0, 30),
    ("31-90 days", 31, 90),
    ("91-180 days", 91, 180),
    ("181-365 days", 181, 365),
    ("over 365 days", 366, None),
)
"""Ageing buckets by whole days in stock, both ends included (None: no upper end)."""


def histories(movements: Iterable[MovementFact]) -> dict[uuid.UUID, list[MovementFact]]:
    """Movements grouped by piece, keeping the order they came in (oldest first)."""
    grouped: dict[uuid.UUID, list[MovementFact]] = {}
    for movement in movements:
        grouped.setdefault(movement.piece_id, []).append(movement)
    return grouped


def held_before(history: History, instant: dt.datetime) -> bool:
    """Whether the piece was the shop's stock just before `instant` (no event yet: not)."""
    held = False
    for event in history:
        if event.occurred_at >= instant:
            break
        held = event.status_after in HELD_STATUSES
    return held


def stock_in_at(history: History) -> dt.datetime | None:
    """When the piece came into stock: its first "received" event that left it held, else the
    first event of any kind that did (a piece first seen coming back on a return)."""
    first_held: dt.datetime | None = None
    for event in history:
        if event.status_after not in HELD_STATUSES:
            continue
        if event.kind == MovementKind.RECEIVED.value:
            return event.occurred_at
        if first_held is None:
            first_held = event.occurred_at
    return first_held


def age_bucket(days: int) -> str:
    """The bucket label for a whole number of days in stock."""
    for label, low, high in AGE_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return AGE_BUCKETS[0][0]  # a stock-in date after the end date: counted as new stock
