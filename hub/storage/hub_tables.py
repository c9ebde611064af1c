"""Tables only the hub has: tenants and plans, operators, and the per-shop change feed.

They sit on their own base so no counter ever creates them; the hub migrates
`shared.tables.Base` and `HubBase` together. Platform rows (plans, operators, tenants) are
global; the change feed and per-terminal sync state are per shop and keyed `shop_id` first, so
they move to another shard with the shop's business rows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Final

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.ids import new_id
from shared.tables.base import NAMING_CONVENTION, TYPE_ANNOTATION_MAP
from shared.tables.types import BigInt, JsonText, utc_now
from shared.tables.vocabulary import ChangeOp, one_of

PLATFORM_ROLES: Final = ("admin", "support")


class HubBase(DeclarativeBase):
    """The hub's own tables (never sent to a counter)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class Plan(HubBase):
    """What a shop pays for: how many terminals, how long an AMC runs, the grace after it."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("terminal_limit >= 1", name="terminal_limit_positive"),
        CheckConstraint("amc_months >= 1", name="amc_months_positive"),
        CheckConstraint("grace_days >= 0", name="grace_days_not_negative"),
        CheckConstraint("price_paise >= 0", name="price_not_negative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    terminal_limit: Mapped[int]
    amc_months: Mapped[int] = mapped_column(default=12)
    grace_days: Mapped[int] = mapped_column(default=15)
    price_paise: Mapped[BigInt]
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class Tenant(HubBase):
    """A shop's standing with the platform: its plan and how long its AMC runs.

    One row per shop (`shop_id` is the shop's id); the signed licence is made from it.
    """

    __tablename__ = "tenant"
    __table_args__ = (
        CheckConstraint(
            "terminal_limit IS NULL OR terminal_limit >= 1", name="terminal_limit_positive"
        ),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan.id"), index=True)
    amc_valid_until: Mapped[date | None]
    terminal_limit: Mapped[int | None]
    """Overrides the plan's limit for this shop when set."""
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class PlatformUser(HubBase):
    """An operator of the platform (not a shop's staff: those are `shared.tables.User`)."""

    __tablename__ = "platform_user"
    __table_args__ = (
        CheckConstraint(
            "role IN (" + ", ".join(f"'{role}'" for role in PLATFORM_ROLES) + ")", name="role"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class ShopFeedCounter(HubBase):
    """The next change-feed sequence of one shop.

    Taken with SELECT ... FOR UPDATE inside the push transaction, so sequences are gapless and
    a pull cursor never skips a change committed late.
    """

    __tablename__ = "shop_feed_counter"
    __table_args__ = (CheckConstraint("next_seq >= 1", name="next_seq_positive"),)

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    next_seq: Mapped[BigInt] = mapped_column(default=1)


class ChangeFeedEntry(HubBase):
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


class TerminalSyncState(HubBase):
    """Where each terminal stands: the highest push sequence applied (a replayed push at or
    below it is a no-op) and the feed position it last pulled to."""

    __tablename__ = "terminal_sync_state"
    __table_args__ = (
        CheckConstraint("high_water_seq >= 0 AND pulled_seq >= 0", name="sequences_not_negative"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    high_water_seq: Mapped[BigInt] = mapped_column(default=0)
    pulled_seq: Mapped[BigInt] = mapped_column(default=0)
    last_push_at: Mapped[datetime | None]
    last_pull_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


__all__ = [
    "PLATFORM_ROLES",
    "ChangeFeedEntry",
    "HubBase",
    "Plan",
    "PlatformUser",
    "ShopFeedCounter",
    "Tenant",
    "TerminalSyncState",
]
