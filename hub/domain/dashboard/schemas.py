"""Wire types of the dashboard: money in paise, weights in milligrams."""

from __future__ import annotations

import uuid
from datetime import date

import msgspec


class SalesTotal(msgspec.Struct):
    invoices: int
    taxable_paise: int
    tax_paise: int
    grand_total_paise: int


class TerminalSales(msgspec.Struct):
    terminal_id: uuid.UUID
    terminal_name: str
    invoices: int
    grand_total_paise: int


class MetalSales(msgspec.Struct):
    metal: str
    """gold, silver, platinum, or "other" for lines without metal (loose stones)."""
    net_mg: int
    taxable_paise: int


class ExchangeIntake(msgspec.Struct):
    vouchers: int
    net_mg: int
    value_paise: int


class PaymentModeTotal(msgspec.Struct):
    mode: str
    amount_paise: int
    """Received less refunded."""


class DaySales(msgspec.Struct):
    day: date
    grand_total_paise: int


class PeriodFigures(msgspec.Struct):
    start: date
    end: date
    sales: SalesTotal
    by_terminal: list[TerminalSales]
    by_metal: list[MetalSales]
    exchange: ExchangeIntake
    payments: list[PaymentModeTotal]


class DashboardFigures(msgspec.Struct):
    day: date
    today: PeriodFigures
    month: PeriodFigures
    month_by_day: list[DaySales]
    """Every day of the month so far, zero days included (the chart)."""
