"""Wire types of terminals and enrolment codes."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class TerminalSummary(msgspec.Struct):
    id: uuid.UUID
    name: str
    invoice_series: str
    status: str
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_contact_at: datetime | None
    """The later of its last push and last pull."""
    pending_reported: int
    """Changes waiting in the counter's outbox, as it last reported."""
    pending_pull: int
    """Changes in the shop's feed the counter has not pulled yet."""


class EnrolmentCodeCreate(msgspec.Struct, forbid_unknown_fields=True):
    terminal_name: str
    valid_hours: int = 24


class EnrolmentCodeSummary(msgspec.Struct):
    id: uuid.UUID
    terminal_name: str
    created_at: datetime
    expires_at: datetime
    state: str
    """waiting, used, expired or cancelled."""


class EnrolmentCodeIssued(msgspec.Struct):
    id: uuid.UUID
    code: str
    """Shown once: only its digest is kept."""
    terminal_name: str
    expires_at: datetime
