"""Terminals as the owner manages them. The enrol exchange (code -> device secret) belongs to
the sync protocol; this side issues codes, lists terminals and revokes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Final

from litestar.exceptions import NotFoundException
from sqlalchemy import select

from hub.domain.changes import snapshot
from hub.domain.context import TenantContext
from hub.domain.shops.validation import required_text
from hub.domain.terminals.schemas import (
    EnrolmentCodeCreate,
    EnrolmentCodeIssued,
    EnrolmentCodeSummary,
    TerminalSummary,
)
from hub.security.tokens import digest, new_enrolment_code
from hub.storage.hub_tables import EnrolmentCode, TerminalCredential
from shared.errors import InvalidInput
from shared.tables import Terminal
from shared.tables.vocabulary import TerminalStatus
from sync.server.tables import ShopFeedCounter, TerminalSyncState

MAX_CODE_HOURS: Final = 7 * 24


def code_state(code: EnrolmentCode, now: datetime) -> str:
    if code.used_at is not None:
        return "used"
    if code.cancelled_at is not None:
        return "cancelled"
    return "expired" if code.expires_at <= now else "waiting"


class TerminalService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def _feed_head(self) -> int:
        next_seq = await self.session.scalar(select(ShopFeedCounter.next_seq))
        return int(next_seq or 1) - 1

    def _summary(
        self, terminal: Terminal, state: TerminalSyncState | None, head: int
    ) -> TerminalSummary:
        contacts = (
            [at for at in (state.last_push_at, state.last_pull_at) if at is not None]
            if state is not None
            else []
        )
        return TerminalSummary(
            id=terminal.id,
            name=terminal.name,
            invoice_series=terminal.invoice_series,
            status=terminal.status,
            enrolled_at=terminal.enrolled_at,
            revoked_at=terminal.revoked_at,
            last_contact_at=max(contacts) if contacts else None,
            pending_reported=state.pending_reported if state is not None else 0,
            pending_pull=max(0, head - (state.pulled_seq if state is not None else 0)),
        )

    async def list_terminals(self) -> list[TerminalSummary]:
        head = await self._feed_head()
        rows = await self.session.execute(
            select(Terminal, TerminalSyncState)
            .outerjoin(
                TerminalSyncState,
                (TerminalSyncState.shop_id == Terminal.shop_id)
                & (TerminalSyncState.terminal_id == Terminal.id),
            )
            .order_by(Terminal.name)
        )
        return [self._summary(terminal, state, head) for terminal, state in rows]

    async def _terminal(self, terminal_id: uuid.UUID) -> Terminal:
        terminal = await self.session.get(Terminal, (self.context.shop_id, terminal_id))
        if terminal is None:
            raise NotFoundException("no such terminal in this shop")
        return terminal

    async def get(self, terminal_id: uuid.UUID) -> TerminalSummary:
        terminal = await self._terminal(terminal_id)
        state = await self.session.get(TerminalSyncState, (self.context.shop_id, terminal_id))
        return self._summary(terminal, state, await self._feed_head())

    async def revoke(self, terminal_id: uuid.UUID) -> TerminalSummary:
        """Refuse the terminal's secret from now on; its records already synced stay."""
        terminal = await self._terminal(terminal_id)
        if terminal.status != TerminalStatus.REVOKED.value:
            before = snapshot(terminal)
            now = datetime.now(UTC)
            terminal.status, terminal.revoked_at = TerminalStatus.REVOKED.value, now
            terminal.hlc = self.context.resources.clock.stamp()
            credential = await self.session.get(
                TerminalCredential, (self.context.shop_id, terminal_id)
            )
            if credential is not None and credential.revoked_at is None:
                credential.revoked_at = now
            await self.context.record(
                "terminal.revoke",
                terminal,
                before,
            )
            await self.session.commit()
        return await self.get(terminal_id)

    async def list_codes(self) -> list[EnrolmentCodeSummary]:
        now = datetime.now(UTC)
        codes = await self.session.scalars(
            select(EnrolmentCode).order_by(EnrolmentCode.created_at.desc()).limit(100)
        )
        return [
            EnrolmentCodeSummary(
                id=code.id,
                terminal_name=code.terminal_name,
                created_at=code.created_at,
                expires_at=code.expires_at,
                state=code_state(code, now),
            )
            for code in codes
        ]

    async def create_code(self, request: EnrolmentCodeCreate) -> EnrolmentCodeIssued:
        name = required_text(request.terminal_name, "terminal_name", 100)
        if not 1 <= request.valid_hours <= MAX_CODE_HOURS:
            raise InvalidInput(
                f"a code can be valid for 1 to {MAX_CODE_HOURS} hours", "valid_hours"
            )
        code = new_enrolment_code()
        row = EnrolmentCode(
            shop_id=self.context.shop_id,
            code_hash=digest(code),
            terminal_name=name,
            expires_at=datetime.now(UTC) + timedelta(hours=request.valid_hours),
            created_by_user_id=self.context.principal.user_id,
        )
        self.session.add(row)
        await self.context.record(
            "enrolment_code.create",
            row,
            None,
            op=None,
        )
        await self.session.commit()
        return EnrolmentCodeIssued(
            id=row.id, code=code, terminal_name=name, expires_at=row.expires_at
        )

    async def cancel_code(self, code_id: uuid.UUID) -> EnrolmentCodeSummary:
        row = await self.session.get(EnrolmentCode, (self.context.shop_id, code_id))
        if row is None:
            raise NotFoundException("no such enrolment code in this shop")
        now = datetime.now(UTC)
        if code_state(row, now) == "waiting":
            before = snapshot(row)
            row.cancelled_at = now
            await self.context.record(
                "enrolment_code.cancel",
                row,
                before,
                op=None,
            )
            await self.session.commit()
        return EnrolmentCodeSummary(
            id=row.id,
            terminal_name=row.terminal_name,
            created_at=row.created_at,
            expires_at=row.expires_at,
            state=code_state(row, now),
        )
