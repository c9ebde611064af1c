"""Each replicated table's row as a msgspec Struct, so a well-formed wire row is checked and
decoded in C.

Sync moves rows by the ten thousand (a week offline is 40 000 of them), and checking each value
in Python cost more than writing it. The struct states exactly the rules `shared.wire.decode_row`
applies (ids, instants with a zone, dates, whole numbers within 64 bits, strict booleans, text
within its length, nullable columns optional, no unknown columns); a row it refuses goes
through `decode_row`'s own checks, which name the field and say what is wrong in words. A table
with a column type the struct cannot state gets no struct and is always checked in Python.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Final, Optional

import msgspec
from sqlalchemy import Boolean, Date, Integer, String, Table, Text, Uuid
from sqlalchemy.types import TypeEngine

from shared.tables.types import UTCDateTime

_MAX_INT: Final = 2**63 - 1


@dataclass(frozen=True, slots=True)
class RowStruct:
    """A table's struct, and its instant columns (normalised to UTC after decoding)."""

    struct: type[msgspec.Struct]
    instants: tuple[str, ...]


def _value_type(kind: TypeEngine[Any]) -> object | None:
    """The checked Python type of a column, in `decode_row`'s order; None when unknown."""
    if isinstance(kind, Uuid):
        return uuid.UUID
    if isinstance(kind, UTCDateTime):
        return Annotated[dt.datetime, msgspec.Meta(tz=True)]
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, Date):
        return dt.date
    if isinstance(kind, Integer):
        return Annotated[int, msgspec.Meta(ge=-_MAX_INT, le=_MAX_INT)]
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None)
        return str if length is None else Annotated[str, msgspec.Meta(max_length=length)]
    return None


@functools.cache
def row_struct(table: Table) -> RowStruct | None:
    """The struct of `table`'s rows (built once per table), or None."""
    fields: list[tuple[str, object] | tuple[str, object, object]] = []
    instants: list[str] = []
    for column in table.columns:
        value_type = _value_type(column.type)
        if value_type is None:
            return None
        if isinstance(column.type, UTCDateTime):
            instants.append(column.name)
        if column.nullable and not column.primary_key:
            fields.append((column.name, Optional[value_type], None))  # noqa: UP045
        else:
            fields.append((column.name, value_type))
    struct = msgspec.defstruct(
        f"{table.name}_row", fields, kw_only=True, forbid_unknown_fields=True
    )
    return RowStruct(struct, tuple(instants))


def fast_decode(table: Table, row: object) -> dict[str, Any] | None:
    """`row`'s Python values when it is well formed, else None (the caller explains why)."""
    shape = row_struct(table)
    if shape is None:
        return None
    try:
        decoded: dict[str, Any] = msgspec.structs.asdict(msgspec.convert(row, shape.struct))
    except msgspec.ValidationError:
        return None
    for name in shape.instants:
        value = decoded[name]
        if value is not None and value.tzinfo is not dt.UTC:
            decoded[name] = value.astimezone(dt.UTC)
    return decoded


__all__ = ["RowStruct", "fast_decode", "row_struct"]
