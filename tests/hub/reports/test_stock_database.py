"""The stock report on SQLite and MariaDB, against figures worked by hand (seed_stock.py).

Gold 22K916 at Rs 10,100/g (today's rate):
- G22-001 10 g: metal 1,01,000.00, wastage 5% 5,050.00, making 500/g 5,000.00 = 1,11,050.00
- G22-002 5 g:  metal 50,500.00, making 10% 5,050.00, stones 2,000.00          = 57,550.00
- G22-003 8 g:  metal 80,800.00, making 4,000.00                               = 84,800.00
- G22-004 1.537 g: metal 15,523.70, making flat 300.00                         = 15,823.70
- G22-007 2 g:  metal 20,200.00, making 1,000.00, hallmarking 45.00            = 21,245.00
Metal 2,68,023.70; value before GST 2,90,468.70. G18-001 (18K750) has no rate: no value.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.reports.tabular import ReportFilter
from hub.settings import sync_url
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.stock_support import (
    JULY,
    assert_totals_are_sums,
    g,
    rs,
    stock_report,
    write_shops,
)


@pytest.fixture(params=DATABASE_KINDS)
def database(request: pytest.FixtureRequest) -> str:
    return sync_url(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def shop(database: str) -> uuid.UUID:
    """Our shop, and a second shop with the very same stock that must never leak into it."""
    ours = uuid.uuid4()
    write_shops(database, ours, uuid.uuid4())
    return ours


def test_in_stock_by_metal_and_purity_at_todays_rates(database: str, shop: uuid.UUID) -> None:
    table = stock_report(database, shop).table("in_stock")
    assert table.rows == (
        ("Gold", "22K916", 5, g("27.037"), g("26.537"), rs("268023.70"), rs("290468.70")),
        ("Gold", "18K750", 1, g("3"), g("3"), None, None),
    )
    assert table.totals == (
        "Total", "", 6, g("30.037"), g("29.537"), rs("268023.70"), rs("290468.70"),
    )  # fmt: skip
    assert_totals_are_sums(table)
    assert table.note is not None
    assert "1 piece could not be valued" in table.note
    assert "G18-001" in table.note
    assert "gold 18K750" in table.note


def test_ageing_buckets_to_the_end_date(database: str, shop: uuid.UUID) -> None:
    table = stock_report(database, shop).table("ageing")
    assert table.rows == (
        ("Gold", "0-30 days", 3, g("8.537"), rs("94618.70")),
        ("Gold", "31-90 days", 1, g("8"), rs("84800")),
        ("Gold", "91-180 days", 1, g("10"), rs("111050")),
        ("Gold", "181-365 days", 0, g("0"), None),
        ("Gold", "over 365 days", 1, g("3"), None),
    )
    assert_totals_are_sums(table)


def test_movement_in_pieces_and_grams(database: str, shop: uuid.UUID) -> None:
    report = stock_report(database, shop)
    table = report.table("movement")
    assert table.rows == (
        ("Gold", "22K916", 4, g("40"), 3, g("8.537"), 2, g("12"), 1, g("8"), -1, g("-18"),
         5, g("26.537")),
        ("Gold", "18K750", 1, g("3"), 0, g("0"), 0, g("0"), 0, g("0"), 0, g("0"), 1, g("3")),
        ("Silver", "925", 0, g("0"), 1, g("50"), 1, g("50"), 0, g("0"), 0, g("0"), 0, g("0")),
    )  # fmt: skip
    assert_totals_are_sums(table)


def test_movement_identity_and_closing_equals_stock_now(database: str, shop: uuid.UUID) -> None:
    report = stock_report(database, shop)
    movement, in_stock = report.table("movement"), report.table("in_stock")
    for unit in ("pieces", "weight"):
        cols = [movement.column_index(f"{flow}_{unit}") for flow in
                ("opening", "in", "sold", "returned", "other", "closing")]  # fmt: skip
        for row in (*movement.rows, movement.totals):
            assert row is not None
            opening, came, sold, back, other, closing = (row[i] for i in cols)
            assert opening + came - sold + back + other == closing  # type: ignore[operator]
    # The range ends today: the closing stock is what is in stock now, grade by grade.
    closing_by_grade = {
        (row[0], row[1]): (row[movement.column_index("closing_pieces")],
                           row[movement.column_index("closing_weight")])
        for row in movement.rows if row[movement.column_index("closing_pieces")]
    }  # fmt: skip
    now = {(row[0], row[1]): (row[2], row[4]) for row in in_stock.rows}
    assert closing_by_grade == now


def test_a_range_in_the_past_reads_the_stock_as_it_was(database: str, shop: uuid.UUID) -> None:
    june = ReportFilter(dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    report = stock_report(database, shop, june)
    movement = report.table("movement")
    gold = movement.rows[0]
    # Held at the end of June: G22-001, -003, -005, -006 (22K) and G18-001; in: -003 and -006.
    assert gold[:6] == ("Gold", "22K916", 2, g("28"), 2, g("12"))
    assert gold[-2:] == (4, g("40"))
    ageing = report.table("ageing")
    assert sum(row[2] for row in ageing.rows) == 5  # type: ignore[misc]
    # In stock now does not depend on the range.
    assert (
        report.table("in_stock").rows == stock_report(database, shop, JULY).table("in_stock").rows
    )


def test_facts(database: str, shop: uuid.UUID) -> None:
    facts = dict(stock_report(database, shop).facts)
    assert facts == {
        "Pieces in stock": "6 pieces",
        "Net weight": "29.537 g",
        "Value before GST": "₹2,90,468.70",
        "Not valued": "1 piece",
    }
