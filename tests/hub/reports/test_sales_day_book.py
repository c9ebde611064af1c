"""The day book and cash book: totals are the sums of their rows, the cash book closes at
opening + in - out, the figures equal the seeded rows to the paisa on SQLite and MariaDB, and
the filters (dates, terminals, the shop) are honoured."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.reports.catalogue import report_catalogue
from hub.reports.sales_books import build_day_book
from hub.reports.sales_daybook import cash_book_table, closing_cash, old_gold_table
from hub.reports.sales_register import build_sales_register
from hub.reports.sales_rows import MoneyWay, OldGoldLot, PaymentRecord
from hub.reports.tabular import Cell, ColumnKind, Report, ReportFilter, ReportTable
from hub.settings import sync_url
from shared.money import Milligrams, Paise
from shared.tables.vocabulary import PaymentMode
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.seed_sales import ADVANCE, TwoShops, build_report, write_two_shops

JULY = ReportFilter(dt.date(2025, 7, 1), dt.date(2025, 7, 31))
TILL = uuid.uuid4()


@pytest.fixture(params=DATABASE_KINDS)
def shops(request: pytest.FixtureRequest) -> TwoShops:
    return write_two_shops(sync_url(request.getfixturevalue(f"{request.param}_url")))


def _column(table: ReportTable, key: str) -> list[Cell]:
    index = table.column_index(key)
    return [row[index] for row in table.rows]


def _total(table: ReportTable, key: str) -> Cell:
    assert table.totals is not None
    return table.totals[table.column_index(key)]


def _sum(cells: list[Cell]) -> Paise | Milligrams | int:
    if all(isinstance(c, Paise) for c in cells):
        return Paise(sum(c.value for c in cells if isinstance(c, Paise)))
    if all(isinstance(c, Milligrams) for c in cells):
        return Milligrams(sum(c.value for c in cells if isinstance(c, Milligrams)))
    return sum(c for c in cells if isinstance(c, int))


def _assert_totals_are_column_sums(table: ReportTable, *, skip: tuple[str, ...] = ()) -> None:
    assert table.rows
    for column in table.columns:
        if column.kind.numeric and column.key not in skip:
            assert _total(table, column.key) == _sum(_column(table, column.key)), column.key


def _payment(
    day: int, mode: PaymentMode, amount: int, way: MoneyWay, *, note: bool = False
) -> PaymentRecord:
    return PaymentRecord(
        day=dt.date(2025, 7, day),
        terminal_id=TILL,
        mode=mode,
        way=way,
        amount=Paise(amount),
        invoice_id=None if note else uuid.uuid4(),
        credit_note_id=uuid.uuid4() if note else None,
    )


def test_the_cash_book_runs_its_balance_and_closes_at_in_less_out() -> None:
    payments = [
        _payment(3, PaymentMode.CASH, 10_000_00, MoneyWay.IN),
        _payment(3, PaymentMode.CARD, 99_000_00, MoneyWay.IN),  # not cash: not in the book
        _payment(1, PaymentMode.CASH, 2_500_00, MoneyWay.IN),
        _payment(4, PaymentMode.CASH, 4_000_00, MoneyWay.OUT, note=True),
        _payment(4, PaymentMode.CASH, 9_000_00, MoneyWay.OUT),  # old gold balance paid out
    ]
    table = cash_book_table(payments)
    assert _column(table, "date") == [dt.date(2025, 7, d) for d in (1, 3, 4)]
    assert _column(table, "balance") == [Paise(2_500_00), Paise(12_500_00), Paise(-500_00)]
    assert _column(table, "out_returns") == [Paise(0), Paise(0), Paise(4_000_00)]
    assert _column(table, "out_old_gold") == [Paise(0), Paise(0), Paise(9_000_00)]
    _assert_totals_are_column_sums(table, skip=("balance",))
    assert closing_cash(table) == Paise(12_500_00 - 4_000_00 - 9_000_00)


def test_old_gold_is_grouped_by_metal_and_purity_finest_first() -> None:
    def lot(metal: str, fineness: int, net: int, value: int) -> OldGoldLot:
        return OldGoldLot(
            dt.date(2025, 7, 1),
            TILL,
            metal,
            fineness,
            Milligrams(net + 100),
            Milligrams(net),
            Paise(value),
        )

    table = old_gold_table(
        [
            lot("silver", 925, 50_000, 4_000_00),
            lot("gold", 916, 2_001, 18_000_00),
            lot("gold", 995, 10_000, 93_100_00),
            lot("gold", 916, 5_000, 45_000_00),
        ]
    )
    assert [(r[0], r[1], r[2]) for r in table.rows] == [
        ("Gold", "24K995", 1),
        ("Gold", "22K916", 2),
        ("Silver", "925", 1),
    ]
    # 2.001 g x 0.916 = 1.832916 g -> 1.833 g; 5 g -> 4.580 g.
    assert table.rows[1][table.column_index("fine")] == Milligrams(1_833 + 4_580)
    _assert_totals_are_column_sums(table)


def _books(shops: TwoShops, flt: ReportFilter = JULY) -> Report:
    return build_report(shops, build_day_book, flt)


def _seeded_payments(
    shops: TwoShops, flt: ReportFilter, terminals: set[uuid.UUID] | None = None
) -> list[tuple[str, str, int, bool]]:
    return [
        (p.mode, p.direction, p.amount_paise, p.credit_note_id is not None)
        for p in shops.ours.payments
        if flt.includes(p.payment_date) and (terminals is None or p.terminal_id in terminals)
    ]


def test_the_month_adds_up_to_the_seeded_rows(shops: TwoShops) -> None:
    report = _books(shops)
    day_book = report.table("day_book")
    for table in report.tables:
        _assert_totals_are_column_sums(table, skip=("balance",))
    register = build_report(shops, build_sales_register, JULY).table("documents")
    assert _total(day_book, "net") == register.totals[register.column_index("total")]  # type: ignore[index]
    paid = _seeded_payments(shops, JULY)
    received = sum(amount for mode, way, amount, _ in paid if way == "received")
    refunded = sum(amount for mode, way, amount, _ in paid if way == "refunded")
    by_mode = report.table("payments_by_mode")
    assert _total(by_mode, "amount_in") == Paise(received)
    assert _total(by_mode, "amount_out") == Paise(refunded) == _total(day_book, "paid_out")
    received_columns = [c.key for c in day_book.columns if c.key.startswith("received_")]
    assert _sum([_total(day_book, key) for key in received_columns]) == Paise(received)
    # Cash: A1's walk-in Rs 26,290, B1's Rs 10,000 and Rs 50,000, the Rs 5,000 advance in; the
    # refunds of Rs 5,665 and Rs 10,300 and the old-gold balance of Rs 43,764 out.
    cash = report.table("cash_book")
    cash_in = sum(a for m, w, a, _ in paid if m == "cash" and w == "received")
    assert cash_in == 26_290_00 + 10_000_00 + 50_000_00 + ADVANCE.value
    assert _total(cash, "cash_in") == Paise(cash_in)
    assert _total(cash, "out_returns") == Paise(5_665_00 + 10_300_00)
    assert _total(cash, "out_old_gold") == Paise(43_764_00)
    assert closing_cash(cash) == Paise(31_561_00) == _column(cash, "balance")[-1]
    old_gold = report.table("old_gold")
    assert [(r[1], r[2]) for r in old_gold.rows] == [("24K995", 1), ("22K916", 2)]
    assert _total(old_gold, "value") == _total(register, "old_gold") == Paise(1_56_100_00)
    assert _total(old_gold, "net") == Milligrams(17_000)
    assert dict(report.facts)["Cash closing balance"] == Paise(31_561_00).format()


def test_the_terminal_filter_and_the_date_range_are_honoured(shops: TwoShops) -> None:
    b1 = shops.terminal("B1")
    flt = ReportFilter(dt.date(2025, 7, 2), dt.date(2025, 7, 22), frozenset({b1}))
    report = _books(shops, flt)
    paid = _seeded_payments(shops, flt, {b1})
    assert _total(report.table("payments_by_mode"), "amount_in") == Paise(
        sum(a for _, w, a, _ in paid if w == "received")
    )
    days = {d for d in _column(report.table("day_book"), "date") if isinstance(d, dt.date)}
    assert days == {dt.date(2025, 7, d) for d in (2, 12, 15, 18, 22)}
    old_gold = report.table("old_gold")
    assert _total(old_gold, "lots") == 2  # B1's two exchanges; A1's is another terminal's
    assert closing_cash(report.table("cash_book")) == Paise(
        10_000_00 + 50_000_00 - 43_764_00 - 5_665_00
    )


def test_another_shops_money_never_appears(shops: TwoShops) -> None:
    # The other shop's identical month would double every figure if it leaked in.
    report = _books(shops)
    assert _total(report.table("day_book"), "invoices") == 9
    assert _total(report.table("old_gold"), "lots") == 3
    assert closing_cash(report.table("cash_book")) == Paise(31_561_00)


def test_the_day_book_is_in_the_catalogue() -> None:
    spec = report_catalogue().get("day-book")
    assert spec.title == "Day book and cash book"
    assert spec.build is build_day_book
    assert ColumnKind.PAISE.numeric
