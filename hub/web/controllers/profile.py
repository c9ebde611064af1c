"""The owner's shop profile (what every invoice prints) and the logo upload."""

from __future__ import annotations

from typing import Any, Final

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency, Provide
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from hub.domain.shops.schemas import ShopProfile, ShopProfileUpdate
from hub.domain.shops.service import ShopService
from hub.security.guards import requires_owner
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, error, field_errors, form_values, success
from hub.web.roles import Choice
from shared.errors import InvalidInput
from shared.states import STATES

PROFILE_FIELDS: Final = (
    "name",
    "legal_name",
    "gstin",
    "pan",
    "state_code",
    "address",
    "pincode",
    "phone",
    "email",
)
STATE_CHOICES: Final = tuple(Choice(code, f"{name} ({code})") for code, name in STATES.items())


def _form_of(shop: ShopProfile) -> dict[str, str]:
    return {name: getattr(shop, name) or "" for name in PROFILE_FIELDS}


class ProfileController(PageController):
    path = "/shop"
    guards = [requires_owner]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    def _page(
        self,
        frame: Frame,
        shop: ShopProfile,
        form: dict[str, str],
        errors: dict[str, str],
        status_code: int = 200,
    ) -> Template:
        return frame.render(
            "owner/profile.html",
            title="Shop profile",
            status_code=status_code,
            shop=shop,
            form=form,
            errors=errors,
            states=STATE_CHOICES,
        )

    @get("/", name="web.profile")
    async def show(
        self, frame: NamedDependency[Frame], shop_service: NamedDependency[ShopService]
    ) -> Template:
        shop = await shop_service.get()
        return self._page(frame, shop, _form_of(shop), {})

    @post("/", name="web.profile.save")
    async def save(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        shop_service: NamedDependency[ShopService],
    ) -> Template | Redirect:
        typed = form_values(await request.form(), *PROFILE_FIELDS)
        # Read before the update: a refused update may have half-changed the row in memory.
        shop = await shop_service.get()
        try:
            await shop_service.update(ShopProfileUpdate(**typed))
        except InvalidInput as problem:
            errors = field_errors(problem, PROFILE_FIELDS)
            return self._page(frame, shop, typed, errors, HTTP_400_BAD_REQUEST)
        return frame.redirect("/shop", success("The shop's details are saved."))

    @post("/logo", name="web.profile.logo")
    async def upload_logo(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        shop_service: NamedDependency[ShopService],
    ) -> Redirect:
        upload = (await request.form()).get("logo")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return frame.redirect("/shop", error("Choose an image file to upload as the logo."))
        data = await upload.read()
        try:
            await shop_service.set_logo(data, upload.content_type)
        except InvalidInput as problem:
            return frame.redirect("/shop", error(field_errors(problem, ())["form"]))
        return frame.redirect("/shop", success("The new logo is in place."))
