"""The shop's licence and AMC standing, in words an owner can act on."""

from __future__ import annotations

from typing import Final

from litestar import get
from litestar.di import NamedDependency, Provide
from litestar.response import Template

from hub.domain.licence.service import LicenceService
from hub.security.guards import requires_owner_or_accounts
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, sentence

# state -> (badge style, label)
STATE_LOOK: Final = {
    "trial": ("warn", "Trial"),
    "active": ("ok", "Active"),
    "grace": ("warn", "In grace period"),
    "expired": ("bad", "Expired"),
    "unlicensed": ("bad", "No licence"),
}


class LicenceController(PageController):
    path = "/licence"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @get("/", name="web.licence")
    async def show(
        self, frame: NamedDependency[Frame], licence_service: NamedDependency[LicenceService]
    ) -> Template:
        licence = await licence_service.status()
        badge, label = STATE_LOOK.get(licence.state, ("warn", licence.state.capitalize()))
        return frame.render(
            "owner/licence.html",
            title="Licence & AMC",
            licence=licence,
            state_badge=badge,
            state_label=label,
            state_explanation=sentence(licence.message),
        )
