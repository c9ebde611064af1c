"""The operator's overview (shops by status, what falls due, the business figures) and the due
list as CSV.

Read-only, on the operator's platform session: the facts are read once per request
(`metrics.load_facts`) and every figure is computed from them in Python (DESIGN.md section 6).
"""

from __future__ import annotations

from litestar import Response, get
from litestar.di import NamedDependency, Provide
from litestar.response import Template

from hub.domain.context import PlatformContext
from hub.domain.dashboard.service import shop_today
from hub.domain.operator import metrics
from hub.security.guards import requires_operator
from hub.web.controllers.base import PageController
from hub.web.due_csv import due_csv, due_csv_filename
from hub.web.frames import operator_frame
from hub.web.operator_overview import overview_view, state_badge, state_label
from hub.web.pages import Frame


class OperatorOverviewController(PageController):
    path = "/operator/overview"
    guards = [requires_operator]  # noqa: RUF012
    dependencies = {"frame": Provide(operator_frame)}  # noqa: RUF012

    @get("/", name="web.operator.overview")
    async def overview(
        self, frame: NamedDependency[Frame], platform_context: NamedDependency[PlatformContext]
    ) -> Template:
        today = shop_today()
        shops, payments = await metrics.load_facts(platform_context.session, today)
        return frame.render(
            "operator/overview.html",
            title="Overview",
            view=overview_view(shops, payments, today),
            state_badge=state_badge,
            state_label=state_label,
        )

    @get("/due.csv", name="web.operator.due_csv")
    async def due_list(self, platform_context: NamedDependency[PlatformContext]) -> Response[str]:
        """Overdue AMCs, trials ending this week and AMCs due in 30 days, one row each."""
        today = shop_today()
        shops, _ = await metrics.load_facts(platform_context.session, today)
        return Response(
            content=due_csv(metrics.due_list(shops, today)),
            media_type="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="{due_csv_filename(today)}"',
                "Cache-Control": "no-store",
            },
        )
