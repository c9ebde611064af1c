"""Read an invoice or credit note from the hub's rows, with the shop's logo, ready to render.

The document itself comes from the loaders the counter prints with (`shared.printing`), run on
the tenant session through `run_sync`, so the hub reads exactly the figures the counter read.
The logo is the one the owner uploaded (ShopBranding); a logo that cannot be fetched is left out
rather than holding up the archive, as the counter does with a missing logo file.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import MutableMapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from hub.files.storage import FileStorage
from hub.storage.hub_tables import ShopBranding
from shared.printing import (
    GstDocument,
    PrintProfile,
    load_credit_note_document_by_id,
    load_invoice_document_by_id,
)
from shared.tables import CreditNote, Invoice

_log = logging.getLogger("hub.archive")

LogoMemo = MutableMapping[str, bytes | None]
"""Logo bytes by storage key, kept by a caller that archives many documents of one shop (a key
names one uploaded file and never changes content, so a memo cannot go stale)."""


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A document as it prints, and which kind of archive row it makes."""

    kind: str
    """'invoice' or 'credit_note' (ArchivedDocument.kind)."""
    document: GstDocument


def _load(
    session: Session, shop_id: uuid.UUID, document_id: uuid.UUID, profile: PrintProfile
) -> LoadedDocument | None:
    if session.get(Invoice, (shop_id, document_id)) is not None:
        invoice = load_invoice_document_by_id(session, shop_id, document_id, profile=profile)
        return LoadedDocument("invoice", invoice)
    if session.get(CreditNote, (shop_id, document_id)) is not None:
        note = load_credit_note_document_by_id(session, shop_id, document_id, profile=profile)
        return LoadedDocument("credit_note", note)
    return None


async def shop_logo(
    session: AsyncSession, files: FileStorage, shop_id: uuid.UUID, memo: LogoMemo | None = None
) -> bytes | None:
    """The shop's uploaded logo, or None when it has none or the file cannot be read."""
    key = await session.scalar(select(ShopBranding.logo_key).where(ShopBranding.shop_id == shop_id))
    if not key:
        return None
    if memo is not None and key in memo:
        return memo[key]
    try:
        data: bytes | None = await files.get(key)
    except FileNotFoundError:
        _log.warning("shop %s: logo %s is missing from storage; archiving without it", shop_id, key)
        data = None
    if memo is not None:
        memo[key] = data
    return data


async def load_document(
    session: AsyncSession,
    files: FileStorage,
    shop_id: uuid.UUID,
    document_id: uuid.UUID,
    logos: LogoMemo | None = None,
) -> LoadedDocument | None:
    """The invoice or credit note `document_id` of `shop_id`, or None when the shop has no
    such document (another shop's id included: the tenant session cannot see it)."""
    profile = PrintProfile(logo_data=await shop_logo(session, files, shop_id, logos))
    return await session.run_sync(_load, shop_id, document_id, profile)
