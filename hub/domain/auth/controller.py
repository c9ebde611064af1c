"""POST /api/auth/login (staff), /api/auth/operator/login, /api/auth/logout; GET /api/me."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, TooManyRequestsException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT
from sqlalchemy import select

from hub.core.resources import HubResources
from hub.domain.auth.schemas import Me, OperatorLogin, StaffLogin
from hub.domain.auth.service import AuthService
from hub.security.errors import LoginRefused
from hub.security.principal import OperatorPrincipal, Principal, StaffPrincipal
from hub.security.sessions import SessionIssuer
from shared.tables import Shop


def client_address(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client is not None else "unknown"


def _refused(error: LoginRefused) -> Exception:
    if error.retry_after_seconds is not None:
        return TooManyRequestsException(
            error.reason, headers={"Retry-After": str(error.retry_after_seconds)}
        )
    return NotAuthorizedException(error.reason)


async def me_of(principal: Principal, resources: NamedDependency[HubResources]) -> Me:
    if isinstance(principal, OperatorPrincipal):
        return Me(
            kind="operator",
            display_name=principal.display_name,
            user_id=principal.operator_id,
            email=principal.email,
        )
    async with resources.sessions.tenant(principal.shop_id) as session:
        shop_name = await session.scalar(select(Shop.name))
    return Me(
        kind="staff",
        display_name=principal.display_name,
        user_id=principal.user_id,
        shop_id=principal.shop_id,
        shop_name=shop_name,
        role=principal.role.value,
        username=principal.username,
    )


class AuthController(Controller):
    path = "/api/auth"
    tags = ("auth",)

    @get("/csrf", status_code=HTTP_204_NO_CONTENT)
    async def csrf(self) -> None:
        """Sets the `csrftoken` cookie; send its value back in `x-csrftoken` on every POST,
        PUT, PATCH and DELETE (API clients call this once before signing in)."""

    @post("/login", status_code=HTTP_200_OK)
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[StaffLogin],
        auth_service: NamedDependency[AuthService],
        sessions: NamedDependency[SessionIssuer],
        resources: NamedDependency[HubResources],
    ) -> Response[Me]:
        """Sign a shop's staff member in; the session cookie comes with the answer."""
        try:
            principal = await auth_service.login_staff(
                data.shop, data.username, data.password, client_address(request)
            )
        except LoginRefused as error:
            raise _refused(error) from None
        return sessions.start(Response(await me_of(principal, resources)), principal)

    @post("/operator/login", status_code=HTTP_200_OK)
    async def operator_login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[OperatorLogin],
        auth_service: NamedDependency[AuthService],
        sessions: NamedDependency[SessionIssuer],
        resources: NamedDependency[HubResources],
    ) -> Response[Me]:
        try:
            principal = await auth_service.login_operator(
                data.email, data.password, client_address(request)
            )
        except LoginRefused as error:
            raise _refused(error) from None
        return sessions.start(Response(await me_of(principal, resources)), principal)

    @post("/logout", status_code=HTTP_200_OK)
    async def logout(self, sessions: NamedDependency[SessionIssuer]) -> Response[None]:
        return sessions.end(Response(None))


class MeController(Controller):
    path = "/api/me"
    tags = ("auth",)

    @get("/")
    async def me(
        self, request: Request[Any, Any, Any], resources: NamedDependency[HubResources]
    ) -> Me:
        user = request.scope.get("user")
        if not isinstance(user, StaffPrincipal | OperatorPrincipal):
            raise NotAuthorizedException("please sign in")
        return await me_of(user, resources)
