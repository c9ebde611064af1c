"""The operator's subscription actions on one shop: record a payment (AMC period, which extends
the AMC, or a lifetime licence), download a receipt, suspend or reactivate the licence.

Every change goes through the licensing service (`SubscriptionService`), which validates, writes
in one transaction, audits in the shop's own chain and drops the shop's cached licence token.
A refusal re-renders the shop's page (400) with the words beside the box; nothing is saved.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from hub.domain.licence.schemas import LifetimePurchaseCreate
from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.operator.service import OperatorService
from hub.security.guards import requires_operator
from hub.web.controllers.base import PageController
from hub.web.formatting import rupees, shop_date
from hub.web.frames import operator_frame
from hub.web.operator_shop_page import ShopForms, provide_subscriptions, shop_page
from hub.web.pages import Frame, error, form_values, sentence, success
from hub.web.payment_form import form_field, parse_payment, typed_payment
from shared.errors import InvalidInput


async def _refused(  # noqa: PLR0917 - the page's parts, passed through
    frame: Frame,
    operator_service: OperatorService,
    subscriptions: SubscriptionService,
    shop_id: uuid.UUID,
    flash: str,
    forms: ShopForms,
) -> Template:
    """The shop page again (400) with the refused form as typed; nothing the refusal left
    pending in the session is kept."""
    await subscriptions.session.rollback()
    frame.flashes.append(error(flash))
    return await shop_page(
        frame,
        operator_service,
        subscriptions,
        shop_id,
        forms=forms,
        status_code=HTTP_400_BAD_REQUEST,
    )


class OperatorSubscriptionController(PageController):
    path = "/operator/shops/{shop_id:uuid}"
    guards = [requires_operator]  # noqa: RUF012
    dependencies = {  # noqa: RUF012
        "frame": Provide(operator_frame),
        "subscriptions": Provide(provide_subscriptions, sync_to_thread=False),
    }

    @post("/payments", name="web.operator.payment_record")
    async def record_payment(
        self,
        shop_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Template | Redirect:
        typed = typed_payment(await request.form())
        try:
            payment = parse_payment(typed)
            if isinstance(payment, LifetimePurchaseCreate):
                recorded = await subscriptions.record_lifetime_purchase(shop_id, payment)
            else:
                recorded = await subscriptions.record_amc_payment(shop_id, payment)
        except InvalidInput as problem:
            return await _refused(
                frame,
                operator_service,
                subscriptions,
                shop_id,
                "The payment was not recorded: see the marked box.",
                ShopForms(
                    payment=typed, payment_errors={form_field(problem): sentence(problem.reason)}
                ),
            )
        covered = (
            f", AMC now paid until {shop_date(recorded.period_to)}"
            if recorded.period_to is not None
            else ", lifetime licence from today"
            if recorded.kind == "lifetime"
            else ""
        )
        return frame.redirect(
            f"/operator/shops/{shop_id}",
            success(
                f"{rupees(recorded.amount_paise)} recorded as receipt "
                f"{recorded.receipt_number}{covered}."
            ),
        )

    @get("/payments/{payment_id:uuid}/receipt.pdf", name="web.operator.payment_receipt")
    async def receipt(
        self,
        shop_id: FromPath[uuid.UUID],
        payment_id: FromPath[uuid.UUID],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Response[bytes]:
        """The receipt PDF, only under the shop it belongs to (another shop's id is a 404)."""
        payment = await subscriptions.payment(payment_id)
        if payment.shop_id != shop_id:
            raise NotFoundException("no such payment for this shop")
        name, pdf = await subscriptions.receipt(payment_id)
        return Response(
            content=pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    async def _licence_change(
        self,
        shop_id: uuid.UUID,
        request: Request[Any, Any, Any],
        frame: Frame,
        operator_service: OperatorService,
        subscriptions: SubscriptionService,
        *,
        suspend: bool,
    ) -> Template | Redirect:
        reason = form_values(await request.form(), "reason")["reason"]
        try:
            if suspend:
                view = await subscriptions.suspend(shop_id, reason)
            else:
                view = await subscriptions.reactivate(shop_id, reason)
        except InvalidInput as problem:
            return await _refused(
                frame,
                operator_service,
                subscriptions,
                shop_id,
                "The licence was not changed: see the marked box.",
                ShopForms(licence_reason=reason, licence_reason_error=sentence(problem.reason)),
            )
        done = (
            "'s licence is suspended: its counters stop issuing invoices at their next sync"
            if suspend
            else "'s licence is active again: its counters resume at their next sync"
        )
        return frame.redirect(f"/operator/shops/{shop_id}", success(f"{view.shop_name}{done}."))

    @post("/licence/suspend", name="web.operator.licence_suspend")
    async def suspend(
        self,
        shop_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Template | Redirect:
        return await self._licence_change(
            shop_id, request, frame, operator_service, subscriptions, suspend=True
        )

    @post("/licence/reactivate", name="web.operator.licence_reactivate")
    async def reactivate(
        self,
        shop_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Template | Redirect:
        return await self._licence_change(
            shop_id, request, frame, operator_service, subscriptions, suspend=False
        )
