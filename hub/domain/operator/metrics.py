"""The operator's business figures: shops by licence state, what falls due, and the money.

Every figure is computed here in Python from plain per-shop facts (one row per shop, one row per
payment), never by a cross-shop SQL join or GROUP BY: DESIGN.md section 6 shards shops by
`shop_id`, so the operator's cross-shop figures must be an application-side aggregation of rows
each shard can answer alone. The figure functions are pure (facts and `today` in, numbers out) so
each definition can be checked by hand in a unit test; `load_facts` is the only reader.

The definitions, as the page states them (`HINTS`), are in each function's docstring.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.domain.licence.standing import standing_on, yearly_fee_paise
from hub.storage.hub_tables import Plan, SubscriptionPayment, Tenant
from shared.money import round_half_up
from shared.tables import Shop

TRIAL: Final = "trial"
ACTIVE: Final = "active"
GRACE: Final = "grace"
LAPSED: Final = "lapsed"
LIFETIME: Final = "lifetime"
SUSPENDED: Final = "suspended"
STATES: Final = (TRIAL, ACTIVE, GRACE, LAPSED, LIFETIME, SUSPENDED)
"""Every state a shop's subscription can be in, in the order the overview lists them."""
LIVE_STATES: Final = frozenset({TRIAL, ACTIVE, GRACE, LIFETIME})

TRIAL_WINDOW_DAYS: Final = 7
AMC_DUE_WINDOW_DAYS: Final = 30
CHART_MONTHS: Final = 12
MONTHS_PER_YEAR: Final = 12

HINTS: Final = {
    "active": "Shops whose licence today is trial, active AMC, grace or lifetime, not suspended.",
    "conversion": "Of shops whose trial has ended (or that paid during it), "
    "the share with at least one payment.",
    "renewal": "Of AMC periods that ended in the last 12 months, "
    "the share followed by a payment that extends them.",
    "mrr": "Yearly AMC fee ÷ 12, summed over shops whose AMC is valid today "
    "(not grace, not suspended; lifetime shops too); rounded down to the paisa.",
    "arr": "12 × MRR (MRR is rounded down, so ARR can be a few paise under the fees).",
    "chart": "Subscription payments received per month (by date paid), last 12 months.",
    "trials": f"Shops on trial whose trial ends in the next {TRIAL_WINDOW_DAYS} days.",
    "due": f"AMCs whose paid-until date falls in the next {AMC_DUE_WINDOW_DAYS} days.",
    "overdue": "AMCs whose paid-until date has passed (in grace, lapsed or suspended).",
    "payments": "Payments dated this month; a renewal extends an AMC the shop had paid before.",
}


