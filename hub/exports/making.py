"""Making one export's file: build the report on the read replica, write it, say how far it got.

`make_file` is the part of a job that knows about reports; the worker around it claims the job,
uploads the bytes and records the outcome. Progress is reported in four steps (reading, building
tables, writing rows, uploading) through `progress`, which the worker saves for the page.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final

from hub.exports import params
from hub.exports.gstr1_files import gstr1_file_bytes
from hub.reports import gstr1_for_month
from hub.reports.files import report_csv, report_xlsx
from hub.reports.period import ReturnPeriod
from hub.reports.service import HasSessions
from hub.reports.tabular import Catalogue, Report, ReportFilter, ReportSpec

STEPS: Final = 4
"""reading, building tables, writing, uploading: `progress` runs 0..STEPS."""
CONTENT_TYPES: Final = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "zip": "application/zip",
}

Progress = Callable[[int, str], Awaitable[None]]
"""`await progress(step, stage)`: step of STEPS done, and what it is doing now."""


@dataclass(frozen=True, slots=True)
class JobOrder:
    """What the job asks for, as stored on its row."""

    slug: str
    params_json: str
    file_format: str


@dataclass(frozen=True, slots=True)
class MadeFile:
    file_name: str
    data: bytes
    content_type: str


def _rows(report: Report) -> int:
    return sum(len(table.rows) for table in report.tables)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


async def _make_report(
    resources: HasSessions,
    shop_id: uuid.UUID,
    spec: ReportSpec,
    flt: ReportFilter,
    *,
    file_format: str,
    progress: Progress,
) -> bytes:
    await progress(0, "Reading the shop's records")
    async with resources.sessions.tenant(shop_id, read_only=True) as session:
        report = await spec.build(session, flt)
    await progress(1, f"Building {_count(len(report.tables), 'table')}")
    await progress(2, f"Writing {_count(_rows(report), 'row')}")
    return report_csv(report) if file_format == "csv" else report_xlsx(report)


async def _make_gstr1(
    resources: HasSessions,
    shop_id: uuid.UUID,
    period: ReturnPeriod,
    *,
    file_format: str,
    progress: Progress,
) -> bytes:
    await progress(0, "Reading the month's invoices and credit notes")
    gstr1 = await gstr1_for_month(resources, shop_id, period.year, period.month)
    await progress(1, "Building the GSTR-1 tables")
    sections = len(gstr1.csv_sections())
    await progress(2, f"Writing {_count(sections, 'section')}")
    return gstr1_file_bytes(gstr1, file_format)


async def make_file(
    resources: HasSessions,
    shop_id: uuid.UUID,
    catalogue: Catalogue,
    order: JobOrder,
    progress: Progress,
) -> MadeFile:
    """The job's file; InvalidInput (a sentence for the owner) when it cannot be made."""
    slug, file_format = order.slug, order.file_format
    flt = params.from_json(slug, order.params_json)
    params.check_request(catalogue, slug, flt, file_format)
    if isinstance(flt, ReturnPeriod):
        data = await _make_gstr1(
            resources, shop_id, flt, file_format=file_format, progress=progress
        )
    else:
        spec = catalogue.get(slug)
        data = await _make_report(
            resources, shop_id, spec, flt, file_format=file_format, progress=progress
        )
    name = f"{params.file_stem(slug, flt)}.{file_format}"
    return MadeFile(name, data, CONTENT_TYPES[file_format])
