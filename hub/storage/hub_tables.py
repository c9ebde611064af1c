"""Tables only the hub has: tenants and plans, operators, enrolment codes, device secrets.

They sit on their own base so no counter ever creates them; the hub migrates
`shared.tables.Base`, `HubBase` and the sync protocol's `SyncBase` together. Platform rows
(plans, operators, tenants) are global; the rest are per shop and keyed `shop_id` first, so
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
from shared.tables.types import BigInt, utc_now

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
    login_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    """What the shop's staff type on the login page to name their shop (lower case)."""
    trial_ends_on: Mapped[date | None]
    status_reason: Mapped[str | None] = mapped_column(String(200))
    """Why the operator last activated or deactivated the shop (shown to the operator)."""
    status_changed_at: Mapped[datetime | None]
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


class EnrolmentCode(HubBase):
    """A one-time code an owner hands to a new counter PC; only its SHA-256 is stored.

    The code is long and random, so a plain digest (not a slow password hash) is enough and lets
    the enrol exchange find the row by the digest. It works once, until `expires_at`.
    """

    __tablename__ = "enrolment_code"
    __table_args__ = (
        Index(None, "shop_id", "created_at"),
        CheckConstraint("length(code_hash) = 64", name="code_hash_length"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    terminal_name: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime]
    created_by_user_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    used_at: Mapped[datetime | None]
    used_by_terminal_id: Mapped[uuid.UUID | None]
    cancelled_at: Mapped[datetime | None]


class TerminalCredential(HubBase):
    """A terminal's device secret (SHA-256 of a 256-bit random secret) and its last contact.

    Revoking a terminal sets `revoked_at` here and on the terminal row; a revoked secret is
    refused even if it was copied before.
    """

    __tablename__ = "terminal_credential"
    __table_args__ = (CheckConstraint("length(secret_hash) = 64", name="secret_hash_length"),)

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolment_code_id: Mapped[uuid.UUID | None]
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    app_version: Mapped[str | None] = mapped_column(String(32))


class ShopBranding(HubBase):
    """The shop's logo: the key of the file in storage (public prefix) and its media type."""

    __tablename__ = "shop_branding"

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    logo_key: Mapped[str | None] = mapped_column(String(255))
    logo_content_type: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


__all__ = [
    "PLATFORM_ROLES",
    "EnrolmentCode",
    "HubBase",
    "Plan",
    "PlatformUser",
    "ShopBranding",
    "Tenant",
    "TerminalCredential",
]
