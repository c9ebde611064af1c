"""Signing in and out in the browser: shop staff (shop code + username) and operators (email).

The credential checks, throttling and lock-out live in `AuthService`; this module only turns a
form into a call and a refusal into words on the page. A refused login answers 401 (429 while
locked out) with the form filled in again, minus the password.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_401_UNAUTHORIZED, HTTP_429_TOO_MANY_REQUESTS

from hub.domain.auth.service import AuthService
from hub.security.errors import LoginRefused
from hub.security.principal import OperatorPrincipal, StaffPrincipal
from hub.security.sessions import SessionIssuer
from hub.web.controllers.base import PageController
from hub.web.frames import public_frame
from hub.web.navigation import OPERATOR_HOME, OPERATOR_LOGIN, SHOP_LOGIN, safe_next, shop_home
from hub.web.pages import Frame, form_values, redirect_with, sentence, success

_PUBLIC = {"exclude_from_auth": True}


def _client(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client is not None else "unknown"


def _refused(frame: Frame, refusal: LoginRefused, context: dict[str, Any]) -> Template:
    status = HTTP_429_TOO_MANY_REQUESTS if refusal.retry_after_seconds else HTTP_401_UNAUTHORIZED
    return frame.render(
        "auth/login.html",
        status_code=status,
        **{**context, "errors": {"password": sentence(refusal.reason)}},
    )


class LoginController(PageController):
    """GET shows the form, POST checks it; both reachable without a session."""

    dependencies = {"frame": Provide(public_frame)}  # noqa: RUF012
    opt = _PUBLIC

    @staticmethod
    def _shop_context(next_path: str | None, form: dict[str, str]) -> dict[str, Any]:
        return {
            "title": "Sign in",
            "action": SHOP_LOGIN,
            "audience_note": "Shop owners and staff",
            "show_shop_field": True,
            "username_label": "Username",
            "next_path": next_path,
            "form": form,
            "errors": {},
            "switch_href": OPERATOR_LOGIN,
            "switch_label": "BoolaGold staff: operator sign-in",
        }

    @staticmethod
    def _operator_context(next_path: str | None, form: dict[str, str]) -> dict[str, Any]:
        return {
            "title": "Operator sign-in",
            "action": OPERATOR_LOGIN,
            "audience_note": "BoolaGold platform operators",
            "show_shop_field": False,
            "username_label": "Email",
            "next_path": next_path,
            "form": form,
            "errors": {},
            "switch_href": SHOP_LOGIN,
            "switch_label": "Shop sign-in",
        }

    @get(SHOP_LOGIN, name="web.login")
    async def shop_form(
        self, frame: NamedDependency[Frame], next: FromQuery[str | None] = None
    ) -> Template:
        context = self._shop_context(next, {"shop": "", "username": ""})
        return frame.render("auth/login.html", **context)

    @post(SHOP_LOGIN, name="web.login.submit")
    async def shop_submit(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        auth_service: NamedDependency[AuthService],
        sessions: NamedDependency[SessionIssuer],
    ) -> Template | Redirect:
        form = await request.form()
        submitted = form_values(form, "shop", "username", "next")
        raw_password = form.get("password")
        password = raw_password if isinstance(raw_password, str) else ""
        context = self._shop_context(submitted["next"] or None, submitted)
        try:
            principal: StaffPrincipal = await auth_service.login_staff(
                submitted["shop"], submitted["username"], password, _client(request)
            )
        except LoginRefused as refusal:
            return _refused(frame, refusal, context)
        target = safe_next(submitted["next"], shop_home(principal.role))
        response = redirect_with(request, target, success(f"Welcome, {principal.display_name}."))
        sessions.start(response, principal)
        return response

    @get(OPERATOR_LOGIN, name="web.operator_login")
    async def operator_form(
        self, frame: NamedDependency[Frame], next: FromQuery[str | None] = None
    ) -> Template:
        context = self._operator_context(next, {"username": ""})
        return frame.render("auth/login.html", **context)

    @post(OPERATOR_LOGIN, name="web.operator_login.submit")
    async def operator_submit(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        auth_service: NamedDependency[AuthService],
        sessions: NamedDependency[SessionIssuer],
    ) -> Template | Redirect:
        form = await request.form()
        submitted = form_values(form, "username", "next")
        raw_password = form.get("password")
        password = raw_password if isinstance(raw_password, str) else ""
        context = self._operator_context(submitted["next"] or None, submitted)
        try:
            principal: OperatorPrincipal = await auth_service.login_operator(
                submitted["username"], password, _client(request)
            )
        except LoginRefused as refusal:
            return _refused(frame, refusal, context)
        target = safe_next(submitted["next"], OPERATOR_HOME)
        response = redirect_with(request, target, success(f"Welcome, {principal.display_name}."))
        sessions.start(response, principal)
        return response


class SessionController(PageController):
    """The signed-in start page (sends each kind of user home) and logging out."""

    @get("/", name="web.home")
    async def home(self, request: Request[Any, Any, Any]) -> Redirect:
        principal = request.user
        if isinstance(principal, OperatorPrincipal):
            return Redirect(OPERATOR_HOME)
        if isinstance(principal, StaffPrincipal):
            return Redirect(shop_home(principal.role))
        return Redirect(SHOP_LOGIN)

    @post("/logout", name="web.logout")
    async def logout(
        self, request: Request[Any, Any, Any], sessions: NamedDependency[SessionIssuer]
    ) -> Redirect:
        login = OPERATOR_LOGIN if isinstance(request.user, OperatorPrincipal) else SHOP_LOGIN
        response = redirect_with(request, login, success("You have signed out."))
        sessions.end(response)
        return response
