"""Web sessions: a JWT in an HttpOnly cookie (Litestar's JWTCookieAuth), valid for 24 hours.

The token names the user; every request re-reads the user and the shop, so deactivating a
user or a shop ends their sessions at once, on every instance (the token itself is stateless,
which is what lets any instance accept it).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any, Final

from litestar.connection import ASGIConnection
from litestar.response import Response
from litestar.security.jwt import JWTCookieAuth, Token
from sqlalchemy import select

from hub.core.resources import HubResources
from hub.security.principal import OperatorPrincipal, Principal, StaffPrincipal
from hub.storage.hub_tables import PlatformUser
from shared.tables import Shop, User
from shared.tables.vocabulary import Role, ShopStatus

COOKIE_NAME: Final = "boolagold_session"
PUBLIC_PATHS: Final = [
    "^/static",
    "^/files/public",
    "^/schema",
    "^/metrics",
    "^/api/health",
    "^/api/auth/",
    "^/api/terminal/",
    "^/favicon.ico",
]


async def load_principal(resources: HubResources, token: Token) -> Principal | None:
    """The user a token names, if they (and their shop) may still sign in."""
    try:
        subject = uuid.UUID(token.sub)
    except ValueError:
        return None
    kind = token.extras.get("kind")
    async with resources.sessions.platform() as session:
        if kind == "operator":
            operator = await session.get(PlatformUser, subject)
            if operator is None or not operator.is_active:
                return None
            return OperatorPrincipal(
                operator_id=operator.id, email=operator.email, display_name=operator.display_name
            )
        if kind != "staff":
            return None
        try:
            shop_id = uuid.UUID(str(token.extras.get("shop")))
        except ValueError:
            return None
        row = (
            await session.execute(
                select(User, Shop.status)
                .join(Shop, Shop.id == User.shop_id)
                .where(User.shop_id == shop_id, User.id == subject)
            )
        ).one_or_none()
    if row is None:
        return None
    user, shop_status = row
    if not user.is_active or shop_status != ShopStatus.ACTIVE.value:
        return None
    return StaffPrincipal(
        user_id=user.id,
        shop_id=user.shop_id,
        role=Role(user.role),
        username=user.username,
        display_name=user.display_name,
    )


def build_jwt_auth(resources: HubResources) -> JWTCookieAuth[Principal, Token]:
    settings = resources.settings.auth

    async def retrieve(
        token: Token, _connection: ASGIConnection[Any, Any, Any, Any]
    ) -> Principal | None:
        return await load_principal(resources, token)

    return JWTCookieAuth[Principal, Token](
        retrieve_user_handler=retrieve,
        token_secret=settings.jwt_secret,
        key=COOKIE_NAME,
        default_token_expiration=timedelta(hours=settings.session_hours),
        secure=settings.cookie_secure,
        samesite="lax",
        exclude=PUBLIC_PATHS,
        exclude_opt_key="exclude_from_auth",
        description="The session cookie set by POST /api/auth/login (JWT, 24 h).",
    )


class SessionIssuer:
    """Starts and ends a browser session on any response (JSON, page or redirect)."""

    def __init__(self, auth: JWTCookieAuth[Principal, Token], hours: int) -> None:
        self._auth = auth
        self._hours = hours

    def token_for(self, principal: Principal) -> str:
        if isinstance(principal, StaffPrincipal):
            subject, extras = principal.user_id, {"kind": "staff", "shop": str(principal.shop_id)}
        else:
            subject, extras = principal.operator_id, {"kind": "operator"}
        return self._auth.create_token(
            identifier=str(subject),
            token_expiration=timedelta(hours=self._hours),
            token_extras=extras,
        )

    def start(self, response: Response[Any], principal: Principal) -> Response[Any]:
        response.set_cookie(
            key=self._auth.key,
            value=self.token_for(principal),
            max_age=self._hours * 3600,
            path="/",
            httponly=True,
            secure=bool(self._auth.secure),
            samesite="lax",
        )
        return response

    def end(self, response: Response[Any]) -> Response[Any]:
        response.delete_cookie(key=self._auth.key, path="/")
        return response
