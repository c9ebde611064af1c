"""The `frame` dependency, one builder per audience (shop staff, operators, signed-out visitors).

A shop page's frame shows the shop's name and logo in the top bar, so it needs the tenant's
`shop_service`; an operator's frame must not touch any tenant service. Keeping the builders
apart makes that rule structural: an operator controller simply cannot get a shop frame.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from hub.domain.shops.service import ShopService
from hub.security.principal import OperatorPrincipal, StaffPrincipal
from hub.web.navigation import OPERATOR_HOME, operator_nav, shop_home, shop_nav
from hub.web.pages import Frame, Viewer, pending_flashes
from hub.web.roles import role_label


async def shop_frame(
    request: Request[Any, Any, Any], shop_service: NamedDependency[ShopService]
) -> Frame:
    principal = request.user
    if not isinstance(principal, StaffPrincipal):  # the guards refuse this first
        raise TypeError("a shop page was reached without a shop login")
    shop = await shop_service.get()
    return Frame(
        request=request,
        viewer=Viewer(
            display_name=principal.display_name,
            role_label=role_label(principal.role),
            is_operator=False,
            shop_name=shop.name,
            logo_url=shop.logo_url,
        ),
        nav=shop_nav(principal.role, request.url.path),
        home_href=shop_home(principal.role),
        flashes=pending_flashes(request),
    )


async def operator_frame(request: Request[Any, Any, Any]) -> Frame:
    principal = request.user
    if not isinstance(principal, OperatorPrincipal):  # the guards refuse this first
        raise TypeError("an operator page was reached without an operator login")
    return Frame(
        request=request,
        viewer=Viewer(display_name=principal.display_name, role_label="operator", is_operator=True),
        nav=operator_nav(request.url.path),
        home_href=OPERATOR_HOME,
        flashes=pending_flashes(request),
    )


async def public_frame(request: Request[Any, Any, Any]) -> Frame:
    """For the login pages: no viewer, no menu."""
    return Frame(
        request=request, viewer=None, nav=(), home_href="/", flashes=pending_flashes(request)
    )
