"""What a tenant service works with: the shop's session, who is acting, the shared resources.

Services never take a `shop_id` argument: the shop comes from the signed-in principal through
the tenant session (see `hub.db.tenancy`), so a handler cannot ask for another shop's rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.resources import HubResources
from hub.domain.changes import record_change
from hub.security.principal import OperatorPrincipal, StaffPrincipal
from shared.tables.vocabulary import ChangeOp


@dataclass(frozen=True, slots=True)
class TenantContext:
    session: AsyncSession
    principal: StaffPrincipal
    resources: HubResources

    @property
    def shop_id(self) -> uuid.UUID:
        return self.principal.shop_id

    async def record(
        self,
        action: str,
        row: object,
        before: dict[str, object] | None,
        op: ChangeOp | None = ChangeOp.UPDATE,
    ) -> None:
        """Audit (and, with `op`, replicate) a write by the signed-in staff member."""
        await record_change(
            self.session,
            shop_id=self.shop_id,
            actor_label=self.principal.audit_label,
            actor_user_id=self.principal.user_id,
            action=action,
            row=row,
            before=before,
            op=op,
        )


@dataclass(frozen=True, slots=True)
class PlatformContext:
    session: AsyncSession
    principal: OperatorPrincipal | None
    """None when the CLI acts (create-operator, seed-demo)."""
    resources: HubResources
