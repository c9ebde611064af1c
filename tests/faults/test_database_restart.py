"""Fault scenario 5, second half: MariaDB is stopped during a push and started again.

The hub runs on a MariaDB of this test's own (its own mariadbd, data folder and port, so
stopping it disturbs no other test), with the harness's Redis and S3. Two counters bill offline,
then push; another database session holds the rows every push locks first, so both pushes are
caught inside the hub's open transaction when the database goes away: once with SIGTERM (a clean
shutdown), once with SIGKILL (a crash; InnoDB rolls the open transactions back at restart).
While the database is down the hub keeps running and answers 5xx, the counters keep billing and
say "unreachable, nothing lost", and counter B's background sync backs off and retries by itself.
When the database is back, the SAME hub process (its connection pool re-validated by
pool_pre_ping) takes the pushes again, and the scenario ends with the row-by-row comparison and
gapless series.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pymysql
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from tests.faults.cluster import BOOLAGOLD, COUNTER_ENV, Counter, compare, sell_piece
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.harness import mariadb
from tests.harness.processes import (
    LOOPBACK,
    RunningServer,
    ServerProcess,
    launch,
    wait_until_ready,
)
from tests.hub.fixtures import LiveHub, production_settings, start_live_hub

pytestmark = pytest.mark.integration

UNREACHABLE: Final = 3
"""`boolagold counter sync` exit status: the hub could not be reached, nothing was lost."""
RECOVERY_SECONDS: Final = float(os.environ.get("BOOLAGOLD_FAULT_RECOVERY", "120"))


@dataclass
class PrivateMariaDB:
    """A mariadbd of this test's own, which it may stop and start again on the same port and
    data folder (the way an operator restarts the database under a running hub)."""

    server: RunningServer
    restarts: int = 0

    @property
    def process(self) -> ServerProcess:
        return self.server.process

    def answers(self) -> bool:
        url = make_url(self.server.url)
        try:
            connection = pymysql.connect(
                host=url.host or LOOPBACK,
                port=url.port or 3306,
                user=url.username or "",
                password=url.password or "",
                connect_timeout=2,
            )
        except pymysql.err.OperationalError:
            return False
        connection.close()
        return True

    def stop(self, how: signal.Signals) -> None:
        """Send `how` to mariadbd and wait until it is gone (SIGTERM: a clean shutdown;
        SIGKILL: a crash, InnoDB recovers at the next start)."""
        os.killpg(self.process.pid, how)
        assert self.process.process is not None
        self.process.process.wait(timeout=60)
        assert not self.answers()

    def start_again(self) -> None:
        """The same command line: the same port, data folder and users."""
        previous = self.process.process
        assert previous is not None
        args = previous.args
        assert isinstance(args, list)
        argv = [str(part) for part in args]
        self.restarts += 1
        self.server.process = launch(
            "MariaDB", argv, log=self.server.folder / "mariadbd.log", cwd=self.server.folder
        )
        wait_until_ready(self.server.process, self.answers)


@pytest.fixture
def private_mariadb() -> Iterator[PrivateMariaDB]:
    server = mariadb.start_mariadb()
    try:
        yield PrivateMariaDB(server)
    finally:
        server.stop()


@pytest.fixture
def hub_on_private_db(
    private_mariadb: PrivateMariaDB,
    redis_url: str,
    s3_endpoint_url: str,
    s3_bucket: str,
    tmp_path: Path,
) -> Iterator[LiveHub]:
    url = mariadb.create_database(private_mariadb.server.url, "hub_restart")
    settings = production_settings(tmp_path / "hub", url, redis_url, s3_endpoint_url, s3_bucket)
    live = start_live_hub(settings, tmp_path / "hub.log")
    try:
        yield live
    finally:
        live.process.stop()


def background_sync(counter: Counter, out: Path) -> subprocess.Popen[bytes]:
    """`boolagold counter sync --loop`: the counter's own background sync, as in the window."""
    with out.open("wb") as sink, out.with_suffix(".log").open("wb") as errors:
        return subprocess.Popen(
            [
                BOOLAGOLD,
                "counter",
                "--data-dir",
                str(counter.data_dir),
                "sync",
                "--loop",
                "--interval",
                "1",
            ],
            # Unbuffered: each status line reaches the file as it is printed.
            env={**os.environ, **COUNTER_ENV, "PYTHONUNBUFFERED": "1"},
            stdout=sink,
            stderr=errors,
        )


def statuses(out: Path) -> list[dict[str, Any]]:
    """The status objects the background sync printed so far (indented JSON, one after another;
    an object still being written is left for the next look)."""
    text = out.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    position = 0
    while True:
        start = text.find("{", position)
        if start < 0:
            return found
        try:
            status, position = decoder.raw_decode(text, start)
        except ValueError:
            return found
        if isinstance(status, dict):
            found.append(status)


