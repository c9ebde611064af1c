"""Where `hub.app.create_app` finds the pages: `WEB_CONTROLLERS` and `configure_templates`.

Every page controller derives from `PageController`, which carries the page error handlers, so
a 404 or a 403 on a page is a page while the JSON API next to it keeps its JSON errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from litestar.types import ControllerRouterHandler

from hub.web.controllers.auth import LoginController, SessionController
from hub.web.controllers.dashboard import DashboardController
from hub.web.controllers.documents import DocumentsController
from hub.web.controllers.exports import ExportsController
from hub.web.controllers.gstr1 import Gstr1Controller
from hub.web.controllers.licence import LicenceController
from hub.web.controllers.operator import OperatorShopsController
from hub.web.controllers.operator_overview import OperatorOverviewController
from hub.web.controllers.operator_subscription import OperatorSubscriptionController
from hub.web.controllers.profile import ProfileController
from hub.web.controllers.rates import RatesController
from hub.web.controllers.reports import ReportsController
from hub.web.controllers.staff import StaffController
from hub.web.controllers.terminals import TerminalsController
from hub.web.templating import configure_templates

WEB_CONTROLLERS: Final[Sequence[ControllerRouterHandler]] = (
    LoginController,
    SessionController,
    DashboardController,
    ProfileController,
    StaffController,
    TerminalsController,
    RatesController,
    LicenceController,
    Gstr1Controller,
    ReportsController,
    ExportsController,
    DocumentsController,
    OperatorShopsController,
    OperatorOverviewController,
    OperatorSubscriptionController,
)

__all__ = ["WEB_CONTROLLERS", "configure_templates"]
