"""A report page's filter: the query string the owner built with the form, as a `ReportFilter`.

The form and every link on the page (the quick spans, the CSV and XLSX downloads, the export
button) carry the same query parameters, so a download is always the report on the screen:

- `from`, `to`: dates typed DD-MM-YYYY (the way the counter writes them) or the ISO yyyy-mm-dd
  a date picker sends;
- `span`: a shortcut (today, week, month, last-month) used when no dates are given;
- `terminal` (repeatable): terminal ids of this shop;
- `branch`: a branch name; it becomes that branch's terminals (a terminal the owner never put in
  a branch stands in "Main").

Anything unknown (another shop's terminal, a branch no terminal is in, 31-02-2025) is refused
with a sentence the page shows; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.tabular import ReportFilter
from hub.storage.hub_tables import TerminalBranch
from hub.web.pages import sentence
from shared.errors import InvalidInput
from shared.tables import Terminal
from shared.validators import parse_day_month_year

MAIN_BRANCH: Final = "Main"
"""Where a terminal stands until the owner names its branch."""

SPANS: Final = {
    "today": "Today",
    "week": "This week",
    "month": "This month",
    "last-month": "Last month",
}
_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_MONTH_YEAR: Final = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$")


@dataclass(frozen=True, slots=True)
class TerminalChoice:
    id: uuid.UUID
    name: str
    branch: str


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the form offers: the shop's terminals (with their branches) and the branch names."""

    terminals: tuple[TerminalChoice, ...]

    @property
    def branches(self) -> tuple[str, ...]:
        names = {choice.branch for choice in self.terminals}
        return tuple(sorted(names, key=lambda name: (name != MAIN_BRANCH, name.casefold())))

    def terminals_in(self, branch: str) -> frozenset[uuid.UUID]:
        wanted = branch.casefold()
        return frozenset(c.id for c in self.terminals if c.branch.casefold() == wanted)

    def branch_named(self, branch: str) -> str | None:
        wanted = branch.casefold()
        return next((name for name in self.branches if name.casefold() == wanted), None)


async def filter_choices(session: AsyncSession) -> FilterChoices:
    """The shop's terminals by name, each with its branch (tenant session: this shop only)."""
    terminals = (await session.execute(select(Terminal.id, Terminal.name))).all()
    rows = await session.execute(select(TerminalBranch.terminal_id, TerminalBranch.branch))
    branches = {row.terminal_id: row.branch for row in rows}
    choices = (
        TerminalChoice(terminal_id, name, branches.get(terminal_id, MAIN_BRANCH))
        for terminal_id, name in terminals
    )
    return FilterChoices(tuple(sorted(choices, key=lambda c: (c.name.casefold(), str(c.id)))))


@dataclass(frozen=True, slots=True)
class FilterForm:
    """The filter as it goes back into the form and into every link (dates as DD-MM-YYYY)."""

    date_from: str
    date_to: str
    terminals: tuple[str, ...] = ()
    branch: str = ""
    span: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def query(self, **changes: str) -> list[tuple[str, str]]:
        """Query parameters for a link to the same filter (`span=` etc. may be replaced)."""
        pairs = [("from", self.date_from), ("to", self.date_to)]
        pairs += [("terminal", terminal) for terminal in self.terminals]
        if self.branch:
            pairs.append(("branch", self.branch))
        merged = [(key, value) for key, value in pairs if key not in changes]
        merged += [(key, value) for key, value in changes.items() if value]
        return merged


def form_of(flt: ReportFilter, span: str = "") -> FilterForm:
    return FilterForm(
        date_from=f"{flt.date_from:%d-%m-%Y}",
        date_to=f"{flt.date_to:%d-%m-%Y}",
        terminals=tuple(sorted(str(terminal) for terminal in flt.terminal_ids)),
        branch=flt.branch or "",
        span=span,
    )


