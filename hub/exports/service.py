"""Asking for an export and reading the shop's export jobs (the pages call these).

Every function takes a TENANT session, so a job of another shop can be neither read nor made
here. The worker, which serves every shop, lives in `worker` and says so.
"""

from __future__ import annotations

import uuid
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.exports import params
from hub.exports.doorbell import EXPORT_BELL
from hub.reports.catalogue import report_catalogue
from hub.reports.tabular import Catalogue
from hub.storage.hub_tables import ExportJob
from shared.errors import InvalidInput
from shared.tables import Shop

MAX_UNFINISHED: Final = 3
"""Exports one shop may have waiting or running at once (fair to the other shops)."""
UNFINISHED: Final = ("queued", "running")
LIST_LIMIT: Final = 50


class ExportRefused(InvalidInput):
    """The shop already has as many exports in hand as it may."""


async def request_export(
    session: AsyncSession,
    shop_id: uuid.UUID,
    user_id: uuid.UUID | None,
    slug: str,
    *,
    flt: params.ExportFilter,
    file_format: str,
    catalogue: Catalogue | None = None,
) -> ExportJob:
    """Queue an export and wake the worker; InvalidInput (nothing saved) for a bad request.

    Commits: the job must be visible to the worker (possibly on another instance) before the
    owner is sent to its progress page.
    """
    params.check_request(catalogue or report_catalogue(), slug, flt, file_format)
    # Two requests at once (a double click, two tabs) each count before either inserts: the
    # shop's row, locked until this commits, makes them count one after the other (MariaDB;
    # SQLite runs one writer at a time anyway).
    await session.execute(select(Shop.id).where(Shop.id == shop_id).with_for_update())
    unfinished = await session.scalar(
        select(func.count()).select_from(ExportJob).where(ExportJob.state.in_(UNFINISHED))
    )
    if (unfinished or 0) >= MAX_UNFINISHED:
        raise ExportRefused(
            f"{MAX_UNFINISHED} exports are already being made for this shop: wait for one "
            "to finish, then ask again",
            "report",
        )
    job = ExportJob(
        shop_id=shop_id,
        report=slug,
        file_format=file_format,
        params=params.to_json(flt),
        state="queued",
        progress=0,
        stage="Waiting to start",
        requested_by=user_id,
    )
    session.add(job)
    await session.commit()
    EXPORT_BELL.ring()
    return job


async def shop_jobs(session: AsyncSession, limit: int = LIST_LIMIT) -> list[ExportJob]:
    """The shop's latest export jobs, newest first."""
    rows = await session.scalars(
        select(ExportJob).order_by(ExportJob.created_at.desc(), ExportJob.id.desc()).limit(limit)
    )
    return list(rows)


async def shop_job(session: AsyncSession, job_id: uuid.UUID) -> ExportJob | None:
    """One of the shop's jobs; None for an unknown id or another shop's (the tenant session
    cannot see those), so the page answers 404 either way."""
    return await session.scalar(select(ExportJob).where(ExportJob.id == job_id))
