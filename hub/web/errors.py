"""Errors on a page answer with a page: a 404 for another shop's id, a 403 for a role that may
not, a 400 for a malformed address. The JSON API keeps its JSON errors (these handlers sit on
the web router only).

Handlers are synchronous (Litestar's contract), so the error page's top bar is built from the
principal alone, without the shop's name or logo, which would need a database call.
"""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

from litestar import Request
from litestar.exceptions import (
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
)
from litestar.types import ExceptionHandlersMap

from hub.security.principal import OperatorPrincipal, StaffPrincipal
from hub.web.navigation import (
    OPERATOR_HOME,
    OPERATOR_LOGIN,
    SHOP_LOGIN,
    operator_nav,
    shop_home,
    shop_nav,
)
from hub.web.pages import Frame, Viewer, sentence
from hub.web.roles import role_label

_TITLES: Final = {
    HTTP_400_BAD_REQUEST: "That request was not right",
    HTTP_403_FORBIDDEN: "Not allowed",
    HTTP_404_NOT_FOUND: "Not found",
}
_MESSAGES: Final = {
    HTTP_400_BAD_REQUEST: "The address or the form was not what this page expects.",
    HTTP_403_FORBIDDEN: "Your login may not open this page.",
    HTTP_404_NOT_FOUND: "There is nothing here, or it belongs to another shop.",
}


def _frame(request: Request[Any, Any, Any]) -> Frame:
    principal = request.scope.get("user")
    path = request.url.path
    if isinstance(principal, StaffPrincipal):
        return Frame(
            request=request,
            viewer=Viewer(principal.display_name, role_label(principal.role), is_operator=False),
            nav=shop_nav(principal.role, path),
            home_href=shop_home(principal.role),
        )
    if isinstance(principal, OperatorPrincipal):
        return Frame(
            request=request,
            viewer=Viewer(principal.display_name, "operator", is_operator=True),
            nav=operator_nav(path),
            home_href=OPERATOR_HOME,
        )
    return Frame(request=request, viewer=None, nav=(), home_href="/")


def error_page(request: Request[Any, Any, Any], status_code: int, detail: str | None) -> Template:
    """The layout with a title and one plain sentence; never a stack trace."""
    message = _MESSAGES.get(status_code, "Something went wrong.")
    if detail and status_code in (HTTP_403_FORBIDDEN, HTTP_404_NOT_FOUND):
        message = sentence(detail)
    return _frame(request).render(
        "errors/error.html",
        title=_TITLES.get(status_code, "Something went wrong"),
        status_code=status_code,
        message=message,
    )


def page_not_found(request: Request[Any, Any, Any], exc: NotFoundException) -> Template:
    return error_page(request, HTTP_404_NOT_FOUND, exc.detail)


def page_forbidden(request: Request[Any, Any, Any], exc: PermissionDeniedException) -> Template:
    return error_page(request, HTTP_403_FORBIDDEN, exc.detail)


def page_bad_request(request: Request[Any, Any, Any], _exc: ValidationException) -> Template:
    return error_page(request, HTTP_400_BAD_REQUEST, None)


def page_sign_in(request: Request[Any, Any, Any], _exc: NotAuthorizedException) -> Redirect:
    """A page without a valid session goes to the right sign-in form, then comes back."""
    login = OPERATOR_LOGIN if request.url.path.startswith("/operator") else SHOP_LOGIN
    return Redirect(f"{login}?{urlencode({'next': request.url.path})}", status_code=303)


PAGE_EXCEPTION_HANDLERS: Final[ExceptionHandlersMap] = {
    NotFoundException: page_not_found,
    PermissionDeniedException: page_forbidden,
    ValidationException: page_bad_request,
    NotAuthorizedException: page_sign_in,
}
