"""The demo's subscriptions: the demo shop on a paid AMC, and shops in every other state.

So the operator's pages show real figures from the first start: a trial ending this week, an
AMC due in 20 days, one in its grace period, one lapsed, a lifetime licence with a renewal this
month, a suspended shop and a custom fee. Every payment goes through the same service the
operator's form uses, each recorded on its own day (time passed in), so receipts are numbered
and dated as they would have been.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from hub.core.resources import HubResources
from hub.domain.context import PlatformContext
from hub.domain.licence.schemas import (
    AmcPaymentCreate,
    LifetimePurchaseCreate,
    SubscriptionTerms,
)
from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.licence.validation import add_months
from hub.domain.operator.schemas import ShopCreate
from hub.domain.operator.service import OperatorService
from hub.storage.hub_tables import STANDARD_AMC_FEE_PAISE

LIFETIME_PRICE_PAISE: Final = 7_500_000
"""Rs 75,000 for the demo's lifetime licence."""
TRIAL_DAYS: Final = 30


@dataclass(frozen=True, slots=True)
class DemoShop:
    name: str
    code: str
    city: str
    phone: str


async def _create(resources: HubResources, shop: DemoShop, on: date) -> uuid.UUID:
    async with resources.sessions.platform() as session:
        created = await OperatorService(
            PlatformContext(session=session, principal=None, resources=resources)
        ).create_shop(
            ShopCreate(
                name=shop.name,
                state_code="27",
                address=f"Main Road, {shop.city}",
                owner_name=f"Owner of {shop.name}",
                phone=shop.phone,
                login_code=shop.code,
                trial_days=TRIAL_DAYS,
            ),
            on=on,
        )
    return created.shop.id


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment of the demo's history, recorded on its own day."""

    shop_id: uuid.UUID
    paid_on: date
    kind: str
    amount: int
    period_from: date | None = None
    note: str | None = None


async def _record(resources: HubResources, payment: Payment) -> None:
    async with resources.sessions.platform() as session:
        service = SubscriptionService(
            PlatformContext(session=session, principal=None, resources=resources)
        )
        reference = f"NEFT {payment.paid_on:%Y%m%d}-{str(payment.shop_id)[-4:]}"
        if payment.kind == "lifetime":
            await service.record_lifetime_purchase(
                payment.shop_id,
                LifetimePurchaseCreate(
                    amount_paise=payment.amount,
                    paid_on=payment.paid_on,
                    reference=reference,
                    note=payment.note,
                ),
                today=payment.paid_on,
            )
            return
        await service.record_amc_payment(
            payment.shop_id,
            AmcPaymentCreate(
                amount_paise=payment.amount,
                paid_on=payment.paid_on,
                reference=reference,
                period_from=payment.period_from,
                note=payment.note,
            ),
            today=payment.paid_on,
        )


async def _amc_shop(
    resources: HubResources, shop: DemoShop, paid_until: date, years: int, fee: int | None = None
) -> tuple[uuid.UUID, list[Payment]]:
    """A shop that converted from its trial and paid `years` AMC years up to `paid_until`:
    the shop, and its payments (each renewal paid a few days before the year ran out)."""
    first = add_months(paid_until + timedelta(days=1), -12 * years)
    shop_id = await _create(resources, shop, first - timedelta(days=TRIAL_DAYS))
    if fee is not None:
        async with resources.sessions.platform() as session:
            await SubscriptionService(
                PlatformContext(session=session, principal=None, resources=resources)
            ).set_terms(shop_id, SubscriptionTerms(plan_code="standard", amc_fee_paise=fee))
    amount = STANDARD_AMC_FEE_PAISE if fee is None else fee
    payments = []
    for year in range(years):
        start = add_months(first, 12 * year)
        paid_on = start - timedelta(days=2 if year == 0 else 6)
        payments.append(Payment(shop_id, paid_on, "amc", amount, period_from=start))
    return shop_id, payments


async def _demo_shop_history(
    resources: HubResources, shop_id: uuid.UUID, day: date
) -> list[Payment]:
    """The demo shop converted two months ago: its AMC runs about ten months more."""
    start = day - timedelta(days=61)
    async with resources.sessions.platform() as session:
        service = SubscriptionService(
            PlatformContext(session=session, principal=None, resources=resources)
        )
        await service.start_trial(shop_id, today=start - timedelta(days=TRIAL_DAYS))
    return [Payment(shop_id, start - timedelta(days=1), "amc", STANDARD_AMC_FEE_PAISE, start)]


async def seed_subscriptions(resources: HubResources, demo_shop_id: uuid.UUID, day: date) -> None:
    """The demo shop on a paid AMC and shops in every other state, relative to `day` (the
    demo's today); all payments are recorded in date order, so receipt numbers run with the
    dates as they would have."""
    history = await _demo_shop_history(resources, demo_shop_id, day)
    await _create(
        resources,
        DemoShop("Ganesh Gold House (demo)", "ganesh-gold", "Pune", "+91 20 2553 1100"),
        day - timedelta(days=TRIAL_DAYS - 4),
    )
    for shop, paid_until, years, fee in (
        (
            DemoShop("Sri Balaji Jewellers (demo)", "sri-balaji", "Nagpur", "+91 712 255 0101"),
            day + timedelta(days=20),
            2,
            None,
        ),
        (
            DemoShop("Kalyan Ornaments (demo)", "kalyan-orn", "Nashik", "+91 253 231 4040"),
            day - timedelta(days=6),
            1,
            800_000,
        ),
        (
            DemoShop("Ratna Mahal (demo)", "ratna-mahal", "Kolhapur", "+91 231 265 7070"),
            day - timedelta(days=45),
            1,
            None,
        ),
    ):
        history.extend((await _amc_shop(resources, shop, paid_until, years, fee))[1])
    heritage, paid = await _amc_shop(
        resources,
        DemoShop("Heritage Diamonds (demo)", "heritage", "Mumbai", "+91 22 2204 8080"),
        day + timedelta(days=2),
        years=1,
    )
    history.extend(paid)
    history.append(
        Payment(
            heritage,
            paid[0].paid_on,
            "lifetime",
            LIFETIME_PRICE_PAISE,
            note="lifetime licence with the first AMC year",
        )
    )
    history.append(Payment(heritage, day - timedelta(days=3), "amc", STANDARD_AMC_FEE_PAISE))
    moti, paid = await _amc_shop(
        resources,
        DemoShop("Moti Jewels (demo)", "moti-jewels", "Thane", "+91 22 2533 9090"),
        add_months(day, 7),
        years=1,
    )
    history.extend(paid)
    for payment in sorted(history, key=lambda payment: payment.paid_on):
        await _record(resources, payment)
    async with resources.sessions.platform() as session:
        await SubscriptionService(
            PlatformContext(session=session, principal=None, resources=resources)
        ).suspend(moti, "cheque for the AMC bounced; owner asked to pay by NEFT", today=day)


__all__ = ["seed_subscriptions"]
