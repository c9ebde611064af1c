"""Trial -> AMC -> expiry -> grace -> lapsed -> renewed, as the hub and its signed licence see it.

Days are fixed in the test (the service takes `today`, the issuer a movable clock); each step
checks the operator's state, the counter's verdict and the token a counter would receive.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, timedelta

from hub.domain.licence.schemas import AmcPaymentCreate, LifetimePurchaseCreate
from hub.domain.licence.subscriptions import SubscriptionService
from shared.licence import (
    Licence,
    LicenceKind,
    LicenceState,
    Standing,
    evaluate,
    load_trusted_keys,
    verify_licence,
)
from tests.hub.licensing_support import LicensingHub

D0 = date(2026, 4, 1)
FEE = 1_000_000


def licence_on(platform: LicensingHub, shop_id: uuid.UUID, day: date) -> Licence:
    platform.clock.day = day
    return verify_licence(
        platform.token(shop_id), load_trusted_keys(os.environ["BOOLAGOLD_LICENCE_TRUST"])
    )


def status_on(platform: LicensingHub, shop_id: uuid.UUID, day: date) -> tuple[str, int | None]:
    view = platform.service(lambda s: s.state(shop_id, today=day))
    return view.status, view.days_left


def pay(
    platform: LicensingHub, shop_id: uuid.UUID, day: date, start: date | None = None
) -> tuple[date | None, date | None]:
    async def call(service: SubscriptionService) -> tuple[date | None, date | None]:
        row = await service.record_amc_payment(
            shop_id,
            AmcPaymentCreate(
                amount_paise=FEE, paid_on=day, reference="UTR 1234", period_from=start
            ),
            today=day,
        )
        return row.period_from, row.period_to

    return platform.service(call)


def test_trial_amc_expiry_grace_lapsed_renewed(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Trial Jewellers", "trial-jewellers", D0)

    # Trial: 30 days from the day the shop was made (the plan's trial length).
    assert status_on(platform, shop, D0) == ("trial", 30)
    licence = licence_on(platform, shop, D0)
    assert (licence.kind, licence.valid_until, licence.standing) == (
        LicenceKind.TRIAL,
        D0 + timedelta(days=30),
        Standing.GOOD,
    )
    assert licence.shop_id == shop
    assert licence.terminal_limit == 3
    assert licence.grace_days == 15
    assert licence.support_contact == "BoolaGold support +91 80 4718 2000"
    assert evaluate(licence, D0).state is LicenceState.EXPIRING  # 30 days: the counter warns

    # The trial ends: grace for 15 days, then lapsed (the token itself says so).
    trial_end = D0 + timedelta(days=30)
    assert status_on(platform, shop, trial_end + timedelta(days=1)) == ("grace", 14)
    assert status_on(platform, shop, trial_end + timedelta(days=15)) == ("grace", 0)
    lapsed_day = trial_end + timedelta(days=16)
    assert status_on(platform, shop, lapsed_day) == ("lapsed", None)
    # The cache holds a token for up to a minute; the day changed under it, so drop it as a
    # pull a minute later would find it gone.
    platform.run(lambda r: r.licences.forget(shop))
    licence = licence_on(platform, shop, lapsed_day)
    assert licence.standing is Standing.LAPSED
    # A counter whose clock is behind still stops: the standing travels in the token.
    assert evaluate(licence, D0).state is LicenceState.LAPSED

    # The shop pays: a never-paid shop past its trial starts its AMC today by default.
    start, end = pay(platform, shop, lapsed_day)
    assert start == lapsed_day
    assert end == date(2027, 5, 16)  # a year less a day
    assert status_on(platform, shop, lapsed_day) == ("active", 364)  # through 16-05-2027
    licence = licence_on(platform, shop, lapsed_day)  # the payment dropped the cached token
    assert (licence.kind, licence.valid_until, licence.standing) == (
        LicenceKind.AMC,
        end,
        Standing.GOOD,
    )
    assert evaluate(licence, lapsed_day).may_issue

    # A month before the end the counter counts down; after it, grace; then lapsed again.
    assert end is not None
    licence = licence_on(platform, shop, end - timedelta(days=30))
    assert evaluate(licence, end - timedelta(days=30)).state is LicenceState.EXPIRING
    assert status_on(platform, shop, end + timedelta(days=1)) == ("grace", 14)
    assert status_on(platform, shop, end + timedelta(days=16)) == ("lapsed", None)

    # Renewed late: the new year follows on from the old paid-until day (no gap, no overlap).
    renewal_day = end + timedelta(days=20)
    start, new_end = pay(platform, shop, renewal_day)
    assert start == end + timedelta(days=1)
    assert new_end == date(2028, 5, 16)
    assert status_on(platform, shop, renewal_day)[0] == "active"
    licence = licence_on(platform, shop, renewal_day)
    assert licence.valid_until == new_end
    assert licence.standing is Standing.GOOD
    assert evaluate(licence, renewal_day).state is LicenceState.OK


def test_paying_during_the_trial_starts_the_amc_after_it(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Early Payer", "early-payer", D0)
    start, end = pay(platform, shop, D0 + timedelta(days=10))
    assert start == D0 + timedelta(days=31)  # the trial's 30 days are not lost
    assert end == date(2027, 5, 1)
    view = platform.service(lambda s: s.state(shop, today=D0 + timedelta(days=10)))
    assert (view.status, view.valid_until, view.amc_valid_until) == ("active", end, end)


def test_lifetime_licence_has_no_end_and_keeps_the_amc_for_reminders(
    licensing_hub: LicensingHub,
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Forever Gold", "forever-gold", D0)
    _, amc_end = pay(platform, shop, D0 + timedelta(days=5), start=D0 + timedelta(days=5))
    platform.service(
        lambda s: s.record_lifetime_purchase(
            shop,
            LifetimePurchaseCreate(
                amount_paise=7_500_000, paid_on=D0 + timedelta(days=5), reference="RTGS 77"
            ),
            today=D0 + timedelta(days=5),
        )
    )
    years_later = D0 + timedelta(days=800)  # AMC long over: the licence still bills
    view = platform.service(lambda s: s.state(shop, today=years_later))
    assert (view.status, view.lifetime_since, view.valid_until) == (
        "lifetime",
        D0 + timedelta(days=5),
        None,
    )
    licence = licence_on(platform, shop, years_later)
    assert licence.kind is LicenceKind.LIFETIME
    assert licence.valid_until is None
    assert licence.amc_until == amc_end
    assert evaluate(licence, years_later).may_issue


def test_suspension_stops_the_licence_and_reactivation_restores_it(
    licensing_hub: LicensingHub,
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Paused Jewels", "paused-jewels", D0)
    pay(platform, shop, D0)
    day = D0 + timedelta(days=40)
    assert licence_on(platform, shop, day).standing is Standing.GOOD  # now cached
    view = platform.service(lambda s: s.suspend(shop, "  cheque   bounced ", today=day))
    assert (view.status, view.status_reason, view.may_issue) == (
        "suspended",
        "cheque bounced",
        False,
    )
    licence = licence_on(platform, shop, day)  # the suspension dropped the cached token
    assert licence.standing is Standing.SUSPENDED
    assert evaluate(licence, day).state is LicenceState.SUSPENDED
    view = platform.service(lambda s: s.reactivate(shop, "paid by NEFT", today=day))
    assert view.status == "active"
    assert licence_on(platform, shop, day).standing is Standing.GOOD

    async def audit_actions(resources: object) -> list[str]:
        from sqlalchemy import select  # noqa: PLC0415

        from hub.core.resources import HubResources  # noqa: PLC0415
        from shared.tables import AuditEvent  # noqa: PLC0415

        assert isinstance(resources, HubResources)
        async with resources.sessions.platform() as session:
            rows = await session.scalars(
                select(AuditEvent.action).where(AuditEvent.shop_id == shop).order_by(AuditEvent.seq)
            )
            return list(rows)

    actions = platform.run(audit_actions)
    assert actions[-2:] == ["licence.suspend", "licence.reactivate"]
    assert "licence.amc_payment" in actions
