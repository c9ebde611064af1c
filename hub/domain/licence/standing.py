"""A shop's subscription standing from its tenant and plan rows, on a given day (pure).

The licence the hub signs and the state the operator and the owner see are built here from the
same rows and read through `shared.licence.evaluate`, the function the counter runs, so the
web pages and the counter never disagree about a shop (issue 6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from hub.storage.hub_tables import Plan, Tenant
from shared.licence import Licence, LicenceKind, LicenceState, Standing, Verdict, evaluate

SHOP_TIME_ZONE: Final = ZoneInfo("Asia/Kolkata")
"""Licence dates are the shop's dates (DESIGN.md section 2)."""


class SubscriptionStatus(StrEnum):
    """What the operator sees of a shop: one word per shop, for lists and counts."""

    TRIAL = "trial"
    ACTIVE = "active"  # AMC paid until a day not yet past
    GRACE = "grace"  # trial or AMC ended; counters still bill for the grace days
    LAPSED = "lapsed"  # past the grace: counters refuse to issue invoices
    LIFETIME = "lifetime"
    SUSPENDED = "suspended"


@dataclass(frozen=True, slots=True)
class ShopStanding:
    """A shop's licence on `today` and what it means (the licence is ready to sign)."""

    licence: Licence
    verdict: Verdict
    status: SubscriptionStatus
    grace_ends_on: date | None


def terminal_limit(tenant: Tenant, plan: Plan) -> int:
    return tenant.terminal_limit or plan.terminal_limit


def user_limit(tenant: Tenant, plan: Plan) -> int | None:
    return tenant.user_limit or plan.user_limit


def yearly_fee_paise(tenant: Tenant, plan: Plan) -> int:
    """The shop's AMC fee a year: its own when set, else the plan's."""
    return plan.price_paise if tenant.amc_fee_paise is None else tenant.amc_fee_paise


def licence_for(
    tenant: Tenant, plan: Plan, *, issued_at: datetime, support_contact: str
) -> Licence:
    """The licence the shop holds by its dates alone (standing GOOD unless suspended).

    Lifetime: no end date (`amc_until` carries the AMC for reminders). AMC: valid until the
    paid-until day, or the trial's end if that is later. Trial: until the trial's end. A shop
    with neither has nothing to bill on: kind trial, no end, standing lapsed.
    """
    standing = Standing.SUSPENDED if tenant.suspended_at is not None else Standing.GOOD
    kind = LicenceKind.TRIAL
    valid_until = tenant.trial_ends_on
    if tenant.lifetime_since is not None:
        kind, valid_until = LicenceKind.LIFETIME, None
    elif tenant.amc_valid_until is not None:
        kind = LicenceKind.AMC
        trial = tenant.trial_ends_on
        valid_until = max(tenant.amc_valid_until, trial) if trial else tenant.amc_valid_until
    elif valid_until is None and standing is Standing.GOOD:
        standing = Standing.LAPSED
    return Licence(
        shop_id=tenant.shop_id,
        plan_code=plan.code,
        plan_name=plan.name,
        kind=kind,
        valid_until=valid_until,
        grace_days=plan.grace_days,
        terminal_limit=terminal_limit(tenant, plan),
        user_limit=user_limit(tenant, plan),
        amc_until=tenant.amc_valid_until,
        standing=standing,
        issued_at=issued_at,
        support_contact=support_contact,
    )


def standing_on(
    tenant: Tenant, plan: Plan, today: date, *, issued_at: datetime, support_contact: str
) -> ShopStanding:
    """The shop's licence on `today`, marked LAPSED when the hub's own evaluation says so.

    The lapse is written into the token (not only left to the counter's date arithmetic) so a
    counter whose clock is behind still stops, and a renewal (a new token) starts it again.
    """
    licence = licence_for(tenant, plan, issued_at=issued_at, support_contact=support_contact)
    verdict = evaluate(licence, today)
    if verdict.state is LicenceState.LAPSED and licence.standing is Standing.GOOD:
        licence = _with_standing(licence, Standing.LAPSED)
        verdict = evaluate(licence, today)
    grace_ends = (
        licence.valid_until + timedelta(days=licence.grace_days)
        if licence.valid_until is not None
        else None
    )
    return ShopStanding(licence, verdict, _status(licence, verdict), grace_ends)


def _with_standing(licence: Licence, standing: Standing) -> Licence:
    return Licence(
        shop_id=licence.shop_id,
        plan_code=licence.plan_code,
        plan_name=licence.plan_name,
        kind=licence.kind,
        valid_until=licence.valid_until,
        grace_days=licence.grace_days,
        terminal_limit=licence.terminal_limit,
        user_limit=licence.user_limit,
        amc_until=licence.amc_until,
        standing=standing,
        issued_at=licence.issued_at,
        support_contact=licence.support_contact,
    )


def _status(licence: Licence, verdict: Verdict) -> SubscriptionStatus:
    if verdict.state is LicenceState.SUSPENDED:
        return SubscriptionStatus.SUSPENDED
    if verdict.state is LicenceState.LAPSED:
        return SubscriptionStatus.LAPSED
    if licence.kind is LicenceKind.LIFETIME:
        return SubscriptionStatus.LIFETIME
    if verdict.state is LicenceState.GRACE:
        return SubscriptionStatus.GRACE
    if licence.kind is LicenceKind.TRIAL:
        return SubscriptionStatus.TRIAL
    return SubscriptionStatus.ACTIVE


__all__ = [
    "SHOP_TIME_ZONE",
    "ShopStanding",
    "SubscriptionStatus",
    "licence_for",
    "standing_on",
    "terminal_limit",
    "user_limit",
    "yearly_fee_paise",
]
