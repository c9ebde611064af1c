"""Wire type of an audit entry."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class AuditEntry(msgspec.Struct):
    id: uuid.UUID
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    before: str | None
    after: str | None
