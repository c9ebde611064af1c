"""The hub's shared resources: database engines, key/value stores, file storage, licences.

Built by `create_app` (no connection is made until first use) and closed on shutdown. With
REDIS_URL the stores (rate limits, login throttling, cache) live in Redis, so any number of
instances share them; without it they are in-process, which is right for one embedded hub.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from litestar.stores.registry import StoreRegistry
from redis.asyncio import Redis

from hub.db.engines import Database, open_database
from hub.db.tenancy import SessionFactory
from hub.domain.changes import HubClock
from hub.domain.licence.issuer import LicenceIssuer
from hub.domain.licence.keys import load_or_create_signing_key
from hub.exports.links import link_key
from hub.files.storage import FileStorage, open_file_storage
from hub.security.throttle import LoginThrottle
from hub.settings import HubSettings


@dataclass(slots=True)
class CacheStats:
    """Hits and misses of the hub's read cache (the metrics' hit ratio)."""

    hits: int = 0
    misses: int = 0


@dataclass(slots=True, weakref_slot=True, eq=False)
class HubResources:
    settings: HubSettings
    database: Database
    sessions: SessionFactory
    stores: StoreRegistry
    files: FileStorage
    licences: LicenceIssuer
    """Signs each shop's licence (`token_for(shop_id)`); `forget(shop_id)` after a change."""
    redis: Redis | None = None
    cache_stats: CacheStats = field(default_factory=CacheStats)
    clock: HubClock = field(default_factory=HubClock)

    @property
    def cache(self) -> Store:
        return self.stores.get("cache")

    def login_throttle(self) -> LoginThrottle:
        return LoginThrottle(
            store=self.stores.get("login"),
            max_failures=self.settings.auth.login_max_failures,
            lockout_seconds=self.settings.auth.login_lockout_seconds,
        )

    async def ping_cache(self) -> float:
        started = time.perf_counter()
        if self.redis is not None:
            await self.redis.ping()
        else:
            await self.cache.set("health", b"ok", expires_in=5)
        return (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        await self.database.dispose()
        if self.redis is not None:
            await self.redis.aclose()


def _store_registry(settings: HubSettings, redis: Redis | None) -> StoreRegistry:
    prefix = settings.cache.namespace

    def factory(name: str) -> Store:
        if redis is None:
            return MemoryStore()
        return RedisStore(redis, namespace=f"{prefix}:{name}")

    return StoreRegistry(default_factory=factory)


def build_resources(settings: HubSettings) -> HubResources:
    database = open_database(settings.database)
    redis = (
        Redis.from_url(settings.cache.redis_url, socket_connect_timeout=2, socket_timeout=2)
        if settings.cache.redis_url
        else None
    )
    sessions = SessionFactory(database.writer, database.reader)
    stores = _store_registry(settings, redis)
    return HubResources(
        settings=settings,
        database=database,
        sessions=sessions,
        stores=stores,
        files=open_file_storage(settings.storage, link_key(settings.auth.jwt_secret)),
        licences=LicenceIssuer(
            load_or_create_signing_key(settings),
            sessions,
            stores.get("cache"),
            support_contact=settings.licence.support_contact,
            cache_seconds=settings.licence.cache_seconds,
        ),
        redis=redis,
    )
