"""Archived invoice PDFs: every invoice and credit note a counter issued, kept as the PDF it
printed, in the private invoices storage (issue 7).

`archive_document` makes one (idempotent, safe when instances race); `ArchiveWorker` sweeps the
documents that have none yet; `archived_pdf` is what the download page serves.
"""

from hub.archive.keys import archive_key, file_name
from hub.archive.service import (
    ArchivedPdf,
    DocumentNotFound,
    archive_document,
    archived_pdf,
)
from hub.archive.worker import ArchiveWorker, PendingDocument, archive_worker, pending_documents

__all__ = [
    "ArchiveWorker",
    "ArchivedPdf",
    "DocumentNotFound",
    "PendingDocument",
    "archive_document",
    "archive_key",
    "archive_worker",
    "archived_pdf",
    "file_name",
    "pending_documents",
]
