"""The sales charts: each chart (and its table) adds up to the sales register's net total
(invoice totals including GST less credit notes) for the same filter, to the paisa, on SQLite
and MariaDB; every day of the range is a bar; the filters and the shop are honoured."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.reports.catalogue import report_catalogue
from hub.reports.sales_register import build_sales_register
from hub.reports.sales_reports import sales_trends
from hub.reports.sales_rows import LineShare
from hub.reports.sales_trends_rows import OTHER, split_total
from hub.reports.tabular import Report, ReportFilter, ReportTable
from hub.settings import sync_url
from shared.money import Paise
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.seed_sales import TwoShops, build_report, write_two_shops

JULY = ReportFilter(dt.date(2025, 7, 1), dt.date(2025, 7, 31))
DOCUMENT = uuid.uuid4()


@pytest.fixture(params=DATABASE_KINDS)
def shops(request: pytest.FixtureRequest) -> TwoShops:
    return write_two_shops(sync_url(request.getfixturevalue(f"{request.param}_url")))


@given(
    total=st.integers(-(10**12), 10**12),
    lines=st.lists(
        st.tuples(
            st.sampled_from(["gold", "silver", "platinum", None]),
            st.integers(0, 10**10),
            st.sampled_from([0, 150, 300, 500]),
        ),
        max_size=6,
    ),
)
def test_a_documents_total_is_split_between_metals_exactly(
    total: int, lines: list[tuple[str | None, int, int]]
) -> None:
    shares = [LineShare(DOCUMENT, metal, Paise(taxable), rate) for metal, taxable, rate in lines]
    parts = split_total(Paise(total), shares)
    assert sum(part.value for part in parts.values()) == total
    assert all((part.value >= 0) == (total >= 0) or part.value == 0 for part in parts.values())


def test_the_split_follows_value_with_gst() -> None:
    shares = [
        LineShare(DOCUMENT, "gold", Paise(1_00_000_00), 300),
        LineShare(DOCUMENT, None, Paise(2_00_000_00), 150),
    ]
    # 1,03,000 and 2,03,000 with GST: the total 3,06,000 splits back into exactly those.
    assert split_total(Paise(3_06_000_00), shares) == {
        "gold": Paise(1_03_000_00),
        None: Paise(2_03_000_00),
    }
    assert split_total(Paise(-1_00), []) == {None: Paise(-1_00)}


def _sum(table: ReportTable) -> Paise:
    return Paise(sum(row[-1].value for row in table.rows if isinstance(row[-1], Paise)))


def _assert_adds_up_to_the_register(shops: TwoShops, flt: ReportFilter) -> Report:
    report = build_report(shops, sales_trends, flt)
    register = build_report(shops, build_sales_register, flt).table("documents")
    assert register.totals is not None
    net = register.totals[register.column_index("total")]
    for chart in report.charts:
        assert Paise(sum(a.value for a in chart.amounts)) == net, chart.key
        table = report.table(chart.key)
        assert table.totals is not None
        assert _sum(table) == table.totals[-1] == net, chart.key
        assert tuple(row[-1] for row in table.rows) == chart.amounts
    return report


def test_every_chart_adds_up_to_the_registers_net_total(shops: TwoShops) -> None:
    report = _assert_adds_up_to_the_register(shops, JULY)
    by_day = report.charts[0]
    assert len(by_day.labels) == 31
    assert by_day.labels[0] == "01 Jul"
    days = report.table("by_day")
    # 6 July had no documents: a zero bar, not a missing one.
    assert days.rows[5] == (dt.date(2025, 7, 6), Paise(0))
    metals = dict(zip(report.charts[1].labels, report.charts[1].amounts, strict=True))
    assert list(metals) == ["Gold", "Silver", OTHER]
    # The loose diamond was sold on A1/25-26/00006 and returned in full on CB1/25-26/00002:
    # what stays is its share of the invoice's round-off, under a rupee.
    assert abs(metals[OTHER].value) < 100
    terminals = report.charts[2].labels
    assert terminals == ("Counter A1", "Counter B1", "Counter C1")


def test_the_terminal_filter_and_the_date_range_are_honoured(shops: TwoShops) -> None:
    b1 = shops.terminal("B1")
    flt = ReportFilter(dt.date(2025, 7, 10), dt.date(2025, 7, 25), frozenset({b1}))
    report = _assert_adds_up_to_the_register(shops, flt)
    assert report.charts[2].labels == ("Counter B1",)
    assert len(report.charts[0].labels) == 16
    expected = sum(
        i.grand_total_paise
        for i in shops.ours.month.invoices
        if i.terminal_id == b1 and flt.includes(i.invoice_date)
    ) - sum(
        n.grand_total_paise
        for n in shops.ours.month.notes
        if n.terminal_id == b1 and flt.includes(n.note_date)
    )
    assert report.charts[2].amounts == (Paise(expected),)


def test_another_shops_sales_never_appear(shops: TwoShops) -> None:
    report = build_report(shops, sales_trends, JULY)
    month = shops.ours.month
    expected = sum(
        i.grand_total_paise
        for i in month.invoices
        if i.status == "issued" and JULY.includes(i.invoice_date)
    ) - sum(n.grand_total_paise for n in month.notes if JULY.includes(n.note_date))
    assert report.charts[0].amounts
    assert sum(a.value for a in report.charts[0].amounts) == expected


def test_the_charts_are_in_the_catalogue() -> None:
    spec = report_catalogue().get("sales-trends")
    assert spec.title == "Sales charts"
    assert spec.build is sales_trends
    assert [s.slug for s in report_catalogue().all()][:3] == [
        "sales-register",
        "day-book",
        "sales-trends",
    ]
