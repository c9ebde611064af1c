"""The shop's licence and AMC standing as the owner sees it (any staff member may look).

Built by the same function that makes the signed licence (`standing.standing_on`) and read
through `shared.licence.evaluate`, so the owner's page says what the counters do.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from litestar.exceptions import NotFoundException
from sqlalchemy import func, select

from hub.domain.context import TenantContext
from hub.domain.licence.schemas import LicenceStatus, PaymentRow
from hub.domain.licence.standing import SHOP_TIME_ZONE, standing_on, yearly_fee_paise
from hub.domain.licence.subscriptions import payment_row, receipt_file
from hub.storage.hub_tables import Plan, SubscriptionPayment, Tenant
from shared.tables import Shop, Terminal
from shared.tables.vocabulary import TerminalStatus


class LicenceService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def status(self, today: date | None = None) -> LicenceStatus:
        row = (
            await self.session.execute(select(Tenant, Plan).join(Plan, Plan.id == Tenant.plan_id))
        ).one_or_none()
        if row is None:
            raise NotFoundException("this shop has no licence record")
        tenant, plan = row
        in_use = await self.session.scalar(
            select(func.count())
            .select_from(Terminal)
            .where(Terminal.status == TerminalStatus.ACTIVE.value)
        )
        now = datetime.now(UTC)
        support = self.context.resources.licences.support_contact
        standing = standing_on(
            tenant,
            plan,
            today or now.astimezone(SHOP_TIME_ZONE).date(),
            issued_at=now,
            support_contact=support,
        )
        licence, verdict = standing.licence, standing.verdict
        return LicenceStatus(
            plan_code=plan.code,
            plan_name=plan.name,
            state=standing.status.value,
            trial_ends_on=tenant.trial_ends_on,
            amc_valid_until=tenant.amc_valid_until,
            grace_days=plan.grace_days,
            days_left=verdict.days_left,
            terminal_limit=licence.terminal_limit,
            terminals_in_use=int(in_use or 0),
            message=verdict.message,
            may_issue=verdict.may_issue,
            lifetime_since=tenant.lifetime_since,
            grace_ends_on=standing.grace_ends_on,
            yearly_fee_paise=yearly_fee_paise(tenant, plan),
            user_limit=licence.user_limit,
            support_contact=support,
        )

    async def payments(self) -> list[PaymentRow]:
        """The shop's own subscription payments and reversals, newest first."""
        rows = list(
            await self.session.scalars(
                select(SubscriptionPayment).order_by(
                    SubscriptionPayment.paid_on.desc(), SubscriptionPayment.recorded_at.desc()
                )
            )
        )
        reversed_by = {row.reverses_id: row.id for row in rows if row.reverses_id is not None}
        return [payment_row(row, reversed_by.get(row.id)) for row in rows]

    async def receipt(self, payment_id: uuid.UUID) -> tuple[str, bytes]:
        """(file name, PDF) of one of the shop's own payment receipts; another shop's payment
        is not found (the tenant session cannot see it)."""
        row = await self._payment(payment_id)
        shop = (await self.session.scalars(select(Shop))).one_or_none()
        tenant = (await self.session.scalars(select(Tenant))).one_or_none()
        if shop is None or tenant is None:
            raise NotFoundException("this shop has no licence record")
        cancelled = await self._payment(row.reverses_id) if row.reverses_id else None
        support = self.context.resources.licences.support_contact
        return receipt_file(row, shop, tenant, cancelled, support)

    async def _payment(self, payment_id: uuid.UUID) -> SubscriptionPayment:
        row = (
            await self.session.scalars(
                select(SubscriptionPayment).where(SubscriptionPayment.id == payment_id)
            )
        ).one_or_none()
        if row is None:
            raise NotFoundException("no such payment")
        return row
