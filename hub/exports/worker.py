"""The export worker: claims queued jobs of ANY shop, makes each file and stores it.

It serves every shop, so it finds work with a platform (unscoped) session; everything it does to
one job afterwards goes through that shop's tenant session. Several instances may run it at
once: a job is claimed with a conditional UPDATE (queued -> running WHERE state = 'queued') and
only the instance whose UPDATE changed the row makes the file.

A job whose instance died mid-way stays `running`; after `STALLED_AFTER` any worker puts it back
in the queue once (the note in `error` remembers that), and fails it if it stalls again, so a
file that crashes its worker cannot loop forever. Failures store a sentence for the owner; the
traceback goes to the log only.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

import anyio
from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import select, update

from hub.exports.doorbell import EXPORT_BELL
from hub.exports.making import STEPS, JobOrder, make_file
from hub.files.storage import EXPORT_LIFETIME_DAYS, EXPORTS_PREFIX
from hub.reports.catalogue import report_catalogue
from hub.reports.tabular import Catalogue
from hub.storage.hub_tables import ExportJob
from shared.errors import InvalidInput
from shared.tables.types import utc_now

if TYPE_CHECKING:
    from hub.core.resources import HubResources

POLL_SECONDS: Final = 1.0
STALLED_AFTER: Final = timedelta(minutes=15)
SWEEP_EVERY_SECONDS: Final = 60.0
RETRY_NOTE: Final = "The first attempt stopped part-way (the hub restarted); trying once more."
STALLED_TWICE: Final = (
    "The export stopped part-way twice (the hub restarted while making it). "
    "Please ask for it again; if it keeps happening, tell BoolaGold support."
)
STORAGE_FAILED: Final = (
    "The file was made but could not be saved to the file store. Please try again."
)
FAULT: Final = (
    "The file could not be made because of a fault on the hub (it has been logged). "
    "Please try again; if it happens again, tell BoolaGold support."
)
_MAX_ERROR: Final = 500
_CLAIM_ATTEMPTS: Final = 5

Clock = Callable[[], datetime]
_log = logging.getLogger("hub.exports")


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    shop_id: uuid.UUID
    id: uuid.UUID
    report: str
    file_format: str
    params: str


def _rowcount(result: object) -> int:
    count = getattr(result, "rowcount", 0)
    return int(count) if isinstance(count, int) else 0


async def claim_next(resources: HubResources, now: datetime) -> ClaimedJob | None:
    """The oldest queued job, now marked running by us; None when the queue is empty."""
    async with resources.sessions.platform() as session:
        for _ in range(_CLAIM_ATTEMPTS):
            row = await session.scalar(
                select(ExportJob)
                .where(ExportJob.state == "queued")
                .order_by(ExportJob.created_at, ExportJob.id)
                .limit(1)
            )
            if row is None:
                await session.commit()
                return None
            job = ClaimedJob(row.shop_id, row.id, row.report, row.file_format, row.params)
            result = await session.execute(
                update(ExportJob)
                .where(
                    ExportJob.shop_id == job.shop_id,
                    ExportJob.id == job.id,
                    ExportJob.state == "queued",
                )
                .values(state="running", started_at=now, progress=0, total=STEPS, stage="Starting")
                .execution_options(synchronize_session=False)
            )
            await session.commit()
            session.expunge_all()
            if _rowcount(result) == 1:
                return job
    return None  # others kept winning; the next round tries again


async def _save(resources: HubResources, job: ClaimedJob, **values: object) -> None:
    """Change this running job's row (through the shop's own tenant session)."""
    async with resources.sessions.tenant(job.shop_id) as session:
        await session.execute(
            update(ExportJob)
            .where(ExportJob.id == job.id, ExportJob.state == "running")
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        await session.commit()


async def run_job(
    resources: HubResources, job: ClaimedJob, catalogue: Catalogue, clock: Clock = utc_now
) -> None:
    """Make, upload and record one claimed job; never raises for a job that fails."""

    async def progress(step: int, stage: str) -> None:
        await _save(resources, job, progress=step, stage=stage[:80])

    try:
        made = await make_file(
            resources,
            job.shop_id,
            catalogue,
            JobOrder(job.report, job.params, job.file_format),
            progress,
        )
    except InvalidInput as problem:
        await _fail(resources, job, clock, _sentence(problem.reason))
        return
    except Exception:
        _log.exception("export %s of shop %s failed", job.id, job.shop_id)
        await _fail(resources, job, clock, FAULT)
        return
    key = f"{EXPORTS_PREFIX}{job.shop_id}/{job.id}/{made.file_name}"
    size = len(made.data)
    await progress(3, f"Uploading {_size(size)}")
    try:
        await resources.files.put(key, made.data, made.content_type)
    except (OSError, BotoCoreError, ClientError):
        _log.exception("export %s of shop %s could not be stored", job.id, job.shop_id)
        await _fail(resources, job, clock, STORAGE_FAILED)
        return
    finished = clock()
    await _save(
        resources,
        job,
        state="done",
        progress=STEPS,
        total=STEPS,
        stage="Ready to download",
        storage_key=key,
        file_name=made.file_name,
        size_bytes=size,
        finished_at=finished,
        expires_at=finished + timedelta(days=EXPORT_LIFETIME_DAYS),
        error=None,
    )


async def _fail(resources: HubResources, job: ClaimedJob, clock: Clock, message: str) -> None:
    await _save(
        resources,
        job,
        state="failed",
        stage="Failed",
        error=message[:_MAX_ERROR],
        finished_at=clock(),
    )


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


async def requeue_stalled(resources: HubResources, now: datetime) -> tuple[int, int]:
    """Put stalled jobs back in the queue once; fail those that stalled before.

    Returns (requeued, failed).
    """
    cutoff = now - STALLED_AFTER
    stalled = (ExportJob.state == "running", ExportJob.started_at < cutoff)
    async with resources.sessions.platform() as session:
        failed = await session.execute(
            update(ExportJob)
            .where(*stalled, ExportJob.error.is_not(None))
            .values(state="failed", stage="Failed", error=STALLED_TWICE, finished_at=now)
            .execution_options(synchronize_session=False)
        )
        requeued = await session.execute(
            update(ExportJob)
            .where(*stalled, ExportJob.error.is_(None))
            .values(
                state="queued",
                started_at=None,
                progress=0,
                stage="Waiting to start again",
                error=RETRY_NOTE,
            )
            .execution_options(synchronize_session=False)
        )
        await session.commit()
    if _rowcount(requeued):
        EXPORT_BELL.ring()
    return _rowcount(requeued), _rowcount(failed)


async def run_next(
    resources: HubResources, catalogue: Catalogue | None = None, clock: Clock = utc_now
) -> uuid.UUID | None:
    """Claim and make one job; its id, or None when nothing was waiting."""
    job = await claim_next(resources, clock())
    if job is None:
        return None
    await run_job(resources, job, catalogue or report_catalogue(), clock)
    return job.id


async def export_worker(resources: HubResources, stop: anyio.Event) -> None:
    """The background worker (hub.app BACKGROUND_WORKERS): jobs as they come, until `stop`."""
    last_sweep = float("-inf")
    while not stop.is_set():
        if time.monotonic() - last_sweep >= SWEEP_EVERY_SECONDS:
            await requeue_stalled(resources, utc_now())
            last_sweep = time.monotonic()
        if await run_next(resources) is None:
            await EXPORT_BELL.nap(stop, POLL_SECONDS)
