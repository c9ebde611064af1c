"""Which branch (showroom) each terminal stands in: read for the terminals page and the report
filters, set by the owner on the terminals page.

A branch is only a name the owner types ("Main", "Andheri West"); it lives on the hub alone
(`TerminalBranch`), the counters never need it. A terminal with no row stands in "Main". Each
change is audited like the owner's other changes, but not sent to the counters.
"""

from __future__ import annotations

import uuid
from typing import Final

from litestar.exceptions import NotFoundException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.domain.changes import snapshot
from hub.domain.context import TenantContext
from hub.domain.shops.validation import required_text
from hub.storage.hub_tables import TerminalBranch
from hub.web.report_filters import MAIN_BRANCH
from shared.tables import Terminal

BRANCH_MAX_LENGTH: Final = 100


async def terminal_branches(session: AsyncSession) -> dict[uuid.UUID, str]:
    """Every terminal of the shop with its branch name ("Main" where none was set)."""
    terminal_ids = (await session.scalars(select(Terminal.id))).all()
    rows = await session.execute(select(TerminalBranch.terminal_id, TerminalBranch.branch))
    named = {row.terminal_id: row.branch for row in rows}
    return {terminal_id: named.get(terminal_id, MAIN_BRANCH) for terminal_id in terminal_ids}


async def set_branch(context: TenantContext, terminal_id: uuid.UUID, typed: str) -> Terminal:
    """Put the terminal in the branch `typed` (trimmed, 1 to 100 characters) and commit.

    InvalidInput (field "branch") for an empty or too long name; 404 for a terminal that is not
    this shop's (the tenant session cannot see another shop's).
    """
    name = required_text(typed, "branch", BRANCH_MAX_LENGTH)
    session = context.session
    terminal = await session.scalar(select(Terminal).where(Terminal.id == terminal_id))
    if terminal is None:
        raise NotFoundException("no such terminal in this shop")
    row = await session.scalar(
        select(TerminalBranch).where(TerminalBranch.terminal_id == terminal_id)
    )
    if row is None:
        row = TerminalBranch(shop_id=context.shop_id, terminal_id=terminal_id, branch=name)
        session.add(row)
        await context.record("terminal_branch.set", row, None, op=None)
    elif row.branch != name:
        before = snapshot(row)
        row.branch = name
        await context.record("terminal_branch.set", row, before, op=None)
    await session.commit()
    return terminal
