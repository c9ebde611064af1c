"""What every page shares: who is looking, the menu, the one-shot messages, and rendering.

Handlers ask for a `frame` (a dependency provided per audience by `hub.web.routes`) and return
`frame.render(...)` or `frame.redirect(...)`, so the flash cookie, the menu and the caching
rules are applied in one place rather than remembered in each handler.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_303_SEE_OTHER

from hub.core.dependencies import RESOURCES_KEY
from hub.core.resources import HubResources
from hub.web.flash import FLASH_COOKIE, FLASH_MAX_AGE_SECONDS, Flash, decode_flashes, encode_flashes
from hub.web.navigation import NavLink
from shared.errors import InvalidInput

# Pages that show a secret once (a first password, an enrolment code) must not sit in a cache
# or the browser's back-button history; every page is personal, so none is stored anywhere.
_NO_STORE: Final = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in person as the layout shows them."""

    display_name: str
    role_label: str
    is_operator: bool
    shop_name: str | None = None
    logo_url: str | None = None


def flash_key(request: Request[Any, Any, Any]) -> bytes:
    """The key that signs flash cookies: derived from the hub's session secret, so every
    instance behind the load balancer reads the cookie another one set."""
    resources: HubResources = request.app.state[RESOURCES_KEY]
    secret = resources.settings.auth.jwt_secret.encode()
    return hmac.new(secret, b"flash", hashlib.sha256).digest()


def pending_flashes(request: Request[Any, Any, Any]) -> list[Flash]:
    return decode_flashes(request.cookies.get(FLASH_COOKIE), flash_key(request))


@dataclass
class Frame:
    """The page's surroundings for one request; built by the per-audience dependency."""

    request: Request[Any, Any, Any]
    viewer: Viewer | None
    nav: Sequence[NavLink]
    home_href: str
    flashes: list[Flash] = field(default_factory=list)

    def render(
        self,
        template_name: str,
        *,
        title: str,
        status_code: int = HTTP_200_OK,
        **context: object,
    ) -> Template:
        """The template inside the layout; pending messages are shown and then cleared."""
        cookies: list[Cookie] = []
        if FLASH_COOKIE in self.request.cookies:
            cookies.append(_flash_cookie("", max_age=0))
        full: dict[str, Any] = {
            "title": title,
            "viewer": self.viewer,
            "nav": self.nav,
            "home_href": self.home_href,
            "flashes": self.flashes,
            "now": datetime.now(UTC),
            **context,
        }
        return Template(
            template_name=template_name,
            context=full,
            status_code=status_code,
            cookies=cookies,
            headers=_NO_STORE,
        )

    def redirect(self, path: str, *flashes: Flash) -> Redirect:
        """Post/Redirect/Get: go to `path` (303) carrying `flashes` to the next page."""
        return redirect_with(self.request, path, *flashes)


def redirect_with(request: Request[Any, Any, Any], path: str, *flashes: Flash) -> Redirect:
    cookies = [_flash_cookie(encode_flashes(list(flashes), flash_key(request)))] if flashes else []
    return Redirect(path=path, status_code=HTTP_303_SEE_OTHER, cookies=cookies, headers=_NO_STORE)


def _flash_cookie(value: str, max_age: int = FLASH_MAX_AGE_SECONDS) -> Cookie:
    return Cookie(
        key=FLASH_COOKIE,
        value=value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
    )


def success(message: str) -> Flash:
    return Flash("success", message)


def error(message: str) -> Flash:
    return Flash("error", message)


def info(message: str) -> Flash:
    return Flash("info", message)


def form_values(form: Mapping[str, Any], *names: str) -> dict[str, str]:
    """The named text fields of a submitted form, stripped ('' when absent), for re-display."""
    values: dict[str, str] = {}
    for name in names:
        raw = form.get(name)
        values[name] = raw.strip() if isinstance(raw, str) else ""
    return values


def sentence(text: str) -> str:
    """A service's reason ("the logo must be at most 1 MB") as a sentence on the page."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def field_errors(problem: InvalidInput, fields: Iterable[str]) -> dict[str, str]:
    """A refusal placed beside the field it is about, or above the form's button."""
    known = set(fields)
    where = problem.field if problem.field in known else "form"
    return {str(where): sentence(problem.reason)}
