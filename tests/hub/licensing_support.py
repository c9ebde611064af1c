"""A platform to drive subscriptions through time: migrated hub resources, a movable clock.

`LicensingHub` runs the subscription service and the licence issuer on embedded (SQLite,
in-process store) or production (MariaDB + Redis) resources; the issuer's clock is a
`MovableClock` the test sets, and every service call is given the same day, so nothing depends
on the wall clock.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import pytest

from hub.core.resources import HubResources, build_resources
from hub.domain.context import PlatformContext
from hub.domain.licence.issuer import LicenceIssuer
from hub.domain.licence.standing import SHOP_TIME_ZONE
from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.operator.schemas import ShopCreate
from hub.domain.operator.service import OperatorService
from hub.settings import CacheSettings, DatabaseSettings, HubSettings, StorageSettings, async_url
from hub.storage import database

T = TypeVar("T")


class MovableClock:
    """Noon in the shop on the day it is set to (UTC instant), for the issuer."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> datetime:
        return datetime.combine(self.day, time(12, 0), SHOP_TIME_ZONE).astimezone(UTC)


@dataclass
class LicensingHub:
    settings: HubSettings
    clock: MovableClock

    def run(self, work: Callable[[HubResources], Awaitable[T]]) -> T:
        """Run `work` on fresh resources whose issuer reads `self.clock`; closed afterwards."""

        async def go() -> T:
            resources = build_resources(self.settings)
            resources.licences = LicenceIssuer(
                resources.licences.key,
                resources.sessions,
                resources.cache,
                support_contact=resources.licences.support_contact,
                cache_seconds=60,
                now=self.clock,
            )
            try:
                return await work(resources)
            finally:
                await resources.close()

        return asyncio.run(go())

    def service(self, call: Callable[[SubscriptionService], Awaitable[T]]) -> T:
        async def work(resources: HubResources) -> T:
            async with resources.sessions.platform() as session:
                context = PlatformContext(session=session, principal=None, resources=resources)
                return await call(SubscriptionService(context))

        return self.run(work)

    def create_shop(self, name: str, code: str, on: date, **extra: Any) -> uuid.UUID:
        async def work(resources: HubResources) -> uuid.UUID:
            async with resources.sessions.platform() as session:
                context = PlatformContext(session=session, principal=None, resources=resources)
                created = await OperatorService(context).create_shop(
                    ShopCreate(
                        name=name,
                        state_code="27",
                        address="1 Test Road, Pune",
                        owner_name="Test Owner",
                        login_code=code,
                        **extra,
                    ),
                    on=on,
                )
            return created.shop.id

        return self.run(work)

    def token(self, shop_id: uuid.UUID) -> str:
        async def work(resources: HubResources) -> str:
            return await resources.licences.token_for(shop_id)

        return self.run(work)


def embedded_licensing_settings(folder: Path) -> HubSettings:
    return HubSettings.embedded(folder)


def production_licensing_settings(folder: Path, mariadb_url: str, redis_url: str) -> HubSettings:
    return HubSettings(
        database=DatabaseSettings(url=async_url(mariadb_url), pool_size=2),
        cache=CacheSettings(redis_url=redis_url, namespace=f"t{uuid.uuid4().hex[:8]}"),
        storage=StorageSettings(local_root=folder / "files"),
        data_dir=folder,
    )


BACKENDS = (
    pytest.param("embedded", id="embedded"),
    pytest.param("production", id="production", marks=pytest.mark.integration),
)


@pytest.fixture(params=BACKENDS)
def licensing_hub(request: pytest.FixtureRequest, tmp_path: Path) -> LicensingHub:
    """An empty, migrated hub (no demo shop) on SQLite, or on MariaDB + Redis."""
    folder = tmp_path / "hub"
    folder.mkdir()
    if request.param == "embedded":
        settings = embedded_licensing_settings(folder)
    else:
        settings = production_licensing_settings(
            folder,
            request.getfixturevalue("mariadb_url"),
            request.getfixturevalue("redis_url"),
        )
    database.migrate(settings.database.migration_url)
    return LicensingHub(settings=settings, clock=MovableClock(date(2026, 4, 1)))


__all__ = ["LicensingHub", "MovableClock", "licensing_hub"]
