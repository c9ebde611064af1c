"""The day book, the cash book and the old-gold intake: pure tables from plain rows.

The day book lists each day's documents and the money received, by mode; the cash book follows
only the cash the counters recorded (cash drawn for expenses or banked is not in the POS), with
a balance running from the start of the range; the old-gold table sums the purchase vouchers by
metal and purity. Every totals row is the sum of its rows (`sales_totals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from hub.reports.documents import DocumentKind
from hub.reports.sales_rows import (
    MODE_TITLES,
    MoneyWay,
    OldGoldLot,
    PaymentRecord,
    SalesDocument,
    mode_columns,
)
from hub.reports.sales_totals import totals_row
from hub.reports.tabular import Cell, Column, ColumnKind, ReportTable
from shared.money import Milligrams, Paise
from shared.purity import Metal, default_catalogue
from shared.tables.vocabulary import PaymentMode

DAY_BOOK_COLUMNS: Final = (
    Column("date", "Date", ColumnKind.DATE),
    Column("invoices", "Invoices", ColumnKind.COUNT),
    Column("sales", "Sales", ColumnKind.PAISE),
    Column("credit_notes", "Credit notes", ColumnKind.COUNT),
    Column("returns", "Credit notes total", ColumnKind.PAISE),
    Column("net", "Net sales", ColumnKind.PAISE),
    *mode_columns("received_", " received"),
    Column("paid_out", "Paid out", ColumnKind.PAISE),
)

CASH_BOOK_COLUMNS: Final = (
    Column("date", "Date", ColumnKind.DATE),
    Column("cash_in", "Cash in", ColumnKind.PAISE),
    Column("out_returns", "Cash out on credit notes", ColumnKind.PAISE),
    Column("out_old_gold", "Cash out for old gold", ColumnKind.PAISE),
    Column("net", "Net", ColumnKind.PAISE),
    Column("balance", "Balance", ColumnKind.PAISE),
)

OLD_GOLD_COLUMNS: Final = (
    Column("metal", "Metal"),
    Column("purity", "Purity"),
    Column("lots", "Lots", ColumnKind.COUNT),
    Column("gross", "Gross weight", ColumnKind.MILLIGRAMS),
    Column("net", "Net weight", ColumnKind.MILLIGRAMS),
    Column("fine", "Fine weight", ColumnKind.MILLIGRAMS),
    Column("value", "Value", ColumnKind.PAISE),
)

_METAL_ORDER: Final = {metal.value: index for index, metal in enumerate(Metal)}


@dataclass(slots=True)
class _Day:
    invoices: int = 0
    sales: int = 0
    notes: int = 0
    returns: int = 0
    paid_out: int = 0
    received: dict[PaymentMode, int] = field(default_factory=dict)


def _days(
    documents: Iterable[SalesDocument], payments: Iterable[PaymentRecord]
) -> dict[dt.date, _Day]:
    days: dict[dt.date, _Day] = {}
    for document in documents:
        if not document.counts:
            continue
        day = days.setdefault(document.day, _Day())
        if document.kind is DocumentKind.INVOICE:
            day.invoices += 1
            day.sales += document.total.value
        else:
            day.notes += 1
            day.returns -= document.total.value
    for payment in payments:
        day = days.setdefault(payment.day, _Day())
        if payment.way is MoneyWay.IN:
            day.received[payment.mode] = day.received.get(payment.mode, 0) + payment.amount.value
        else:
            day.paid_out += payment.amount.value
    return days


def day_book_table(
    documents: Iterable[SalesDocument], payments: Iterable[PaymentRecord]
) -> ReportTable:
    """Per day with any document or payment: issued documents' totals and money by mode."""
    days = _days(documents, payments)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            day,
            figures.invoices,
            Paise(figures.sales),
            figures.notes,
            Paise(figures.returns),
            Paise(figures.sales + figures.returns),
            *(Paise(figures.received.get(mode, 0)) for mode in MODE_TITLES),
            Paise(figures.paid_out),
        )
        for day, figures in sorted(days.items())
    )
    return ReportTable(
        key="day_book",
        title="Day book",
        columns=DAY_BOOK_COLUMNS,
        rows=rows,
        totals=totals_row(DAY_BOOK_COLUMNS, rows),
        note=(
            "Issued invoices and credit notes by their date, totals including GST (cancelled "
            "ones left out); money received and paid out by the day it was recorded, advances "
            "included."
        ),
    )


