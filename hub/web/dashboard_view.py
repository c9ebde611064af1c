"""The dashboard's tables: today's and this month's figures side by side, row by row.

The service reports each period on its own (as the API gives them); an owner wants one row per
terminal, metal or payment mode with "today" next to "this month". A terminal, metal or mode
that sold this month but not today still gets its row, with zero for today.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hub.domain.dashboard.schemas import DashboardFigures
from hub.web.charts import BarChart, ChartPoint, bar_chart
from shared.money import Paise

PAYMENT_MODE_LABELS: Final = {
    "cash": "Cash",
    "card": "Card",
    "upi": "UPI",
    "bank": "Bank transfer",
    "credit": "On credit",
}
_METAL_ORDER: Final = {"gold": 0, "silver": 1, "platinum": 2}
# A month has up to 31 bars; every fifth day is labelled so labels never overlap on a phone.
DAY_LABEL_EVERY: Final = 5


@dataclass(frozen=True, slots=True)
class SideBySide:
    """One row of a dashboard table."""

    label: str
    today_paise: int
    month_paise: int
    month_net_mg: int | None = None
    month_count: int | None = None


@dataclass(frozen=True, slots=True)
class DashboardView:
    figures: DashboardFigures
    by_terminal: list[SideBySide]
    by_metal: list[SideBySide]
    payments: list[SideBySide]
    chart: BarChart


def dashboard_view(figures: DashboardFigures) -> DashboardView:
    """Arrange `figures` for the page: merged tables, sorted the way an owner reads them."""
    today, month = figures.today, figures.month

    names = {t.terminal_id: t.terminal_name for t in [*month.by_terminal, *today.by_terminal]}
    terminal_today = {t.terminal_id: t.grand_total_paise for t in today.by_terminal}
    terminal_month = {t.terminal_id: t for t in month.by_terminal}
    by_terminal = sorted(
        (
            SideBySide(
                label=name,
                today_paise=terminal_today.get(terminal_id, 0),
                month_paise=terminal_month[terminal_id].grand_total_paise
                if terminal_id in terminal_month
                else 0,
                month_count=terminal_month[terminal_id].invoices
                if terminal_id in terminal_month
                else 0,
            )
            for terminal_id, name in names.items()
        ),
        key=lambda row: (-row.month_paise, row.label),
    )

    metal_today = {m.metal: m.taxable_paise for m in today.by_metal}
    metal_month = {m.metal: m for m in month.by_metal}
    metals = sorted({*metal_today, *metal_month}, key=lambda m: (_METAL_ORDER.get(m, 9), m))
    by_metal = [
        SideBySide(
            label=metal.capitalize(),
            today_paise=metal_today.get(metal, 0),
            month_paise=metal_month[metal].taxable_paise if metal in metal_month else 0,
            month_net_mg=metal_month[metal].net_mg if metal in metal_month else 0,
        )
        for metal in metals
    ]

    mode_today = {p.mode: p.amount_paise for p in today.payments}
    mode_month = {p.mode: p.amount_paise for p in month.payments}
    modes = sorted({*mode_today, *mode_month}, key=lambda m: (-mode_month.get(m, 0), m))
    payments = [
        SideBySide(
            label=PAYMENT_MODE_LABELS.get(mode, mode.capitalize()),
            today_paise=mode_today.get(mode, 0),
            month_paise=mode_month.get(mode, 0),
        )
        for mode in modes
    ]

    points = [
        ChartPoint(
            label=str(day.day.day),
            amount=Paise(day.grand_total_paise),
            highlight=day.day == figures.day,
        )
        for day in figures.month_by_day
    ]
    return DashboardView(
        figures=figures,
        by_terminal=by_terminal,
        by_metal=by_metal,
        payments=payments,
        chart=bar_chart(points, label_every=DAY_LABEL_EVERY),
    )
