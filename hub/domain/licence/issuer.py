"""Signed licence tokens for shops, as counters receive them at enrolment and on every pull.

Pulls ask for a shop's token hundreds of times a second across the platform, so each token is
kept in the hub's cache store (Redis when configured, shared by every instance) for up to
`cache_seconds` (15 minutes by default), never past the shop's next midnight, and dropped the
moment anything that changes it is recorded (a payment, a suspension, a plan change):
`forget(shop_id)`. A cached token reads to a counter as the same licence, since its standing and
dates only change on a recorded event or at midnight. Signing is the costly part of a pull that
finds nothing new, so at 5 000 shops a one-minute cache meant ~80 signatures a second.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from litestar.stores.base import Store
from sqlalchemy import select

from hub.db.tenancy import SessionFactory
from hub.domain.licence.standing import SHOP_TIME_ZONE, ShopStanding, standing_on
from hub.storage.hub_tables import Plan, Tenant
from shared.licence import SigningKey, sign_licence, token_key_id

CACHE_PREFIX: Final = "licence-token:"


class UnknownShop(LookupError):
    """No tenant row for this shop id: there is nothing to sign."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LicenceIssuer:
    """Signs each shop's licence with the hub's one configured key (`kid` travels in the token)."""

    def __init__(
        self,
        key: SigningKey,
        sessions: SessionFactory,
        cache: Store,
        *,
        support_contact: str,
        cache_seconds: int = 900,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.key = key
        self._sessions = sessions
        self._cache = cache
        self.support_contact = support_contact
        self.cache_seconds = cache_seconds
        self._now = now

    @property
    def kid(self) -> str:
        return self.key.kid

    def public_text(self) -> str:
        """``kid=base64``: what a counter puts in BOOLAGOLD_LICENCE_TRUST to trust this hub."""
        return self.key.public_text()

    def today(self) -> date:
        """The shop's date (Asia/Kolkata) by the issuer's clock."""
        return self._now().astimezone(SHOP_TIME_ZONE).date()

    async def token_for(self, shop_id: uuid.UUID) -> str:
        """The shop's signed licence token (cached ~`cache_seconds`); UnknownShop if none."""
        cached = await self._cache.get(self._key(shop_id)) if self.cache_seconds else None
        if cached is not None:
            token = cached.decode("ascii")
            if token_key_id(token) == self.key.kid:  # after a rotation, re-sign at once
                return token
        token = sign_licence((await self.standing(shop_id)).licence, self.key)
        if self.cache_seconds:
            await self._cache.set(self._key(shop_id), token, expires_in=self._cache_for())
        return token

    def _cache_for(self) -> int:
        """`cache_seconds`, cut short at the shop's midnight (a trial may end with the day)."""
        now = self._now().astimezone(SHOP_TIME_ZONE)
        midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=SHOP_TIME_ZONE)
        return max(1, min(self.cache_seconds, int((midnight - now).total_seconds())))

    async def standing(self, shop_id: uuid.UUID) -> ShopStanding:
        """The shop's licence as it would be signed now, with the hub's reading of it."""
        async with self._sessions.platform() as session:
            row = (
                await session.execute(
                    select(Tenant, Plan)
                    .join(Plan, Plan.id == Tenant.plan_id)
                    .where(Tenant.shop_id == shop_id)
                )
            ).one_or_none()
            if row is None:
                raise UnknownShop(f"no licence record for shop {shop_id}")
            tenant, plan = row
            now = self._now()
            return standing_on(
                tenant,
                plan,
                now.astimezone(SHOP_TIME_ZONE).date(),
                issued_at=now,
                support_contact=self.support_contact,
            )

    async def forget(self, shop_id: uuid.UUID) -> None:
        """Drop the cached token: call after committing anything that changes the licence."""
        await self._cache.delete(self._key(shop_id))

    @staticmethod
    def _key(shop_id: uuid.UUID) -> str:
        return f"{CACHE_PREFIX}{shop_id}"


__all__ = ["CACHE_PREFIX", "LicenceIssuer", "UnknownShop"]
