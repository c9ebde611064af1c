"""The owner manages the shop's people: add, change name or role, reset a password, switch off.

A password the hub makes up (a new member with the box left empty, or a reset) is shown on the
page answering the POST and nowhere else; the owner tells it to the person, who signs in with
it on the web and at the counter.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Final

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_400_BAD_REQUEST

from hub.domain.staff.schemas import StaffCreate, StaffUpdate
from hub.domain.staff.service import StaffService
from hub.security.guards import requires_owner
from hub.security.passwords import generate_password
from hub.security.principal import StaffPrincipal
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, error, field_errors, form_values, sentence, success
from hub.web.roles import ROLE_CHOICES, ROLE_LABELS
from shared.errors import InvalidInput
from shared.tables.vocabulary import Role

CREATE_FIELDS: Final = ("display_name", "username", "role", "password")
_ROLE_BY_VALUE: Final = {role.value: role for role in Role}


@dataclass(frozen=True, slots=True)
class ShownPassword:
    """A password shown once to the owner, and whose it is."""

    display_name: str
    password: str


def _role(text: str) -> Role:
    role = _ROLE_BY_VALUE.get(text.strip().lower())
    if role is None:
        raise InvalidInput("choose a role: sales, accounts or owner", "role")
    return role


class StaffController(PageController):
    path = "/staff"
    guards = [requires_owner]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @staticmethod
    async def _page(
        frame: Frame,
        staff_service: StaffService,
        *,
        form: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        new_password: ShownPassword | None = None,
        status_code: int = HTTP_200_OK,
    ) -> Template:
        principal = frame.request.user
        me_id = principal.user_id if isinstance(principal, StaffPrincipal) else None
        return frame.render(
            "owner/staff.html",
            title="Staff",
            status_code=status_code,
            staff=await staff_service.list_members(),
            me_id=me_id,
            roles=ROLE_CHOICES,
            role_labels=ROLE_LABELS,
            form=form or {"display_name": "", "username": "", "role": Role.SALES.value},
            errors=errors or {},
            new_password=new_password,
        )

    @get("/", name="web.staff")
    async def show(
        self, frame: NamedDependency[Frame], staff_service: NamedDependency[StaffService]
    ) -> Template:
        return await self._page(frame, staff_service)

    @post("/", name="web.staff.create")
    async def create(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        staff_service: NamedDependency[StaffService],
    ) -> Template:
        typed = form_values(await request.form(), *CREATE_FIELDS)
        made_up = not typed["password"]
        password = generate_password() if made_up else typed["password"]
        typed.pop("password")
        try:
            created = await staff_service.create(
                StaffCreate(
                    username=typed["username"],
                    display_name=typed["display_name"],
                    role=_role(typed["role"]),
                    password=password,
                )
            )
        except InvalidInput as problem:
            return await self._page(
                frame,
                staff_service,
                form=typed,
                errors=field_errors(problem, CREATE_FIELDS),
                status_code=HTTP_400_BAD_REQUEST,
            )
        frame.flashes.append(
            success(f"{created.display_name} can now sign in as “{created.username}”.")
        )
        shown = ShownPassword(created.display_name, password) if made_up else None
        return await self._page(
            frame, staff_service, new_password=shown, status_code=HTTP_201_CREATED
        )

    @post("/{user_id:uuid}", name="web.staff.update")
    async def update(
        self,
        user_id: FromPath[uuid.UUID],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        staff_service: NamedDependency[StaffService],
    ) -> Redirect:
        typed = form_values(await request.form(), "display_name", "role")
        try:
            changed = await staff_service.update(
                user_id,
                StaffUpdate(display_name=typed["display_name"], role=_role(typed["role"])),
            )
        except InvalidInput as problem:
            return frame.redirect("/staff", error(sentence(problem.reason)))
        return frame.redirect("/staff", success(f"{changed.display_name}'s details are saved."))

    @post("/{user_id:uuid}/password", name="web.staff.reset_password")
    async def reset_password(
        self,
        user_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        staff_service: NamedDependency[StaffService],
    ) -> Template:
        member = await staff_service.get(user_id)
        password = generate_password()
        await staff_service.reset_password(user_id, password)
        frame.flashes.append(success(f"{member.display_name} has a new password."))
        return await self._page(
            frame, staff_service, new_password=ShownPassword(member.display_name, password)
        )

    @post("/{user_id:uuid}/deactivate", name="web.staff.deactivate")
    async def deactivate(
        self,
        user_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        staff_service: NamedDependency[StaffService],
    ) -> Redirect:
        return await self._switch(user_id, frame, staff_service, active=False)

    @post("/{user_id:uuid}/activate", name="web.staff.activate")
    async def activate(
        self,
        user_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        staff_service: NamedDependency[StaffService],
    ) -> Redirect:
        return await self._switch(user_id, frame, staff_service, active=True)

    @staticmethod
    async def _switch(
        user_id: uuid.UUID,
        frame: Frame,
        staff_service: StaffService,
        *,
        active: bool,
    ) -> Redirect:
        try:
            changed = await staff_service.update(user_id, StaffUpdate(is_active=active))
        except InvalidInput as problem:
            return frame.redirect("/staff", error(sentence(problem.reason)))
        if active:
            return frame.redirect("/staff", success(f"{changed.display_name} can sign in again."))
        return frame.redirect(
            "/staff", success(f"{changed.display_name} can no longer sign in anywhere.")
        )
