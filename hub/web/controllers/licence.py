"""The shop's licence and AMC standing, in words an owner can act on, with what was paid and
each payment's receipt."""

from __future__ import annotations

import uuid

from litestar import Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Template

from hub.domain.dashboard.service import shop_today
from hub.domain.licence.service import LicenceService
from hub.security.guards import requires_owner_or_accounts
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.licence_look import licence_look
from hub.web.pages import Frame


class LicenceController(PageController):
    path = "/licence"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @get("/", name="web.licence")
    async def show(
        self, frame: NamedDependency[Frame], licence_service: NamedDependency[LicenceService]
    ) -> Template:
        licence = await licence_service.status()
        look = licence_look(licence, shop_today())
        payments = await licence_service.payments()
        return frame.render(
            "owner/licence.html",
            title="Licence & AMC",
            licence=licence,
            look=look,
            state_badge=look.badge,
            state_label=look.label,
            state_explanation=look.explanation,
            payments=payments,
            receipts={payment.id: payment.receipt_number for payment in payments},
            payments_total_paise=sum(payment.signed_amount_paise for payment in payments),
            receipt_links=True,
        )

    @get("/payments/{payment_id:uuid}/receipt.pdf", name="web.licence.receipt")
    async def receipt(
        self,
        payment_id: FromPath[uuid.UUID],
        licence_service: NamedDependency[LicenceService],
    ) -> Response[bytes]:
        """The receipt PDF of one of this shop's payments (another shop's is a 404: the tenant
        session cannot see it)."""
        name, pdf = await licence_service.receipt(payment_id)
        return Response(
            content=pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )
