"""What the sync endpoints answer, typed for the OpenAPI schema."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from shared.wire import PROTOCOL_VERSION
from shared.wire_schema import SCHEMA_VERSION


class EnrolResponse(msgspec.Struct):
    shop_id: uuid.UUID
    terminal_id: uuid.UUID
    secret: str
    """Shown to this terminal once; the hub keeps only its digest."""
    terminal: dict[str, Any]
    """The terminal's replicated row (its invoice series among it)."""
    licence: str | None = None
    """The shop's signed licence token (shared.licence)."""
    protocol_version: int = PROTOCOL_VERSION
    schema_version: int = SCHEMA_VERSION
    """The versions the hub speaks (every message states them, both ways)."""


class RecordAnswerOut(msgspec.Struct):
    seq: int
    mutation_id: uuid.UUID
    result: str
    detail: str | None


class PushResponse(msgspec.Struct):
    answers: list[RecordAnswerOut]
    high_water_seq: int
    expected_seq: int | None
    protocol_version: int = PROTOCOL_VERSION
    schema_version: int = SCHEMA_VERSION


class FeedChangeOut(msgspec.Struct):
    seq: int
    entity: str
    entity_id: uuid.UUID
    op: str
    row: dict[str, Any]


class PullResponse(msgspec.Struct):
    changes: list[FeedChangeOut]
    cursor: int
    more: bool
    high_water_seq: int
    """The last record of this terminal the hub holds (a restored hub may hold fewer)."""
    open_conflicts: int
    cursor_tag: str | None
    """Send it back as `after_tag` with the next pull (proves the feed did not change)."""
    diverged: bool
    """The counter's cursor is not in this feed (a hub restored from a backup): pull from 0."""
    licence: str | None = None
    """The shop's signed licence token, so a renewal takes effect at the next sync."""
    server_time: datetime | None = None
    """The hub's clock: the counter never lets its own clock run behind it."""
    protocol_version: int = PROTOCOL_VERSION
    schema_version: int = SCHEMA_VERSION
