"""/api/terminals and /api/enrolment-codes (owner)."""

from __future__ import annotations

import uuid

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from hub.domain.terminals.schemas import (
    EnrolmentCodeCreate,
    EnrolmentCodeIssued,
    EnrolmentCodeSummary,
    TerminalSummary,
)
from hub.domain.terminals.service import TerminalService
from hub.security.guards import requires_owner


class TerminalController(Controller):
    path = "/api/terminals"
    tags = ("terminals",)
    guards = (requires_owner,)

    @get("/")
    async def list_terminals(
        self, terminal_service: NamedDependency[TerminalService]
    ) -> list[TerminalSummary]:
        return await terminal_service.list_terminals()

    @get("/{terminal_id:uuid}")
    async def get_terminal(
        self, terminal_id: FromPath[uuid.UUID], terminal_service: NamedDependency[TerminalService]
    ) -> TerminalSummary:
        return await terminal_service.get(terminal_id)

    @post("/{terminal_id:uuid}/revoke", status_code=HTTP_200_OK)
    async def revoke(
        self, terminal_id: FromPath[uuid.UUID], terminal_service: NamedDependency[TerminalService]
    ) -> TerminalSummary:
        return await terminal_service.revoke(terminal_id)


class EnrolmentCodeController(Controller):
    path = "/api/enrolment-codes"
    tags = ("terminals",)
    guards = (requires_owner,)

    @get("/")
    async def list_codes(
        self, terminal_service: NamedDependency[TerminalService]
    ) -> list[EnrolmentCodeSummary]:
        return await terminal_service.list_codes()

    @post("/")
    async def create_code(
        self,
        data: JSONBody[EnrolmentCodeCreate],
        terminal_service: NamedDependency[TerminalService],
    ) -> EnrolmentCodeIssued:
        """The code is in this answer only; the hub keeps just its digest."""
        return await terminal_service.create_code(data)

    @post("/{code_id:uuid}/cancel", status_code=HTTP_200_OK)
    async def cancel_code(
        self, code_id: FromPath[uuid.UUID], terminal_service: NamedDependency[TerminalService]
    ) -> EnrolmentCodeSummary:
        return await terminal_service.cancel_code(code_id)
