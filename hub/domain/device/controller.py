"""GET /api/terminal/self and /api/terminal/rates: what an enrolled counter may read."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from sqlalchemy import select

from hub.core.options import DEVICE
from hub.core.resources import HubResources
from hub.domain.rates.schemas import CurrentRate
from hub.domain.rates.service import current_of
from hub.security.principal import TerminalPrincipal
from shared.tables import MetalRate, Shop


class TerminalSelf(msgspec.Struct):
    terminal_id: FromPath[uuid.UUID]
    shop_id: FromPath[uuid.UUID]
    name: str
    shop_name: str


class DeviceController(Controller):
    path = "/api/terminal"
    tags = ("terminal",)
    opt = DEVICE

    @get("/self")
    async def self_info(
        self, terminal: NamedDependency[TerminalPrincipal], resources: NamedDependency[HubResources]
    ) -> TerminalSelf:
        async with resources.sessions.tenant(terminal.shop_id) as session:
            shop_name = await session.scalar(select(Shop.name))
        return TerminalSelf(
            terminal_id=terminal.terminal_id,
            shop_id=terminal.shop_id,
            name=terminal.name,
            shop_name=shop_name or "",
        )

    @get("/rates")
    async def rates(
        self, terminal: NamedDependency[TerminalPrincipal], resources: NamedDependency[HubResources]
    ) -> list[CurrentRate]:
        async with resources.sessions.tenant(terminal.shop_id) as session:
            rows = list(await session.scalars(select(MetalRate)))
        return current_of(rows, datetime.now(UTC))
