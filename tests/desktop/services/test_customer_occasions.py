"""A customer's birthday and anniversary at the counter: saved, checked, stamped for sync.

The shop's date in these tests is 2 June 2025 (conftest's clock).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from desktop.services import customers
from desktop.storage.local_tables import OutboxRecord
from shared.errors import InvalidInput
from shared.tables import Customer
from tests.desktop.services.conftest import Shop


def _outbox_rows(shop: Shop) -> list[dict[str, object]]:
    with shop.ctx.session() as session:
        records = session.scalars(
            select(OutboxRecord).where(OutboxRecord.entity == "customer").order_by(OutboxRecord.seq)
        )
        return [json.loads(record.payload) for record in records]


def _count(shop: Shop) -> int:
    with shop.ctx.session() as session:
        return len(list(session.scalars(select(Customer.id))))


def test_a_birthday_and_an_anniversary_are_saved_and_go_on_the_wire(shop: Shop) -> None:
    view = customers.create_customer(
        shop.ctx,
        shop.owner,
        customers.CustomerInput(
            name="Meena Iyer",
            phone="9900123456",
            birth_date=dt.date(1988, 3, 7),
            anniversary=dt.date(2012, 2, 14),
        ),
    )
    assert (view.birth_date, view.anniversary) == (dt.date(1988, 3, 7), dt.date(2012, 2, 14))
    again = customers.get_customer(shop.ctx, view.id)
    assert (again.birth_date, again.anniversary) == (dt.date(1988, 3, 7), dt.date(2012, 2, 14))
    [row] = _outbox_rows(shop)
    assert (row["birth_date"], row["anniversary"]) == ("1988-03-07", "2012-02-14")


def test_an_edit_of_the_anniversary_stamps_only_that_field(shop: Shop) -> None:
    view = customers.create_customer(
        shop.ctx, shop.owner, customers.CustomerInput(name="Meena Iyer", phone="9900123456")
    )
    customers.update_customer(
        shop.ctx,
        shop.owner,
        view.id,
        customers.CustomerInput(
            name="Meena Iyer", phone="9900123456", anniversary=dt.date(2012, 2, 14)
        ),
    )
    first, second = _outbox_rows(shop)
    before = json.loads(str(first["field_hlc"]))
    after = json.loads(str(second["field_hlc"]))
    assert after["anniversary"][0] == second["hlc"] != first["hlc"]
    assert after["birth_date"] == before["birth_date"]
    assert after["phone"] == before["phone"]


@pytest.mark.parametrize(
    ("field", "day", "words"),
    [
        ("birth_date", dt.date(2025, 6, 3), "birthday 03-06-2025 is in the future"),
        ("anniversary", dt.date(2026, 1, 1), "anniversary 01-01-2026 is in the future"),
        ("birth_date", dt.date(1899, 12, 31), "before 1900"),
    ],
)
def test_an_impossible_date_is_refused_and_nothing_is_saved(
    shop: Shop, field: str, day: dt.date, words: str
) -> None:
    data = customers.CustomerInput(
        name="Meena Iyer",
        phone="9900123456",
        birth_date=day if field == "birth_date" else None,
        anniversary=day if field == "anniversary" else None,
    )
    with pytest.raises(InvalidInput) as refused:
        customers.create_customer(shop.ctx, shop.owner, data)
    assert refused.value.field == field
    assert words in refused.value.reason
    assert _count(shop) == 0
    assert _outbox_rows(shop) == []


def test_today_and_the_first_of_1900_are_allowed(shop: Shop) -> None:
    view = customers.create_customer(
        shop.ctx,
        shop.owner,
        customers.CustomerInput(
            name="Newborn's parent",
            birth_date=dt.date(1900, 1, 1),
            anniversary=shop.ctx.today(),
        ),
    )
    assert view.anniversary == dt.date(2025, 6, 2)


def test_an_edit_that_refuses_a_date_keeps_the_old_one(shop: Shop) -> None:
    view = customers.create_customer(
        shop.ctx,
        shop.owner,
        customers.CustomerInput(name="Meena Iyer", birth_date=dt.date(1988, 3, 7)),
    )
    with pytest.raises(InvalidInput):
        customers.update_customer(
            shop.ctx,
            shop.owner,
            view.id,
            customers.CustomerInput(name="Meena I.", birth_date=dt.date(2030, 1, 1)),
        )
    kept = customers.get_customer(shop.ctx, view.id)
    assert (kept.name, kept.birth_date) == ("Meena Iyer", dt.date(1988, 3, 7))
