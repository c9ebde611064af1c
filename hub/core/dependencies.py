"""The app-wide dependencies: handlers (API and pages) name them as parameters.

Only what a handler asks for is built. A tenant service always comes from the signed-in staff
member's tenant session, so no handler can pick a shop; operator services need an operator.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any, Final

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException

from hub.core.resources import HubResources
from hub.domain.audit.service import AuditService
from hub.domain.auth.service import AuthService
from hub.domain.context import PlatformContext, TenantContext
from hub.domain.dashboard.service import DashboardService
from hub.domain.licence.service import LicenceService
from hub.domain.operator.service import OperatorService
from hub.domain.rates.service import RateService
from hub.domain.shops.service import ShopService
from hub.domain.staff.service import StaffService
from hub.domain.terminals.service import TerminalService
from hub.security.device import authenticate_terminal
from hub.security.principal import OperatorPrincipal, StaffPrincipal, TerminalPrincipal
from hub.security.sessions import SessionIssuer

RESOURCES_KEY: Final = "hub_resources"
SESSIONS_KEY: Final = "hub_sessions"


def provide_resources(state: State) -> HubResources:
    resources: NamedDependency[HubResources] = state[RESOURCES_KEY]
    return resources


def provide_sessions(state: State) -> SessionIssuer:
    issuer: SessionIssuer = state[SESSIONS_KEY]
    return issuer


def provide_staff(request: Request[Any, Any, Any]) -> StaffPrincipal:
    user = request.scope.get("user")
    if user is None:
        raise NotAuthorizedException("please sign in")
    if not isinstance(user, StaffPrincipal):
        raise PermissionDeniedException("this belongs to a shop's staff")
    return user


def provide_operator(request: Request[Any, Any, Any]) -> OperatorPrincipal:
    user = request.scope.get("user")
    if user is None:
        raise NotAuthorizedException("please sign in")
    if not isinstance(user, OperatorPrincipal):
        raise PermissionDeniedException("only the platform's operators may do this")
    return user


async def provide_terminal(
    request: Request[Any, Any, Any], resources: NamedDependency[HubResources]
) -> TerminalPrincipal:
    return await authenticate_terminal(resources, request)


async def provide_tenant_context(
    staff: NamedDependency[StaffPrincipal], resources: NamedDependency[HubResources]
) -> AsyncGenerator[TenantContext, None]:
    async with resources.sessions.tenant(staff.shop_id) as session:
        yield TenantContext(session=session, principal=staff, resources=resources)


async def provide_report_context(
    staff: NamedDependency[StaffPrincipal], resources: NamedDependency[HubResources]
) -> AsyncGenerator[TenantContext, None]:
    """Like the tenant context, on the read replica when one is configured (reports)."""
    async with resources.sessions.tenant(staff.shop_id, read_only=True) as session:
        yield TenantContext(session=session, principal=staff, resources=resources)


async def provide_platform_context(
    operator: NamedDependency[OperatorPrincipal], resources: NamedDependency[HubResources]
) -> AsyncGenerator[PlatformContext, None]:
    async with resources.sessions.platform() as session:
        yield PlatformContext(session=session, principal=operator, resources=resources)


def provide_auth_service(resources: NamedDependency[HubResources]) -> AuthService:
    return AuthService(resources)


def provide_shop_service(tenant_context: NamedDependency[TenantContext]) -> ShopService:
    return ShopService(tenant_context)


def provide_staff_service(tenant_context: NamedDependency[TenantContext]) -> StaffService:
    return StaffService(tenant_context)


def provide_terminal_service(tenant_context: NamedDependency[TenantContext]) -> TerminalService:
    return TerminalService(tenant_context)


def provide_rate_service(tenant_context: NamedDependency[TenantContext]) -> RateService:
    return RateService(tenant_context)


def provide_dashboard_service(report_context: NamedDependency[TenantContext]) -> DashboardService:
    return DashboardService(report_context)


def provide_licence_service(tenant_context: NamedDependency[TenantContext]) -> LicenceService:
    return LicenceService(tenant_context)


def provide_audit_service(tenant_context: NamedDependency[TenantContext]) -> AuditService:
    return AuditService(tenant_context)


def provide_operator_service(platform_context: NamedDependency[PlatformContext]) -> OperatorService:
    return OperatorService(platform_context)


def dependencies() -> dict[str, Provide]:
    return {
        "resources": Provide(provide_resources, sync_to_thread=False),
        "sessions": Provide(provide_sessions, sync_to_thread=False),
        "staff": Provide(provide_staff, sync_to_thread=False),
        "operator": Provide(provide_operator, sync_to_thread=False),
        "terminal": Provide(provide_terminal),
        "tenant_context": Provide(provide_tenant_context),
        "report_context": Provide(provide_report_context),
        "platform_context": Provide(provide_platform_context),
        "auth_service": Provide(provide_auth_service, sync_to_thread=False),
        "shop_service": Provide(provide_shop_service, sync_to_thread=False),
        "staff_service": Provide(provide_staff_service, sync_to_thread=False),
        "terminal_service": Provide(provide_terminal_service, sync_to_thread=False),
        "rate_service": Provide(provide_rate_service, sync_to_thread=False),
        "dashboard_service": Provide(provide_dashboard_service, sync_to_thread=False),
        "licence_service": Provide(provide_licence_service, sync_to_thread=False),
        "audit_service": Provide(provide_audit_service, sync_to_thread=False),
        "operator_service": Provide(provide_operator_service, sync_to_thread=False),
    }
