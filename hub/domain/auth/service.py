"""Checking credentials, with throttling and lock-out; the session itself is a JWT cookie."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from hub.core.resources import HubResources
from hub.security.errors import LoginRefused
from hub.security.passwords import verify_password
from hub.security.principal import OperatorPrincipal, StaffPrincipal
from hub.storage.hub_tables import PlatformUser, Tenant
from shared.tables import Shop, User
from shared.tables.vocabulary import Role, ShopStatus

_WRONG = "the shop, username or password is not right"
_WRONG_OPERATOR = "the email or password is not right"


class AuthService:
    def __init__(self, resources: HubResources) -> None:
        self.resources = resources

    async def login_staff(
        self, shop_code: str, username: str, password: str, client: str
    ) -> StaffPrincipal:
        """The staff member, if the shop code, username and password match and both are active.

        Raises LoginRefused (the same words whichever part was wrong, or a lock-out notice).
        """
        code = shop_code.strip().lower()
        name = username.strip().lower()
        throttle = self.resources.login_throttle()
        account = f"staff:{code}:{name}"
        await throttle.check(account, client)
        async with self.resources.sessions.platform() as session:
            row = (
                await session.execute(
                    select(User, Shop.status)
                    .join(Tenant, Tenant.shop_id == User.shop_id)
                    .join(Shop, Shop.id == User.shop_id)
                    .where(Tenant.login_code == code, User.username == name)
                )
            ).one_or_none()
        user, shop_status = (row[0], row[1]) if row is not None else (None, None)
        if user is None or not verify_password(user.password_hash, password):
            await throttle.failed(account, client)
            raise LoginRefused(_WRONG)
        if not user.is_active:
            raise LoginRefused("this login has been switched off by the shop's owner")
        if shop_status != ShopStatus.ACTIVE.value:
            raise LoginRefused("this shop's account is not active: please contact support")
        await throttle.succeeded(account)
        return StaffPrincipal(
            user_id=user.id,
            shop_id=user.shop_id,
            role=Role(user.role),
            username=user.username,
            display_name=user.display_name,
        )

    async def login_operator(self, email: str, password: str, client: str) -> OperatorPrincipal:
        address = email.strip().lower()
        throttle = self.resources.login_throttle()
        account = f"operator:{address}"
        await throttle.check(account, client)
        async with self.resources.sessions.platform() as session:
            operator = (
                await session.scalars(select(PlatformUser).where(PlatformUser.email == address))
            ).one_or_none()
            if operator is None or not verify_password(operator.password_hash, password):
                await throttle.failed(account, client)
                raise LoginRefused(_WRONG_OPERATOR)
            if not operator.is_active:
                raise LoginRefused("this operator login is switched off")
            operator.last_login_at = datetime.now(UTC)
            await session.commit()
        await throttle.succeeded(account)
        return OperatorPrincipal(
            operator_id=operator.id, email=operator.email, display_name=operator.display_name
        )
