"""The customers report's rules without a database: when an occasion falls, which week is
meant, and how purchases fold into customers."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from hub.reports.customers_occasions import (
    CustomerDates,
    Occasion,
    ShopWeek,
    falls_in,
    occasions_in_week,
)
from hub.reports.customers_purchases import (
    CustomerDetails,
    PurchaseDocument,
    fold_purchases,
    ranked,
    split_new_and_repeat,
)
from shared.money import Paise


def test_29_february_falls_on_28_february_in_a_common_year() -> None:
    leap_day = dt.date(1996, 2, 29)
    assert falls_in(leap_day, 2025) == dt.date(2025, 2, 28)
    assert falls_in(leap_day, 2028) == dt.date(2028, 2, 29)
    assert falls_in(dt.date(1996, 3, 1), 2025) == dt.date(2025, 3, 1)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_week_is_monday_to_sunday_around_the_day(day: dt.date) -> None:
    week = ShopWeek.of(day)
    assert week.monday.weekday() == 0
    assert week.sunday.weekday() == 6
    assert week.contains(day)
    assert 1 <= len(week.months) <= 2


def _dates(name: str, birth: dt.date | None = None, wed: dt.date | None = None) -> CustomerDates:
    return CustomerDates(uuid.uuid4(), name, None, birth, wed)


def test_a_week_across_new_year_finds_dates_on_both_sides() -> None:
    week = ShopWeek.of(dt.date(2026, 1, 1))  # Monday 29-12-2025 to Sunday 04-01-2026
    assert (week.monday, week.sunday) == (dt.date(2025, 12, 29), dt.date(2026, 1, 4))
    due = occasions_in_week(
        [
            _dates("Asha", birth=dt.date(1980, 1, 4)),
            _dates("Bala", wed=dt.date(2010, 12, 31)),
            _dates("Chitra", birth=dt.date(1980, 1, 5)),  # the Monday after: not this week
        ],
        week,
    )
    assert [(d.name, d.occasion, d.day, d.years) for d in due] == [
        ("Bala", Occasion.ANNIVERSARY, dt.date(2025, 12, 31), 15),
        ("Asha", Occasion.BIRTHDAY, dt.date(2026, 1, 4), 46),
    ]


def test_a_wedding_in_the_week_itself_is_not_yet_an_anniversary() -> None:
    week = ShopWeek.of(dt.date(2025, 7, 31))
    assert occasions_in_week([_dates("Sunil", wed=dt.date(2025, 7, 29))], week) == []


def _doc(
    who: uuid.UUID | None, day: int, rupees: int, *, invoice: bool = True, name: str = "Bill copy"
) -> PurchaseDocument:
    amount = Paise(rupees * 100 if invoice else -rupees * 100)
    return PurchaseDocument(who, dt.date(2025, 7, day), amount, invoice, name, "9000000000")


def test_folding_nets_returns_and_keeps_walk_ins_apart() -> None:
    meena, ravi = uuid.uuid4(), uuid.uuid4()
    folded = fold_purchases(
        [
            _doc(meena, 12, 5_000),
            _doc(meena, 1, 20_000),
            _doc(meena, 20, 20_000, invoice=False),
            _doc(ravi, 3, 2_000),
            _doc(None, 2, 1_000),
            _doc(None, 9, 300, invoice=False),
        ],
        {meena: CustomerDetails("Meena Iyer", "9900100001")},
    )
    by_id = {c.customer_id: c for c in folded.customers}
    assert (by_id[meena].invoices, by_id[meena].net, by_id[meena].last_purchase) == (
        2,
        Paise(5_000_00),
        dt.date(2025, 7, 12),
    )
    # No customer row (never the case on the hub, whose invoices refer to one): the bill's copy.
    assert (by_id[ravi].name, by_id[ravi].phone) == ("Bill copy", "9000000000")
    assert (folded.walk_in_invoices, folded.walk_in_net) == (1, Paise(700_00))


def test_ranking_keeps_the_highest_net_and_breaks_ties_by_name() -> None:
    folded = fold_purchases(
        [_doc(uuid.uuid4(), 1, rupees, name=name) for name, rupees in
         (("b", 10), ("a", 10), ("c", 30), ("d", 5))],
        {},
    )  # fmt: skip
    assert [c.name for c in ranked(folded.customers, 3)] == ["c", "a", "b"]


def test_new_and_repeat_leave_out_a_customer_who_only_returned() -> None:
    new, repeat, returned_only = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    folded = fold_purchases(
        [
            _doc(new, 1, 100),
            _doc(repeat, 2, 200),
            _doc(repeat, 3, 50, invoice=False),
            _doc(returned_only, 4, 80, invoice=False),
        ],
        {},
    )
    groups = split_new_and_repeat(folded.customers, frozenset({repeat, returned_only}))
    assert [(g.loyalty.value, g.customers, g.invoices, g.net) for g in groups] == [
        ("New", 1, 1, Paise(100_00)),
        ("Repeat", 1, 1, Paise(150_00)),
    ]
