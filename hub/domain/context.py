"""What a tenant service works with: the shop's session, who is acting, the shared resources.

Services never take a `shop_id` argument: the shop comes from the signed-in principal through
the tenant session (see `hub.db.tenancy`), so a handler cannot ask for another shop's rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.resources import HubResources
from hub.security.principal import OperatorPrincipal, StaffPrincipal


@dataclass(frozen=True, slots=True)
class TenantContext:
    session: AsyncSession
    principal: StaffPrincipal
    resources: HubResources

    @property
    def shop_id(self) -> uuid.UUID:
        return self.principal.shop_id


@dataclass(frozen=True, slots=True)
class PlatformContext:
    session: AsyncSession
    principal: OperatorPrincipal | None
    """None when the CLI acts (create-operator, seed-demo)."""
    resources: HubResources
