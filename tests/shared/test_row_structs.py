"""The C decoding of wire rows agrees with the value-by-value checks, row for row: the same
values for a row both accept, and the same refusal (and field) for every other row."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, Integer, String, Table, Uuid

from shared.errors import InvalidInput
from shared.ids import new_id
from shared.row_structs import fast_decode, row_struct
from shared.tables import Base
from shared.tables.base import FIELD_STAMPS_COLUMN
from shared.tables.types import UTCDateTime
from shared.wire import (
    decode_row,
    decode_row_checked,
    replicated_table,
)
from tests.sync.server.rows import wire_row

TABLES = sorted(Base.metadata.tables)
LIMIT = 2**63 - 1

_ids = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, "{" + str(u) + "}", f"urn:uuid:{u}"])
)
_zones = st.sampled_from(["+00:00", "Z", "+05:30", "-03:00", ""])
# Wall-clock times written out, then a zone (or none: a naive time, which must be refused).
_EARLIEST, _LATEST = dt.datetime(1970, 1, 2), dt.datetime(2100, 1, 1)  # noqa: DTZ001
_instants = st.builds(
    lambda moment, zone, sep: moment.isoformat(sep=sep) + zone,
    st.datetimes(min_value=_EARLIEST, max_value=_LATEST),
    _zones,
    st.sampled_from(["T", " "]),
)
_dates = st.dates().flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.strftime("%Y%m%d"), d.isoformat() + "T00:00"])
)
_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.just(""),
    st.lists(st.integers(), max_size=2),
)


def _value(column: Column[Any]) -> st.SearchStrategy[Any]:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        good: st.SearchStrategy[Any] = _instants
    elif isinstance(kind, Uuid):
        good = _ids
    elif isinstance(kind, Boolean):
        good = st.booleans()
    elif isinstance(kind, Date):
        good = _dates
    elif isinstance(kind, Integer):
        good = st.one_of(
            st.integers(min_value=-LIMIT, max_value=LIMIT), st.sampled_from([LIMIT + 1, -LIMIT - 1])
        )
    elif isinstance(kind, String):
        length = kind.length or 40
        good = st.text(max_size=length + 2)
    else:
        good = st.text(max_size=10)
    return st.one_of(good, good, good, _junk)


def _valid(column: Column[Any]) -> Any:
    """A value `decode_row` accepts for `column`."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "2026-11-20T06:30:00.000000+00:00"
    if isinstance(kind, Uuid):
        return str(new_id())
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Date):
        return "2026-11-20"
    if isinstance(kind, Integer):
        return 0
    return "x"


def _valid_row(entity: str) -> dict[str, Any]:
    row = {column.name: _valid(column) for column in replicated_table(entity).columns}
    if FIELD_STAMPS_COLUMN in row:
        row[FIELD_STAMPS_COLUMN] = "{}"
    return row


@st.composite
def _rows(draw: st.DrawFn, entity: str) -> dict[str, Any]:
    """A valid row with a few columns replaced (mostly by values of their type), dropped, or
    an unknown column added."""
    table = replicated_table(entity)
    row = _valid_row(entity)
    for column in table.columns:
        choice = draw(st.integers(min_value=0, max_value=19))
        if choice < 3:
            row[column.name] = draw(_value(column))
        elif choice == 3:
            row.pop(column.name, None)
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        row["not_a_column"] = 1
    return row


def _outcome(decode: Any, entity: str, row: dict[str, Any]) -> tuple[str, Any]:
    try:
        values = decode(entity, row)
    except InvalidInput as refused:
        return ("refused", (refused.field, refused.reason))
    return (
        "values",
        {name: (type(v), v, getattr(v, "tzinfo", None)) for name, v in values.items()},
    )


def test_every_replicated_table_has_a_struct_and_a_valid_row_takes_it() -> None:
    missing = [name for name in TABLES if row_struct(replicated_table(name)) is None]
    assert missing == []
    for name in TABLES:
        row = _valid_row(name)
        values = fast_decode(replicated_table(name), row)
        assert values is not None, name
        assert values == decode_row_checked(name, row)


@pytest.mark.parametrize("entity", TABLES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_fast_path_agrees_with_the_checks(entity: str, data: st.DataObject) -> None:
    row = data.draw(_rows(entity))
    assert _outcome(decode_row, entity, row) == _outcome(decode_row_checked, entity, row)


def test_a_complete_row_takes_the_fast_path_and_instants_come_back_in_utc() -> None:
    table: Table = replicated_table("payment")
    row = dict(
        wire_row(
            "payment",
            shop_id=new_id(),
            invoice_id=new_id(),
            terminal_id=new_id(),
            mode="cash",
            direction="received",
            amount_paise=7_210_000,
            received_at="2026-11-20T12:00:00.000000+05:30",
            payment_date=dt.date(2026, 11, 20),
        )
    )
    values = fast_decode(table, row)
    assert values is not None
    assert values["received_at"] == dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.UTC)
    assert values["received_at"].tzinfo is dt.UTC
    assert isinstance(values["id"], uuid.UUID)
    assert fast_decode(table, {**row, "amount_paise": True}) is None
    assert fast_decode(table, {**row, "extra": 1}) is None
