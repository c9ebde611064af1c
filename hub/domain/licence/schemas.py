"""Wire type of the licence status."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import msgspec


class LicenceStatus(msgspec.Struct):
    plan_code: str
    plan_name: str
    state: str
    """trial, active, grace, lapsed, lifetime or suspended (as the operator sees it)."""
    trial_ends_on: date | None
    amc_valid_until: date | None
    grace_days: int
    days_left: int | None
    """Until the trial or the AMC ends (negative once past); None when unlicensed."""
    terminal_limit: int
    terminals_in_use: int
    message: str
    may_issue: bool = True
    """Whether the shop's counters may issue invoices today."""
    lifetime_since: date | None = None
    grace_ends_on: date | None = None
    yearly_fee_paise: int = 0
    user_limit: int | None = None
    support_contact: str = ""


class SubscriptionView(msgspec.Struct):
    """A shop's subscription as the operator sees it (one row of the operator's lists)."""

    shop_id: uuid.UUID
    shop_name: str
    login_code: str | None
    phone: str | None
    plan_code: str
    plan_name: str
    plan_kind: str
    status: str
    """trial, active, grace, lapsed, lifetime or suspended (SubscriptionStatus)."""
    licence_state: str
    """What a counter does today (shared.licence.LicenceState: ok/expiring/grace/lapsed/...)."""
    may_issue: bool
    days_left: int | None
    """Days until the licence (or, in grace, the grace) ends; None when it never ends."""
    message: str
    valid_until: date | None
    """The date the signed licence runs to (trial end or AMC paid-until); None for lifetime."""
    trial_started_on: date | None
    trial_ends_on: date | None
    amc_valid_until: date | None
    grace_ends_on: date | None
    lifetime_since: date | None
    suspended_at: datetime | None
    status_reason: str | None
    yearly_fee_paise: int
    terminal_limit: int
    user_limit: int | None
    shop_created_at: datetime


class PaymentRow(msgspec.Struct):
    id: uuid.UUID
    shop_id: uuid.UUID
    kind: str
    """amc or lifetime."""
    amount_paise: int
    """Always positive as recorded; see `signed_amount_paise`."""
    signed_amount_paise: int
    """Negative for a reversing entry: sum these for takings."""
    paid_on: date
    reference: str
    period_from: date | None
    period_to: date | None
    receipt_number: str
    recorded_by: str
    recorded_at: datetime
    note: str | None
    reverses_id: uuid.UUID | None
    reversed_by_id: uuid.UUID | None
    """The reversing entry that cancelled this payment, if any."""


class AmcPaymentCreate(msgspec.Struct, forbid_unknown_fields=True):
    """An AMC payment: the period defaults to the plan's AMC months from the next day due."""

    amount_paise: int
    paid_on: date
    reference: str
    period_from: date | None = None
    period_to: date | None = None
    note: str | None = None


class LifetimePurchaseCreate(msgspec.Struct, forbid_unknown_fields=True):
    amount_paise: int
    paid_on: date
    reference: str
    note: str | None = None


class PaymentReversal(msgspec.Struct, forbid_unknown_fields=True):
    reason: str


class SubscriptionTerms(msgspec.Struct, forbid_unknown_fields=True):
    """A shop's plan and its own overrides; None means "as the plan says"."""

    plan_code: str
    amc_fee_paise: int | None = None
    terminal_limit: int | None = None
    user_limit: int | None = None
