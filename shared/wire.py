"""The sync wire: replicated rows as JSON, and the versions every message carries.

A change on the wire is the whole row as it stands after the change (an absolute fact: "piece P
is sold on invoice I", never "quantity minus one"), so replaying it twice, or out of order
behind a newer stamp, cannot drift. Both ends encode and decode with this one codec, so a row
written on a counter reads back on the hub identical to the microsecond and the paisa.

Decoding validates every value against the table's own columns: a sync payload is input from
another machine, and a bad one must be refused with the field named, before anything is written.
"""

from __future__ import annotations

import functools
import itertools
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final

import msgspec
from sqlalchemy import Boolean, Column, ColumnElement, Date, Integer, String, Table, Text, Uuid
from sqlalchemy.types import TypeEngine

from shared.errors import InvalidInput
from shared.row_structs import fast_decode
from shared.tables import Base, FieldMergedRow, MutableRow, UTCDateTime
from shared.tables.base import FIELD_STAMPS_COLUMN, HLC_LENGTH
from shared.tables.vocabulary import ChangeOp

MAX_LICENCE_CHARS: Final = 4000
PROTOCOL_VERSION: Final = 1
PROTOCOL_HEADER: Final = "X-Sync-Protocol"
"""The header a pull states its protocol version in (push and enrolment say it in the body)."""
"""Bumped when the message shapes change; the hub accepts this and the previous one."""

JsonValue = str | int | bool | None
JsonRow = dict[str, JsonValue]


@dataclass(frozen=True, slots=True)
class RowChange:
    """One replicated change: the row `entity` keyed `entity_id`, as it stands after `op`."""

    entity: str
    entity_id: uuid.UUID
    op: ChangeOp
    row: JsonRow


def replicated_table(name: str) -> Table:
    """The shared table called `name`; anything else is not ours to replicate."""
    table = Base.metadata.tables.get(name)
    if table is None:
        raise InvalidInput(f"'{name}' is not a table that is synchronised", "entity")
    return table


def of_shop(table: Table, shop_id: uuid.UUID) -> ColumnElement[bool]:
    """The replicated table's rows that belong to the shop: the shop's own row is the one
    table without a `shop_id`, its id is the shop."""
    return (table.c.shop_id if "shop_id" in table.c else table.c.id) == shop_id


def is_mutable(entity: str) -> bool:
    """Master data merge last-writer-wins; every other replicated table is insert-only."""
    replicated_table(entity)
    return entity in _mutable_tables()


@functools.cache
def _mutable_tables() -> frozenset[str]:
    """Asked once per record on the sync path: the mapper walk is done once per process."""
    return frozenset(
        str(getattr(mapper.local_table, "name", ""))
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, MutableRow)
    )


def wins_over(incoming: Mapping[str, Any], existing: Mapping[str, Any]) -> bool:
    """Last writer wins by hybrid logical clock; the origin terminal id breaks an exact tie.

    Both ends merge master data with this one rule, so a counter and the hub always agree on
    which edit of a customer or a rate survived.
    """
    return (str(incoming["hlc"]), str(incoming.get("origin_terminal_id") or "")) > (
        str(existing["hlc"]),
        str(existing.get("origin_terminal_id") or ""),
    )


_NOT_MERGED: Final = frozenset(
    {"shop_id", "id", "hlc", "origin_terminal_id", "created_at", "updated_at", FIELD_STAMPS_COLUMN}
)
Stamp = tuple[str, str]
"""(hlc, origin terminal id or ""): compared as a tuple, the order `wins_over` uses."""


@functools.cache
def _field_merged_tables() -> dict[str, tuple[str, ...]]:
    """Tables that merge field by field, and the fields they merge (mapper walk done once)."""
    return {
        str(getattr(mapper.local_table, "name", "")): tuple(
            column.name for column in mapper.local_table.columns if column.name not in _NOT_MERGED
        )
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, FieldMergedRow)
    }


def merged_fields(entity: str) -> tuple[str, ...] | None:
    """The fields `entity` merges one by one, or None when it merges as a whole row."""
    return _field_merged_tables().get(entity)


def row_stamp(row: Mapping[str, Any]) -> Stamp:
    origin = row.get("origin_terminal_id")
    return (str(row["hlc"]), str(origin) if origin else "")


def field_stamps(entity: str, row: Mapping[str, Any]) -> dict[str, Stamp]:
    """Each merged field's stamp (the row's own stamp for a field the row does not list)."""
    fields = merged_fields(entity) or ()
    listed = parse_field_stamps(entity, row.get(FIELD_STAMPS_COLUMN))
    own = row_stamp(row)
    return {name: listed.get(name, own) for name in fields}


