"""The dashboard's three charts from the "Sales charts" report: by day this month, by metal, by
terminal.

The dashboard asks `hub.reports.sales_trends` for the month so far, so its bars add up to the
sales register's net total for the same days (invoices less credit notes), and draws them with
`hub.web.charts` like every other chart: today's bar picked out, every fifth day labelled so a
phone can read the axis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from hub.reports.tabular import ChartSeries, Report
from hub.web.charts import ChartPoint, bar_chart
from hub.web.report_view import ShownChart, shown_chart

DAY_LABEL_EVERY: Final = 5
DAY_SERIES: Final = "by_day"
_TITLES: Final = {
    "by_day": "Sales by day this month",
    "by_metal": "By metal",
    "by_terminal": "By terminal",
}


@dataclass(frozen=True, slots=True)
class DashboardCharts:
    by_day: ShownChart | None
    others: tuple[ShownChart, ...]
    """By metal and by terminal, side by side on a desktop."""


def _days(series: ChartSeries, first: dt.date, today: dt.date) -> ShownChart:
    """One bar per day from the 1st, labelled with the day of the month, today highlighted."""
    points = [
        ChartPoint(
            label=str((first + dt.timedelta(days=index)).day),
            amount=amount,
            highlight=first + dt.timedelta(days=index) == today,
        )
        for index, amount in enumerate(series.amounts)
    ]
    return ShownChart(
        series.key, _TITLES[DAY_SERIES], bar_chart(points, label_every=DAY_LABEL_EVERY)
    )


def dashboard_charts(trends: Report, today: dt.date) -> DashboardCharts:
    by_day: ShownChart | None = None
    others: list[ShownChart] = []
    for series in trends.charts:
        if series.key == DAY_SERIES:
            by_day = _days(series, trends.filter.date_from, today)
        elif series.key in _TITLES:
            shown = shown_chart(series)
            others.append(ShownChart(shown.key, _TITLES[series.key], shown.chart))
    return DashboardCharts(by_day=by_day, others=tuple(others))
