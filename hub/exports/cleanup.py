"""Removing exported files after their seven days, on every kind of store.

S3 deployments also get a lifecycle rule that expires `exports/` by itself; a local folder has
no such thing, and the rows must say the file is gone either way, so this job deletes each
expired job's file and stamps `deleted_at`. Deleting a file that is already gone (the lifecycle
rule was first) is fine, and a row is stamped only once: running it again changes nothing.
The worker also puts the lifecycle rule in place at start-up, off the request path.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Final

import anyio
from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import select, update

from hub.storage.hub_tables import ExportJob
from shared.tables.types import utc_now

if TYPE_CHECKING:
    from hub.core.resources import HubResources

CLEANUP_EVERY_SECONDS: Final = 600.0
BATCH: Final = 200
_log = logging.getLogger("hub.exports")


async def cleanup_expired(resources: HubResources, now: datetime) -> int:
    """Delete the files of every shop's expired exports (platform session: all shops);
    the number of files removed."""
    async with resources.sessions.platform() as session:
        rows = (
            await session.execute(
                select(ExportJob.shop_id, ExportJob.id, ExportJob.storage_key)
                .where(
                    ExportJob.state == "done",
                    ExportJob.expires_at <= now,
                    ExportJob.deleted_at.is_(None),
                )
                .order_by(ExportJob.expires_at)
                .limit(BATCH)
            )
        ).all()
        removed = 0
        for shop_id, job_id, key in rows:
            if key:
                try:
                    await resources.files.delete(key)
                except (OSError, BotoCoreError, ClientError):
                    _log.warning("could not delete expired export %s; will retry", key)
                    continue
            await session.execute(
                update(ExportJob)
                .where(
                    ExportJob.shop_id == shop_id,
                    ExportJob.id == job_id,
                    ExportJob.deleted_at.is_(None),
                )
                .values(deleted_at=now)
                .execution_options(synchronize_session=False)
            )
            removed += 1
        await session.commit()
    return removed


async def cleanup_worker(resources: HubResources, stop: anyio.Event) -> None:
    """The background worker: the lifecycle rule once, then a clean-up every ten minutes."""
    lifecycle_in_place = False
    while not stop.is_set():
        if not lifecycle_in_place:
            try:
                await resources.files.ensure_lifecycle()
                lifecycle_in_place = True
            except (OSError, BotoCoreError, ClientError):
                _log.warning(
                    "could not put the exports lifecycle rule; the clean-up job "
                    "removes expired exports meanwhile",
                    exc_info=True,
                )
        await cleanup_expired(resources, utc_now())
        with anyio.move_on_after(CLEANUP_EVERY_SECONDS):
            await stop.wait()
