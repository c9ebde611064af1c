"""/api/operator/*: the platform operator's shops, plans, standing and usage."""

from __future__ import annotations

import uuid

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK

from hub.domain.operator.schemas import (
    PlanRow,
    ShopCreate,
    ShopCreated,
    ShopRow,
    ShopUsage,
    StatusChange,
)
from hub.domain.operator.service import OperatorService
from hub.security.guards import requires_operator


class OperatorController(Controller):
    path = "/api/operator"
    tags = ("operator",)
    guards = (requires_operator,)

    @get("/plans")
    async def plans(self, operator_service: NamedDependency[OperatorService]) -> list[PlanRow]:
        return await operator_service.plans()

    @get("/shops")
    async def list_shops(
        self, operator_service: NamedDependency[OperatorService], q: FromQuery[str | None] = None
    ) -> list[ShopRow]:
        return await operator_service.list_shops(q)

    @post("/shops")
    async def create_shop(
        self, data: JSONBody[ShopCreate], operator_service: NamedDependency[OperatorService]
    ) -> ShopCreated:
        """The owner's first password is in this answer only."""
        return await operator_service.create_shop(data)

    @get("/shops/{shop_id:uuid}")
    async def get_shop(
        self, shop_id: FromPath[uuid.UUID], operator_service: NamedDependency[OperatorService]
    ) -> ShopRow:
        return await operator_service.get_shop(shop_id)

    @post("/shops/{shop_id:uuid}/activate", status_code=HTTP_200_OK)
    async def activate(
        self,
        shop_id: FromPath[uuid.UUID],
        data: JSONBody[StatusChange],
        operator_service: NamedDependency[OperatorService],
    ) -> ShopRow:
        return await operator_service.activate(shop_id, data.reason)

    @post("/shops/{shop_id:uuid}/deactivate", status_code=HTTP_200_OK)
    async def deactivate(
        self,
        shop_id: FromPath[uuid.UUID],
        data: JSONBody[StatusChange],
        operator_service: NamedDependency[OperatorService],
    ) -> ShopRow:
        return await operator_service.deactivate(shop_id, data.reason)

    @get("/shops/{shop_id:uuid}/usage")
    async def usage(
        self, shop_id: FromPath[uuid.UUID], operator_service: NamedDependency[OperatorService]
    ) -> ShopUsage:
        return await operator_service.usage(shop_id)