def parse_field_stamps(entity: str, text: object) -> dict[str, Stamp]:
    """Read `field_hlc`; anything but ``{field: [hlc, origin]}`` over known fields is refused."""
    if text is None:
        return {}
    where = f"row.{FIELD_STAMPS_COLUMN}"
    try:
        data = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise InvalidInput("field stamps must be a JSON object", where)
    fields = set(merged_fields(entity) or ())
    stamps: dict[str, Stamp] = {}
    for name, stamp in data.items():
        if name not in fields:
            raise InvalidInput(f"{entity} does not merge a field called {name!r}", where)
        if (
            not isinstance(stamp, list)
            or len(stamp) != 2
            or not all(isinstance(part, str) and len(part) <= HLC_LENGTH for part in stamp)
        ):
            raise InvalidInput(f"the stamp of {name} must be [hlc, origin]", where)
        stamps[name] = (stamp[0], stamp[1])
    return stamps


def dump_field_stamps(stamps: Mapping[str, Stamp]) -> str:
    return json.dumps({k: list(v) for k, v in sorted(stamps.items())}, separators=(",", ":"))


def merge(
    entity: str, incoming: Mapping[str, Any], existing: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """The row to write when `incoming` meets `existing` master data, or None to keep existing.

    Whole-row tables: last writer wins (`wins_over`). Field-merged tables: each field takes the
    value of the write with the newer stamp for that field, so both ends, merging the same two
    states in either order, arrive at the same row (the merge is commutative and idempotent).
    """
    if existing is None:
        return dict(incoming)
    fields = merged_fields(entity)
    if fields is None:
        return dict(incoming) if wins_over(incoming, existing) else None
    theirs, ours = field_stamps(entity, incoming), field_stamps(entity, existing)
    newer_row = incoming if wins_over(incoming, existing) else existing
    result = dict(existing)
    for bookkeeping in ("hlc", "origin_terminal_id", "updated_at"):
        result[bookkeeping] = newer_row[bookkeeping]
    stamps: dict[str, Stamp] = {}
    for name in fields:
        if theirs[name] > ours[name]:
            result[name] = incoming[name]
            stamps[name] = theirs[name]
        else:
            stamps[name] = ours[name]
    result[FIELD_STAMPS_COLUMN] = dump_field_stamps(stamps)
    table = replicated_table(entity)
    return None if encode_row(table, result) == encode_row(table, existing) else result


def encode_row(table: Table, values: Mapping[str, Any]) -> JsonRow:
    """The row's columns as JSON values: ids and instants as text, money and weight as ints."""
    encoded: JsonRow = {}
    for column in table.columns:
        encoded[column.name] = _encode_value(values.get(column.name))
    return encoded


def encode_orm_row(row: Base) -> RowChange:
    """A mapped row as the change that recreates it (the counter's change capture uses this)."""
    table = row.__table__
    assert isinstance(table, Table)
    values = {column.name: getattr(row, _attribute_for(row, column)) for column in table.columns}
    return RowChange(
        entity=table.name,
        entity_id=values["id"],
        op=ChangeOp.INSERT,
        row=encode_row(table, values),
    )


def _attribute_for(row: Base, column: Column[Any]) -> str:
    prop = row.__mapper__.get_property_by_column(column)
    return prop.key


def decode_row(entity: str, row: Mapping[str, object]) -> dict[str, Any]:
    """Python values for an insert/update of `entity`, checked column by column.

    Unknown columns are refused (a newer counter must not smuggle fields an older hub would
    drop), missing non-nullable columns are refused, and every value must have its column's type.
    A well-formed row is decoded in C (`shared.row_structs`); any other goes value by value
    through `decode_row_checked`, which names the field and says what is wrong.
    """
    table = replicated_table(entity)
    if not isinstance(row, Mapping):
        raise InvalidInput("a row must be a JSON object", "row")
    fast = fast_decode(table, row)
    if fast is None:
        return decode_row_checked(entity, row)
    if FIELD_STAMPS_COLUMN in fast:
        parse_field_stamps(entity, fast[FIELD_STAMPS_COLUMN])
    return fast


def decode_row_checked(entity: str, row: Mapping[str, object]) -> dict[str, Any]:
    """`decode_row` in Python, value by value (the reference the fast path must agree with)."""
    table = replicated_table(entity)
    unknown = sorted(set(row) - set(table.columns.keys()))
    if unknown:
        raise InvalidInput(f"{entity} has no column {', '.join(unknown)}", f"row.{unknown[0]}")
    decoded: dict[str, Any] = {}
    for column in table.columns:
        field = f"row.{column.name}"
        if column.name not in row:
            if column.nullable and not column.primary_key:
                decoded[column.name] = None
                continue
            raise InvalidInput(f"{entity}.{column.name} is missing", field)
        decoded[column.name] = _decode_value(column, row[column.name], field)
    if FIELD_STAMPS_COLUMN in decoded:
        parse_field_stamps(entity, decoded[FIELD_STAMPS_COLUMN])
    return decoded


def _encode_value(value: object) -> JsonValue:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            msg = f"a naive datetime ({value.isoformat()}) cannot go on the wire"
            raise ValueError(msg)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    msg = f"{type(value).__name__} is not a wire value"
    raise TypeError(msg)


_MAX_INT: Final = 2**63 - 1


def _decode_value(column: Column[Any], value: object, field: str) -> object:
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise InvalidInput(f"{column.name} may not be empty", field)
    kind: TypeEngine[Any] = column.type
    if isinstance(kind, Uuid):
        return _uuid(value, field)
    if isinstance(kind, UTCDateTime):
        return _instant(value, field)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise InvalidInput(f"{column.name} must be true or false", field)
        return value
    if isinstance(kind, Date):
        return _date(value, field)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > _MAX_INT:
            raise InvalidInput(f"{column.name} must be a whole number", field)
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise InvalidInput(f"{column.name} must be text", field)
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise InvalidInput(f"{column.name} is longer than {length} characters", field)
        return value
    msg = f"no wire decoding for {column.name} of type {kind!r}"
    raise TypeError(msg)


def _uuid(value: object, field: str) -> uuid.UUID:
    if not isinstance(value, str):
        raise InvalidInput("an id must be text", field)
    try:
        return uuid.UUID(value)
    except ValueError:
        raise InvalidInput(f"'{value}' is not an id", field) from None


def _instant(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise InvalidInput("a time must be ISO 8601 text", field)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"'{value}' is not an ISO 8601 time", field) from None
    if parsed.tzinfo is None:
        raise InvalidInput(f"'{value}' has no time zone", field)
    return parsed.astimezone(UTC)


def _date(value: object, field: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput("a date must be YYYY-MM-DD text", field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"'{value}' is not a YYYY-MM-DD date", field) from None


MAX_BATCH_RECORDS: Final = 500
"""A push carries at most this many records (the HTTP layer also caps the body in bytes)."""


@dataclass(frozen=True, slots=True)
class PushedRecord:
    """One outbox record as the terminal sent it; `row` stays JSON until the hub applies it."""

    seq: int
    mutation_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    op: ChangeOp
    row: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class PushBatch:
    """A terminal's push: its records in sequence order, and the versions it speaks."""

    protocol_version: int
    app_version: str
    terminal_id: uuid.UUID
    records: tuple[PushedRecord, ...]
    pending: int
    """How many outbox records the terminal still held when it sent this batch."""
    schema_version: int | None = None
    """The replicated tables' shape the sender was built with (None: not stated, an older
    counter; see `shared.wire_schema`)."""


class _RecordShape(msgspec.Struct):
    """A well-formed push record, checked in C (a batch is up to 500 of them); a batch this
    refuses goes through `_checked_records`, which names the field at fault."""

    seq: Annotated[int, msgspec.Meta(ge=1, le=_MAX_INT)]
    mutation_id: uuid.UUID
    entity: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    entity_id: uuid.UUID
    op: ChangeOp
    row: dict[str, Any]


_OPS: Final = frozenset(op.value for op in ChangeOp)


def parse_push_batch(message: object) -> PushBatch:
    """Check a push's shape before anything is applied: a malformed batch is refused whole."""
    body = _object(message, "batch")
    version = _int(body.get("protocol_version"), "protocol_version")
    records_json = body.get("records")
    if not isinstance(records_json, list):
        raise InvalidInput("records must be a list", "records")
    if len(records_json) > MAX_BATCH_RECORDS:
        raise InvalidInput(
            f"a batch carries at most {MAX_BATCH_RECORDS} records, not {len(records_json)}",
            "records",
        )
    app_version = body.get("app_version")
    if not isinstance(app_version, str) or not app_version:
        raise InvalidInput("app_version must be the counter's version text", "app_version")
    pending = body.get("pending", 0)
    return PushBatch(
        protocol_version=version,
        app_version=app_version,
        terminal_id=_uuid(body.get("terminal_id"), "terminal_id"),
        records=_records(records_json),
        pending=_int(pending, "pending"),
        schema_version=_optional_int(body.get("schema_version"), "schema_version"),
    )


def _records(records_json: list[object]) -> tuple[PushedRecord, ...]:
    try:
        shapes = msgspec.convert(records_json, list[_RecordShape])
    except msgspec.ValidationError:
        return _checked_records(records_json)
    records = tuple(
        PushedRecord(s.seq, s.mutation_id, s.entity, s.entity_id, s.op, s.row) for s in shapes
    )
    if any(b.seq != a.seq + 1 for a, b in itertools.pairwise(records)):
        return _checked_records(records_json)
    return records


def _checked_records(records_json: list[object]) -> tuple[PushedRecord, ...]:
    """The records checked value by value: slower, and says which field is wrong."""
    records: list[PushedRecord] = []
    for index, item in enumerate(records_json):
        where = f"records[{index}]"
        record = _object(item, where)
        seq = _int(record.get("seq"), f"{where}.seq")
        if seq < 1:
            raise InvalidInput("a sequence number starts at 1", f"{where}.seq")
        if records and seq != records[-1].seq + 1:
            raise InvalidInput("records must be consecutive and in order", f"{where}.seq")
        op_text = record.get("op")
        if not isinstance(op_text, str) or op_text not in _OPS:
            raise InvalidInput("op must be one of insert, update, delete", f"{where}.op")
        entity = record.get("entity")
        if not isinstance(entity, str) or not entity or len(entity) > 64:
            raise InvalidInput("entity must be a table name", f"{where}.entity")
        row = _object(record.get("row"), f"{where}.row")
        records.append(
            PushedRecord(
                seq=seq,
                mutation_id=_uuid(record.get("mutation_id"), f"{where}.mutation_id"),
                entity=entity,
                entity_id=_uuid(record.get("entity_id"), f"{where}.entity_id"),
                op=ChangeOp(str(op_text)),
                row=row,
            )
        )
    return tuple(records)


def _optional_int(value: object, field: str) -> int | None:
    return None if value is None else _int(value, field)


def _object(value: object, field: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise InvalidInput("must be a JSON object", field)
    return value


def _int(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_INT:
        raise InvalidInput("must be a whole number", field)
    return value


ENROL_CODE_LENGTH: Final = (6, 32)


@dataclass(frozen=True, slots=True)
class EnrolRequest:
    """A counter asking to join a shop with the owner's one-time code."""

    protocol_version: int
    app_version: str
    code: str
    device_name: str
    schema_version: int | None = None


@dataclass(frozen=True, slots=True)
class EnrolGrant:
    """What the hub gives a newly enrolled terminal; `terminal` is its replicated row."""

    shop_id: uuid.UUID
    terminal_id: uuid.UUID
    secret: str
    terminal: Mapping[str, object]
    licence: str | None = None
    """The shop's signed licence token (shared.licence); the counter verifies it itself."""


def parse_enrol_request(message: object) -> EnrolRequest:
    """Check an enrolment request's shape (the hub then checks the code itself)."""
    body = _object(message, "body")
    code = body.get("code")
    low, high = ENROL_CODE_LENGTH
    if not isinstance(code, str) or not low <= len(code.strip()) <= high:
        raise InvalidInput("type the enrolment code exactly as the hub shows it", "code")
    device = body.get("device_name", "")
    if not isinstance(device, str) or len(device) > 100:
        raise InvalidInput("the device name is text of at most 100 characters", "device_name")
    app_version = body.get("app_version")
    if not isinstance(app_version, str) or not app_version:
        raise InvalidInput("app_version must be the counter's version text", "app_version")
    return EnrolRequest(
        protocol_version=_int(body.get("protocol_version"), "protocol_version"),
        app_version=app_version,
        code=code.strip().upper(),
        device_name=device.strip(),
        schema_version=_optional_int(body.get("schema_version"), "schema_version"),
    )


def _optional_licence(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_LICENCE_CHARS:
        raise InvalidInput("the hub's licence is not a licence token", "licence")
    return value


def parse_enrol_grant(message: object) -> EnrolGrant:
    """Check the hub's answer before the counter stores anything from it."""
    body = _object(message, "body")
    secret = body.get("secret")
    if not isinstance(secret, str) or len(secret) < 20:
        raise InvalidInput("the hub's answer has no usable secret", "secret")
    terminal = _object(body.get("terminal"), "terminal")
    decoded = decode_row("terminal", terminal)
    grant = EnrolGrant(
        shop_id=_uuid(body.get("shop_id"), "shop_id"),
        terminal_id=_uuid(body.get("terminal_id"), "terminal_id"),
        secret=secret,
        terminal=terminal,
        licence=_optional_licence(body.get("licence")),
    )
    if decoded["id"] != grant.terminal_id or decoded["shop_id"] != grant.shop_id:
        raise InvalidInput("the hub's terminal row is not the terminal it granted", "terminal")
    return grant


__all__ = [
    "ENROL_CODE_LENGTH",
    "MAX_BATCH_RECORDS",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "EnrolGrant",
    "EnrolRequest",
    "JsonRow",
    "JsonValue",
    "PushBatch",
    "PushedRecord",
    "RowChange",
    "decode_row",
    "decode_row_checked",
    "dump_field_stamps",
    "encode_orm_row",
    "encode_row",
    "field_stamps",
    "is_mutable",
    "merge",
    "merged_fields",
    "of_shop",
    "parse_enrol_grant",
    "parse_enrol_request",
    "parse_field_stamps",
    "parse_push_batch",
    "replicated_table",
    "row_stamp",
    "wins_over",
]
