"""Tables only the counter has: the sync outbox and local settings.

They sit on their own base so the hub's migrations never create them; the counter migrates
`shared.tables.Base` and `LocalBase` together.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Final

from sqlalchemy import CheckConstraint, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.tables.base import NAMING_CONVENTION, TYPE_ANNOTATION_MAP
from shared.tables.types import utc_now
from shared.tables.vocabulary import ChangeOp, one_of

# How the hub answered a pushed record.
ACK_RESULTS: Final = ("applied", "conflict", "quarantined")


class LocalBase(DeclarativeBase):
    """The counter's own tables (never replicated)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class OutboxRecord(LocalBase):
    """One change waiting to be pushed, written in the same transaction as the change itself.

    `seq` is this terminal's push sequence: SQLite AUTOINCREMENT never reuses a number, even
    after acknowledged rows are pruned, so the hub's per-terminal high-water mark stays valid.
    `mutation_id` names the change end to end (the hub's idempotency key).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index(None, "acked_at", "seq"),
        CheckConstraint(one_of("op", ChangeOp), name="op"),
        CheckConstraint(
            "ack_result IS NULL OR ack_result IN ("
            + ", ".join(f"'{result}'" for result in ACK_RESULTS)
            + ")",
            name="ack_result",
        ),
        CheckConstraint(
            "(acked_at IS NULL AND ack_result IS NULL)"
            " OR (acked_at IS NOT NULL AND ack_result IS NOT NULL)",
            name="acked_together",
        ),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)
    """The change as JSON text, exactly as it will go on the wire."""
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    acked_at: Mapped[datetime | None]
    ack_result: Mapped[str | None] = mapped_column(String(16))
    ack_detail: Mapped[str | None] = mapped_column(Text)
    """The hub's words when it did not simply apply the change (a conflict, a refusal)."""


class Setting(LocalBase):
    """A counter setting (printer, pull cursor, last sync time...) as key and text value."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


__all__ = ["ACK_RESULTS", "LocalBase", "OutboxRecord", "Setting"]
