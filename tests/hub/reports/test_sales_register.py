"""The sales register read back from SQLite and MariaDB through a read-only tenant session.

Identities: for the calendar month its net taxable value and taxes equal GSTR-1's register to
the paisa; its totals row is the column sums of its rows and equals the seeded documents' own
sums; each invoice's payments plus its old gold make its total. Filters: dates, terminals, and
another shop's identical month in the same tables never shows.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.reports import Gstr1, gstr1_for_month
from hub.reports.catalogue import report_catalogue
from hub.reports.documents import DocumentKind
from hub.reports.sales_register import build_sales_register
from hub.reports.sales_register_rows import register_order, register_row
from hub.reports.sales_rows import SalesDocument
from hub.reports.tabular import Cell, ColumnKind, Report, ReportFilter, ReportTable
from hub.settings import sync_url
from shared.money import Paise
from shared.tables import CreditNote, Invoice
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.database import ReportResources, run_with_sessions
from tests.hub.reports.seed_sales import TwoShops, build_report, write_two_shops

JULY = ReportFilter(dt.date(2025, 7, 1), dt.date(2025, 7, 31))
MODES = ("paid_cash", "paid_card", "paid_upi", "paid_bank", "paid_credit")


@pytest.fixture(params=DATABASE_KINDS)
def shops(request: pytest.FixtureRequest) -> TwoShops:
    return write_two_shops(sync_url(request.getfixturevalue(f"{request.param}_url")))


def _column(table: ReportTable, key: str) -> list[Cell]:
    index = table.column_index(key)
    return [row[index] for row in table.rows]


def _total(table: ReportTable, key: str) -> Cell:
    assert table.totals is not None
    return table.totals[table.column_index(key)]


def _paise(cells: list[Cell]) -> Paise:
    assert all(isinstance(cell, Paise) for cell in cells)
    return Paise(sum(cell.value for cell in cells if isinstance(cell, Paise)))


def _assert_totals_are_column_sums(table: ReportTable) -> None:
    for column in table.columns:
        if column.kind is ColumnKind.PAISE:
            assert _total(table, column.key) == _paise(_column(table, column.key)), column.key
        elif column.kind is ColumnKind.COUNT:
            assert _total(table, column.key) == sum(
                c for c in _column(table, column.key) if isinstance(c, int)
            )


def _seeded_net(
    shops: TwoShops, flt: ReportFilter, attribute: str, terminals: set[uuid.UUID] | None = None
) -> Paise:
    """Issued invoices less issued notes in the filter, summed from the seed rows themselves."""
    month = shops.ours.month

    def wanted(row: Invoice | CreditNote, day: dt.date) -> bool:
        return (
            row.status == "issued"
            and flt.includes(day)
            and (terminals is None or row.terminal_id in terminals)
        )

    sold = sum(getattr(i, attribute) for i in month.invoices if wanted(i, i.invoice_date))
    returned = sum(getattr(n, attribute) for n in month.notes if wanted(n, n.note_date))
    return Paise(sold - returned)


def _register(shops: TwoShops, flt: ReportFilter = JULY) -> Report:
    return build_report(shops, build_sales_register, flt)


def test_the_month_equals_gstr1s_register_to_the_paisa(shops: TwoShops) -> None:
    report = _register(shops)

    async def work(resources: ReportResources) -> Gstr1:
        return await gstr1_for_month(resources, shops.shop_id, 2025, 7)

    gstr1 = run_with_sessions(shops.url, None, work)
    table = report.table("documents")
    assert _total(table, "taxable") == gstr1.register.taxable
    assert _total(table, "cgst") == gstr1.register.cgst
    assert _total(table, "sgst") == gstr1.register.sgst
    assert _total(table, "igst") == gstr1.register.igst
    assert gstr1.reconciles
    for key, attribute in (
        ("taxable", "taxable_paise"),
        ("cgst", "cgst_paise"),
        ("sgst", "sgst_paise"),
        ("igst", "igst_paise"),
        ("round_off", "round_off_paise"),
        ("total", "grand_total_paise"),
    ):
        assert _total(table, key) == _seeded_net(shops, JULY, attribute), key
    _assert_totals_are_column_sums(table)
    facts = dict(report.facts)
    assert facts["Invoices"] == "9"  # 10 July invoices, one cancelled
    assert facts["Credit notes"] == "5"
    assert facts["Net total"] == _seeded_net(shops, JULY, "grand_total_paise").format()


def test_payments_and_old_gold_make_up_each_documents_total(shops: TwoShops) -> None:
    table = _register(shops).table("documents")
    for row in table.rows:
        cells = dict(zip((c.key for c in table.columns), row, strict=True))
        paid = _paise([cells[key] for key in MODES])
        old_gold = cells["old_gold"]
        assert isinstance(old_gold, Paise)
        if cells["kind"] == "Invoice":
            assert paid + old_gold == cells["total"], cells["document"]
    by_mode = _register(shops).table("by_mode")
    _assert_totals_are_column_sums(by_mode)
    # Each mode's net in the payments table is that mode's column total in the register.
    nets = dict(zip(_column(by_mode, "mode"), _column(by_mode, "net"), strict=True))
    assert [nets[title] for title in ("Cash", "Card", "UPI", "Bank transfer", "On credit")] == [
        _total(table, key) for key in MODES
    ]
    # The diamond note was kept as credit: the customer was not refunded, so it shows no payment.
    diamond = next(r for r in table.rows if r[1] == "CB1/25-26/00002")
    assert all(cell == Paise(0) for cell in diamond[14:19])


def test_credit_notes_follow_their_invoice_and_cancelled_ones_count_zero(
    shops: TwoShops,
) -> None:
    table = _register(shops).table("documents")
    numbers = _column(table, "document")
    # A1's bangle invoice is followed by the note B1 issued against it on 25-07.
    assert numbers[numbers.index("A1/25-26/00006") + 1] == "CB1/25-26/00002"
    assert numbers[numbers.index("A1/25-26/00001") + 1] == "CA1/25-26/00001"
    # C1 returned an invoice of 30 June on 4 July: the note is listed, naming its invoice.
    orphan = table.rows[numbers.index("CC1/25-26/00001")]
    assert orphan[table.column_index("against")] == "C1/25-26/00001"
    assert orphan[table.column_index("total")] == Paise(-10_300_00)
    assert "C1/25-26/00001" not in numbers
    assert "C1/25-26/00002" not in numbers
    assert "CA1/25-26/00003" not in numbers  # dated August
    cancelled = table.rows[numbers.index("A1/25-26/00005")]
    assert cancelled[table.column_index("kind")] == "Cancelled invoice"
    money = [i for i, c in enumerate(table.columns) if c.kind is ColumnKind.PAISE]
    assert all(cancelled[i] == Paise(0) for i in money)
    assert "not counted" in str(cancelled[table.column_index("status")])
    dates = [d for d in _column(table, "date") if isinstance(d, dt.date)]
    assert dates[0] == dt.date(2025, 7, 1)
    assert table.row_links[0] == f"/documents/{shops.ours.month.invoices[0].id}.pdf"
    assert len(table.row_links) == len(table.rows)


def test_the_terminal_filter_keeps_that_terminals_documents(shops: TwoShops) -> None:
    a1 = shops.terminal("A1")
    flt = ReportFilter(JULY.date_from, JULY.date_to, frozenset({a1}))
    table = _register(shops, flt).table("documents")
    assert set(_column(table, "terminal")) == {"Counter A1"}
    assert "CB1/25-26/00002" not in _column(table, "document")  # issued on B1
    assert _total(table, "total") == _seeded_net(shops, flt, "grand_total_paise", {a1})
    _assert_totals_are_column_sums(table)


def test_the_date_range_is_honoured(shops: TwoShops) -> None:
    flt = ReportFilter(dt.date(2025, 7, 3), dt.date(2025, 7, 10))
    table = _register(shops, flt).table("documents")
    dates = {d for d in _column(table, "date") if isinstance(d, dt.date)}
    assert dates
    assert all(flt.includes(d) for d in dates)
    assert _total(table, "taxable") == _seeded_net(shops, flt, "taxable_paise")


def test_another_shops_documents_never_appear(shops: TwoShops) -> None:
    report = _register(shops)
    ours = {i.id for i in shops.ours.month.invoices} | {n.id for n in shops.ours.month.notes}
    theirs = {i.id for i in shops.theirs.month.invoices} | {n.id for n in shops.theirs.month.notes}
    linked = {
        uuid.UUID(link.split("/")[-1].removesuffix(".pdf"))
        for link in report.table("documents").row_links
        if link
    }
    assert linked <= ours
    assert not linked & theirs
    assert len(linked) == 15  # 10 July invoices and 5 July notes of our shop only


def test_the_register_is_in_the_catalogue() -> None:
    spec = report_catalogue().get("sales-register")
    assert spec.title == "Sales register"
    assert spec.build is build_sales_register


def _document(number: str, day: int, *, against: SalesDocument | None = None) -> SalesDocument:
    return SalesDocument(
        id=uuid.uuid4(),
        kind=DocumentKind.INVOICE if against is None else DocumentKind.CREDIT_NOTE,
        number=number,
        day=dt.date(2025, 7, day),
        terminal_id=uuid.uuid4(),
        cancelled=False,
        against_id=None if against is None else against.id,
        against_number=None if against is None else against.number,
        buyer_name="Walk-in customer",
        buyer_gstin=None,
        place_of_supply="27",
        taxable=Paise(100_00),
        cgst=Paise(1_50),
        sgst=Paise(1_50),
        igst=Paise(0),
        round_off=Paise(0),
        total=Paise(103_00),
        old_gold=Paise(0),
    )


def test_notes_sit_under_their_invoice_and_orphans_at_their_own_date() -> None:
    first, second = _document("A1/1", 1), _document("A1/2", 5)
    late_note = _document("CA1/1", 20, against=first)
    outside = _document("C1/9", 1)  # an invoice of another month: not in the list
    orphan = _document("CC1/1", 3, against=outside)
    ordered = register_order(d for d in (late_note, second, orphan, first))
    assert [d.number for d in ordered] == ["A1/1", "CA1/1", "CC1/1", "A1/2"]
    row = register_row(late_note, "Counter A1", None)
    assert row[3] == "A1/1"
    assert row[8:14] == (
        Paise(-100_00),
        Paise(-1_50),
        Paise(-1_50),
        Paise(0),
        Paise(0),
        Paise(-103_00),
    )
