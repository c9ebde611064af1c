"""The platform operator's pages: find a shop, open one, create one, switch one on or off.

These pages use the operator service only (a plain platform session: cross-shop on purpose) and
never a tenant service, so nothing here can act as a shop's owner.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_201_CREATED, HTTP_400_BAD_REQUEST

from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.operator.schemas import PlanRow, ShopCreate
from hub.domain.operator.service import OperatorService
from hub.security.guards import requires_operator
from hub.web.controllers.base import PageController
from hub.web.controllers.profile import STATE_CHOICES
from hub.web.frames import operator_frame
from hub.web.navigation import SHOP_LOGIN
from hub.web.operator_shop_page import ShopForms, provide_subscriptions, shop_page
from hub.web.pages import Frame, error, field_errors, form_values, sentence, success
from hub.web.roles import Choice
from shared.errors import InvalidInput

CREATE_FIELDS: Final = (
    "name",
    "legal_name",
    "gstin",
    "pan",
    "state_code",
    "address",
    "phone",
    "email",
    "plan_code",
    "login_code",
    "owner_name",
    "owner_username",
)
MAX_QUERY_LENGTH: Final = 100


def _plan_choices(plans: list[PlanRow]) -> list[Choice]:
    return [Choice(plan.code, plan.name) for plan in plans]


def _plan_names(plans: list[PlanRow]) -> dict[str, str]:
    return {plan.code: plan.name for plan in plans}


class OperatorShopsController(PageController):
    path = "/operator/shops"
    guards = [requires_operator]  # noqa: RUF012
    dependencies = {  # noqa: RUF012
        "frame": Provide(operator_frame),
        "subscriptions": Provide(provide_subscriptions, sync_to_thread=False),
    }

    @get("/", name="web.operator.shops")
    async def shops(
        self,
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        q: FromQuery[str | None] = None,
    ) -> Template:
        query = (q or "").strip()[:MAX_QUERY_LENGTH]
        return frame.render(
            "operator/shops.html",
            title="Shops",
            shops=await operator_service.list_shops(query or None),
            query=query,
            plan_names=_plan_names(await operator_service.plans()),
        )

    async def _new_page(
        self,
        frame: Frame,
        operator_service: OperatorService,
        form: dict[str, str],
        errors: dict[str, str],
        status_code: int = 200,
    ) -> Template:
        return frame.render(
            "operator/shop_new.html",
            title="New shop",
            status_code=status_code,
            form=form,
            errors=errors,
            states=STATE_CHOICES,
            plans=_plan_choices(await operator_service.plans()),
        )

    @get("/new", name="web.operator.shop_new")
    async def new(
        self, frame: NamedDependency[Frame], operator_service: NamedDependency[OperatorService]
    ) -> Template:
        blank = dict.fromkeys(CREATE_FIELDS, "")
        blank.update(owner_username="owner", plan_code="standard", state_code="27")
        return await self._new_page(frame, operator_service, blank, {})

    @post("/", name="web.operator.shop_create")
    async def create(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
    ) -> Template:
        typed = form_values(await request.form(), *CREATE_FIELDS)

        def optional(name: str) -> str | None:
            return typed[name] or None

        try:
            created = await operator_service.create_shop(
                ShopCreate(
                    name=typed["name"],
                    state_code=typed["state_code"],
                    address=typed["address"],
                    owner_name=typed["owner_name"],
                    owner_username=typed["owner_username"] or "owner",
                    plan_code=typed["plan_code"] or "standard",
                    legal_name=optional("legal_name"),
                    gstin=optional("gstin"),
                    pan=optional("pan"),
                    phone=optional("phone"),
                    email=optional("email"),
                    login_code=optional("login_code"),
                )
            )
        except InvalidInput as problem:
            errors = field_errors(problem, CREATE_FIELDS)
            return await self._new_page(
                frame, operator_service, typed, errors, HTTP_400_BAD_REQUEST
            )
        login_url = str(request.base_url).rstrip("/") + SHOP_LOGIN
        frame.flashes.append(success(f"{created.shop.name} is created."))
        return frame.render(
            "operator/shop_created.html",
            title=f"{created.shop.name} created",
            status_code=HTTP_201_CREATED,
            created=created,
            login_url=login_url,
        )

    @get("/{shop_id:uuid}", name="web.operator.shop")
    async def shop(
        self,
        shop_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Template:
        return await shop_page(frame, operator_service, subscriptions, shop_id)

    @post("/{shop_id:uuid}/deactivate", name="web.operator.shop_deactivate")
    async def deactivate(
        self,
        shop_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
        subscriptions: NamedDependency[SubscriptionService],
    ) -> Template | Redirect:
        reason = form_values(await request.form(), "reason")["reason"]
        try:
            shop = await operator_service.deactivate(shop_id, reason)
        except InvalidInput as problem:
            return await shop_page(
                frame,
                operator_service,
                subscriptions,
                shop_id,
                forms=ShopForms(reason=reason, reason_error=sentence(problem.reason)),
                status_code=HTTP_400_BAD_REQUEST,
            )
        return frame.redirect(
            f"/operator/shops/{shop_id}",
            success(f"{shop.name} is deactivated. Its people are signed out."),
        )

    @post("/{shop_id:uuid}/activate", name="web.operator.shop_activate")
    async def activate(
        self,
        shop_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        operator_service: NamedDependency[OperatorService],
    ) -> Redirect:
        try:
            shop = await operator_service.activate(shop_id)
        except InvalidInput as problem:
            return frame.redirect(f"/operator/shops/{shop_id}", error(sentence(problem.reason)))
        return frame.redirect(
            f"/operator/shops/{shop_id}", success(f"{shop.name} is active again.")
        )
