"""The audit trail: who did what to which row, before and after, insert-only."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.tables.base import HASH_LENGTH, Base, EventRow, ShopScoped
from shared.tables.types import BigInt


class AuditEvent(ShopScoped, EventRow, Base):
    """One audited action, numbered within its chain.

    Each writer keeps its own chain so offline terminals never contend for a number: `chain_id`
    is the terminal's id for events written on a counter and the shop's id for events written
    on the hub, and `seq` counts 1, 2, 3... within it. `prev_hash`/`hash` link the chain so a
    deleted or edited event shows (the hashing itself belongs to the audit service).
    `before_json`/`after_json` are the row as JSON text (None for a creation or a deletion).
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        UniqueConstraint("shop_id", "chain_id", "seq"),
        Index(None, "shop_id", "entity", "entity_id"),
        Index(None, "shop_id", "at"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    chain_id: Mapped[uuid.UUID]
    seq: Mapped[BigInt]
    terminal_id: Mapped[uuid.UUID | None]
    actor_user_id: Mapped[uuid.UUID | None]
    actor_label: Mapped[str] = mapped_column(String(100))
    """Who, as shown to the owner (a user's name, or "operator: x@y" for platform staff)."""
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None]
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
    prev_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
