"""Fault scenarios 4, 5 and 11: a counter killed mid-sync again and again, the hub killed during
a push, and the hub's database restored from an older backup. Each ends with the comparison."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.faults.cluster import BOOLAGOLD, COUNTER_ENV, compare, sell_piece
from tests.faults.proxy import Mode
from tests.faults.scenarios import open_shop
from tests.hub.fixtures import LiveHub, clone_mariadb, start_live_hub

pytestmark = pytest.mark.integration

KILLS = int(os.environ.get("BOOLAGOLD_FAULT_KILLS", "50"))


def test_a_counter_killed_at_random_points_during_sync_loses_and_duplicates_nothing(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GK", 30)
        shop.proxy.set(Mode.REFUSE)
        for code in codes[:6]:
            sell_piece(a, code, tmp_path)
        shop.proxy.set(Mode.DELAY, delay=0.05)  # every exchange takes a little while
        rng = random.Random(20261125)
        killed_mid_way = 0
        for _ in range(KILLS):
            process = subprocess.Popen(
                [BOOLAGOLD, "counter", "--data-dir", str(a.data_dir), "sync"],
                env={**os.environ, **COUNTER_ENV},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.05, 1.2))
            if process.poll() is None:
                killed_mid_way += 1
            process.send_signal(signal.SIGKILL)
            process.wait()
        shop.proxy.set(Mode.PASS)
        shop.sync_all()
        engine = shop.hub_engine()
        try:
            print(f"\n{KILLS} kills ({killed_mid_way} while sync was running)")
            print(compare(engine, shop.counters, shop.shop_id))
        finally:
            engine.dispose()
        check = a.engine()
        try:
            with check.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        finally:
            check.dispose()


def test_the_hub_killed_during_a_push_and_restarted(
    live_hub_production: LiveHub, tmp_path: Path
) -> None:
    with open_shop(live_hub_production, tmp_path) as shop:
        a = shop.counters[0]
        codes = shop.tag(a, "GH", 6)
        shop.sync_all()
        shop.proxy.set(Mode.REFUSE)
        for code in codes[:3]:
            sell_piece(a, code, tmp_path)
        shop.proxy.set(Mode.DELAY, delay=1.0)
        pushing = subprocess.Popen(
            [BOOLAGOLD, "counter", "--data-dir", str(a.data_dir), "sync"],
            env={**os.environ, **COUNTER_ENV},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(2.0)  # the push is on its way (or applied, its answer in flight)
        live_hub_production.process.stop()  # SIGTERM, then SIGKILL: the hub is gone
        assert pushing.wait(timeout=60) == 3  # the counter says: unreachable, nothing lost
        restarted = start_live_hub(live_hub_production.settings, tmp_path / "hub-again.log")
        try:
            shop.proxy.upstream = ("127.0.0.1", int(restarted.url.rsplit(":", 1)[1]))
            shop.proxy.set(Mode.PASS)
            shop.sync_all()
            engine = shop.hub_engine()
            try:
                print("\n" + compare(engine, shop.counters, shop.shop_id))
            finally:
                engine.dispose()
        finally:
            restarted.process.stop()


def test_a_hub_restored_from_an_hour_old_backup_gets_every_lost_record_again(
    live_hub_production: LiveHub, tmp_path: Path, mariadb_server_url: str
) -> None:
    from tests.harness import mariadb  # noqa: PLC0415

    with open_shop(live_hub_production, tmp_path) as shop:
        a, b = shop.counters
        codes = shop.tag(a, "GR", 6)
        shop.sync_all()
        sell_piece(a, codes[0], tmp_path)
        shop.sync_all()
        live_url = live_hub_production.settings.database.migration_url
        hub_db = live_url.rsplit("/", 1)[1].split("?")[0]
        backup_db = f"backup_{hub_db[-20:]}"
        backup_url = mariadb.create_database(mariadb_server_url, backup_db)
        clone_mariadb(hub_db, backup_url)  # "an hour ago"
        sell_piece(a, codes[1], tmp_path)
        sell_piece(b, codes[2], tmp_path)
        shop.sync_all()

        live_hub_production.process.stop()
        engine = create_engine(live_url)
        with engine.begin() as connection:
            connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")
            for (table,) in connection.exec_driver_sql("SHOW TABLES").all():
                connection.exec_driver_sql(f"DROP TABLE `{table}`")
        engine.dispose()
        clone_mariadb(backup_db, live_url)  # the restore: two invoices are lost on the hub
        mariadb.drop_database(mariadb_server_url, backup_db)
        restarted = start_live_hub(live_hub_production.settings, tmp_path / "hub-restored.log")
        try:
            shop.proxy.upstream = ("127.0.0.1", int(restarted.url.rsplit(":", 1)[1]))
            shop.sync_all(rounds=3)
            engine = shop.hub_engine()
            try:
                print("\n" + compare(engine, shop.counters, shop.shop_id))
            finally:
                engine.dispose()
        finally:
            restarted.process.stop()
