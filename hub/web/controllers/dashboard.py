"""The owner's (and accountant's) dashboard: today's and this month's sales at a glance, the
month's sales charts (by day, metal and terminal, from the "Sales charts" report, so they add up
to the sales register), and a small licence panel so the AMC's due date is in front of the owner
before the counters warn."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency, Provide
from litestar.response import Template

from hub.domain.context import TenantContext
from hub.domain.dashboard.service import DashboardService, shop_today
from hub.domain.licence.service import LicenceService
from hub.reports.sales_trends import sales_trends
from hub.reports.tabular import ReportFilter
from hub.security.guards import requires_owner_or_accounts
from hub.web.controllers.base import PageController
from hub.web.dashboard_view import dashboard_view
from hub.web.frames import shop_frame
from hub.web.licence_look import licence_look
from hub.web.pages import Frame
from hub.web.report_dashboard import dashboard_charts


class DashboardController(PageController):
    path = "/dashboard"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @get("/", name="web.dashboard")
    async def show(
        self,
        frame: NamedDependency[Frame],
        dashboard_service: NamedDependency[DashboardService],
        licence_service: NamedDependency[LicenceService],
        report_context: NamedDependency[TenantContext],
    ) -> Template:
        figures = await dashboard_service.figures()
        licence = await licence_service.status()
        month = ReportFilter(figures.day.replace(day=1), figures.day)
        trends = await sales_trends(report_context.session, month)
        return frame.render(
            "owner/dashboard.html",
            title="Dashboard",
            figures=figures,
            view=dashboard_view(figures),
            licence=licence,
            licence_look=licence_look(licence, shop_today()),
            charts=dashboard_charts(trends, figures.day),
        )
