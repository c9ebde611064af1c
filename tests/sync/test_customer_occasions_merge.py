"""A customer's birthday and anniversary replicate and merge field by field like the rest of
the customer: an anniversary added at one offline counter and a phone corrected at another
both survive, on the hub and on both counters, whatever order the changes arrive in."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, Table, create_engine
from sqlalchemy.orm import Session

from shared.ids import new_id
from shared.tables import Base, Customer
from shared.wire import decode_row, encode_orm_row, encode_row, merge, merged_fields
from sync.capture import ChangeCapture
from sync.hlc import HybridLogicalClock
from sync.local_apply import IncomingChange, apply_changes

SHOP = uuid.UUID("01900000-0000-7000-8000-000000000001")
COUNTER_A = uuid.UUID("01900000-0000-7000-8000-00000000000a")
COUNTER_B = uuid.UUID("01900000-0000-7000-8000-00000000000b")
T0 = dt.datetime(2026, 11, 20, 5, 0, tzinfo=dt.UTC)


def test_birthday_and_anniversary_are_merged_fields() -> None:
    fields = merged_fields("customer") or ()
    assert {"birth_date", "anniversary"} <= set(fields)


def test_dates_cross_the_wire_as_iso_text_and_come_back_as_dates() -> None:
    table = Customer.__table__
    assert isinstance(table, Table)
    values: dict[str, Any] = dict.fromkeys(table.columns.keys())
    values.update(
        shop_id=SHOP,
        id=new_id(),
        name="Meena Iyer",
        hlc="0000000001000-00000-a",
        created_at=T0,
        updated_at=T0,
        birth_date=dt.date(1988, 2, 29),
        anniversary=dt.date(2012, 2, 14),
    )
    wire = encode_row(table, values)
    assert (wire["birth_date"], wire["anniversary"]) == ("1988-02-29", "2012-02-14")
    decoded = decode_row("customer", wire)
    assert (decoded["birth_date"], decoded["anniversary"]) == (
        dt.date(1988, 2, 29),
        dt.date(2012, 2, 14),
    )


class _Counter:
    """One counter's customer table and its change capture, with a wall clock it controls."""

    def __init__(self, engine: Engine, terminal: uuid.UUID, millis: int) -> None:
        self.session = Session(engine)
        self.millis = millis
        self.capture = ChangeCapture(
            Table("unused", MetaData()), HybridLogicalClock(terminal, wall=lambda: self.millis)
        )

    def customer(self, customer_id: uuid.UUID) -> Customer:
        row = self.session.get(Customer, (SHOP, customer_id))
        assert row is not None
        return row

    def edit(self, customer_id: uuid.UUID, **changes: object) -> dict[str, object]:
        """Change the fields, stamp the write as the counter's services do, return the wire row."""
        row = self.customer(customer_id)
        for name, value in changes.items():
            setattr(row, name, value)
        self.capture.stamp(row)
        self.session.commit()
        return dict(encode_orm_row(row).row)

    def pull(self, *rows: Mapping[str, object]) -> None:
        apply_changes(
            self.session,
            [IncomingChange(seq, "customer", row) for seq, row in enumerate(rows, 1)],
        )
        self.session.commit()
        self.session.expire_all()


@pytest.fixture
def engines() -> Iterator[tuple[Engine, Engine]]:
    made = (create_engine("sqlite://"), create_engine("sqlite://"))
    for engine in made:
        Base.metadata.create_all(engine)
    yield made
    for engine in made:
        engine.dispose()


def _hub_settle(start: Mapping[str, object], *changes: Mapping[str, object]) -> dict[str, Any]:
    """What the hub holds after applying `changes` in this order (shared.wire.merge, as
    sync.server does), as wire JSON."""
    row = decode_row("customer", start)
    for change in changes:
        merged = merge("customer", decode_row("customer", change), row)
        if merged is not None:
            row = merged
    table = Customer.__table__
    assert isinstance(table, Table)
    return dict(encode_row(table, row))


def test_anniversary_on_one_counter_and_phone_on_another_both_survive(
    engines: tuple[Engine, Engine],
) -> None:
    a = _Counter(engines[0], COUNTER_A, 1_000)
    b = _Counter(engines[1], COUNTER_B, 1_000)
    created = Customer(
        shop_id=SHOP,
        id=new_id(),
        name="Meena Iyer",
        phone="9900123456",
        birth_date=dt.date(1988, 3, 7),
        origin_terminal_id=COUNTER_A,
        created_at=T0,
        updated_at=T0,
    )
    a.capture.stamp(created)
    a.session.add(created)
    a.session.commit()
    start = dict(encode_orm_row(created).row)
    b.pull(start)

    # Both offline: A adds the anniversary, B (later, by its own clock) corrects the phone.
    a.millis, b.millis = 2_000, 3_000
    from_a = a.edit(created.id, anniversary=dt.date(2012, 2, 14))
    from_b = b.edit(created.id, phone="9900654321")
    assert (
        json.loads(str(from_b["field_hlc"]))["anniversary"]
        == json.loads(str(start["field_hlc"]))["anniversary"]
    )

    one_way = _hub_settle(start, from_a, from_b)
    assert one_way == _hub_settle(start, from_b, from_a)
    assert (one_way["anniversary"], one_way["phone"]) == ("2012-02-14", "9900654321")
    assert one_way["birth_date"] == "1988-03-07"

    # Each counter pulls the other's change (the hub's feed carries the merged row).
    a.pull(one_way)
    b.pull(one_way)
    for counter in (a, b):
        row = counter.customer(created.id)
        assert (row.anniversary, row.phone, row.birth_date) == (
            dt.date(2012, 2, 14),
            "9900654321",
            dt.date(1988, 3, 7),
        )
    a.session.close()
    b.session.close()


def test_a_cleared_birthday_wins_over_an_older_birthday(engines: tuple[Engine, Engine]) -> None:
    a = _Counter(engines[0], COUNTER_A, 1_000)
    b = _Counter(engines[1], COUNTER_B, 1_000)
    created = Customer(
        shop_id=SHOP,
        id=new_id(),
        name="Ravi Kumar",
        origin_terminal_id=COUNTER_A,
        created_at=T0,
        updated_at=T0,
    )
    a.capture.stamp(created)
    a.session.add(created)
    a.session.commit()
    start = dict(encode_orm_row(created).row)
    b.pull(start)
    a.millis, b.millis = 2_000, 3_000
    typed = a.edit(created.id, birth_date=dt.date(1979, 5, 1))
    b_typed = b.edit(created.id, birth_date=dt.date(1979, 1, 5))
    b.millis = 4_000
    cleared = b.edit(created.id, birth_date=None)
    assert _hub_settle(start, typed, b_typed, cleared)["birth_date"] is None
    assert _hub_settle(start, cleared, b_typed, typed)["birth_date"] is None
    a.session.close()
    b.session.close()
