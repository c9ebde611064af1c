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
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.ids import new_id
from shared.tables.base import NAMING_CONVENTION, TYPE_ANNOTATION_MAP
from shared.tables.types import BigInt, utc_now

PLATFORM_ROLES: Final = ("admin", "support")
PLAN_KINDS: Final = ("amc", "lifetime")
PAYMENT_KINDS: Final = ("amc", "lifetime")
STANDARD_AMC_FEE_PAISE: Final = 1_000_000
"""Rs 10,000 a year: the standard plan's AMC fee (issue 6)."""


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


class HubBase(DeclarativeBase):
    """The hub's own tables (never sent to a counter)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class Plan(HubBase):
    """What a shop pays for: how many terminals and users, the trial, the AMC and its grace.

    `kind` 'amc': a trial, then a yearly AMC (`price_paise` a year). 'lifetime': a one-time
    licence (`lifetime_price_paise`) plus the same yearly AMC for support and updates.
    """

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("terminal_limit >= 1", name="terminal_limit_positive"),
        CheckConstraint("amc_months >= 1", name="amc_months_positive"),
        CheckConstraint("grace_days >= 0", name="grace_days_not_negative"),
        CheckConstraint("price_paise >= 0", name="price_not_negative"),
        CheckConstraint(_one_of("kind", PLAN_KINDS), name="kind"),
        CheckConstraint("user_limit IS NULL OR user_limit >= 1", name="user_limit_positive"),
        CheckConstraint(
            "lifetime_price_paise IS NULL OR lifetime_price_paise >= 0",
            name="lifetime_price_not_negative",
        ),
        CheckConstraint("trial_days >= 0", name="trial_days_not_negative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), default="amc")
    terminal_limit: Mapped[int]
    user_limit: Mapped[int | None]
    """How many active staff logins a shop may have; None = no limit."""
    amc_months: Mapped[int] = mapped_column(default=12)
    grace_days: Mapped[int] = mapped_column(default=15)
    trial_days: Mapped[int] = mapped_column(default=30)
    price_paise: Mapped[BigInt]
    """The yearly AMC fee (a shop's `Tenant.amc_fee_paise` overrides it)."""
    lifetime_price_paise: Mapped[BigInt | None]
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
        CheckConstraint("user_limit IS NULL OR user_limit >= 1", name="user_limit_positive"),
        CheckConstraint("amc_fee_paise IS NULL OR amc_fee_paise >= 0", name="amc_fee_not_negative"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan.id"), index=True)
    amc_valid_until: Mapped[date | None]
    terminal_limit: Mapped[int | None]
    """Overrides the plan's limit for this shop when set."""
    login_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    """What the shop's staff type on the login page to name their shop (lower case)."""
    trial_started_on: Mapped[date | None]
    trial_ends_on: Mapped[date | None]
    lifetime_since: Mapped[date | None]
    """The day a lifetime licence was bought; None for AMC-only shops."""
    amc_fee_paise: Mapped[BigInt | None]
    """Overrides the plan's yearly AMC fee for this shop when set."""
    user_limit: Mapped[int | None]
    """Overrides the plan's user limit for this shop when set."""
    suspended_at: Mapped[datetime | None]
    """Set while the platform has suspended the shop's licence (reason in `status_reason`).

    Separate from `Shop.status`: a suspended licence stops the counters issuing invoices, but
    the owner still signs in on the web, sees and exports the data and renews (issue 6 item 5).
    """
    status_reason: Mapped[str | None] = mapped_column(String(200))
    """Why the operator last changed the shop's standing (shown to the operator)."""
    status_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class SubscriptionPayment(HubBase):
    """A payment the operator recorded for a shop's AMC or lifetime licence, with its receipt.

    Insert-only: a wrong payment is corrected by a reversing entry (`reverses_id` set, the same
    amount, counted negative), never edited or deleted. `previous_amc_until` and
    `previous_lifetime_since` keep what the payment replaced on the tenant so a reversal can
    restore it exactly.
    """

    __tablename__ = "subscription_payment"
    __table_args__ = (
        Index(None, "shop_id", "paid_on"),
        Index(None, "paid_on"),
        CheckConstraint(_one_of("kind", PAYMENT_KINDS), name="kind"),
        CheckConstraint("amount_paise > 0", name="amount_positive"),
        CheckConstraint(
            "kind <> 'amc' OR reverses_id IS NOT NULL OR "
            "(period_from IS NOT NULL AND period_to IS NOT NULL AND period_to >= period_from)",
            name="amc_period",
        ),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    amount_paise: Mapped[BigInt]
    paid_on: Mapped[date]
    reference: Mapped[str] = mapped_column(String(100))
    """The bank/UPI/cheque reference the operator typed (required)."""
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    receipt_number: Mapped[str] = mapped_column(String(32), unique=True)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
    note: Mapped[str | None] = mapped_column(String(500))
    reverses_id: Mapped[uuid.UUID | None]
    """Set on a reversing entry: the payment it cancels (same shop)."""
    previous_amc_until: Mapped[date | None]
    previous_lifetime_since: Mapped[date | None]


class ReceiptCounter(HubBase):
    """The last receipt number used in each Indian financial year, platform-wide (gapless).

    A platform row (global keyspace): receipts are the platform's documents, numbered across
    every shop. The row is locked while a payment is recorded, so numbers never repeat or skip.
    """

    __tablename__ = "receipt_counter"

    financial_year: Mapped[str] = mapped_column(String(7), primary_key=True)
    """Like "2026-27"."""
    last_number: Mapped[int] = mapped_column(default=0)


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


EXPORT_STATES: Final = ("queued", "running", "done", "failed")
EXPORT_FORMATS: Final = ("csv", "xlsx", "json", "zip")
ARCHIVED_KINDS: Final = ("invoice", "credit_note")


class ExportJob(HubBase):
    """A report file being made in the background, and where it went when done (issue 7).

    Workers claim `queued` rows with a conditional UPDATE, so two hub instances never make the
    same file; `progress`/`total` is what the page shows. The file lives in the private
    exports storage under `storage_key` until `expires_at` (seven days), then it is deleted and
    the row says so.
    """

    __tablename__ = "export_job"
    __table_args__ = (
        CheckConstraint(_one_of("state", EXPORT_STATES), name="state"),
        CheckConstraint(_one_of("file_format", EXPORT_FORMATS), name="file_format"),
        CheckConstraint("progress >= 0", name="progress_not_negative"),
        Index(None, "shop_id", "created_at"),
        Index(None, "state", "created_at"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    report: Mapped[str] = mapped_column(String(40))
    """The report's slug in the catalogue (or 'gstr1')."""
    file_format: Mapped[str] = mapped_column(String(8))
    params: Mapped[str] = mapped_column(Text)
    """The filter as JSON, exactly as validated when the job was asked for."""
    state: Mapped[str] = mapped_column(String(12), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    stage: Mapped[str | None] = mapped_column(String(80))
    """What it is doing now, in the owner's words ("Writing rows")."""
    storage_key: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[BigInt | None]
    error: Mapped[str | None] = mapped_column(String(500))
    requested_by: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    """When the file was removed from storage (expired); the row stays as the record."""


class ArchivedDocument(HubBase):
    """An invoice's or credit note's PDF kept in the private invoices storage.

    Made once from the stored (immutable) document, so the archived PDF is what the counter
    printed; `sha256` lets anyone check a downloaded copy.
    """

    __tablename__ = "archived_document"
    __table_args__ = (
        CheckConstraint(_one_of("kind", ARCHIVED_KINDS), name="kind"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    document_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    storage_key: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[BigInt]
    archived_at: Mapped[datetime] = mapped_column(default=utc_now)


class TerminalBranch(HubBase):
    """Which branch (the owner's name for a showroom) a terminal stands in, for report filters.

    Hub-only: the counter does not need to know, and terminals without a row are in the shop's
    main branch.
    """

    __tablename__ = "terminal_branch"
    __table_args__ = (CheckConstraint("length(branch) >= 1", name="branch_not_empty"),)

    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    branch: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


__all__ = [
    "ARCHIVED_KINDS",
    "EXPORT_FORMATS",
    "EXPORT_STATES",
    "PAYMENT_KINDS",
    "PLAN_KINDS",
    "PLATFORM_ROLES",
    "STANDARD_AMC_FEE_PAISE",
    "ArchivedDocument",
    "EnrolmentCode",
    "ExportJob",
    "HubBase",
    "Plan",
    "PlatformUser",
    "ReceiptCounter",
    "ShopBranding",
    "SubscriptionPayment",
    "Tenant",
    "TerminalBranch",
    "TerminalCredential",
]
