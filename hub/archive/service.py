"""Archive one document: render it once, keep the PDF, record where it is and its SHA-256.

Idempotent: an archived document is never rendered again. When two hub instances (or a page
request and the worker) archive the same document at once, both render it, but the archive row
is inserted (flushed) before the file is stored: the primary key lets one insert through and
holds the other until the first commits, when it fails and returns the winner's row. So one row
and one stored file come of it, and a failed upload leaves no row pointing at nothing.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Final

import anyio
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hub.archive.keys import archive_key
from hub.archive.loading import LoadedDocument, load_document
from hub.storage.hub_tables import ArchivedDocument
from shared.printing import Paper, render_document_pdf

if TYPE_CHECKING:
    from hub.core.resources import HubResources

PDF_MEDIA_TYPE: Final = "application/pdf"
_log = logging.getLogger("hub.archive")


class DocumentNotFound(LookupError):
    """The shop has no invoice or credit note with that id (or it is another shop's)."""


@dataclass(frozen=True, slots=True)
class ArchivedPdf:
    """An archived document's row and its bytes, as the download page serves them."""

    record: ArchivedDocument
    data: bytes

    @property
    def file_name(self) -> str:
        """The document number in safe characters, as the storage key ends."""
        return PurePosixPath(self.record.storage_key).name


@dataclass(frozen=True, slots=True)
class _Rendered:
    loaded: LoadedDocument
    key: str
    pdf: bytes


async def _render(
    resources: HubResources,
    session: AsyncSession,
    shop_id: uuid.UUID,
    document_id: uuid.UUID,
    logos: MutableMapping[str, bytes | None] | None,
) -> _Rendered:
    """Load and render (A4, the counter's "sheet" print); nothing is stored yet."""
    loaded = await load_document(session, resources.files, shop_id, document_id, logos)
    if loaded is None:
        raise DocumentNotFound(f"no invoice or credit note {document_id} in this shop")
    # reportlab is CPU work: off the event loop, so requests keep being answered meanwhile.
    pdf = await anyio.to_thread.run_sync(render_document_pdf, loaded.document, Paper.A4)
    document = loaded.document
    key = archive_key(shop_id, document.document_date, document.number)
    return _Rendered(loaded, key, pdf)


async def archive_document(
    resources: HubResources,
    shop_id: uuid.UUID,
    document_id: uuid.UUID,
    *,
    logos: MutableMapping[str, bytes | None] | None = None,
) -> ArchivedDocument:
    """The archive row of the document, made now if it has none (see the module docstring).

    Raises DocumentNotFound for an id the shop does not have. `logos` is an optional memo of
    logo bytes for callers archiving many documents (the worker).
    """
    async with resources.sessions.tenant(shop_id) as session:
        existing = await session.get(ArchivedDocument, (shop_id, document_id))
        if existing is not None:
            return existing
        made = await _render(resources, session, shop_id, document_id, logos)
        row = ArchivedDocument(
            shop_id=shop_id,
            document_id=document_id,
            kind=made.loaded.kind,
            storage_key=made.key,
            sha256=hashlib.sha256(made.pdf).hexdigest(),
            size_bytes=len(made.pdf),
        )
        session.add(row)
        try:
            await session.flush()
        except IntegrityError:
            # Another instance archived it between our look and our insert: theirs stands.
            await session.rollback()
            winner = await session.get(ArchivedDocument, (shop_id, document_id))
            if winner is None:
                raise
            return winner
        # The row is ours (uncommitted: a failed upload rolls it back with the session).
        await resources.files.put(made.key, made.pdf, PDF_MEDIA_TYPE)
        await session.commit()
        return row


async def archived_pdf(
    resources: HubResources, shop_id: uuid.UUID, document_id: uuid.UUID
) -> ArchivedPdf:
    """The archived PDF of a document, archiving it first when that has not happened yet.

    A stored file that has gone missing, or no longer matches its recorded SHA-256, is made
    again from the (immutable) rows and put back, with a warning in the log.
    """
    record = await archive_document(resources, shop_id, document_id)
    try:
        data = await resources.files.get(record.storage_key)
    except FileNotFoundError:
        data = b""
    if hashlib.sha256(data).hexdigest() == record.sha256:
        return ArchivedPdf(record, data)
    async with resources.sessions.tenant(shop_id) as session:
        made = await _render(resources, session, shop_id, document_id, None)
    await resources.files.put(record.storage_key, made.pdf, PDF_MEDIA_TYPE)
    same = hashlib.sha256(made.pdf).hexdigest() == record.sha256
    _log.warning(
        "archived PDF %s was %s; made again from the stored rows (%s the recorded SHA-256)",
        record.storage_key,
        "missing" if not data else "altered",
        "matching" if same else "NOT matching",
    )
    return ArchivedPdf(record, made.pdf)
