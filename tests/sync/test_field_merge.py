"""Customers merge field by field: two offline edits of different fields both survive, and
every end that merges the same states, in any order, holds the same row."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import MetaData, Table, create_engine
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.ids import new_id
from shared.tables import Base, Customer
from shared.tables.base import FIELD_STAMPS_COLUMN
from shared.wire import decode_row, encode_orm_row, encode_row, merge, replicated_table
from sync.capture import ChangeCapture
from sync.hlc import HybridLogicalClock

SHOP = uuid.UUID("01900000-0000-7000-8000-000000000001")
A = uuid.UUID("01900000-0000-7000-8000-00000000000a")
T0 = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def _stamp(millis: int, node: str) -> str:
    return f"{millis:013d}-00000-{node}"


def _customer(**fields: Any) -> dict[str, Any]:
    table = replicated_table("customer")
    row: dict[str, Any] = dict.fromkeys(table.columns.keys())
    row.update(
        shop_id=SHOP,
        id=uuid.UUID("01900000-0000-7000-8000-0000000000c1"),
        name="Meena Iyer",
        phone="9900123456",
        hlc=_stamp(1_000, "a"),
        origin_terminal_id=A,
        created_at=T0,
        updated_at=T0,
    )
    row.update(fields)
    return row


def _edit(row: dict[str, Any], at: int, node: str, **changes: Any) -> dict[str, Any]:
    """What a counter's write does: new values, the new stamp on the changed fields only."""
    table = replicated_table("customer")
    base = {name: row[name] for name in table.columns.keys()}  # noqa: SIM118 - column names
    stamps = {}
    for name in ("name", "phone", "email", "gstin", "pan", "state_code", "address", "pincode"):
        stamps[name] = [row["hlc"], str(row["origin_terminal_id"])]
    if row.get(FIELD_STAMPS_COLUMN):
        stamps.update(json.loads(row[FIELD_STAMPS_COLUMN]))
    fresh = [_stamp(at, node), str(row["origin_terminal_id"])]
    for name in changes:
        stamps[name] = fresh
    base.update(changes, hlc=fresh[0])
    base[FIELD_STAMPS_COLUMN] = json.dumps(stamps, sort_keys=True, separators=(",", ":"))
    return base


def _settle(start: dict[str, Any], *states: dict[str, Any]) -> dict[str, Any]:
    row = dict(start)
    for state in states:
        merged = merge("customer", state, row)
        if merged is not None:
            row = merged
    return row


def test_two_offline_edits_of_different_fields_both_survive() -> None:
    start = _customer()
    at_a = _edit(start, 2_000, "a", address="Malleshwaram, Bengaluru")
    at_b = _edit(start, 3_000, "b", name="Meena R. Iyer")
    one_way = _settle(start, at_a, at_b)
    other_way = _settle(start, at_b, at_a)
    assert one_way == other_way
    assert one_way["address"] == "Malleshwaram, Bengaluru"
    assert one_way["name"] == "Meena R. Iyer"
    assert one_way["hlc"] == _stamp(3_000, "b")


def test_the_same_field_edited_twice_keeps_the_later_edit() -> None:
    start = _customer()
    early = _edit(start, 2_000, "a", phone="9900000001")
    late = _edit(start, 3_000, "b", phone="9900000002")
    assert _settle(start, late, early)["phone"] == "9900000002"
    assert _settle(start, early, late)["phone"] == "9900000002"


def test_an_older_state_changes_nothing_and_a_replay_is_a_no_op() -> None:
    start = _customer()
    edited = _edit(start, 2_000, "a", email="meena@example.in")
    settled = _settle(start, edited)
    assert merge("customer", edited, settled) is None
    assert merge("customer", start, settled) is None


def test_rows_from_a_counter_without_field_stamps_merge_as_whole_rows() -> None:
    start = _customer()
    newer = dict(start, name="Meena R", hlc=_stamp(5_000, "b"))
    assert newer[FIELD_STAMPS_COLUMN] is None
    assert _settle(start, newer)["name"] == "Meena R"
    assert merge("customer", start, _settle(start, newer)) is None


@given(
    st.permutations(range(4)),
    st.lists(st.sampled_from(["name", "phone", "email", "address"]), min_size=4, max_size=4),
)
def test_any_order_of_the_same_edits_ends_in_the_same_row(
    order: list[int], fields: list[str]
) -> None:
    start = _customer()
    edits = [
        _edit(start, 2_000 + i * 10, "ab"[i % 2], **{fields[i]: f"value {i}"}) for i in range(4)
    ]
    reference = _settle(start, *edits)
    assert _settle(start, *(edits[i] for i in order)) == reference


def test_a_bad_field_stamp_is_refused_at_the_wire() -> None:
    table = replicated_table("customer")
    row = encode_row(table, _customer())
    for bad in ("[1]", '{"no_such_field":["x","y"]}', '{"name":"x"}', "not json"):
        with pytest.raises(InvalidInput) as refused:
            decode_row("customer", dict(row, field_hlc=bad))
        assert refused.value.field == f"row.{FIELD_STAMPS_COLUMN}"


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_a_counter_write_stamps_only_the_fields_it_changed(session: Session) -> None:
    capture = ChangeCapture(Table("unused", MetaData()), HybridLogicalClock(A))
    row = Customer(
        id=new_id(),
        shop_id=SHOP,
        name="Meena Iyer",
        phone="9900123456",
        origin_terminal_id=A,
        created_at=T0,
        updated_at=T0,
    )
    capture.stamp(row)
    session.add(row)
    session.commit()
    first = encode_orm_row(row).row
    row.name = "Meena R. Iyer"
    row.phone = "9900123456"  # assigned but unchanged
    capture.stamp(row)
    session.commit()
    second = encode_orm_row(row).row
    before, after = json.loads(str(first["field_hlc"])), json.loads(str(second["field_hlc"]))
    assert after["name"] == [second["hlc"], str(A)]
    assert after["phone"] == before["phone"] == [first["hlc"], str(A)]
    assert str(second["hlc"]) > str(first["hlc"])
