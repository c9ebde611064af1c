"""What an export job is asked to make: which report, for which filter, in which format.

The filter is stored on the job as JSON (`ExportJob.params`) exactly as it was validated, so the
worker that picks the job up, maybe on another instance minutes later, builds the same report the
owner asked for. GSTR-1 is not a catalogue report: its "filter" is a return period (a month).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Final

from hub.reports.period import ReturnPeriod
from hub.reports.tabular import Catalogue, ReportFilter
from shared.errors import InvalidInput

GSTR1_SLUG: Final = "gstr1"
GSTR1_TITLE: Final = "GSTR-1"
REPORT_FORMATS: Final = ("csv", "xlsx")
GSTR1_FORMATS: Final = ("json", "zip", "xlsx")
FORMAT_LABELS: Final = {
    "csv": "CSV",
    "xlsx": "Excel (XLSX)",
    "json": "JSON for the GST portal",
    "zip": "CSV files for the offline tool (ZIP)",
}

ExportFilter = ReportFilter | ReturnPeriod


def formats_for(slug: str) -> tuple[str, ...]:
    return GSTR1_FORMATS if slug == GSTR1_SLUG else REPORT_FORMATS


def check_request(catalogue: Catalogue, slug: str, flt: ExportFilter, file_format: str) -> None:
    """Refuse (InvalidInput) an unknown report, a filter of the wrong kind, or a format the
    report is not made in."""
    if slug == GSTR1_SLUG:
        if not isinstance(flt, ReturnPeriod):
            raise InvalidInput("GSTR-1 is made for a month: choose the month", "month")
    else:
        catalogue.get(slug)  # InvalidInput for a report that does not exist
        if not isinstance(flt, ReportFilter):
            raise InvalidInput("choose the dates the report covers", "date_from")
    allowed = formats_for(slug)
    if file_format not in allowed:
        names = ", ".join(FORMAT_LABELS[name] for name in allowed)
        raise InvalidInput(f"this report can be exported as {names}", "format")


def title_for(catalogue: Catalogue, slug: str) -> str:
    if slug == GSTR1_SLUG:
        return GSTR1_TITLE
    spec = catalogue.specs.get(slug)
    return spec.title if spec is not None else slug


def to_json(flt: ExportFilter) -> str:
    if isinstance(flt, ReturnPeriod):
        return json.dumps({"year": flt.year, "month": flt.month})
    return json.dumps(
        {
            "date_from": flt.date_from.isoformat(),
            "date_to": flt.date_to.isoformat(),
            "terminal_ids": sorted(str(terminal) for terminal in flt.terminal_ids),
            "branch": flt.branch,
        }
    )


def from_json(slug: str, text: str) -> ExportFilter:
    """The filter a job was asked with; InvalidInput when the stored JSON is not one."""
    try:
        data = json.loads(text)
        if slug == GSTR1_SLUG:
            return ReturnPeriod(int(data["year"]), int(data["month"]))
        branch = data.get("branch")
        return ReportFilter(
            date_from=dt.date.fromisoformat(data["date_from"]),
            date_to=dt.date.fromisoformat(data["date_to"]),
            terminal_ids=frozenset(uuid.UUID(value) for value in data.get("terminal_ids", ())),
            branch=str(branch) if branch else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InvalidInput("the export's stored filter could not be read", "params") from error


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def describe(flt: ExportFilter) -> str:
    """The filter in the owner's words, for the exports list ("1 Oct 2025 to 31 Oct 2025")."""
    if isinstance(flt, ReturnPeriod):
        return f"{flt.first_day:%B %Y}"
    span = _day(flt.date_from)
    if flt.date_to != flt.date_from:
        span = f"{span} to {_day(flt.date_to)}"
    if flt.branch:
        span = f"{span}, branch {flt.branch}"
    elif flt.terminal_ids:
        count = len(flt.terminal_ids)
        span = f"{span}, {count} terminal{'s' if count != 1 else ''}"
    return span


def file_stem(slug: str, flt: ExportFilter) -> str:
    """The downloaded file's name without extension: what and when, safe on every OS."""
    if isinstance(flt, ReturnPeriod):
        return f"GSTR1_{flt.year:04d}-{flt.month:02d}"
    stem = f"{slug}_{flt.date_from.isoformat()}_{flt.date_to.isoformat()}"
    if flt.branch:
        safe = "".join(ch if ch.isalnum() else "-" for ch in flt.branch).strip("-")
        stem = f"{stem}_{safe[:40]}"
    elif flt.terminal_ids:
        stem = f"{stem}_{len(flt.terminal_ids)}-terminals"
    return stem