def span_dates(span: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a quick span covers, up to today (a span never reaches into the future)."""
    if span == "today":
        return today, today
    if span == "week":
        return today - dt.timedelta(days=today.weekday()), today
    if span == "month":
        return today.replace(day=1), today
    if span == "last-month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    names = ", ".join(SPANS)
    raise InvalidInput(f"{span!r} is not a span this page knows (choose {names})", "span")


def parse_date(text: str, what: str, field_name: str) -> dt.date:
    """DD-MM-YYYY as typed, or yyyy-mm-dd from a date picker; a clear refusal otherwise."""
    cleaned = text.strip()
    if _ISO_DATE.match(cleaned):
        try:
            return dt.date.fromisoformat(cleaned)
        except ValueError:
            reason = f"the {what} {cleaned} is not a date on the calendar"
            raise InvalidInput(reason, field_name) from None
    try:
        return parse_day_month_year(cleaned)
    except InvalidInput:
        if _DAY_MONTH_YEAR.match(cleaned):
            reason = f"the {what} {cleaned} is not a date on the calendar"
        else:
            reason = f"type the {what} as DD-MM-YYYY, such as 01-07-2025 (got {cleaned!r})"
        raise InvalidInput(reason, field_name) from None


def _terminal_ids(texts: Sequence[str], choices: FilterChoices) -> frozenset[uuid.UUID]:
    known = {choice.id for choice in choices.terminals}
    chosen: set[uuid.UUID] = set()
    for text in texts:
        try:
            terminal_id = uuid.UUID(text.strip())
        except ValueError:
            terminal_id = None
        if terminal_id is None or terminal_id not in known:
            raise InvalidInput(f"{text.strip()!r} is not one of this shop's terminals", "terminal")
        chosen.add(terminal_id)
    return frozenset(chosen)


def _values(query: Mapping[str, Sequence[str]], name: str) -> list[str]:
    return [value.strip() for value in query.get(name, ()) if value.strip()]


def read_filter(
    query: Mapping[str, Sequence[str]],
    choices: FilterChoices,
    today: dt.date,
    default_span: str = "month",
) -> tuple[ReportFilter, str]:
    """The filter the query asks for and the span it came from ("" for typed dates).

    Raises InvalidInput naming the field for a bad date, span, terminal or branch.
    """
    typed_from, typed_to = _values(query, "from"), _values(query, "to")
    span = (_values(query, "span") or [""])[0]
    if typed_from or typed_to:
        span = ""
        fallback_from = span_dates(default_span, today)[0]
        date_from = parse_date(typed_from[0], "start date", "from") if typed_from else None
        date_to = parse_date(typed_to[0], "end date", "to") if typed_to else None
        date_from = date_from or min(fallback_from, date_to or fallback_from)
        date_to = date_to or max(today, date_from)
    else:
        span = span or default_span
        date_from, date_to = span_dates(span, today)

    terminal_ids = _terminal_ids(_values(query, "terminal"), choices)
    branch_text = (_values(query, "branch") or [""])[0]
    branch: str | None = None
    if branch_text:
        branch = choices.branch_named(branch_text)
        if branch is None:
            raise InvalidInput(f"no terminal stands in a branch called {branch_text!r}", "branch")
        in_branch = choices.terminals_in(branch)
        terminal_ids = (terminal_ids & in_branch) if terminal_ids else in_branch
        if not terminal_ids:
            raise InvalidInput(f"none of the chosen terminals stands in {branch}", "terminal")
    try:
        flt = ReportFilter(date_from, date_to, terminal_ids, branch)
    except InvalidInput as problem:
        raise InvalidInput(problem.reason, "to") from None
    return flt, span


def typed_form(query: Mapping[str, Sequence[str]], problem: InvalidInput) -> FilterForm:
    """The form as the owner typed it, with the refusal beside its field (for the 400 page)."""
    return FilterForm(
        date_from=(_values(query, "from") or [""])[0],
        date_to=(_values(query, "to") or [""])[0],
        terminals=tuple(_values(query, "terminal")),
        branch=(_values(query, "branch") or [""])[0],
        span=(_values(query, "span") or [""])[0],
        errors={problem.field or "form": sentence(problem.reason)},
    )