def pushes_waiting_in_the_database(engine: Engine) -> int:
    """Transactions blocked on a row lock right now (the hub's pushes, behind the blocker)."""
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = :s"),
                {"s": "LOCK WAIT"},
            ).scalar_one()
        )


def database_health(hub: LiveHub) -> int:
    return httpx.get(f"{hub.url}/api/health/database", timeout=10).status_code


def wait_for(
    condition: Any, what: str, timeout: float = RECOVERY_SECONDS, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            said = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
            raise AssertionError(f"not within {timeout:.0f} s: {what}\n{said}")
        time.sleep(0.25)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_mariadb_restarted_during_a_push(
    how: signal.Signals,
    private_mariadb: PrivateMariaDB,
    hub_on_private_db: LiveHub,
    tmp_path: Path,
) -> None:
    hub = hub_on_private_db
    hub_pid = hub.process.pid
    with open_shop(hub, tmp_path) as shop:
        a, b = shop.counters
        codes = shop.tag(a, "GD", 12)
        shop.sync_all()
        # Offline billing on both counters, so each has a batch waiting to be pushed.
        shop.proxy.set(Mode.REFUSE)
        for code in codes[:4]:
            sell_piece(a, code, tmp_path)
        for code in codes[4:7]:
            sell_piece(b, code, tmp_path)

        # The pushes set off and are caught INSIDE the hub's database transaction: another
        # session holds the terminals' sync-state rows, which apply_push locks first, so each
        # push waits in MariaDB, its transaction open, when the database goes away.
        shop.proxy.set(Mode.PASS)
        hub_db = create_engine(hub.settings.database.migration_url, poolclass=NullPool)
        blocker = hub_db.connect()
        blocker.begin()
        held = blocker.execute(text("SELECT shop_id FROM terminal_sync_state FOR UPDATE")).all()
        assert len(held) >= 2
        loop_out = tmp_path / "b-sync.jsonl"
        b_loop = background_sync(b, loop_out)
        try:
            a_push = subprocess.Popen(
                [BOOLAGOLD, "counter", "--data-dir", str(a.data_dir), "sync"],
                env={**os.environ, **COUNTER_ENV},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            wait_for(
                lambda: pushes_waiting_in_the_database(hub_db) >= 2,
                "both pushes are waiting inside the hub's database transaction",
                timeout=60,
            )
            private_mariadb.stop(how)
            with contextlib.suppress(DBAPIError):
                blocker.close()
            hub_db.dispose()
            a_out, a_err = a_push.communicate(timeout=60)
            assert a_push.returncode == UNREACHABLE, a_err
            a_said = json.loads(a_out)["message"]
            print(
                f"\nMariaDB stopped with {how.name} while both pushes were inside the hub's "
                f"transaction; counter A said: {a_said}"
            )

            # The database is down: the hub keeps running and says so; the counters keep
            # billing, and their pushes are answered 5xx (unreachable, nothing lost).
            assert hub.process.running()
            assert database_health(hub) == 503
            for code in codes[7:9]:
                sell_piece(a, code, tmp_path)
            sell_piece(b, codes[9], tmp_path)
            refused = a.sync(check=False)
            assert refused.returncode == UNREACHABLE, refused.stderr
            assert json.loads(refused.stdout)["online"] is False
            wait_for(
                lambda: any(not s["online"] for s in statuses(loop_out)),
                "counter B's background sync reports it is offline",
                log=loop_out.with_suffix(".log"),
            )

            private_mariadb.start_again()
            wait_for(lambda: database_health(hub) == 200, "the hub sees its database again")
            # B's background sync retries by itself (backing off) until everything is sent.
            wait_for(
                lambda: any(s["online"] and s["pending"] == 0 for s in statuses(loop_out)[-1:]),
                "counter B's background sync is back online with nothing waiting",
                log=loop_out.with_suffix(".log"),
            )
        finally:
            b_loop.send_signal(signal.SIGTERM)
            b_loop.wait(timeout=30)
        attempts = 0
        while True:
            attempts += 1
            done = a.sync(check=False)
            if done.returncode == 0:
                break
            assert done.returncode == UNREACHABLE, done.stderr
            assert attempts < 5, f"counter A still cannot sync after {attempts} tries"
            time.sleep(2**attempts)
        offline = sum(1 for s in statuses(loop_out) if not s["online"])
        print(
            f"counter B's background sync: {offline} offline round(s) during the outage, then "
            f"online; counter A synced at attempt {attempts} after the restart"
        )
        shop.sync_all()

        # The same hub process served before and after: its pool recovered by itself.
        assert hub.process.pid == hub_pid
        assert hub.process.running()
        assert private_mariadb.restarts == 1
        engine = shop.hub_engine()
        try:
            print(compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()
