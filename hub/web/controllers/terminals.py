"""Counter terminals: who is connected, how far behind each is, enrolment codes, revoking, and
which branch (showroom) each stands in for the report filters.

A new code is shown on the page that answers the POST and nowhere else (no redirect, no flash
cookie): only its digest is stored, and the response is marked no-store.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_201_CREATED, HTTP_400_BAD_REQUEST

from hub.domain.context import TenantContext
from hub.domain.terminals.schemas import EnrolmentCodeCreate, EnrolmentCodeIssued
from hub.domain.terminals.service import TerminalService
from hub.security.guards import requires_owner
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, field_errors, form_values, sentence, success
from hub.web.report_branches import BRANCH_MAX_LENGTH, set_branch, terminal_branches
from shared.errors import InvalidInput


class TerminalsController(PageController):
    path = "/terminals"
    guards = [requires_owner]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @staticmethod
    async def _page(
        frame: Frame,
        terminal_service: TerminalService,
        *,
        issued: EnrolmentCodeIssued | None = None,
        form: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        terminals = await terminal_service.list_terminals()
        branches = await terminal_branches(terminal_service.session)
        codes = [code for code in await terminal_service.list_codes() if code.state == "waiting"]
        return frame.render(
            "owner/terminals.html",
            title="Terminals",
            status_code=status_code,
            terminals=terminals,
            branches={str(terminal_id): name for terminal_id, name in branches.items()},
            branch_max_length=BRANCH_MAX_LENGTH,
            codes=codes,
            issued=issued,
            form=form or {"terminal_name": ""},
            errors=errors or {},
        )

    @get("/", name="web.terminals")
    async def show(
        self, frame: NamedDependency[Frame], terminal_service: NamedDependency[TerminalService]
    ) -> Template:
        return await self._page(frame, terminal_service)

    @post("/codes", name="web.terminals.create_code")
    async def create_code(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        terminal_service: NamedDependency[TerminalService],
    ) -> Template:
        typed = form_values(await request.form(), "terminal_name")
        try:
            issued = await terminal_service.create_code(
                EnrolmentCodeCreate(terminal_name=typed["terminal_name"])
            )
        except InvalidInput as problem:
            errors = field_errors(problem, ("terminal_name",))
            return await self._page(
                frame, terminal_service, form=typed, errors=errors, status_code=HTTP_400_BAD_REQUEST
            )
        return await self._page(
            frame, terminal_service, issued=issued, status_code=HTTP_201_CREATED
        )

    @post("/codes/{code_id:uuid}/cancel", name="web.terminals.cancel_code")
    async def cancel_code(
        self,
        code_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        terminal_service: NamedDependency[TerminalService],
    ) -> Redirect:
        cancelled = await terminal_service.cancel_code(code_id)
        return frame.redirect(
            "/terminals", success(f"The code for {cancelled.terminal_name} can no longer be used.")
        )

    @post("/{terminal_id:uuid}/revoke", name="web.terminals.revoke")
    async def revoke(
        self,
        terminal_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        terminal_service: NamedDependency[TerminalService],
    ) -> Redirect:
        terminal = await terminal_service.revoke(terminal_id)
        return frame.redirect(
            "/terminals",
            success(f"{terminal.name} is revoked: it can no longer sync with the hub."),
        )

    @post("/{terminal_id:uuid}/branch", name="web.terminals.branch")
    async def set_branch(
        self,
        terminal_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        tenant_context: NamedDependency[TenantContext],
        terminal_service: NamedDependency[TerminalService],
    ) -> Redirect | Template:
        """Put a terminal in a branch; a bad name is refused beside the field (400), unchanged."""
        typed = form_values(await request.form(), "branch")["branch"]
        try:
            terminal = await set_branch(tenant_context, terminal_id, typed)
        except InvalidInput as problem:
            await tenant_context.session.rollback()
            key = f"branch-{terminal_id}"
            return await self._page(
                frame,
                terminal_service,
                form={"terminal_name": "", key: typed},
                errors={key: sentence(problem.reason)},
                status_code=HTTP_400_BAD_REQUEST,
            )
        return frame.redirect(
            "/terminals", success(f"{terminal.name} is now in the branch {typed.strip()}.")
        )
