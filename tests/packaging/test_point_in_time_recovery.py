"""RPO 1 h: the nightly dump plus the server's binary logs bring back writes made after the dump.

Follows docs/operations.md ("Recovery objectives") step by step on a MariaDB that keeps binary
logs: `hub backup` records the log position (`--master-data=2`), writes continue, the logs are
copied off the server with `mariadb-binlog --read-from-remote-server --raw`, the database is
lost, `hub restore` brings back the dump and `mariadb-binlog --start-position` replays the logs
up to the moment before the loss.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hub.ops.backup import BackupService, hub_database
from hub.ops.backup_mariadb import CLIENT_PROGRAMS, find_program
from hub.ops.backup_settings import BackupSettings
from hub.ops.backup_store import LocalBackupStore
from hub.storage import database
from tests.harness import mariadb
from tests.harness.packages import MARIADB_SERVER, ensure_packages
from tests.harness.processes import RunningServer, launch

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def binlog_server() -> Iterator[str]:
    """A MariaDB of our own that keeps binary logs (the suite's shared one runs without them).

    It is the harness's server with `--skip-log-bin` swapped for `--log-bin`, so it is set up,
    reached and stopped exactly like the shared one.
    """
    ensure_packages([MARIADB_SERVER])
    swapped: list[bool] = []

    def launch_with_binlogs(name: str, argv: Sequence[str], **kwargs: Any) -> Any:
        # A bare name: the logs go in the server's own data folder.
        changed = ["--log-bin=hub-bin" if part == "--skip-log-bin" else part for part in argv]
        swapped.append(changed != list(argv))
        return launch(name, [*changed, "--server-id=1", "--binlog-format=ROW"], **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tests.harness.mariadb.launch", launch_with_binlogs)
        server: RunningServer = mariadb.start_mariadb()
    try:
        assert swapped == [True], "the harness no longer starts MariaDB with --skip-log-bin"
        yield server.url
    finally:
        server.stop()


def _client(url: str, *arguments: str, stdin: bytes | None = None) -> bytes:
    parsed = make_url(url)
    argv = [
        find_program(CLIENT_PROGRAMS),
        f"--host={parsed.host}",
        f"--port={parsed.port}",
        f"--user={parsed.username}",
        f"--password={parsed.password}",  # a throwaway test server's random password
        *arguments,
    ]
    done = subprocess.run(argv, input=stdin, capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def _binlog_program() -> str:
    return find_program(("mariadb-binlog", "mysqlbinlog"))


def _plans(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(text("SELECT code FROM plan")).scalars())
    finally:
        engine.dispose()


def _add_plan(url: str, code: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO plan (id, code, name, kind, terminal_limit, amc_months, "
                    "grace_days, trial_days, price_paise, is_active, created_at, updated_at) "
                    "VALUES (:id, :code, :code, 'amc', 2, 12, 15, 30, 1000000, 1, "
                    "UTC_TIMESTAMP(), UTC_TIMESTAMP())"
                ),
                {"id": uuid.uuid4().hex, "code": code},
            )
    finally:
        engine.dispose()


def test_writes_after_the_nightly_dump_come_back_from_the_binary_logs(
    binlog_server: str, tmp_path: Path
) -> None:
    url = mariadb.create_database(binlog_server, f"pitr_{uuid.uuid4().hex[:12]}")
    name = make_url(url).database
    assert name is not None
    database.migrate(url)
    _add_plan(url, "before-dump")
    settings = BackupSettings(instance="hub", local_root=tmp_path / "files")
    service = BackupService(
        hub_database(url), LocalBackupStore(settings), settings, lambda _line: None
    )
    done = service.backup()

    with gzip.open(tmp_path / "files" / done.key, "rt") as dump:
        dump_head = dump.read(20_000)
    found = re.search(r"MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+)", dump_head)
    assert found is not None, "the dump does not record its binary log position"
    first_log, position = found.group(1), int(found.group(2))

    _add_plan(url, "after-dump-1")  # written in the "lost" hour after the dump
    _add_plan(url, "after-dump-2")
    status = _client(binlog_server, "-N", "-e", "SHOW MASTER STATUS").decode().split()
    last_log = status[0]
    # Shipping: copy the logs off the server as they are (what runs hourly or continuously).
    shipped = tmp_path / "binlogs"
    shipped.mkdir()
    parsed = make_url(binlog_server)
    subprocess.run(
        [
            _binlog_program(),
            "--read-from-remote-server",
            "--raw",
            f"--host={parsed.host}",
            f"--port={parsed.port}",
            f"--user={parsed.username}",
            f"--password={parsed.password}",
            f"--result-file={shipped}/",
            "--to-last-log",
            first_log,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    stop = int(status[1])  # the moment before the loss

    # The loss: every table gone.
    _client(binlog_server, "-e", f"DROP DATABASE `{name}`; CREATE DATABASE `{name}`")

    service.restore(service.latest_key(), force=False)
    assert _plans(url) == ["before-dump"]
    logs = sorted(path for path in shipped.iterdir() if path.name <= last_log)
    replay = subprocess.run(
        [
            _binlog_program(),
            f"--start-position={position}",
            f"--stop-position={stop}",
            f"--database={name}",
            *map(str, logs),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    _client(binlog_server, name, stdin=replay)
    assert _plans(url) == ["after-dump-1", "after-dump-2", "before-dump"]
