"""The one place the hub is wired: `create_app(settings)` builds a Litestar app.

Nothing happens at import time. Resources (engines, Redis client, file storage) are built here
and closed on shutdown; the web pages plug in from `hub.web.routes` when that package exists.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from litestar import Litestar, Request
from litestar.config.app import AppConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from litestar.types import ControllerRouterHandler

from hub.archive import archive_worker
from hub.core.background import Worker
from hub.core.background import lifespan as background_lifespan
from hub.core.dependencies import RESOURCES_KEY, SESSIONS_KEY, dependencies
from hub.core.errors import exception_handlers
from hub.core.resources import HubResources, build_resources
from hub.domain.audit.controller import AuditController
from hub.domain.auth.controller import AuthController, MeController
from hub.domain.dashboard.controller import DashboardController
from hub.domain.device.controller import DeviceController
from hub.domain.licence.controller import LicenceController
from hub.domain.operator.controller import OperatorController
from hub.domain.rates.controller import RateController
from hub.domain.shops.controller import ShopController
from hub.domain.staff.controller import StaffController
from hub.domain.terminals.controller import EnrolmentCodeController, TerminalController
from hub.exports.cleanup import cleanup_worker
from hub.exports.link_controller import SignedFilesController
from hub.exports.worker import export_worker
from hub.files.controller import PublicFilesController
from hub.ops.health import HealthController
from hub.ops.logging import configure_logging, log_response, request_logging_middleware
from hub.ops.metrics import MetricsController, prometheus_config, watch
from hub.security.page_headers import add_page_headers
from hub.security.principal import StaffPrincipal
from hub.security.sessions import SessionIssuer, build_jwt_auth
from hub.settings import HubSettings
from hub.sync_api.routes import SYNC_CONTROLLERS

PACKAGE_DIR: Final = Path(__file__).resolve().parent
TEMPLATES_DIR: Final = PACKAGE_DIR / "templates"
STATIC_DIR: Final = PACKAGE_DIR / "static"
WEB_ROUTES_MODULE: Final = "hub.web.routes"
CSRF_COOKIE: Final = "csrftoken"
CSRF_HEADER: Final = "x-csrftoken"
CSRF_FORM_FIELD: Final = "_csrf_token"
API_CONTROLLERS: Final[Sequence[ControllerRouterHandler]] = (
    AuthController,
    MeController,
    ShopController,
    StaffController,
    TerminalController,
    EnrolmentCodeController,
    RateController,
    DashboardController,
    LicenceController,
    AuditController,
    OperatorController,
    DeviceController,
    HealthController,
    MetricsController,
    PublicFilesController,
    SignedFilesController,
)


def _derived_secret(secret: str, purpose: str) -> str:
    """A separate key per purpose, so a CSRF token never doubles as a session signature."""
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def _client_identifier(request: Request[Any, Any, Any]) -> str:
    return f"client:{request.client.host if request.client else 'unknown'}"


def _shop_identifier(request: Request[Any, Any, Any]) -> str:
    user = request.scope.get("user")
    return f"shop:{user.shop_id}" if isinstance(user, StaffPrincipal) else "shop:-"


async def _has_shop(request: Request[Any, Any, Any]) -> bool:
    # async on purpose: Litestar runs a plain function given here in a worker thread, a thread
    # hop on every request for a single isinstance check.
    return isinstance(request.scope.get("user"), StaffPrincipal)


def _rate_limits(settings: HubSettings) -> list[DefineMiddleware]:
    unlimited = ["^/api/health", "^/metrics", "^/static", "^/files/public"]
    per_client = RateLimitConfig(
        rate_limit=("minute", settings.auth.rate_limit_per_client_per_minute),
        identifier_for_request=_client_identifier,
        exclude=unlimited,
        store="rate_limit",
    )
    per_shop = RateLimitConfig(
        rate_limit=("minute", settings.auth.rate_limit_per_shop_per_minute),
        identifier_for_request=_shop_identifier,
        check_throttle_handler=_has_shop,
        exclude=unlimited,
        store="rate_limit",
    )
    return [per_client.middleware, per_shop.middleware]


def _web_plugin() -> ModuleType | None:
    """The owner's and operator's pages, when `hub.web.routes` is installed."""
    try:
        return importlib.import_module(WEB_ROUTES_MODULE)
    except ModuleNotFoundError as error:
        if error.name != WEB_ROUTES_MODULE:
            raise
        return None


def _logging_first(app_config: AppConfig) -> AppConfig:
    """Put the request log outside authentication, so refused requests are logged too."""
    app_config.middleware.insert(0, request_logging_middleware)
    return app_config


BACKGROUND_WORKERS: Final[tuple[Worker, ...]] = (archive_worker, export_worker, cleanup_worker)
"""Every instance runs these beside its requests (see hub.core.background)."""


def create_app(settings: HubSettings | None = None, *, pages: bool = True) -> Litestar:
    """The hub; `pages=False` serves only the JSON API and operations routes (an API-only
    instance behind a separate web tier)."""
    settings = settings or HubSettings.from_env()
    settings.validate()
    configure_logging()
    resources = build_resources(settings)
    watch(resources)
    jwt_auth = build_jwt_auth(resources)
    issuer = SessionIssuer(jwt_auth, settings.auth.session_hours)
    handlers: list[ControllerRouterHandler] = [*API_CONTROLLERS, *SYNC_CONTROLLERS]
    template_config: TemplateConfig[JinjaTemplateEngine] | None = None
    web = _web_plugin() if pages else None
    if web is not None:
        handlers.extend(getattr(web, "WEB_CONTROLLERS", ()))
    if web is not None and TEMPLATES_DIR.is_dir():
        configure = getattr(web, "configure_templates", None)
        template_config = TemplateConfig(
            directory=TEMPLATES_DIR,
            engine=JinjaTemplateEngine,
            engine_callback=configure,
        )
    if web is not None and STATIC_DIR.is_dir():
        handlers.append(
            create_static_files_router(
                path="/static",
                directories=[STATIC_DIR],
                opt={"exclude_from_auth": True},
                include_in_schema=False,
            )
        )

    async def close_resources() -> None:
        await resources.close()

    return Litestar(
        route_handlers=handlers,
        dependencies=dependencies(),
        state=State({RESOURCES_KEY: resources, SESSIONS_KEY: issuer}),
        stores=resources.stores,
        middleware=[*_rate_limits(settings), prometheus_config().middleware],
        on_app_init=[jwt_auth.on_app_init, _logging_first],
        on_shutdown=[close_resources],
        lifespan=[background_lifespan(resources, BACKGROUND_WORKERS)],
        before_send=[log_response, add_page_headers],
        csrf_config=CSRFConfig(
            secret=_derived_secret(settings.auth.jwt_secret, "csrf"),
            cookie_name=CSRF_COOKIE,
            header_name=CSRF_HEADER,
            cookie_secure=settings.auth.cookie_secure,
            exclude=["^/api/terminal/", "^/api/health", "^/metrics"],
        ),
        template_config=template_config,
        exception_handlers={
            **exception_handlers(),
            **(getattr(web, "WEB_EXCEPTION_HANDLERS", None) or {}),
        },
        openapi_config=OpenAPIConfig(
            title="BoolaGold hub",
            version="1",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        logging_config=None,
        debug=False,
    )


def resources_of(app: Litestar) -> HubResources:
    """The resources of a built app (the CLI and tests seed data through them)."""
    resources: HubResources = app.state[RESOURCES_KEY]
    return resources


__all__ = ["CSRF_COOKIE", "CSRF_FORM_FIELD", "CSRF_HEADER", "create_app", "resources_of"]
