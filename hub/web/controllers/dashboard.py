"""The owner's (and accountant's) dashboard: today's and this month's sales at a glance, and a
small licence panel so the AMC's due date is in front of the owner before the counters warn."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency, Provide
from litestar.response import Template

from hub.domain.dashboard.service import DashboardService, shop_today
from hub.domain.licence.service import LicenceService
from hub.security.guards import requires_owner_or_accounts
from hub.web.controllers.base import PageController
from hub.web.dashboard_view import dashboard_view
from hub.web.frames import shop_frame
from hub.web.licence_look import licence_look
from hub.web.pages import Frame


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
    ) -> Template:
        figures = await dashboard_service.figures()
        licence = await licence_service.status()
        return frame.render(
            "owner/dashboard.html",
            title="Dashboard",
            figures=figures,
            view=dashboard_view(figures),
            licence=licence,
            licence_look=licence_look(licence, shop_today()),
        )
