"""The operator's page for one shop: the shop, its usage, its subscription and payments, and the
forms that act on it (record a payment, suspend or reactivate the licence, deactivate the shop).

Two controllers render it (the shop controller for the page and the deactivation, the
subscription controller for payments and suspension), so a refused form from either comes back
as this same page with the refusal beside its box and everything typed still in place.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from litestar.di import NamedDependency
from litestar.response import Template

from hub.domain.context import PlatformContext
from hub.domain.dashboard.service import shop_today
from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.operator.service import OperatorService
from hub.web.operator_overview import state_badge, state_label
from hub.web.pages import Frame, sentence
from hub.web.payment_form import KIND_CHOICES, PAYMENT_FIELDS, payment_defaults

DEFAULT_AMC_MONTHS = 12


def provide_subscriptions(
    platform_context: NamedDependency[PlatformContext],
) -> SubscriptionService:
    """The licensing service on the operator's platform session (the same session the
    operator service uses in this request, so the page reads what was just written)."""
    return SubscriptionService(platform_context)


@dataclass
class ShopForms:
    """What the page's forms show: typed values and refusals (all empty on a plain visit)."""

    payment: dict[str, str] = field(default_factory=dict)
    payment_errors: dict[str, str] = field(default_factory=dict)
    reason: str = ""
    reason_error: str | None = None
    licence_reason: str = ""
    licence_reason_error: str | None = None


async def shop_page(
    frame: Frame,
    operator_service: OperatorService,
    subscriptions: SubscriptionService,
    shop_id: uuid.UUID,
    *,
    forms: ShopForms | None = None,
    status_code: int = 200,
) -> Template:
    forms = forms or ShopForms()
    today = shop_today()
    shop = await operator_service.get_shop(shop_id)
    subscription = await subscriptions.state(shop_id, today)
    plans = await operator_service.plans()
    amc_months = next(
        (plan.amc_months for plan in plans if plan.code == subscription.plan_code),
        DEFAULT_AMC_MONTHS,
    )
    defaults = payment_defaults(
        yearly_fee_paise=subscription.yearly_fee_paise,
        amc_valid_until=subscription.amc_valid_until,
        trial_ends_on=subscription.trial_ends_on,
        amc_months=amc_months,
        today=today,
    )
    payment_form = forms.payment or {
        "kind": "amc",
        "amount": defaults.amount,
        "paid_on": defaults.paid_on,
        "reference": "",
        "period_from": defaults.period_from,
        "period_to": defaults.period_to,
        "note": "",
    }
    payment_form = {name: payment_form.get(name, "") for name in PAYMENT_FIELDS}
    payments = await subscriptions.payments(shop_id)
    receipts = {payment.id: payment.receipt_number for payment in payments}
    return frame.render(
        "operator/shop_detail.html",
        title=shop.name,
        status_code=status_code,
        shop=shop,
        usage=await operator_service.usage(shop_id),
        plan_names={plan.code: plan.name for plan in plans},
        subscription=subscription,
        subscription_badge=state_badge(subscription.status),
        subscription_label=state_label(subscription.status),
        subscription_message=sentence(subscription.message),
        payments=payments,
        receipts=receipts,
        payments_total_paise=sum(payment.signed_amount_paise for payment in payments),
        payment_form=payment_form,
        payment_errors=forms.payment_errors,
        payment_defaults=defaults,
        kinds=KIND_CHOICES,
        reason=forms.reason,
        reason_error=forms.reason_error,
        licence_reason=forms.licence_reason,
        licence_reason_error=forms.licence_reason_error,
    )
