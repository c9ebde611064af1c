"""Staff management. Users replicate to counters (they sign in offline), so every change is
stamped, audited and fed; nobody is ever deleted (invoices name the salesperson), only
switched off."""

from __future__ import annotations

import re
import uuid
from typing import Final

from litestar.exceptions import NotFoundException
from sqlalchemy import func, select

from hub.domain.changes import snapshot
from hub.domain.context import TenantContext
from hub.domain.licence.standing import user_limit
from hub.domain.shops.validation import required_text
from hub.domain.staff.schemas import StaffCreate, StaffMember, StaffUpdate
from hub.security.passwords import check_new_password, hash_password
from hub.storage.hub_tables import Plan, Tenant
from shared.errors import InvalidInput
from shared.tables import User
from shared.tables.vocabulary import ChangeOp, Role

_USERNAME: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def member(user: User) -> StaffMember:
    return StaffMember(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        is_active=user.is_active,
        created_at=user.created_at,
        updated_at=user.updated_at,
    )


def clean_username(text: str) -> str:
    name = text.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidInput(
            "a username is 2-64 letters, digits, dots, dashes or underscores", "username"
        )
    return name


class StaffService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def list_members(self) -> list[StaffMember]:
        users = await self.session.scalars(select(User).order_by(User.display_name))
        return [member(user) for user in users]

    async def _user(self, user_id: uuid.UUID) -> User:
        user = await self.session.get(User, (self.context.shop_id, user_id))
        if user is None:
            raise NotFoundException("no such member of staff in this shop")
        return user

    async def get(self, user_id: uuid.UUID) -> StaffMember:
        return member(await self._user(user_id))

    async def _audit(self, action: str, user: User, before: dict[str, object] | None) -> None:
        user.hlc = self.context.resources.clock.stamp()
        await self.context.record(
            action,
            user,
            before,
            op=ChangeOp.INSERT if before is None else ChangeOp.UPDATE,
        )

    async def create(self, new: StaffCreate) -> StaffMember:
        username = clean_username(new.username)
        display_name = required_text(new.display_name, "display_name", 100)
        check_new_password(new.password)
        taken = await self.session.scalar(
            select(func.count()).select_from(User).where(User.username == username)
        )
        if taken:
            raise InvalidInput(
                f"the username {username!r} is already used in this shop", "username"
            )
        await self._check_user_limit(adding=1)
        user = User(
            shop_id=self.context.shop_id,
            username=username,
            display_name=display_name,
            role=new.role.value,
            password_hash=hash_password(new.password),
            is_active=True,
            hlc="",
        )
        self.session.add(user)
        await self._audit("staff.create", user, None)
        await self.session.commit()
        return member(user)

    async def _check_user_limit(self, adding: int) -> None:
        """The plan's user limit counts active staff; reaching it is refused, naming it."""
        row = (
            await self.session.execute(select(Tenant, Plan).join(Plan, Plan.id == Tenant.plan_id))
        ).one_or_none()
        if row is None:
            return
        limit = user_limit(*row)
        if limit is None:
            return
        active = await self.session.scalar(
            select(func.count()).select_from(User).where(User.is_active.is_(True))
        )
        if int(active or 0) + adding > limit:
            raise InvalidInput(
                f"this shop's plan allows {limit} active staff; deactivate someone or upgrade "
                "the plan",
                "username",
            )

    async def _owners_left_after(self, user: User, role: Role, active: bool) -> int:
        others = await self.session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.OWNER.value, User.is_active.is_(True), User.id != user.id)
        )
        return int(others or 0) + (1 if role is Role.OWNER and active else 0)

    async def update(self, user_id: uuid.UUID, change: StaffUpdate) -> StaffMember:
        user = await self._user(user_id)
        before = snapshot(user)
        role = change.role or Role(user.role)
        active = user.is_active if change.is_active is None else change.is_active
        if await self._owners_left_after(user, role, active) == 0:
            raise InvalidInput("the shop must keep at least one active owner", "role")
        if user.id == self.context.principal.user_id and not active:
            raise InvalidInput("you cannot switch off your own login", "is_active")
        if active and not user.is_active:
            await self._check_user_limit(adding=1)
        if change.display_name is not None:
            user.display_name = required_text(change.display_name, "display_name", 100)
        user.role, user.is_active = role.value, active
        if snapshot(user) != before:
            await self._audit("staff.update", user, before)
            await self.session.commit()
        return member(user)

    async def reset_password(self, user_id: uuid.UUID, password: str) -> None:
        check_new_password(password)
        user = await self._user(user_id)
        before = snapshot(user)
        user.password_hash = hash_password(password)
        await self._audit("staff.password", user, before)
        await self.session.commit()
