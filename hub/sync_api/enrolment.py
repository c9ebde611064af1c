"""Turning an owner's one-time code into a terminal of the shop.

The code is spent in the same transaction that creates the terminal, its credential and its
own invoice series, so a retried enrolment can never make two terminals from one code. The
series is new for every enrolment (a reinstalled counter never restarts an old series): the
n-th terminal ever enrolled in the shop bills as "A<n>", credits as "C<n>", vouchers "V<n>".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.domain.changes import HubClock, record_change
from hub.domain.licence.standing import terminal_limit
from hub.security.tokens import digest, new_device_secret, normalise_enrolment_code
from hub.storage.hub_tables import EnrolmentCode, Plan, Tenant, TerminalCredential
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.tables import Shop, Terminal
from shared.tables.vocabulary import ChangeOp, ShopStatus, TerminalStatus
from shared.wire import EnrolRequest
from sync.server import feed
from sync.server.tables import TerminalSyncState

MAX_SERIES_NUMBER = 999


class TerminalLimitReached(InvalidInput):
    """The shop's plan allows no more terminals."""


@dataclass(frozen=True, slots=True)
class Grant:
    terminal: Terminal
    secret: str


async def enrol(session: AsyncSession, request: EnrolRequest, clock: HubClock) -> Grant:
    """Spend the code and create the terminal (the caller commits)."""
    now = datetime.now(UTC)
    code = (
        await session.execute(
            select(EnrolmentCode)
            .where(EnrolmentCode.code_hash == digest(normalise_enrolment_code(request.code)))
            .with_for_update()
        )
    ).scalar_one_or_none()
    if code is None or code.cancelled_at is not None:
        raise InvalidInput("this enrolment code is not known; ask the owner for a new one", "code")
    if code.used_at is not None:
        raise InvalidInput("this enrolment code was already used; codes work once", "code")
    if code.expires_at <= now:
        raise InvalidInput("this enrolment code has expired; ask the owner for a new one", "code")
    shop_id = code.shop_id
    shop = await session.get(Shop, shop_id)
    if shop is None or shop.status != ShopStatus.ACTIVE.value:
        raise InvalidInput("this shop's account is not active; call BoolaGold support", "code")
    limit = await _terminal_limit(session, shop_id)
    active = await session.scalar(
        select(func.count())
        .select_from(Terminal)
        .where(Terminal.shop_id == shop_id, Terminal.status == TerminalStatus.ACTIVE.value)
    )
    if limit is not None and int(active or 0) >= limit:
        raise TerminalLimitReached(
            f"this shop's plan allows {limit} terminal{'s' if limit != 1 else ''}; "
            "revoke one on the hub or upgrade the plan",
            "code",
        )
    used = set(
        await session.scalars(select(Terminal.invoice_series).where(Terminal.shop_id == shop_id))
    )
    number = len(used) + 1
    while f"A{number}" in used:
        number += 1
    if number > MAX_SERIES_NUMBER:
        raise InvalidInput("this shop has used every terminal series; call BoolaGold", "code")
    terminal = Terminal(
        shop_id=shop_id,
        id=new_id(),
        name=(code.terminal_name or request.device_name or f"Counter {number}")[:100],
        invoice_series=f"A{number}",
        credit_note_series=f"C{number}",
        voucher_series=f"V{number}",
        status=TerminalStatus.ACTIVE.value,
        enrolled_at=now,
        hlc=clock.stamp(),
    )
    session.add(terminal)
    secret = new_device_secret()
    session.add(
        TerminalCredential(
            shop_id=shop_id,
            terminal_id=terminal.id,
            secret_hash=digest(secret),
            enrolment_code_id=code.id,
            issued_at=now,
            app_version=request.app_version[:32],
        )
    )
    session.add(TerminalSyncState(shop_id=shop_id, terminal_id=terminal.id))
    code.used_at = now
    code.used_by_terminal_id = terminal.id
    await session.run_sync(lambda s: feed.ensure_feed(s, shop_id))
    await record_change(
        session,
        shop_id=shop_id,
        actor_label=f"terminal enrolment: {terminal.name}"[:100],
        actor_user_id=None,
        action="terminal.enrol",
        row=terminal,
        before=None,
        op=ChangeOp.INSERT,
    )
    return Grant(terminal=terminal, secret=secret)


async def _terminal_limit(session: AsyncSession, shop_id: uuid.UUID) -> int | None:
    """The limit the shop's signed licence carries (its own override, else its plan's)."""
    row = (
        await session.execute(
            select(Tenant, Plan)
            .join(Plan, Plan.id == Tenant.plan_id)
            .where(Tenant.shop_id == shop_id)
        )
    ).one_or_none()
    if row is None:
        return None
    tenant, plan = row
    return terminal_limit(tenant, plan)
