"""The operator's side of a shop's subscription: trial, AMC payments, lifetime, suspension.

State changes happen here and nowhere else, each in one transaction on the platform session
with the tenant row locked: the payment (insert-only, with a gapless receipt number), the
tenant's new dates, and an audit event in the shop's own chain (the owner sees that the
platform acted and why). After the commit the shop's cached licence token is dropped, so the
next pull carries the change. Time is passed in (`today`), so tests drive the calendar.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from litestar.exceptions import NotFoundException
from sqlalchemy import select

from hub.domain.changes import record_change, snapshot
from hub.domain.context import PlatformContext
from hub.domain.licence import validation as check
from hub.domain.licence.receipt_numbers import next_receipt_number
from hub.domain.licence.receipts import ReceiptDocument, render_receipt_pdf
from hub.domain.licence.schemas import (
    AmcPaymentCreate,
    LifetimePurchaseCreate,
    PaymentRow,
    SubscriptionTerms,
    SubscriptionView,
)
from hub.domain.licence.standing import SHOP_TIME_ZONE, standing_on, yearly_fee_paise
from hub.storage.hub_tables import Plan, SubscriptionPayment, Tenant
from shared.errors import InvalidInput
from shared.money import Paise
from shared.tables import Shop


def shop_today() -> date:
    return datetime.now(SHOP_TIME_ZONE).date()


class SubscriptionService:
    """Operator actions on subscriptions (platform context: any shop, by id)."""

    def __init__(self, context: PlatformContext) -> None:
        self.context = context
        self.session = context.session

    @property
    def _actor(self) -> str:
        principal = self.context.principal
        return principal.audit_label if principal is not None else "operator: command line"

    # --- reading -------------------------------------------------------------------------

    async def _load(self, shop_id: uuid.UUID, *, lock: bool = False) -> tuple[Shop, Tenant, Plan]:
        statement = (
            select(Shop, Tenant, Plan)
            .join(Tenant, Tenant.shop_id == Shop.id)
            .join(Plan, Plan.id == Tenant.plan_id)
            .where(Shop.id == shop_id)
        )
        if lock:
            statement = statement.with_for_update(of=Tenant)
        row = (await self.session.execute(statement)).one_or_none()
        if row is None:
            raise NotFoundException("no such shop")
        shop, tenant, plan = row
        return shop, tenant, plan

    def _view(self, shop: Shop, tenant: Tenant, plan: Plan, today: date) -> SubscriptionView:
        issuer = self.context.resources.licences
        standing = standing_on(
            tenant,
            plan,
            today,
            issued_at=datetime.now(UTC),
            support_contact=issuer.support_contact,
        )
        return SubscriptionView(
            shop_id=shop.id,
            shop_name=shop.name,
            login_code=tenant.login_code,
            phone=shop.phone,
            plan_code=plan.code,
            plan_name=plan.name,
            plan_kind=plan.kind,
            status=standing.status.value,
            licence_state=standing.verdict.state.value,
            may_issue=standing.verdict.may_issue,
            days_left=standing.verdict.days_left,
            message=standing.verdict.message,
            valid_until=standing.licence.valid_until,
            trial_started_on=tenant.trial_started_on,
            trial_ends_on=tenant.trial_ends_on,
            amc_valid_until=tenant.amc_valid_until,
            grace_ends_on=standing.grace_ends_on,
            lifetime_since=tenant.lifetime_since,
            suspended_at=tenant.suspended_at,
            status_reason=tenant.status_reason,
            yearly_fee_paise=yearly_fee_paise(tenant, plan),
            terminal_limit=standing.licence.terminal_limit,
            user_limit=standing.licence.user_limit,
            shop_created_at=shop.created_at,
        )

    async def state(self, shop_id: uuid.UUID, today: date | None = None) -> SubscriptionView:
        """One shop's subscription on `today` (default: the shop's date now)."""
        return self._view(*await self._load(shop_id), today or shop_today())

    async def states(self, today: date | None = None) -> list[SubscriptionView]:
        """Every shop's subscription on `today`, by shop name (the operator's overview)."""
        day = today or shop_today()
        rows = await self.session.execute(
            select(Shop, Tenant, Plan)
            .join(Tenant, Tenant.shop_id == Shop.id)
            .join(Plan, Plan.id == Tenant.plan_id)
            .order_by(Shop.name, Shop.id)
        )
        return [self._view(shop, tenant, plan, day) for shop, tenant, plan in rows]

    async def payments(
        self,
        shop_id: uuid.UUID | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
    ) -> list[PaymentRow]:
        """Payments (and reversals) newest first: one shop's, or every shop's between days."""
        statement = select(SubscriptionPayment).order_by(
            SubscriptionPayment.paid_on.desc(), SubscriptionPayment.recorded_at.desc()
        )
        if shop_id is not None:
            statement = statement.where(SubscriptionPayment.shop_id == shop_id)
        if since is not None:
            statement = statement.where(SubscriptionPayment.paid_on >= since)
        if until is not None:
            statement = statement.where(SubscriptionPayment.paid_on <= until)
        rows = list(await self.session.scalars(statement))
        reversed_by = {row.reverses_id: row.id for row in rows if row.reverses_id is not None}
        if shop_id is None and (since is not None or until is not None):
            reversed_by |= await self._reversals_of([r.id for r in rows if r.id not in reversed_by])
        return [payment_row(row, reversed_by.get(row.id)) for row in rows]

    async def _reversals_of(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not ids:
            return {}
        found = await self.session.execute(
            select(SubscriptionPayment.reverses_id, SubscriptionPayment.id).where(
                SubscriptionPayment.reverses_id.in_(ids)
            )
        )
        return {original: reversal for original, reversal in found if original is not None}

    async def payment(self, payment_id: uuid.UUID) -> PaymentRow:
        row = await self._payment(payment_id)
        reversal = await self._reversals_of([row.id])
        return payment_row(row, reversal.get(row.id))

    async def _payment(self, payment_id: uuid.UUID) -> SubscriptionPayment:
        row = (
            await self.session.scalars(
                select(SubscriptionPayment).where(SubscriptionPayment.id == payment_id)
            )
        ).one_or_none()
        if row is None:
            raise NotFoundException("no such payment")
        return row

    async def receipt(self, payment_id: uuid.UUID) -> tuple[str, bytes]:
        """(file name, PDF) of a payment's receipt, rendered from the stored rows."""
        row = await self._payment(payment_id)
        shop, tenant, _ = await self._load(row.shop_id)
        cancelled = await self._payment(row.reverses_id) if row.reverses_id else None
        support = self.context.resources.licences.support_contact
        return receipt_file(row, shop, tenant, cancelled, support)

    async def next_amc_period(
        self, shop_id: uuid.UUID, today: date | None = None
    ) -> tuple[date, date]:
        """The period an AMC payment recorded today covers by default (to pre-fill a form)."""
        _, tenant, plan = await self._load(shop_id)
        return check.amc_period(
            None,
            None,
            paid_until=tenant.amc_valid_until,
            trial_started_on=tenant.trial_started_on,
            trial_ends_on=tenant.trial_ends_on,
            amc_months=plan.amc_months,
            today=today or shop_today(),
        )

    # --- changes -------------------------------------------------------------------------

    async def start_trial(
        self, shop_id: uuid.UUID, today: date | None = None, days: int | None = None
    ) -> SubscriptionView:
        """(Re)start the shop's trial today for `days` (default: its plan's trial length)."""
        day = today or shop_today()
        shop, tenant, plan = await self._load(shop_id, lock=True)
        length = plan.trial_days if days is None else days
        if not 0 <= length <= 365:
            raise InvalidInput("a trial lasts 0 to 365 days", "trial_days")
        if tenant.amc_valid_until is not None or tenant.lifetime_since is not None:
            raise InvalidInput("this shop has paid: a trial cannot be started again", "trial_days")
        before = snapshot(tenant)
        tenant.trial_started_on, tenant.trial_ends_on = day, day + timedelta(days=length)
        await self._audit("licence.trial_start", tenant, before)
        return await self._commit(shop, tenant, plan, day)

    async def record_amc_payment(
        self, shop_id: uuid.UUID, payment: AmcPaymentCreate, today: date | None = None
    ) -> PaymentRow:
        """Record an AMC payment and extend the shop's AMC to the end of the period paid."""
        day = today or shop_today()
        amount = check.amount(payment.amount_paise)
        paid_on = check.paid_on(payment.paid_on, day)
        reference = check.text(payment.reference, "reference", 100, required=True)
        note = check.text(payment.note, "note", 500, required=False)
        shop, tenant, plan = await self._load(shop_id, lock=True)
        start, end = check.amc_period(
            payment.period_from,
            payment.period_to,
            paid_until=tenant.amc_valid_until,
            trial_started_on=tenant.trial_started_on,
            trial_ends_on=tenant.trial_ends_on,
            amc_months=plan.amc_months,
            today=day,
        )
        before = snapshot(tenant)
        row = SubscriptionPayment(
            shop_id=shop_id,
            kind="amc",
            amount_paise=amount,
            paid_on=paid_on,
            reference=reference,
            period_from=start,
            period_to=end,
            receipt_number=await next_receipt_number(self.session, day),
            recorded_by=self._actor[:100],
            recorded_at=datetime.now(UTC),
            note=note,
            previous_amc_until=tenant.amc_valid_until,
            previous_lifetime_since=tenant.lifetime_since,
        )
        self.session.add(row)
        tenant.amc_valid_until = end
        await self._audit("licence.amc_payment", row, None)
        await self._audit("licence.amc_extend", tenant, before)
        await self._commit(shop, tenant, plan, day)
        return payment_row(row, None)

    async def record_lifetime_purchase(
        self, shop_id: uuid.UUID, purchase: LifetimePurchaseCreate, today: date | None = None
    ) -> PaymentRow:
        """Record a one-time lifetime licence: the shop bills with no end date from now on."""
        day = today or shop_today()
        amount = check.amount(purchase.amount_paise)
        paid_on = check.paid_on(purchase.paid_on, day)
        reference = check.text(purchase.reference, "reference", 100, required=True)
        note = check.text(purchase.note, "note", 500, required=False)
        shop, tenant, plan = await self._load(shop_id, lock=True)
        if tenant.lifetime_since is not None:
            raise InvalidInput(
                f"this shop has had a lifetime licence since {tenant.lifetime_since:%d-%m-%Y}",
                "kind",
            )
        before = snapshot(tenant)
        row = SubscriptionPayment(
            shop_id=shop_id,
            kind="lifetime",
            amount_paise=amount,
            paid_on=paid_on,
            reference=reference,
            receipt_number=await next_receipt_number(self.session, day),
            recorded_by=self._actor[:100],
            recorded_at=datetime.now(UTC),
            note=note,
            previous_amc_until=tenant.amc_valid_until,
            previous_lifetime_since=None,
        )
        self.session.add(row)
        tenant.lifetime_since = paid_on
        await self._audit("licence.lifetime_purchase", row, None)
        await self._audit("licence.lifetime_start", tenant, before)
        await self._commit(shop, tenant, plan, day)
        return payment_row(row, None)

    async def reverse_payment(
        self, payment_id: uuid.UUID, reason: str, today: date | None = None
    ) -> PaymentRow:
        """Cancel a wrongly recorded payment with a reversing entry (never an edit).

        Only the latest AMC payment of a shop (or its lifetime purchase) can be reversed, so
        the tenant's dates go back exactly to what that payment replaced.
        """
        day = today or shop_today()
        why = check.text(reason, "reason", 500, required=True)
        original = await self._payment(payment_id)
        shop, tenant, plan = await self._load(original.shop_id, lock=True)
        if original.reverses_id is not None:
            raise InvalidInput("a reversing entry cannot itself be reversed", "payment_id")
        if await self._reversals_of([original.id]):
            raise InvalidInput("this payment has already been reversed", "payment_id")
        before = snapshot(tenant)
        if original.kind == "amc":
            if tenant.amc_valid_until != original.period_to:
                raise InvalidInput(
                    "a later AMC payment follows this one: reverse that one first",
                    "payment_id",
                )
            tenant.amc_valid_until = original.previous_amc_until
        else:
            tenant.lifetime_since = original.previous_lifetime_since
        row = SubscriptionPayment(
            shop_id=original.shop_id,
            kind=original.kind,
            amount_paise=original.amount_paise,
            paid_on=day,
            reference=f"reversal of {original.receipt_number}"[:100],
            period_from=original.period_from,
            period_to=original.period_to,
            receipt_number=await next_receipt_number(self.session, day),
            recorded_by=self._actor[:100],
            recorded_at=datetime.now(UTC),
            note=why,
            reverses_id=original.id,
            previous_amc_until=original.period_to if original.kind == "amc" else None,
            previous_lifetime_since=original.paid_on if original.kind == "lifetime" else None,
        )
        self.session.add(row)
        await self._audit("licence.payment_reverse", row, None)
        await self._audit("licence.dates_restore", tenant, before)
        await self._commit(shop, tenant, plan, day)
        return payment_row(row, None)

    async def suspend(
        self, shop_id: uuid.UUID, reason: str, today: date | None = None
    ) -> SubscriptionView:
        """Suspend the shop's licence: counters stop issuing at their next sync. The owner
        still signs in on the web, sees and exports everything, and sync is still accepted."""
        day = today or shop_today()
        why = check.text(reason, "reason", 200, required=True)
        shop, tenant, plan = await self._load(shop_id, lock=True)
        if tenant.suspended_at is not None:
            raise InvalidInput("this shop's licence is already suspended", "reason")
        before = snapshot(tenant)
        now = datetime.now(UTC)
        tenant.suspended_at, tenant.status_reason, tenant.status_changed_at = now, why, now
        await self._audit("licence.suspend", tenant, before)
        return await self._commit(shop, tenant, plan, day)

    async def reactivate(
        self, shop_id: uuid.UUID, reason: str, today: date | None = None
    ) -> SubscriptionView:
        """Lift a suspension (the reason is kept for the operator and in the audit)."""
        day = today or shop_today()
        why = check.text(reason, "reason", 200, required=True)
        shop, tenant, plan = await self._load(shop_id, lock=True)
        if tenant.suspended_at is None:
            raise InvalidInput("this shop's licence is not suspended", "reason")
        before = snapshot(tenant)
        tenant.suspended_at = None
        tenant.status_reason, tenant.status_changed_at = why, datetime.now(UTC)
        await self._audit("licence.reactivate", tenant, before)
        return await self._commit(shop, tenant, plan, day)

    async def set_terms(
        self, shop_id: uuid.UUID, terms: SubscriptionTerms, today: date | None = None
    ) -> SubscriptionView:
        """Move the shop to a plan and set its own AMC fee and limits (None: the plan's)."""
        day = today or shop_today()
        shop, tenant, _ = await self._load(shop_id, lock=True)
        plan = (
            await self.session.scalars(select(Plan).where(Plan.code == terms.plan_code.strip()))
        ).one_or_none()
        if plan is None or not plan.is_active:
            raise InvalidInput(f"there is no plan {terms.plan_code!r}", "plan_code")
        fee = None if terms.amc_fee_paise is None else _fee(terms.amc_fee_paise)
        terminals = _limit(terms.terminal_limit, "terminal_limit")
        users = _limit(terms.user_limit, "user_limit")
        before = snapshot(tenant)
        tenant.plan_id, tenant.amc_fee_paise = plan.id, fee
        tenant.terminal_limit, tenant.user_limit = terminals, users
        await self._audit("licence.terms", tenant, before)
        return await self._commit(shop, tenant, plan, day)

    # --- plumbing ------------------------------------------------------------------------

    async def _audit(self, action: str, row: object, before: dict[str, object] | None) -> None:
        shop_id = getattr(row, "shop_id")  # noqa: B009 - both row types carry it
        await record_change(
            self.session,
            shop_id=shop_id,
            actor_label=self._actor,
            actor_user_id=None,
            action=action,
            row=row,
            before=before,
            op=None,
        )

    async def _commit(self, shop: Shop, tenant: Tenant, plan: Plan, day: date) -> SubscriptionView:
        await self.session.commit()
        await self.context.resources.licences.forget(tenant.shop_id)
        return self._view(shop, tenant, plan, day)


