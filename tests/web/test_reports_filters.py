"""The report pages' pure parts: the filter read from a query string, the cells as the page shows
them, the row limit, the GSTR-1 month and reconciliation lines, and download names."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.reports import Figures
from hub.reports.tabular import Column, ColumnKind, Report, ReportFilter, ReportTable
from hub.web.report_downloads import split_name
from hub.web.report_filters import (
    MAIN_BRANCH,
    FilterChoices,
    TerminalChoice,
    form_of,
    parse_date,
    read_filter,
    span_dates,
    typed_form,
)
from hub.web.report_gstr1_view import Reconciliation, parse_month
from hub.web.report_page import export_query, link_query
from hub.web.report_view import display_cell, report_view
from shared.errors import InvalidInput
from shared.money import Milligrams, Paise

TODAY = dt.date(2025, 7, 17)  # a Thursday
ONE, TWO, THREE = (uuid.UUID(int=n) for n in (1, 2, 3))
CHOICES = FilterChoices(
    (
        TerminalChoice(ONE, "Counter 1", MAIN_BRANCH),
        TerminalChoice(TWO, "Counter 2", "Andheri West"),
        TerminalChoice(THREE, "Counter 3", "Andheri West"),
    )
)


def _read(**query: str | list[str]) -> tuple[ReportFilter, str]:
    lists = {key: value if isinstance(value, list) else [value] for key, value in query.items()}
    return read_filter(lists, CHOICES, TODAY)


@pytest.mark.parametrize(
    ("span", "first", "last"),
    [
        ("today", dt.date(2025, 7, 17), dt.date(2025, 7, 17)),
        ("week", dt.date(2025, 7, 14), dt.date(2025, 7, 17)),
        ("month", dt.date(2025, 7, 1), dt.date(2025, 7, 17)),
        ("last-month", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
    ],
)
def test_spans_end_today_or_cover_last_month(span: str, first: dt.date, last: dt.date) -> None:
    assert span_dates(span, TODAY) == (first, last)
    assert span_dates("last-month", dt.date(2025, 1, 5)) == (
        dt.date(2024, 12, 1),
        dt.date(2024, 12, 31),
    )


def test_no_query_is_the_reports_default_span() -> None:
    flt, span = _read()
    assert (flt.date_from, flt.date_to, span) == (dt.date(2025, 7, 1), TODAY, "month")
    assert read_filter({}, CHOICES, TODAY, "today")[0].date_from == TODAY


def test_dates_typed_the_indian_way_or_by_a_date_picker() -> None:
    flt, span = _read(**{"from": "1-7-2025", "to": "2025-07-10", "span": "today"})
    assert (flt.date_from, flt.date_to, span) == (dt.date(2025, 7, 1), dt.date(2025, 7, 10), "")
    assert parse_date("05/07/2025", "start date", "from") == dt.date(2025, 7, 5)


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ({"from": "31-02-2025"}, "from", "the start date 31-02-2025 is not a date on the calendar"),
        ({"to": "2025-13-01"}, "to", "the end date 2025-13-01 is not a date on the calendar"),
        ({"from": "yesterday"}, "from", "type the start date as DD-MM-YYYY"),
        ({"from": "10-07-2025", "to": "01-07-2025"}, "to", "the end date is before the start"),
        ({"from": "01-01-2024", "to": "01-07-2025"}, "to", "choose at most 366 days"),
        ({"span": "fortnight"}, "span", "'fortnight' is not a span"),
        ({"terminal": str(uuid.UUID(int=9))}, "terminal", "is not one of this shop's terminals"),
        ({"terminal": "not-an-id"}, "terminal", "'not-an-id' is not one of this shop's"),
        ({"branch": "Bandra"}, "branch", "no terminal stands in a branch called 'Bandra'"),
        ({"branch": "Main", "terminal": str(TWO)}, "terminal", "none of the chosen terminals"),
    ],
)
def test_bad_filters_are_refused_by_field(query: dict[str, str], field: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _read(**query)
    assert refused.value.field == field
    assert reason in refused.value.reason


def test_terminals_and_branches_resolve_to_terminal_ids() -> None:
    assert _read(terminal=[str(ONE), str(THREE)])[0].terminal_ids == {ONE, THREE}
    by_branch = _read(branch="andheri west")[0]
    assert by_branch.terminal_ids == {TWO, THREE}
    assert by_branch.branch == "Andheri West"
    assert _read(branch="Main")[0].terminal_ids == {ONE}
    assert _read(branch="Andheri West", terminal=str(TWO))[0].terminal_ids == {TWO}
    assert CHOICES.branches == (MAIN_BRANCH, "Andheri West")


def test_the_form_and_links_carry_the_same_filter() -> None:
    flt, span = _read(branch="Andheri West")
    form = form_of(flt, span)
    assert (form.date_from, form.date_to) == ("01-07-2025", "17-07-2025")
    assert link_query(form) == (
        f"from=01-07-2025&to=17-07-2025&terminal={TWO}&terminal={THREE}&branch=Andheri+West"
    )
    assert form.query(**{"from": "", "to": "", "span": "today"}) == [
        ("terminal", str(TWO)),
        ("terminal", str(THREE)),
        ("branch", "Andheri West"),
        ("span", "today"),
    ]
    assert export_query(flt) == {
        "date_from": "2025-07-01",
        "date_to": "2025-07-17",
        "terminal": sorted([str(TWO), str(THREE)]),
    }
    typed = typed_form({"from": ["31-02-2025"]}, InvalidInput("bad", "from"))
    assert typed.date_from == "31-02-2025"
    assert typed.errors == {"from": "Bad."}


def test_cells_read_the_indian_way() -> None:
    assert display_cell(ColumnKind.PAISE, Paise(1234567_50)) == "₹12,34,567.50"
    assert display_cell(ColumnKind.PAISE, Paise(-500)) == "-₹5.00"
    assert display_cell(ColumnKind.MILLIGRAMS, Milligrams(12345)) == "12.345 g"
    assert display_cell(ColumnKind.MILLIGRAMS, Milligrams(1_223_147)) == "1,223.147 g"
    assert display_cell(ColumnKind.COUNT, 1234567) == "12,34,567"
    assert display_cell(ColumnKind.PERCENT_BP, 300) == "3.00%"
    assert display_cell(ColumnKind.DATE, dt.date(2025, 7, 2)) == "2 Jul 2025"
    assert display_cell(ColumnKind.PAISE, None) == "—"
    assert display_cell(ColumnKind.TEXT, None) == ""


def test_a_long_table_shows_its_first_rows_and_links_the_first_cell() -> None:
    columns = (Column("n", "No."), Column("amount", "Amount", ColumnKind.PAISE))
    rows = tuple((f"A/{n}", Paise(n)) for n in range(1, 8))
    table = ReportTable(
        "docs",
        "Documents",
        columns,
        rows,
        totals=("Total", Paise(28)),
        row_links=tuple(f"/documents/{n}.pdf" for n in range(1, 8)),
    )
    report = Report("r", "R", ReportFilter(TODAY, TODAY), (table,))
    shown = report_view(report, limit=5).tables[0]
    assert len(shown.rows) == 5
    assert shown.cut
    assert shown.total_rows == 7
    assert shown.rows[0][0].link == "/documents/1.pdf"
    assert shown.rows[0][1].link is None
    assert shown.totals is not None
    assert [cell.raw for cell in shown.totals] == ["Total", "0.28"]
    assert [cell.text for cell in shown.totals] == ["Total", "₹0.28"]


def test_gstr1_month_defaults_to_last_month_and_refuses_nonsense() -> None:
    assert parse_month(None, TODAY).fp == "062025"
    assert parse_month("2025-7", TODAY).fp == "072025"
    with pytest.raises(InvalidInput, match="yyyy-mm"):
        parse_month("July", TODAY)
    with pytest.raises(InvalidInput, match="July 2017"):
        parse_month("2017-06", TODAY)


def test_a_reconciliation_names_each_difference() -> None:
    filed = Figures(taxable=Paise(100_00), cgst=Paise(150), sgst=Paise(150))
    books = Figures(taxable=Paise(110_00), cgst=Paise(165), sgst=Paise(165))
    assert not Reconciliation(filed, filed, filed, agrees=True).differences()
    lines = Reconciliation(filed, books, filed, agrees=False).differences()
    assert lines == [
        "taxable value: the sales register is ₹10.00 more than GSTR-1",
        "CGST: the sales register is ₹0.15 more than GSTR-1",
        "SGST: the sales register is ₹0.15 more than GSTR-1",
    ]


def test_download_names_split_into_slug_and_extension() -> None:
    assert split_name("sales-register.xlsx") == ("sales-register", "xlsx")
    assert split_name("sales-register") == ("sales-register", None)
    assert split_name("v1.2") == ("v1.2", None)
