"""GET /api/health[/database|/cache|/storage]: status and latency, 503 when a part is down.

A load balancer polls /api/health; each part has its own route so an alert says which one.
Every probe has a time limit: a hung dependency must turn into "down", not a hung check.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

import anyio
import msgspec
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from hub.core.options import PUBLIC
from hub.core.resources import HubResources

PROBE_SECONDS: Final = 3.0


class PartHealth(msgspec.Struct):
    name: str
    status: str
    """ok or down."""
    latency_ms: float | None
    backend: str
    error: str | None = None


class HubHealth(msgspec.Struct):
    status: str
    instance: str
    parts: list[PartHealth]


async def _probe(name: str, backend: str, check: Callable[[], Awaitable[float]]) -> PartHealth:
    try:
        with anyio.fail_after(PROBE_SECONDS):
            latency = await check()
    except Exception as error:  # any failure at all means the part is down
        reason = "timed out" if isinstance(error, TimeoutError) else type(error).__name__
        return PartHealth(name=name, status="down", latency_ms=None, backend=backend, error=reason)
    return PartHealth(name=name, status="ok", latency_ms=round(latency, 2), backend=backend)


async def database_health(resources: HubResources) -> PartHealth:
    backend = resources.database.writer.dialect.name
    return await _probe("database", backend, resources.database.ping)


async def cache_health(resources: HubResources) -> PartHealth:
    backend = "redis" if resources.redis is not None else "memory"
    return await _probe("cache", backend, resources.ping_cache)


async def storage_health(resources: HubResources) -> PartHealth:
    return await _probe("storage", resources.files.name, resources.files.ping)


def _answer(part: PartHealth) -> Response[PartHealth]:
    code = HTTP_200_OK if part.status == "ok" else HTTP_503_SERVICE_UNAVAILABLE
    return Response(part, status_code=code)


class HealthController(Controller):
    path = "/api/health"
    tags = ("operations",)
    opt = PUBLIC

    @get("/")
    async def overall(self, resources: NamedDependency[HubResources]) -> Response[HubHealth]:
        parts = [
            await database_health(resources),
            await cache_health(resources),
            await storage_health(resources),
        ]
        healthy = all(part.status == "ok" for part in parts)
        return Response(
            HubHealth(
                status="ok" if healthy else "down",
                instance=resources.settings.instance_name,
                parts=parts,
            ),
            status_code=HTTP_200_OK if healthy else HTTP_503_SERVICE_UNAVAILABLE,
        )

    @get("/live", sync_to_thread=False)
    def live(self) -> dict[str, str]:
        """Liveness: the process answers, touching no part (an orchestrator restarts the process
        only when this fails; `/api/health` is readiness). Also the framework's floor on this
        worker, which the empty-pull benchmark compares against."""
        return {"status": "ok"}

    @get("/database")
    async def database(self, resources: NamedDependency[HubResources]) -> Response[PartHealth]:
        return _answer(await database_health(resources))

    @get("/cache")
    async def cache(self, resources: NamedDependency[HubResources]) -> Response[PartHealth]:
        return _answer(await cache_health(resources))

    @get("/storage")
    async def storage(self, resources: NamedDependency[HubResources]) -> Response[PartHealth]:
        return _answer(await storage_health(resources))
