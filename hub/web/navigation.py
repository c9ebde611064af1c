"""Which pages each kind of user sees in the menu, and where each lands after logging in.

One table per audience, so a page added for owners cannot accidentally appear for sales staff:
the guards on the controllers are the real protection, this only keeps the menu honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from shared.tables.vocabulary import Role


@dataclass(frozen=True, slots=True)
class NavLink:
    href: str
    label: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    href: str
    label: str
    roles: frozenset[Role]


_OWNER_AND_ACCOUNTS: Final = frozenset({Role.OWNER, Role.ACCOUNTS})
_OWNER: Final = frozenset({Role.OWNER})
_EVERYONE: Final = frozenset(Role)

_SHOP_PAGES: Final = (
    _Entry("/dashboard", "Dashboard", _OWNER_AND_ACCOUNTS),
    _Entry("/reports", "Reports", _OWNER_AND_ACCOUNTS),
    _Entry("/rates", "Today's rates", _EVERYONE),
    _Entry("/terminals", "Terminals", _OWNER),
    _Entry("/staff", "Staff", _OWNER),
    _Entry("/shop", "Shop profile", _OWNER),
    _Entry("/exports", "Exports", _OWNER_AND_ACCOUNTS),
    _Entry("/licence", "Licence & AMC", _OWNER_AND_ACCOUNTS),
)
_OPERATOR_PAGES: Final = (
    _Entry("/operator/overview", "Overview", frozenset()),
    _Entry("/operator/shops", "Shops", frozenset()),
    _Entry("/operator/shops/new", "New shop", frozenset()),
)

OPERATOR_HOME: Final = "/operator/shops"
SHOP_LOGIN: Final = "/login"
OPERATOR_LOGIN: Final = "/operator/login"


def shop_home(role: Role) -> str:
    """Owners and accountants start on the dashboard; sales staff on today's rates."""
    return "/dashboard" if role in _OWNER_AND_ACCOUNTS else "/rates"


def _is_current(entry_href: str, path: str, hrefs: tuple[str, ...]) -> bool:
    # The longest menu entry that prefixes the path wins, so /operator/shops/new does not also
    # light up /operator/shops.
    matches = [h for h in hrefs if path == h or path.startswith(h + "/")]
    return bool(matches) and max(matches, key=len) == entry_href


def shop_nav(role: Role, path: str) -> list[NavLink]:
    entries = [entry for entry in _SHOP_PAGES if role in entry.roles]
    hrefs = tuple(entry.href for entry in entries)
    return [NavLink(e.href, e.label, _is_current(e.href, path, hrefs)) for e in entries]


def operator_nav(path: str) -> list[NavLink]:
    hrefs = tuple(entry.href for entry in _OPERATOR_PAGES)
    return [NavLink(e.href, e.label, _is_current(e.href, path, hrefs)) for e in _OPERATOR_PAGES]


def safe_next(target: str | None, default: str) -> str:
    """Where to go after logging in: only a path on this hub, never another site.

    `//evil.example` and `/\\evil.example` are protocol-relative to browsers, so they are refused
    as well as anything with a scheme.
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ch in target for ch in ("\r", "\n", "\\")):
        return default
    return target
