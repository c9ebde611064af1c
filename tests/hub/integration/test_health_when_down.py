"""Health answers 503, naming the part, when Redis stops; it recovers when Redis returns."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from litestar.testing import TestClient

from hub.app import create_app
from hub.settings import CacheSettings
from tests.harness import redis_launcher
from tests.hub.fixtures import embedded_settings, prepare

pytestmark = pytest.mark.integration


def test_cache_health_turns_503_when_redis_stops(tmp_path: Path) -> None:
    redis = redis_launcher.start_redis()
    try:
        settings = dataclasses.replace(
            embedded_settings(tmp_path / "hub"), cache=CacheSettings(redis_url=redis.url)
        )
        prepare(settings)
        with TestClient(create_app(settings, pages=False)) as client:
            assert client.get("/api/health/cache").json()["backend"] == "redis"
            assert client.get("/api/health").status_code == 200
            redis.stop()
            down = client.get("/api/health/cache")
            assert down.status_code == 503
            assert down.json()["status"] == "down"
            overall = client.get("/api/health")
            assert overall.status_code == 503
            parts = {part["name"]: part["status"] for part in overall.json()["parts"]}
            assert parts == {"database": "ok", "cache": "down", "storage": "ok"}
    finally:
        redis.stop()