@dataclass(frozen=True, slots=True)
class CashDay:
    day: dt.date
    cash_in: Paise
    out_returns: Paise
    out_old_gold: Paise

    @property
    def net(self) -> Paise:
        return self.cash_in - self.out_returns - self.out_old_gold


def cash_days(payments: Iterable[PaymentRecord]) -> list[CashDay]:
    """Each day's cash in and out; out is a refund on a credit note or, on an invoice, the
    balance paid for old gold worth more than the purchase."""
    sums: dict[dt.date, list[int]] = {}
    for payment in payments:
        if payment.mode is not PaymentMode.CASH:
            continue
        figures = sums.setdefault(payment.day, [0, 0, 0])
        if payment.way is MoneyWay.IN:
            figures[0] += payment.amount.value
        elif payment.credit_note_id is not None:
            figures[1] += payment.amount.value
        else:
            figures[2] += payment.amount.value
    return [CashDay(day, Paise(a), Paise(b), Paise(c)) for day, (a, b, c) in sorted(sums.items())]


def cash_book_table(payments: Iterable[PaymentRecord]) -> ReportTable:
    """The cash days with a running balance from zero at the start of the range; the totals
    row's balance is the closing balance (opening + cash in - cash out)."""
    rows: list[tuple[Cell, ...]] = []
    balance = Paise(0)
    for cash in cash_days(payments):
        balance = balance + cash.net
        rows.append(
            (cash.day, cash.cash_in, cash.out_returns, cash.out_old_gold, cash.net, balance)
        )
    totals = totals_row(CASH_BOOK_COLUMNS, rows)
    return ReportTable(
        key="cash_book",
        title="Cash book",
        columns=CASH_BOOK_COLUMNS,
        rows=tuple(rows),
        totals=(*totals[:-1], balance),
        note=(
            "Counts only the cash the counters recorded (sales, advances, refunds and old-gold "
            "payouts), not cash banked or spent outside the POS; the balance runs from zero at "
            "the start of the range, and its total is the closing balance."
        ),
    )


def _purity_label(metal: str, fineness: int) -> str:
    try:
        return default_catalogue()[(Metal(metal), fineness)].label
    except (KeyError, ValueError):
        return str(fineness)


def old_gold_table(lots: Iterable[OldGoldLot]) -> ReportTable:
    """Old metal bought, by metal and purity (as tested at the counter), finest first."""
    groups: dict[tuple[str, int], list[OldGoldLot]] = {}
    for lot in lots:
        groups.setdefault((lot.metal, lot.fineness), []).append(lot)
    ordered = sorted(
        groups.items(), key=lambda item: (_METAL_ORDER.get(item[0][0], 99), item[0][0], -item[0][1])
    )
    rows = tuple(
        (
            metal.capitalize(),
            _purity_label(metal, fineness),
            len(group),
            _weight(lot.gross for lot in group),
            _weight(lot.net for lot in group),
            _weight(lot.fine for lot in group),
            Paise(sum(lot.value.value for lot in group)),
        )
        for (metal, fineness), group in ordered
    )
    return ReportTable(
        key="old_gold",
        title="Old gold bought",
        columns=OLD_GOLD_COLUMNS,
        rows=rows,
        totals=totals_row(OLD_GOLD_COLUMNS, rows),
        note=(
            "Issued purchase vouchers by their date; fine weight is the net weight times the "
            "purity tested at the counter. Totals add different metals' weights together."
        ),
    )


def _weight(weights: Iterable[Milligrams]) -> Milligrams:
    return Milligrams(sum(weight.value for weight in weights))


def closing_cash(table: ReportTable) -> Paise:
    totals: Sequence[Cell] = table.totals or ()
    last = totals[-1] if totals else None
    return last if isinstance(last, Paise) else Paise(0)
