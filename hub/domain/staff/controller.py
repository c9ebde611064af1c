"""/api/staff: the owner manages the shop's logins (no delete: switch a login off instead)."""

from __future__ import annotations

import uuid

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from hub.domain.staff.schemas import PasswordReset, StaffCreate, StaffMember, StaffUpdate
from hub.domain.staff.service import StaffService
from hub.security.guards import requires_owner


class StaffController(Controller):
    path = "/api/staff"
    tags = ("staff",)
    guards = (requires_owner,)

    @get("/")
    async def list_staff(self, staff_service: NamedDependency[StaffService]) -> list[StaffMember]:
        return await staff_service.list_members()

    @post("/")
    async def create(
        self, data: JSONBody[StaffCreate], staff_service: NamedDependency[StaffService]
    ) -> StaffMember:
        return await staff_service.create(data)

    @get("/{user_id:uuid}")
    async def get_member(
        self, user_id: FromPath[uuid.UUID], staff_service: NamedDependency[StaffService]
    ) -> StaffMember:
        return await staff_service.get(user_id)

    @patch("/{user_id:uuid}")
    async def update(
        self,
        user_id: FromPath[uuid.UUID],
        data: JSONBody[StaffUpdate],
        staff_service: NamedDependency[StaffService],
    ) -> StaffMember:
        return await staff_service.update(user_id, data)

    @post("/{user_id:uuid}/password", status_code=HTTP_204_NO_CONTENT)
    async def reset_password(
        self,
        user_id: FromPath[uuid.UUID],
        data: JSONBody[PasswordReset],
        staff_service: NamedDependency[StaffService],
    ) -> None:
        await staff_service.reset_password(user_id, data.password)
