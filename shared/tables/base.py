"""The one declarative base for tables both ends replicate, and the columns every row shares.

Constraint names come from a naming convention so that Alembic can find, drop and rename them
the same way on SQLite and MariaDB (an unnamed constraint gets a different generated name on
each). Every name stays under MariaDB's 64-character limit; `tests/shared/test_tables.py` checks.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Boolean, Date, MetaData, String, Text, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.ids import new_id
from shared.tables.types import UTCDateTime, utc_now

NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Hybrid logical clock stamps are opaque, fixed-format text written by `sync`; 64 leaves room for
# wall time, a counter and the terminal id that breaks ties.
HLC_LENGTH: Final = 64
# SHA-256 as lower-case hex.
HASH_LENGTH: Final = 64

TYPE_ANNOTATION_MAP: Final[dict[Any, Any]] = {
    uuid.UUID: Uuid(),
    datetime: UTCDateTime(),
    date: Date(),
    bool: Boolean(),
}


class Base(DeclarativeBase):
    """Tables that exist on the counter and on the hub, identical on both."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class ShopScoped:
    """A business row: its key is `(shop_id, id)`, shop first.

    `shop_id` leads the primary key (and every unique key and index, by convention of the table
    modules) so all of a shop's rows sort together and can move to another Vitess shard whole.
    There is deliberately no foreign key to `shop`: the shop row is a platform row that lives in
    the global keyspace, and a key across keyspaces cannot be enforced there.
    """

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, sort_order=-20)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id, sort_order=-10)


class MutableRow:
    """Master data both ends may edit: merged last-writer-wins by hybrid logical clock.

    `hlc` has no default on purpose: only the sync layer knows the clock, and a row saved without
    a stamp would lose every merge (or win every merge) silently.
    """

    hlc: Mapped[str] = mapped_column(String(HLC_LENGTH), sort_order=90)
    origin_terminal_id: Mapped[uuid.UUID | None] = mapped_column(sort_order=91)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, sort_order=92)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now, sort_order=93)


FIELD_STAMPS_COLUMN: Final = "field_hlc"


class FieldMergedRow(MutableRow):
    """Master data merged field by field: two offline edits of different fields both survive.

    `field_hlc` is JSON ``{column: "<hlc>/<origin terminal id>"}``, the stamp of the write that
    last set each field (a field not listed carries the row's own stamp, as rows from an older
    counter do). Only the sync layer writes it, in the same flush as the edit.
    """

    field_hlc: Mapped[str | None] = mapped_column(Text, sort_order=89)


class EventRow:
    """An insert-only fact (an invoice, a payment, a movement): never updated, never deleted.

    `origin_terminal_id` is the terminal that wrote it (None when written on the hub).
    """

    origin_terminal_id: Mapped[uuid.UUID | None] = mapped_column(sort_order=91)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, sort_order=92)


__all__ = [
    "FIELD_STAMPS_COLUMN",
    "HASH_LENGTH",
    "HLC_LENGTH",
    "NAMING_CONVENTION",
    "TYPE_ANNOTATION_MAP",
    "Base",
    "EventRow",
    "FieldMergedRow",
    "MutableRow",
    "ShopScoped",
]
