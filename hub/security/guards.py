"""Route guards by role. Attach to controllers or handlers: `guards=[requires_owner]`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from hub.security.principal import OperatorPrincipal, StaffPrincipal
from shared.tables.vocabulary import Role

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def _user(connection: ASGIConnection[Any, Any, Any, Any]) -> object:
    user = connection.scope.get("user")
    if user is None:
        raise NotAuthorizedException("please sign in")
    return user


def requires_staff(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if not isinstance(_user(connection), StaffPrincipal):
        raise PermissionDeniedException("this page belongs to a shop's staff")


def requires_operator(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if not isinstance(_user(connection), OperatorPrincipal):
        raise PermissionDeniedException("only the platform's operators may do this")


def requires_roles(*roles: Role) -> Guard:
    """A guard that lets in shop staff holding one of `roles`."""
    allowed = frozenset(roles)

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = _user(connection)
        if not isinstance(user, StaffPrincipal) or user.role not in allowed:
            names = " or ".join(sorted(role.value for role in allowed))
            raise PermissionDeniedException(f"only the shop's {names} may do this")

    return guard


requires_owner: Guard = requires_roles(Role.OWNER)
requires_owner_or_accounts: Guard = requires_roles(Role.OWNER, Role.ACCOUNTS)