@dataclass(frozen=True, slots=True)
class ShopFacts:
    """One shop as the figures need it; `state` is the licensing service's reading today."""

    shop_id: uuid.UUID
    name: str
    login_code: str | None
    phone: str | None
    state: str
    trial_ends_on: date | None
    """The trial's last day (inclusive)."""
    amc_valid_until: date | None
    """The AMC's last paid day (inclusive); also carried by lifetime shops."""
    yearly_fee_paise: int
    """The shop's AMC fee per year (its own override, or the plan's)."""
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class PaymentFacts:
    """One subscription payment (reversed payments are left out by `load_facts`)."""

    payment_id: uuid.UUID
    shop_id: uuid.UUID
    kind: str
    """"amc" or "lifetime"."""
    amount_paise: int
    paid_on: date
    period_from: date | None
    period_to: date | None
    """The last day of the AMC this payment covers (inclusive); None if it covers none."""
    receipt_number: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Ratio:
    """A share as counted (so the page can say "3 of 4") and as a percentage."""

    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        """One decimal, rounded half up; None when there is nothing to divide by."""
        if self.whole == 0:
            return None
        return round_half_up(Decimal(100 * self.part) / self.whole, Decimal("0.1"))

    @property
    def text(self) -> str:
        percent = self.percent
        return "—" if percent is None else f"{percent}%"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the due list: what falls due for which shop, and in how many days."""

    shop: ShopFacts
    what: str
    """"trial ends", "AMC due" or "AMC overdue"."""
    due_on: date
    days: int
    """Days from today to `due_on`: negative once it has passed."""


@dataclass(frozen=True, slots=True)
class MonthTotal:
    month: date
    """The first day of the month."""
    amount_paise: int
    payments: int


@dataclass(frozen=True, slots=True)
class PaymentLine:
    """A payment of this month, with whether it renewed an AMC the shop had paid before."""

    payment: PaymentFacts
    shop: ShopFacts | None
    renewal: bool


# --- states -------------------------------------------------------------------------------------


def shops_by_state(shops: Iterable[ShopFacts]) -> dict[str, list[ShopFacts]]:
    """Every state (even an empty one, so the page always shows all six), shops by name."""
    groups: dict[str, list[ShopFacts]] = {state: [] for state in STATES}
    for shop in shops:
        groups.setdefault(shop.state, []).append(shop)
    for members in groups.values():
        members.sort(key=lambda shop: (shop.name.lower(), str(shop.shop_id)))
    return groups


def active_shops(shops: Iterable[ShopFacts]) -> int:
    """Shops whose licence state today is trial, active (AMC valid), grace or lifetime, and
    which are not suspended: the shops whose counters may issue invoices today."""
    return sum(1 for shop in shops if shop.state in LIVE_STATES and not shop.suspended)


# --- money --------------------------------------------------------------------------------------


def _paying(payments: Iterable[PaymentFacts]) -> set[uuid.UUID]:
    return {payment.shop_id for payment in payments if payment.amount_paise > 0}


def trial_conversion(
    shops: Iterable[ShopFacts], payments: Iterable[PaymentFacts], today: date
) -> Ratio:
    """Trial-to-paid conversion: of the shops whose trial has ended (its last day is before
    `today`) or which have paid (during the trial or without one), the share with at least one
    payment. A shop still inside its trial and unpaid is not counted either way: it has not
    decided yet."""
    paid = _paying(payments)
    whole = part = 0
    for shop in shops:
        has_paid = shop.shop_id in paid
        trial_over = shop.trial_ends_on is not None and shop.trial_ends_on < today
        if has_paid or trial_over:
            whole += 1
            part += has_paid
    return Ratio(part, whole)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the 31st becomes the month's last day)."""
    index = day.year * MONTHS_PER_YEAR + day.month - 1 - months
    year, month = divmod(index, MONTHS_PER_YEAR)
    month += 1
    following = date(year + (month == MONTHS_PER_YEAR), month % MONTHS_PER_YEAR + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def amc_renewal_rate(payments: Sequence[PaymentFacts], today: date) -> Ratio:
    """AMC renewal rate: of the AMC periods that ended in the last 12 months (the period's last
    day is before `today` and not before the same day a year ago), the share followed by a
    payment of the same shop whose period ends later (renewed, with or without a gap)."""
    since = months_before(today, MONTHS_PER_YEAR)
    latest_end: dict[uuid.UUID, date] = {}
    for payment in payments:
        if payment.period_to is not None and payment.amount_paise > 0:
            current = latest_end.get(payment.shop_id)
            if current is None or payment.period_to > current:
                latest_end[payment.shop_id] = payment.period_to
    whole = part = 0
    for payment in payments:
        end = payment.period_to
        if payment.kind != "amc" or end is None or payment.amount_paise <= 0:
            continue
        if since <= end < today:
            whole += 1
            part += latest_end[payment.shop_id] > end
    return Ratio(part, whole)


def monthly_recurring_revenue(shops: Iterable[ShopFacts], today: date) -> int:
    """MRR in paise: the yearly AMC fees of the shops whose AMC is valid today (paid until today
    or later; a shop in grace is not valid; lifetime shops count while their AMC is current;
    suspended shops do not), summed, then divided by 12 and rounded down to the paisa (floor of
    the total, so no paisa is counted that was not earned)."""
    total = sum(
        shop.yearly_fee_paise
        for shop in shops
        if not shop.suspended and shop.amc_valid_until is not None and shop.amc_valid_until >= today
    )
    return total // MONTHS_PER_YEAR


def annual_recurring_revenue(mrr_paise: int) -> int:
    """ARR in paise: 12 × MRR (so the two figures on the page always agree)."""
    return MONTHS_PER_YEAR * mrr_paise


def payments_by_month(
    payments: Iterable[PaymentFacts], today: date, months: int = CHART_MONTHS
) -> list[MonthTotal]:
    """Payments received per calendar month by the date paid, the last `months` months ending
    with this one (oldest first; a month with none is a zero, so the chart has no holes)."""
    first = months_before(today.replace(day=1), months - 1)
    starts = [months_before(today.replace(day=1), back) for back in range(months - 1, -1, -1)]
    totals = {start: [0, 0] for start in starts}
    for payment in payments:
        if payment.paid_on < first or payment.paid_on > today:
            continue
        bucket = totals[payment.paid_on.replace(day=1)]
        bucket[0] += payment.amount_paise
        bucket[1] += 1
    return [MonthTotal(start, totals[start][0], totals[start][1]) for start in starts]


def payments_this_month(
    shops: Iterable[ShopFacts], payments: Sequence[PaymentFacts], today: date
) -> list[PaymentLine]:
    """This month's payments (dated the 1st up to `today`), newest first; a payment is a renewal
    when it covers an AMC period and the same shop paid for an AMC period ending earlier."""
    by_id = {shop.shop_id: shop for shop in shops}
    first_end: dict[uuid.UUID, date] = {}
    for payment in payments:
        if payment.period_to is not None:
            known = first_end.get(payment.shop_id)
            first_end[payment.shop_id] = min(known or payment.period_to, payment.period_to)
    start = today.replace(day=1)
    lines = []
    for payment in payments:
        if not start <= payment.paid_on <= today:
            continue
        earliest = first_end.get(payment.shop_id)
        renewal = (
            payment.period_to is not None and earliest is not None and earliest < payment.period_to
        )
        lines.append(PaymentLine(payment, by_id.get(payment.shop_id), renewal))
    lines.sort(key=lambda line: (line.payment.paid_on, line.payment.receipt_number), reverse=True)
    return lines


# --- what falls due ---------------------------------------------------------------------------


def trials_ending(
    shops: Iterable[ShopFacts], today: date, days: int = TRIAL_WINDOW_DAYS
) -> list[DueItem]:
    """Shops still on trial whose trial's last day is from today to `days` days ahead."""
    items = [
        DueItem(shop, "trial ends", shop.trial_ends_on, (shop.trial_ends_on - today).days)
        for shop in shops
        if shop.state == TRIAL
        and shop.trial_ends_on is not None
        and today <= shop.trial_ends_on <= today + timedelta(days=days)
    ]
    return sorted(items, key=_due_order)


def amcs_due(
    shops: Iterable[ShopFacts], today: date, days: int = AMC_DUE_WINDOW_DAYS
) -> list[DueItem]:
    """Shops whose AMC is paid until a day from today to `days` days ahead (lifetime shops
    included: their AMC still renews)."""
    items = [
        DueItem(shop, "AMC due", shop.amc_valid_until, (shop.amc_valid_until - today).days)
        for shop in shops
        if shop.amc_valid_until is not None
        and today <= shop.amc_valid_until <= today + timedelta(days=days)
    ]
    return sorted(items, key=_due_order)


def amcs_overdue(shops: Iterable[ShopFacts], today: date) -> list[DueItem]:
    """Shops whose AMC's last paid day is before today (in grace, lapsed, or suspended)."""
    items = [
        DueItem(shop, "AMC overdue", shop.amc_valid_until, (shop.amc_valid_until - today).days)
        for shop in shops
        if shop.amc_valid_until is not None and shop.amc_valid_until < today
    ]
    return sorted(items, key=_due_order)


def due_list(shops: Sequence[ShopFacts], today: date) -> list[DueItem]:
    """The operator's call list (the CSV export): overdue AMCs first (longest overdue first),
    then trials ending and AMCs falling due, soonest first."""
    return sorted(
        [*amcs_overdue(shops, today), *trials_ending(shops, today), *amcs_due(shops, today)],
        key=_due_order,
    )


def _due_order(item: DueItem) -> tuple[date, str, str]:
    return (item.due_on, item.shop.name.lower(), str(item.shop.shop_id))


# --- the one reader ---------------------------------------------------------------------------


async def load_facts(
    session: AsyncSession, today: date
) -> tuple[list[ShopFacts], list[PaymentFacts]]:
    """Every shop's facts (state by the licensing rules, `hub.domain.licence.standing`, the same
    reading the counter's licence gets) and every payment that still stands.

    Two plain reads: tenants with their plan and shop row (a join within one shop's rows plus the
    global plan table), and the payments table. A payment that was reversed and its reversing
    entry are both left out, so a corrected mistake counts as if it never happened.
    """
    now = datetime.now(UTC)
    rows = await session.execute(
        select(Tenant, Plan, Shop.name, Shop.phone)
        .join(Plan, Plan.id == Tenant.plan_id)
        .join(Shop, Shop.id == Tenant.shop_id)
    )
    shops = []
    for tenant, plan, name, phone in rows:
        standing = standing_on(tenant, plan, today, issued_at=now, support_contact="")
        shops.append(
            ShopFacts(
                shop_id=tenant.shop_id,
                name=name,
                login_code=tenant.login_code,
                phone=phone,
                state=standing.status.value,
                trial_ends_on=tenant.trial_ends_on,
                amc_valid_until=tenant.amc_valid_until,
                yearly_fee_paise=yearly_fee_paise(tenant, plan),
                suspended=tenant.suspended_at is not None,
            )
        )
    recorded = list(await session.scalars(select(SubscriptionPayment)))
    reversed_ids = {row.reverses_id for row in recorded if row.reverses_id is not None}
    payments = [
        PaymentFacts(
            payment_id=row.id,
            shop_id=row.shop_id,
            kind=row.kind,
            amount_paise=row.amount_paise,
            paid_on=row.paid_on,
            period_from=row.period_from,
            period_to=row.period_to,
            receipt_number=row.receipt_number,
            reference=row.reference,
        )
        for row in recorded
        if row.reverses_id is None and row.id not in reversed_ids
    ]
    return shops, payments
