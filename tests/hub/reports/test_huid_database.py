"""The HUID compliance report on SQLite and MariaDB, against the shop in seed_stock.py."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.reports.tabular import ReportFilter
from hub.settings import sync_url
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.seed_stock import StockShop
from tests.hub.reports.stock_support import (
    JULY,
    assert_totals_are_sums,
    g,
    huid_report,
    rs,
    write_shops,
)


@pytest.fixture(params=DATABASE_KINDS)
def database(request: pytest.FixtureRequest) -> str:
    return sync_url(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def shops(database: str) -> list[StockShop]:
    """Our shop first; a second shop with the same HUIDs (lawful: HUIDs are per shop here)."""
    return write_shops(database, uuid.uuid4(), uuid.uuid4())


def _invoice(shop: StockShop, day: int, month: int = 7) -> tuple[uuid.UUID, str]:
    found = [
        row for row in shop.builder.month.invoices if row.invoice_date == dt.date(2025, month, day)
    ]
    assert len(found) == 1
    return found[0].id, found[0].number


def test_pieces_in_stock_without_a_valid_huid(database: str, shops: list[StockShop]) -> None:
    table = huid_report(database, shops[0].shop_id).table("missing_huid")
    assert [row[:7] for row in table.rows] == [
        ("G22-002", "22K gold", "", "Gold", "22K916", g("5.5"), g("5")),
        ("G22-007", "22K stud", "", "Gold", "22K916", g("2"), g("2")),
    ]
    problems = [row[7] for row in table.rows]
    assert problems[0] == "no HUID"
    assert isinstance(problems[1], str)
    assert problems[1].startswith("HUID 'ab-009' is not valid: a HUID is exactly 6 letters")
    assert_totals_are_sums(table)
    assert table.totals is not None
    assert table.totals[5:7] == (g("7.5"), g("7"))


def test_a_huid_on_two_articles_lists_both(database: str, shops: list[StockShop]) -> None:
    shop = shops[0]
    _, ring = _invoice(shop, 18)
    table = huid_report(database, shop.shop_id).table("duplicate_huid")
    # G22-003's sale carried its own HUID (AB0005): one article, not a duplicate. The other
    # shop's AB0001 is never compared with ours.
    assert table.rows == (
        ("AB0001", "G22-001", "22K gold", "in stock", "", g("10")),
        ("AB0001", "", "22K ring", "sold 18-07-2025 without a tag", ring, g("3")),
    )
    assert table.totals is None


def test_sales_without_huid_in_the_range(database: str, shops: list[StockShop]) -> None:
    shop = shops[0]
    invoice_id, number = _invoice(shop, 12)
    report = huid_report(database, shop.shop_id)
    table = report.table("sold_without_huid")
    # 15-07 and 18-07 carried HUIDs, 20-07 was silver, 21-07 was cancelled, 20-06 is in June.
    assert table.rows == (
        (dt.date(2025, 7, 12), number, "G22-006", "22K gold", "22K916", g("4"), g("4"),
         rs("42000"), "no HUID"),
    )  # fmt: skip
    assert table.row_links == (f"/documents/{invoice_id}.pdf",)
    assert_totals_are_sums(table)
    assert dict(report.facts) == {
        "Pieces in stock without a HUID": "2",
        "HUIDs on more than one article": "1",
        "Lines sold without a HUID": "1",
        "Invoices with such lines": "1",
    }


def test_the_range_and_terminals_choose_the_sales(database: str, shops: list[StockShop]) -> None:
    shop = shops[0]
    _, june_number = _invoice(shop, 20, month=6)
    june = ReportFilter(dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    rows = huid_report(database, shop.shop_id, june).table("sold_without_huid").rows
    assert [(row[1], row[2], row[7]) for row in rows] == [(june_number, "", rs("63000"))]
    terminal = shop.builder.terminal("A1").id
    mine = ReportFilter(JULY.date_from, JULY.date_to, frozenset({terminal}))
    assert len(huid_report(database, shop.shop_id, mine).table("sold_without_huid").rows) == 1
    other = ReportFilter(JULY.date_from, JULY.date_to, frozenset({uuid.uuid4()}))
    report = huid_report(database, shop.shop_id, other)
    assert report.table("sold_without_huid").rows == ()
    # The stock tables are the shop's whatever the terminals: they do not change.
    assert len(report.table("missing_huid").rows) == 2
