"""The background sweep that archives every invoice and credit note that has no PDF yet.

Each pass reads, across shops on the platform session, the next batch of unarchived documents
oldest first (a keyset cursor over issue time and id), then archives each through its shop's
tenant session. When a pass comes back short the sweep is done: the cursor starts over and the
worker sleeps until the next sweep, so documents pushed late by an offline counter (older than
the cursor) are found next time round. A document that fails to render is logged with its
number and left alone for as long as this worker runs (a hub restart tries it once more), so a
bad row can never turn the sweep into a hot loop. Several instances may sweep at once:
`archive_document` lets one archive row in per document.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import anyio
from sqlalchemy import Select, exists, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from hub.archive.service import DocumentNotFound, archive_document
from hub.storage.hub_tables import ArchivedDocument
from shared.tables import CreditNote, Invoice

if TYPE_CHECKING:
    from hub.core.resources import HubResources

_log = logging.getLogger("hub.archive")

Cursor = tuple[dt.datetime, uuid.UUID]


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """One document without an archive row, as the platform read lists it."""

    shop_id: uuid.UUID
    document_id: uuid.UUID
    number: str
    issued_at: dt.datetime

    @property
    def cursor(self) -> Cursor:
        return (self.issued_at, self.document_id)


def _unarchived(
    table: type[Invoice] | type[CreditNote],
) -> Select[uuid.UUID, uuid.UUID, str, dt.datetime]:
    archived = exists().where(
        ArchivedDocument.shop_id == table.shop_id, ArchivedDocument.document_id == table.id
    )
    return select(
        table.shop_id, table.id.label("document_id"), table.number, table.issued_at
    ).where(~archived)


async def pending_documents(
    session: AsyncSession, *, after: Cursor | None = None, limit: int = 50
) -> list[PendingDocument]:
    """Up to `limit` documents of any shop with no archive row, oldest first, after `after`.

    `session` is a platform session: this is the one cross-shop read of the archive, and it
    reads ids only; each document is then rendered through its own shop's tenant session.
    """
    both = union_all(_unarchived(Invoice), _unarchived(CreditNote)).subquery()
    query = select(both.c.shop_id, both.c.document_id, both.c.number, both.c.issued_at)
    if after is not None:
        query = query.where(tuple_(both.c.issued_at, both.c.document_id) > tuple_(*after))
    query = query.order_by(both.c.issued_at, both.c.document_id).limit(limit)
    rows = (await session.execute(query)).all()
    return [PendingDocument(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class ArchiveWorker:
    """A `hub.core.background.Worker` (call it with resources and a stop event).

    `start_delay` lets a starting instance serve its first requests before it renders PDFs;
    `idle_seconds` is the pause between sweeps once everything is archived.
    """

    batch: int = 50
    start_delay: float = 30.0
    idle_seconds: float = 30.0

    async def __call__(self, resources: HubResources, stop: anyio.Event) -> None:
        failed: set[tuple[uuid.UUID, uuid.UUID]] = set()
        if await _sleep(stop, self.start_delay):
            return
        cursor: Cursor | None = None
        while not stop.is_set():
            async with resources.sessions.platform() as session:
                batch = await pending_documents(session, after=cursor, limit=self.batch)
            await self.archive_batch(resources, batch, failed, stop)
            if len(batch) == self.batch:
                cursor = batch[-1].cursor
                continue
            cursor = None
            if await _sleep(stop, self.idle_seconds):
                return

    async def archive_batch(
        self,
        resources: HubResources,
        batch: Sequence[PendingDocument],
        failed: set[tuple[uuid.UUID, uuid.UUID]],
        stop: anyio.Event,
    ) -> int:
        """Archive each document of `batch` not known to fail; returns how many it archived.

        Stops between documents when `stop` is set (the item in hand is finished first).
        """
        done = 0
        logos: dict[str, bytes | None] = {}
        for item in batch:
            if stop.is_set():
                break
            key = (item.shop_id, item.document_id)
            if key in failed:
                continue
            try:
                await archive_document(resources, item.shop_id, item.document_id, logos=logos)
            except DocumentNotFound:
                continue  # gone between the listing and now: nothing to archive
            except Exception:
                failed.add(key)
                _log.exception(
                    "could not archive document %s (%s) of shop %s; skipped until restart",
                    item.number,
                    item.document_id,
                    item.shop_id,
                )
                continue
            done += 1
        return done


async def _sleep(stop: anyio.Event, seconds: float) -> bool:
    """Wait `seconds` or until `stop`; True when it is time to stop."""
    with anyio.move_on_after(seconds):
        await stop.wait()
    return stop.is_set()


archive_worker: Final = ArchiveWorker()
"""The instance every hub runs (hub.app.BACKGROUND_WORKERS)."""
