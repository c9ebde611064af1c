"""An export job as the pages show it: what, for when, how far, and whether it can be fetched."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from hub.exports import params
from hub.reports.tabular import Catalogue
from hub.storage.hub_tables import ExportJob
from shared.errors import InvalidInput

_STATES: Final = {
    "queued": ("Waiting", "warn"),
    "running": ("Making", "warn"),
    "done": ("Ready", "ok"),
    "failed": ("Failed", "bad"),
}


@dataclass(frozen=True, slots=True)
class JobView:
    id: uuid.UUID
    title: str
    summary: str
    format_label: str
    state: str
    state_label: str
    badge: str
    progress: int
    total: int
    stage: str
    file_name: str | None
    size_text: str
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    error: str | None
    downloadable: bool
    removed: bool

    @property
    def in_hand(self) -> bool:
        """Still waiting or being made: the page refreshes itself."""
        return self.state in ("queued", "running")


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def job_view(job: ExportJob, catalogue: Catalogue, now: datetime) -> JobView:
    try:
        summary = params.describe(params.from_json(job.report, job.params))
    except InvalidInput:
        summary = ""
    label, badge = _STATES.get(job.state, (job.state, ""))
    removed = job.deleted_at is not None or (
        job.state == "done" and job.expires_at is not None and job.expires_at <= now
    )
    if job.state == "done" and removed:
        label, badge = "Removed", ""
    return JobView(
        id=job.id,
        title=params.title_for(catalogue, job.report),
        summary=summary,
        format_label=params.FORMAT_LABELS.get(job.file_format, job.file_format),
        state=job.state,
        state_label=label,
        badge=badge,
        progress=job.progress,
        total=max(job.total or 0, job.progress, 1),
        stage=job.stage or "",
        file_name=job.file_name,
        size_text=size_text(job.size_bytes),
        created_at=job.created_at,
        finished_at=job.finished_at,
        expires_at=job.expires_at,
        error=job.error if job.state == "failed" else None,
        downloadable=job.state == "done" and not removed and job.storage_key is not None,
        removed=removed,
    )
