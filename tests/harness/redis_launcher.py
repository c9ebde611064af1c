"""A throwaway Redis on loopback with persistence off (`--save ''`), data folder in temp."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import redis

from tests.harness.packages import REDIS_SERVER, PackagesMissing, find_program
from tests.harness.processes import (
    LOOPBACK,
    RunningServer,
    launch,
    start_on_free_port,
    wait_until_ready,
)


def server_version(url: str) -> str:
    """The `redis_version` the server reports in INFO."""
    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        return str(client.info("server")["redis_version"])
    finally:
        client.close()


def _answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False
    finally:
        client.close()


def start_redis() -> RunningServer:
    binary = find_program("redis-server")
    if binary is None:
        raise PackagesMissing(
            f"redis-server is not installed: `apt-get install {REDIS_SERVER.name}`"
        )
    folder = Path(tempfile.mkdtemp(prefix="boolagold-redis-"))

    def start(port: int) -> RunningServer:
        process = launch(
            "Redis",
            [
                binary,
                "--port",
                str(port),
                "--bind",
                LOOPBACK,
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(folder),
            ],
            log=folder / "redis.log",
            cwd=folder,
        )
        url = f"redis://{LOOPBACK}:{port}/0"
        wait_until_ready(process, lambda: _answers(url))
        return RunningServer(
            kind="redis",
            product="Redis",
            version=server_version(url),
            url=url,
            process=process,
            folder=folder,
        )

    try:
        return start_on_free_port("Redis", start)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
