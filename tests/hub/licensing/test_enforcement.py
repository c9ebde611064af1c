"""Hub enforcement (issue 6 item 5): a suspended or lapsed shop's owner still signs in, sees the
data and renews; the counters' sync is still accepted; enrolment past the limit names it."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import pytest
from litestar.exceptions import NotFoundException
from sqlalchemy import select

from hub.core.resources import build_resources
from hub.domain.context import PlatformContext, TenantContext
from hub.domain.licence.schemas import PaymentRow, SubscriptionTerms
from hub.domain.licence.service import LicenceService
from hub.domain.licence.subscriptions import SubscriptionService, shop_today
from hub.security.principal import StaffPrincipal
from hub.storage.hub_tables import Tenant
from shared.licence import Standing, load_trusted_keys, verify_licence
from shared.tables.vocabulary import Role
from tests.hub.fixtures import HubUnderTest
from tests.hub.sync.test_sync_api import device, enrol, issue_code

T = TypeVar("T")


def as_operator(hub: HubUnderTest, call: Callable[[SubscriptionService], Awaitable[T]]) -> T:
    """Act on the hub's database as the operator's service does (its own resources)."""

    async def work() -> T:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session:
                context = PlatformContext(session=session, principal=None, resources=resources)
                return await call(SubscriptionService(context))
        finally:
            await resources.close()

    return asyncio.run(work())


def demo_shop_id(hub: HubUnderTest) -> uuid.UUID:
    async def find(service: SubscriptionService) -> uuid.UUID:
        shop_id = await service.session.scalar(
            select(Tenant.shop_id).where(Tenant.login_code == hub.demo.shop_code)
        )
        assert shop_id is not None
        return shop_id

    return as_operator(hub, find)


def test_the_demo_shop_is_on_a_paid_amc(hub: HubUnderTest) -> None:
    licence = hub.owner().get("/api/licence").json()
    assert licence["state"] == "active"
    assert licence["may_issue"] is True
    assert 290 <= licence["days_left"] <= 310  # about ten months ahead
    assert licence["yearly_fee_paise"] == 1_000_000


@pytest.mark.parametrize("how", ["suspended", "lapsed"])
def test_a_stopped_shop_still_signs_in_sees_its_data_and_syncs(hub: HubUnderTest, how: str) -> None:
    shop_id = demo_shop_id(hub)
    if how == "suspended":
        as_operator(hub, lambda s: s.suspend(shop_id, "AMC cheque bounced"))
    else:  # the wrongly recorded AMC payment is reversed: the trial ended long ago
        payments = as_operator(hub, lambda s: s.payments(shop_id))
        as_operator(hub, lambda s: s.reverse_payment(payments[0].id, "payment never arrived"))
    owner = hub.owner()  # signing in works
    licence = owner.get("/api/licence").json()
    assert (licence["state"], licence["may_issue"]) == (how, False)
    assert "support" in licence["support_contact"]
    assert owner.get("/api/dashboard").status_code == 200  # the data stays visible
    assert owner.get("/api/audit").status_code == 200
    pulled = hub.client().get(
        "/api/terminal/sync/pull", params={"after": 0}, headers=device(hub.demo.terminal_secret)
    )
    assert pulled.status_code == 200  # sync is never refused
    token = pulled.json()["licence"]  # the licence it receives says why the counter stops
    seen = verify_licence(token, load_trusted_keys(os.environ["BOOLAGOLD_LICENCE_TRUST"]))
    assert (seen.shop_id, seen.standing) == (shop_id, Standing(how))


def test_enrolment_past_the_terminal_limit_names_the_limit(hub: HubUnderTest) -> None:
    shop_id = demo_shop_id(hub)
    as_operator(
        hub,
        lambda s: s.set_terms(shop_id, SubscriptionTerms(plan_code="standard", terminal_limit=2)),
    )
    response = enrol(hub.client(), issue_code(hub, "Till 3"))  # the demo has two terminals
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "this shop's plan allows 2 terminals; revoke one on the hub or upgrade the plan"
    )
    as_operator(
        hub,
        lambda s: s.set_terms(shop_id, SubscriptionTerms(plan_code="standard", terminal_limit=3)),
    )
    assert enrol(hub.client(), issue_code(hub, "Till 3")).status_code == 200


def test_the_demo_seeds_shops_in_every_state(hub: HubUnderTest) -> None:
    views = as_operator(hub, lambda s: s.states())
    states = {view.login_code: view.status for view in views}
    assert states == {
        "demo": "active",
        "ganesh-gold": "trial",
        "sri-balaji": "active",
        "kalyan-orn": "grace",
        "ratna-mahal": "lapsed",
        "heritage": "lifetime",
        "moti-jewels": "suspended",
    }
    by_code = {view.login_code: view for view in views}
    today = shop_today()
    ending = by_code["ganesh-gold"].trial_ends_on
    assert ending is not None
    assert ending - today <= timedelta(days=7)
    assert by_code["sri-balaji"].days_left == 20
    assert by_code["kalyan-orn"].yearly_fee_paise == 800_000
    payments = as_operator(hub, lambda s: s.payments())
    assert len(payments) >= 9
    assert all(row.receipt_number.startswith("RCPT/") for row in payments)


def test_the_owner_gets_their_own_receipts_and_not_another_shops(hub: HubUnderTest) -> None:
    shop_id = demo_shop_id(hub)
    others = [p for p in as_operator(hub, lambda s: s.payments()) if p.shop_id != shop_id]
    own = as_operator(hub, lambda s: s.payments(shop_id))

    async def work() -> tuple[list[PaymentRow], tuple[str, bytes]]:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.tenant(shop_id) as session:
                principal = StaffPrincipal(
                    user_id=uuid.uuid4(),
                    shop_id=shop_id,
                    role=Role.OWNER,
                    username="owner",
                    display_name="Owner",
                )
                service = LicenceService(TenantContext(session, principal, resources))
                with pytest.raises(NotFoundException):
                    await service.receipt(others[0].id)
                return await service.payments(), await service.receipt(own[0].id)
        finally:
            await resources.close()

    payments, (name, pdf) = asyncio.run(work())
    assert [p.id for p in payments] == [p.id for p in own]
    assert name == own[0].receipt_number.replace("/", "-") + ".pdf"
    assert pdf.startswith(b"%PDF")


def test_the_next_amc_period_is_what_a_payment_would_cover(hub: HubUnderTest) -> None:
    shop_id = demo_shop_id(hub)
    paid_until = as_operator(hub, lambda s: s.state(shop_id)).amc_valid_until
    assert paid_until is not None
    start, end = as_operator(hub, lambda s: s.next_amc_period(shop_id))
    assert start == paid_until + timedelta(days=1)
    assert 364 <= (end - start).days <= 365  # the plan's 12 months, less a day
