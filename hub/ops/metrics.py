"""Prometheus metrics at /metrics.

Litestar's PrometheusMiddleware counts requests and times them per route template (with a
`shop` label, so the error rate per shop is a query away); a collector adds the database pool
in use and the cache hit ratio of every hub app alive in this process.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any, Final

from litestar import Request
from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from prometheus_client import REGISTRY
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from hub.core.options import PUBLIC
from hub.core.resources import HubResources
from hub.security.principal import StaffPrincipal

PREFIX: Final = "boolagold_hub"
_LIVE: Final[weakref.WeakSet[HubResources]] = weakref.WeakSet()


class _ResourceCollector(Collector):
    def collect(self) -> Iterator[Any]:
        pool = GaugeMetricFamily(
            f"{PREFIX}_db_pool_in_use", "Database connections checked out", labels=["instance"]
        )
        hits = CounterMetricFamily(f"{PREFIX}_cache_hits", "Read-cache hits", labels=["instance"])
        misses = CounterMetricFamily(
            f"{PREFIX}_cache_misses", "Read-cache misses", labels=["instance"]
        )
        ratio = GaugeMetricFamily(
            f"{PREFIX}_cache_hit_ratio", "Read-cache hits / lookups", labels=["instance"]
        )
        for resources in list(_LIVE):
            name = resources.settings.instance_name
            stats = resources.cache_stats
            pool.add_metric([name], resources.database.pool_in_use())
            hits.add_metric([name], stats.hits)
            misses.add_metric([name], stats.misses)
            lookups = stats.hits + stats.misses
            ratio.add_metric([name], stats.hits / lookups if lookups else 0.0)
        yield from (pool, hits, misses, ratio)


class _Registration:
    done = False


def watch(resources: HubResources) -> None:
    """Include `resources` in the gauges (the collector registers once per process)."""
    if not _Registration.done:
        REGISTRY.register(_ResourceCollector())
        _Registration.done = True
    _LIVE.add(resources)


def _shop_label(request: Request[Any, Any, Any]) -> str:
    user = request.scope.get("user")
    return str(user.shop_id) if isinstance(user, StaffPrincipal) else "-"


def prometheus_config() -> PrometheusConfig:
    return PrometheusConfig(
        app_name="boolagold-hub",
        prefix=PREFIX,
        group_path=True,
        labels={"shop": _shop_label},
        exclude=["^/metrics", "^/static"],
    )


class MetricsController(PrometheusController):
    path = "/metrics"
    opt = PUBLIC
    include_in_schema = False
