"""The operator's overview page, arranged: every figure computed once from the day's facts.

The controller loads the facts (`hub.domain.operator.metrics.load_facts`) and hands them here;
this module only calls the figure functions and shapes their answers for the template (labels,
badges, the chart), so the page and the CSV export read the same lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from hub.domain.operator import metrics
from hub.domain.operator.metrics import (
    DueItem,
    MonthTotal,
    PaymentFacts,
    PaymentLine,
    Ratio,
    ShopFacts,
)
from hub.web.charts import BarChart, ChartPoint, bar_chart
from shared.money import Paise

# state -> (badge style, label); the badge styles exist in hub.css (ok / warn / bad).
STATE_LOOK: Final = {
    metrics.TRIAL: ("warn", "Trial"),
    metrics.ACTIVE: ("ok", "Active"),
    metrics.GRACE: ("warn", "Grace"),
    metrics.LAPSED: ("bad", "Lapsed"),
    metrics.LIFETIME: ("ok", "Lifetime"),
    metrics.SUSPENDED: ("bad", "Suspended"),
}


def state_badge(state: str) -> str:
    return STATE_LOOK.get(state, ("warn", state))[0]


def state_label(state: str) -> str:
    return STATE_LOOK.get(state, ("warn", state.capitalize()))[1]


@dataclass(frozen=True, slots=True)
class StateGroup:
    state: str
    label: str
    badge: str
    shops: list[ShopFacts]


@dataclass(frozen=True, slots=True)
class OverviewView:
    today: date
    shops_total: int
    groups: list[StateGroup]
    active_shops: int
    conversion: Ratio
    renewal: Ratio
    mrr_paise: int
    arr_paise: int
    trials_ending: list[DueItem]
    amcs_due: list[DueItem]
    amcs_overdue: list[DueItem]
    payments_this_month: list[PaymentLine]
    payments_this_month_paise: int
    months: list[MonthTotal]
    chart: BarChart
    hints: dict[str, str]


def month_label(month: date, today: date) -> str:
    """ "Mar" within this year, "Dec 25" for last year's months (so a year's turn is visible)."""
    return f"{month:%b}" if month.year == today.year else f"{month:%b} {month:%y}"


def overview_view(
    shops: Sequence[ShopFacts], payments: Sequence[PaymentFacts], today: date
) -> OverviewView:
    groups = metrics.shops_by_state(shops)
    mrr = metrics.monthly_recurring_revenue(shops, today)
    months = metrics.payments_by_month(payments, today)
    this_month = metrics.payments_this_month(shops, payments, today)
    chart = bar_chart(
        [
            ChartPoint(
                label=month_label(month.month, today),
                amount=Paise(month.amount_paise),
                highlight=month.month == today.replace(day=1),
            )
            for month in months
        ]
    )
    return OverviewView(
        today=today,
        shops_total=len(shops),
        groups=[
            StateGroup(state, state_label(state), state_badge(state), members)
            for state, members in groups.items()
        ],
        active_shops=metrics.active_shops(shops),
        conversion=metrics.trial_conversion(shops, payments, today),
        renewal=metrics.amc_renewal_rate(payments, today),
        mrr_paise=mrr,
        arr_paise=metrics.annual_recurring_revenue(mrr),
        trials_ending=metrics.trials_ending(shops, today),
        amcs_due=metrics.amcs_due(shops, today),
        amcs_overdue=metrics.amcs_overdue(shops, today),
        payments_this_month=this_month,
        payments_this_month_paise=sum(line.payment.amount_paise for line in this_month),
        months=months,
        chart=chart,
        hints=dict(metrics.HINTS),
    )
