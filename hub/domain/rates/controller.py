"""GET /api/rates (any staff), POST /api/rates (owner or accounts)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from hub.domain.rates.schemas import CurrentRate, RatesSet
from hub.domain.rates.service import RateService
from hub.security.guards import requires_owner_or_accounts, requires_staff


class RateController(Controller):
    path = "/api/rates"
    tags = ("rates",)
    guards = (requires_staff,)

    @get("/")
    async def current(self, rate_service: NamedDependency[RateService]) -> list[CurrentRate]:
        return await rate_service.current()

    @post("/", guards=[requires_owner_or_accounts])
    async def set_today(
        self, data: JSONBody[RatesSet], rate_service: NamedDependency[RateService]
    ) -> list[CurrentRate]:
        """Today's rates for every counter of the shop, in force from now."""
        return await rate_service.set_today(data)
