"""The wire codec: every replicated table round-trips exactly, and bad payloads name the field."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, Integer, String, Table, Text, Uuid

from shared.errors import InvalidInput
from shared.ids import new_id
from shared.tables import Base, UTCDateTime
from shared.tables.base import FIELD_STAMPS_COLUMN
from shared.wire import decode_row, encode_row, is_mutable, replicated_table


def _sample(table: Table) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        kind = column.type
        if column.name == FIELD_STAMPS_COLUMN:
            values[column.name] = '{"name":["1764000000000-00000-a","a"]}'
        elif isinstance(kind, Uuid):
            values[column.name] = new_id()
        elif isinstance(kind, UTCDateTime):
            values[column.name] = datetime(2026, 3, 31, 18, 30, 0, 123456, tzinfo=UTC)
        elif isinstance(kind, Boolean):
            values[column.name] = True
        elif isinstance(kind, Date):
            values[column.name] = date(2026, 4, 1)
        elif isinstance(kind, Integer):
            values[column.name] = 9_876_543_210_12
        elif isinstance(kind, String | Text):
            values[column.name] = "₹ 1,23,456.50"[: getattr(kind, "length", None) or 100]
        else:  # pragma: no cover - a new column type must get a codec first
            pytest.fail(f"{table.name}.{column.name}: no sample for {kind!r}")
    return values


@pytest.mark.parametrize("name", sorted(Base.metadata.tables))
def test_every_replicated_table_round_trips(name: str) -> None:
    table = replicated_table(name)
    values = _sample(table)
    assert decode_row(name, encode_row(table, values)) == values


def test_instants_travel_in_utc_with_microseconds() -> None:
    table = replicated_table("customer")
    values = _sample(table)
    encoded = encode_row(table, values)
    assert encoded["created_at"] == "2026-03-31T18:30:00.123456+00:00"


def test_mutable_and_event_tables_are_told_apart() -> None:
    assert is_mutable("stock_piece")
    assert is_mutable("customer")
    assert not is_mutable("invoice")
    assert not is_mutable("payment")


def test_an_unknown_table_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not a table that is synchronised") as info:
        decode_row("outbox", {})
    assert info.value.field == "entity"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("gross_mg", "10.5", "whole number"),
        ("gross_mg", True, "whole number"),
        ("shop_id", "not-an-id", "is not an id"),
        ("created_at", "2026-03-31T18:30:00", "no time zone"),
        ("tag_code", 12, "must be text"),
        ("tag_code", "T" * 33, "longer than 32"),
        ("net_mg", None, "may not be empty"),
    ],
)
def test_a_bad_value_names_its_field(column: str, value: object, message: str) -> None:
    table = replicated_table("stock_piece")
    row: dict[str, object] = dict(encode_row(table, _sample(table)))
    row[column] = value
    with pytest.raises(InvalidInput, match=message) as info:
        decode_row("stock_piece", row)
    assert info.value.field == f"row.{column}"


def test_unknown_and_missing_columns_are_refused() -> None:
    table = replicated_table("stock_piece")
    row: dict[str, object] = dict(encode_row(table, _sample(table)))
    with pytest.raises(InvalidInput, match="no column colour"):
        decode_row("stock_piece", {**row, "colour": "red"})
    del row["gross_mg"]
    with pytest.raises(InvalidInput, match="gross_mg is missing"):
        decode_row("stock_piece", row)


def test_ids_compare_as_plain_uuids() -> None:
    table = replicated_table("payment")
    values = _sample(table)
    decoded = decode_row("payment", encode_row(table, values))
    assert type(decoded["id"]) is uuid.UUID
