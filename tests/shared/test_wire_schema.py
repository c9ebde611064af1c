"""Serving the previous counter release: rows it pulls leave out what it cannot read, rows it
pushes cannot empty what it cannot know."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from shared.ids import new_id
from shared.tables import Base, Customer
from shared.tables.base import FIELD_STAMPS_COLUMN
from shared.wire import decode_row, encode_orm_row, merge, replicated_table
from shared.wire_schema import (
    COLUMNS_ADDED,
    SCHEMA_VERSION,
    UNSTATED_SCHEMA,
    for_counter,
    is_supported,
    keep_hub_values,
    unknown_to,
)

OLD = SCHEMA_VERSION - 1
T = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _customer(**values: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "shop_id": new_id(),
        "id": new_id(),
        "name": "Meena Iyer",
        "phone": "9845012345",
        "hlc": "0000000005000-00000-" + "a" * 32,
        "created_at": T,
        "updated_at": T,
    }
    row = encode_orm_row(Customer(**{**defaults, **values})).row
    return dict(row)


def test_this_release_and_the_one_before_are_served() -> None:
    assert is_supported(SCHEMA_VERSION)
    assert is_supported(SCHEMA_VERSION - 1)
    assert not is_supported(SCHEMA_VERSION - 2)
    assert not is_supported(SCHEMA_VERSION + 1)
    assert UNSTATED_SCHEMA in (SCHEMA_VERSION, SCHEMA_VERSION - 1)


def test_every_added_column_exists_and_may_be_empty() -> None:
    """An older counter's row has no value for an added column: it must be nullable."""
    for version, tables in COLUMNS_ADDED.items():
        assert 1 < version <= SCHEMA_VERSION
        for entity, columns in tables.items():
            table = replicated_table(entity)
            for name in columns:
                assert name in table.c, f"{entity}.{name}"
                assert table.c[name].nullable, f"{entity}.{name} must be nullable"


def test_the_previous_release_does_not_see_birthdays() -> None:
    assert unknown_to(OLD, "customer") == ("birth_date", "anniversary")
    assert unknown_to(SCHEMA_VERSION, "customer") == ()
    assert unknown_to(OLD, "invoice") == ()


def test_a_pulled_row_leaves_out_newer_columns_and_their_stamps() -> None:
    stamps = {
        "birth_date": ["0000000006000-00000-" + "b" * 32, "b"],
        "phone": ["0000000006001-00000-" + "b" * 32, "b"],
    }
    row = _customer(birth_date=date(1990, 5, 17), field_hlc=json.dumps(stamps))
    shown = for_counter("customer", row, OLD)
    assert "birth_date" not in shown
    assert "anniversary" not in shown
    assert json.loads(str(shown[FIELD_STAMPS_COLUMN])) == {"phone": stamps["phone"]}
    assert shown["phone"] == row["phone"]
    # What the older counter gets decodes with its own columns only.
    older_columns = set(replicated_table("customer").c.keys()) - {"birth_date", "anniversary"}
    assert set(shown) == older_columns
    assert for_counter("customer", row, SCHEMA_VERSION) == row


def test_an_older_counters_edit_keeps_the_birthday_the_hub_has() -> None:
    hub_row = decode_row("customer", _customer(birth_date=date(1990, 5, 17)))
    older = _customer(
        shop_id=hub_row["shop_id"],
        id=hub_row["id"],
        phone="9000000001",
        hlc="0000000009000-00000-" + "c" * 32,
    )
    del older["birth_date"], older["anniversary"]
    incoming = decode_row("customer", older)
    assert incoming["birth_date"] is None  # what the old row says, read naively

    kept = keep_hub_values("customer", incoming, hub_row, OLD)
    merged = merge("customer", kept, hub_row)
    assert merged is not None
    assert merged["phone"] == "9000000001"
    assert merged["birth_date"] == date(1990, 5, 17)

    # The same row from a counter that knows the column does empty it (it said so).
    current = merge("customer", incoming, hub_row)
    assert current is not None
    assert current["birth_date"] is None


def test_a_new_row_from_an_older_counter_leaves_newer_columns_empty() -> None:
    incoming = decode_row("customer", _customer())
    kept = keep_hub_values("customer", incoming, None, OLD)
    assert kept["birth_date"] is None
    assert kept["anniversary"] is None


@pytest.mark.parametrize(
    "entity", sorted(name for name in Base.metadata.tables if not unknown_to(OLD, name))
)
def test_rows_of_unchanged_tables_pass_through(entity: str) -> None:
    row: dict[str, Any] = {"id": "x"}
    assert for_counter(entity, row, OLD) is row
