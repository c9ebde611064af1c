"""Reading an export request from a submitted form: the report page's filter, and the format.

The export form repeats the report page's current filter as hidden fields (`date_from`,
`date_to`, `terminal` repeated, `branch`; `month` for GSTR-1), so the file is the report the
owner is looking at. A branch is resolved to its terminals here, as the pages do, because the
builders take terminal ids only. Bad input is an InvalidInput naming the field.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.exports import params
from hub.reports.period import ReturnPeriod
from hub.reports.tabular import ReportFilter
from hub.storage.hub_tables import TerminalBranch
from shared.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class ExportForm:
    """The raw fields, each a list (a form may repeat a field)."""

    fields: dict[str, list[str]]

    def one(self, name: str) -> str:
        values = [value.strip() for value in self.fields.get(name, ()) if value.strip()]
        return values[0] if values else ""

    def many(self, name: str) -> list[str]:
        return [value.strip() for value in self.fields.get(name, ()) if value.strip()]


def form_fields(items: Sequence[tuple[str, object]]) -> ExportForm:
    fields: dict[str, list[str]] = {}
    for name, value in items:
        if isinstance(value, str):
            fields.setdefault(name, []).append(value)
    return ExportForm(fields)


def _date(form: ExportForm, name: str, label: str) -> dt.date:
    text = form.one(name)
    if not text:
        raise InvalidInput(f"choose the {label}", name)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"the {label} is not a date (use yyyy-mm-dd)", name) from None


def _month(form: ExportForm) -> ReturnPeriod:
    text = form.one("month")
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        raise InvalidInput("choose the month (yyyy-mm)", "month") from None
    return ReturnPeriod(year, month)


async def _terminals(
    session: AsyncSession, form: ExportForm, branch: str | None
) -> frozenset[uuid.UUID]:
    if branch:
        rows = await session.scalars(
            select(TerminalBranch.terminal_id).where(TerminalBranch.branch == branch)
        )
        found = frozenset(rows)
        if not found:
            raise InvalidInput(f"no terminal is in the branch {branch!r}", "branch")
        return found
    try:
        return frozenset(uuid.UUID(text) for text in form.many("terminal"))
    except ValueError:
        raise InvalidInput("a chosen terminal is not one of the shop's", "terminal") from None


async def read_filter(session: AsyncSession, slug: str, form: ExportForm) -> params.ExportFilter:
    """The filter the form describes, for `slug` (a month for GSTR-1)."""
    if slug == params.GSTR1_SLUG:
        return _month(form)
    branch = form.one("branch") or None
    return ReportFilter(
        date_from=_date(form, "date_from", "start date"),
        date_to=_date(form, "date_to", "end date"),
        terminal_ids=await _terminals(session, form, branch),
        branch=branch,
    )
