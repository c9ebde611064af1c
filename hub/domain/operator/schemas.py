"""Wire types of the operator's API."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import msgspec


class PlanRow(msgspec.Struct):
    id: uuid.UUID
    code: str
    name: str
    terminal_limit: int
    amc_months: int
    grace_days: int
    price_paise: int
    """The yearly AMC fee."""
    kind: str = "amc"
    """amc, or lifetime (a one-time licence plus the yearly AMC)."""
    user_limit: int | None = None
    trial_days: int = 30
    lifetime_price_paise: int | None = None


class ShopRow(msgspec.Struct):
    id: uuid.UUID
    name: str
    login_code: str | None
    state_code: str
    gstin: str | None
    status: str
    status_reason: str | None
    plan_code: str
    created_at: datetime


class ShopCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    state_code: str
    address: str
    owner_name: str
    legal_name: str | None = None
    gstin: str | None = None
    pan: str | None = None
    phone: str | None = None
    email: str | None = None
    login_code: str | None = None
    """Defaults to one made from the name."""
    owner_username: str = "owner"
    plan_code: str = "standard"
    trial_days: int | None = None
    """None: the plan's trial length."""


class ShopCreated(msgspec.Struct):
    shop: ShopRow
    owner_username: str
    owner_password: str
    """Shown once: the owner changes it after signing in."""


class StatusChange(msgspec.Struct, forbid_unknown_fields=True):
    reason: str


class ShopUsage(msgspec.Struct):
    shop_id: uuid.UUID
    terminals_active: int
    terminals_total: int
    staff_active: int
    invoices_total: int
    invoices_this_month: int
    last_sync_at: datetime | None
    trial_ends_on: date | None
    amc_valid_until: date | None
