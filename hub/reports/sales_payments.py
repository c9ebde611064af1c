"""Payments by mode: what came in and went out through each mode the counters record.

The sales register feeds it the payments against its own documents (so each mode's net equals
the register's column for that mode); the day book feeds it the payments dated in the range
(the money that moved, advances included).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from hub.reports.sales_rows import MODE_TITLES, MoneyWay, PaymentRecord
from hub.reports.sales_totals import totals_row
from hub.reports.tabular import Cell, Column, ColumnKind, ReportTable
from shared.money import Paise
from shared.tables.vocabulary import PaymentMode

PAYMENT_MODE_COLUMNS: Final = (
    Column("mode", "Mode"),
    Column("count_in", "Receipts", ColumnKind.COUNT),
    Column("amount_in", "Amount in", ColumnKind.PAISE),
    Column("count_out", "Refunds and payouts", ColumnKind.COUNT),
    Column("amount_out", "Amount out", ColumnKind.PAISE),
    Column("net", "Net", ColumnKind.PAISE),
)


def mode_rows(payments: Iterable[PaymentRecord]) -> tuple[tuple[Cell, ...], ...]:
    """One row per mode, every mode listed (a zero row says "none", not "not counted")."""
    counts: dict[tuple[PaymentMode, MoneyWay], int] = {}
    amounts: dict[tuple[PaymentMode, MoneyWay], int] = {}
    for payment in payments:
        key = (payment.mode, payment.way)
        counts[key] = counts.get(key, 0) + 1
        amounts[key] = amounts.get(key, 0) + payment.amount.value
    rows = []
    for mode, title in MODE_TITLES.items():
        money_in = amounts.get((mode, MoneyWay.IN), 0)
        money_out = amounts.get((mode, MoneyWay.OUT), 0)
        rows.append(
            (
                title,
                counts.get((mode, MoneyWay.IN), 0),
                Paise(money_in),
                counts.get((mode, MoneyWay.OUT), 0),
                Paise(money_out),
                Paise(money_in - money_out),
            )
        )
    return tuple(rows)


def payments_by_mode_table(
    payments: Iterable[PaymentRecord], *, key: str, title: str, note: str
) -> ReportTable:
    rows = mode_rows(payments)
    return ReportTable(
        key=key,
        title=title,
        columns=PAYMENT_MODE_COLUMNS,
        rows=rows,
        totals=totals_row(PAYMENT_MODE_COLUMNS, rows),
        note=note,
    )
