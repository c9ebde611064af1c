"""GET /api/dashboard?day=YYYY-MM-DD (owner or accounts)."""

from __future__ import annotations

from datetime import date

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery

from hub.domain.dashboard.schemas import DashboardFigures
from hub.domain.dashboard.service import DashboardService
from hub.security.guards import requires_owner_or_accounts


class DashboardController(Controller):
    path = "/api/dashboard"
    tags = ("dashboard",)
    guards = (requires_owner_or_accounts,)

    @get("/")
    async def figures(
        self,
        dashboard_service: NamedDependency[DashboardService],
        day: FromQuery[date | None] = None,
    ) -> DashboardFigures:
        return await dashboard_service.figures(day)