def _fee(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInput("the yearly AMC fee is a whole number of paise, 0 or more", "amc_fee")
    if value > check.MAX_AMOUNT_PAISE:
        raise InvalidInput("the yearly AMC fee is more than Rs 10 crore: check it", "amc_fee")
    return value


def _limit(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 999:
        raise InvalidInput("a limit is 1 to 999 (or empty for the plan's)", field)
    return value


def receipt_file(
    row: SubscriptionPayment,
    shop: Shop,
    tenant: Tenant,
    cancelled: SubscriptionPayment | None,
    support_contact: str,
) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the receipt for `row` (`cancelled`: what a reversal cancels)."""
    document = ReceiptDocument(
        receipt_number=row.receipt_number,
        kind=row.kind,
        amount=Paise(row.amount_paise),
        paid_on=row.paid_on,
        reference=row.reference,
        period_from=row.period_from,
        period_to=row.period_to,
        shop_name=shop.name,
        shop_legal_name=shop.legal_name,
        shop_address=shop.address or "",
        shop_gstin=shop.gstin,
        login_code=tenant.login_code,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        note=row.note,
        reverses_receipt=cancelled.receipt_number if cancelled else None,
        support_contact=support_contact,
    )
    return row.receipt_number.replace("/", "-") + ".pdf", render_receipt_pdf(document)


def payment_row(row: SubscriptionPayment, reversed_by: uuid.UUID | None) -> PaymentRow:
    return PaymentRow(
        id=row.id,
        shop_id=row.shop_id,
        kind=row.kind,
        amount_paise=row.amount_paise,
        signed_amount_paise=-row.amount_paise if row.reverses_id else row.amount_paise,
        paid_on=row.paid_on,
        reference=row.reference,
        period_from=row.period_from,
        period_to=row.period_to,
        receipt_number=row.receipt_number,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        note=row.note,
        reverses_id=row.reverses_id,
        reversed_by_id=reversed_by,
    )


__all__ = ["SubscriptionService", "payment_row", "receipt_file", "shop_today"]
