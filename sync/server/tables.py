"""The hub's sync bookkeeping: per-terminal marks, push receipts, the change feed, conflicts.

They live on their own metadata (not the replicated `shared.tables.Base`, so counters never
create them, and not the hub's, because this package may not import the hub); the hub's
migrations include this metadata. Every table is keyed `shop_id` first so a shop's sync state
moves to another shard with its business rows.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Final

from sqlalchemy import CheckConstraint, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.ids import new_id
from shared.tables.base import NAMING_CONVENTION, TYPE_ANNOTATION_MAP
from shared.tables.types import BigInt, JsonText, utc_now
from shared.tables.vocabulary import ChangeOp, one_of

RECEIPT_RESULTS: Final = ("applied", "conflict", "quarantined")
CONFLICT_KINDS: Final = ("double_sale",)


class SyncBase(DeclarativeBase):
    """Tables only the hub has, owned by the sync protocol."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class ShopFeedCounter(SyncBase):
    """The next change-feed sequence of one shop.

    Taken with SELECT ... FOR UPDATE inside each writing transaction, so sequence order is commit
    order: a transaction that commits late cannot have taken a number a reader already passed.
    """

    __tablename__ = "shop_feed_counter"
    __table_args__ = (CheckConstraint("next_seq >= 1", name="next_seq_positive"),)

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    next_seq: Mapped[BigInt] = mapped_column(default=1)


class ChangeFeedEntry(SyncBase):
    """One applied change, in the order counters pull them (cursor = `seq`, per shop)."""

    __tablename__ = "change_feed"
    __table_args__ = (
        Index(None, "shop_id", "entity", "entity_id"),
        CheckConstraint(one_of("op", ChangeOp), name="op"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[BigInt] = mapped_column(primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(JsonText)
    """The row as JSON text, as counters will apply it."""
    mutation_id: Mapped[uuid.UUID | None]
    origin_terminal_id: Mapped[uuid.UUID | None]
    committed_at: Mapped[datetime] = mapped_column(default=utc_now)


class TerminalSyncState(SyncBase):
    """Where each terminal stands: the highest push sequence applied (a replayed push at or
    below it is answered from its receipt) and the feed position it last pulled to."""

    __tablename__ = "terminal_sync_state"
    __table_args__ = (
        CheckConstraint("high_water_seq >= 0 AND pulled_seq >= 0", name="sequences_not_negative"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    high_water_seq: Mapped[BigInt] = mapped_column(default=0)
    pulled_seq: Mapped[BigInt] = mapped_column(default=0)
    pending_reported: Mapped[BigInt] = mapped_column(default=0)
    """Outbox records the terminal said it still held at its last contact."""
    last_push_at: Mapped[datetime | None]
    last_pull_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class PushReceipt(SyncBase):
    """How one pushed record was answered, so a replay gets the same answer, not a second apply."""

    __tablename__ = "push_receipt"
    __table_args__ = (
        CheckConstraint(
            "result IN (" + ", ".join(f"'{r}'" for r in RECEIPT_RESULTS) + ")", name="result"
        ),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[BigInt] = mapped_column(primary_key=True, autoincrement=False)
    mutation_id: Mapped[uuid.UUID]
    result: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utc_now)


class PieceSale(SyncBase):
    """At most one active sale per piece: the second sale of a piece cannot land silently.

    Inserting the claim is what detects a double sale (the primary key refuses it); a credit
    note that returns the piece releases the claim.
    """

    __tablename__ = "piece_sale"

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    stock_piece_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    invoice_id: Mapped[uuid.UUID]
    invoice_line_id: Mapped[uuid.UUID]
    claimed_at: Mapped[datetime] = mapped_column(default=utc_now)


class SyncConflict(SyncBase):
    """A business clash between documents that were legally issued (both are kept)."""

    __tablename__ = "sync_conflict"
    __table_args__ = (
        Index(None, "shop_id", "resolved_at"),
        Index(None, "shop_id", "entity_id"),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in CONFLICT_KINDS) + ")", name="kind"
        ),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID]
    """The contested thing (for a double sale, the stock piece)."""
    kept_document_id: Mapped[uuid.UUID]
    """The document that holds the claim (the first sale to reach the hub)."""
    clashing_document_id: Mapped[uuid.UUID]
    terminal_id: Mapped[uuid.UUID | None]
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)


class QuarantinedRecord(SyncBase):
    """A well-formed record the hub could not apply, kept verbatim for the operator."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (Index(None, "shop_id", "released_at"),)

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[BigInt] = mapped_column(primary_key=True, autoincrement=False)
    mutation_id: Mapped[uuid.UUID]
    entity: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(JsonText)
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utc_now)
    released_at: Mapped[datetime | None]


__all__ = [
    "CONFLICT_KINDS",
    "RECEIPT_RESULTS",
    "ChangeFeedEntry",
    "PieceSale",
    "PushReceipt",
    "QuarantinedRecord",
    "ShopFeedCounter",
    "SyncBase",
    "SyncConflict",
    "TerminalSyncState",
]
