"""Today's metal rates, set once on the hub for every counter of the shop.

Everyone in the shop may read them (sales staff start here); only the owner may change them.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from hub.domain.rates.schemas import RatesSet
from hub.domain.rates.service import RateService
from hub.security.guards import requires_owner, requires_staff
from hub.security.principal import StaffPrincipal
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, info, sentence, success
from hub.web.rate_form import RateRow, parse_rate_form, rate_rows
from shared.errors import InvalidInput
from shared.tables.vocabulary import Role


class RatesController(PageController):
    path = "/rates"
    guards = [requires_staff]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @staticmethod
    def _page(
        frame: Frame,
        rows: list[RateRow],
        errors: dict[str, str],
        status_code: int = 200,
    ) -> Template:
        principal = frame.request.user
        can_edit = isinstance(principal, StaffPrincipal) and principal.role is Role.OWNER
        return frame.render(
            "owner/rates.html",
            title="Today's rates",
            status_code=status_code,
            rows=rows,
            errors=errors,
            can_edit=can_edit,
        )

    @get("/", name="web.rates")
    async def show(
        self, frame: NamedDependency[Frame], rate_service: NamedDependency[RateService]
    ) -> Template:
        return self._page(frame, rate_rows(await rate_service.current()), {})

    @post("/", name="web.rates.save", guards=[requires_owner])
    async def save(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        rate_service: NamedDependency[RateService],
    ) -> Template | Redirect:
        current = await rate_service.current()
        parsed = parse_rate_form(await request.form(), rate_rows(current))
        if parsed.errors:
            rows = rate_rows(current, parsed.typed)
            return self._page(frame, rows, parsed.errors, HTTP_400_BAD_REQUEST)
        if not parsed.entries:
            return frame.redirect("/rates", info("No rate changed, so nothing was saved."))
        try:
            await rate_service.set_today(RatesSet(rates=parsed.entries))
        except InvalidInput as problem:
            rows = rate_rows(current, parsed.typed)
            errors = {"form": sentence(problem.reason)}
            return self._page(frame, rows, errors, HTTP_400_BAD_REQUEST)
        changed = len(parsed.entries)
        noun = "rate" if changed == 1 else "rates"
        return frame.redirect(
            "/rates",
            success(f"{changed} {noun} saved. Counters pick them up on their next sync."),
        )
