"""GET /api/licence (any staff)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency

from hub.domain.licence.schemas import LicenceStatus
from hub.domain.licence.service import LicenceService
from hub.security.guards import requires_staff


class LicenceController(Controller):
    path = "/api/licence"
    tags = ("licence",)
    guards = (requires_staff,)

    @get("/")
    async def status(self, licence_service: NamedDependency[LicenceService]) -> LicenceStatus:
        return await licence_service.status()
