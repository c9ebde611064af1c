"""GET /api/audit (owner)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery

from hub.domain.audit.schemas import AuditEntry
from hub.domain.audit.service import AuditService
from hub.security.guards import requires_owner


class AuditController(Controller):
    path = "/api/audit"
    tags = ("audit",)
    guards = (requires_owner,)

    @get("/")
    async def recent(
        self, audit_service: NamedDependency[AuditService], limit: FromQuery[int] = 50
    ) -> list[AuditEntry]:
        return await audit_service.recent(limit)
