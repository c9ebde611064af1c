"""A throwaway MariaDB: `mariadb-install-db` into a temporary folder, `mariadbd` on loopback.

mariadbd refuses to run as root, so as root the folder is handed to the `mysql` user (which the
Debian package creates) and the server drops to it. With `skip-name-resolve`, TCP logins match
'user'@'127.0.0.1', so the test user is created for exactly that host by an init file.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

import pymysql
from sqlalchemy.engine import URL, make_url

from tests.harness.packages import MARIADB_SERVER, PackagesMissing, find_program
from tests.harness.processes import (
    LOOPBACK,
    RunningServer,
    ServerFailedToStart,
    launch,
    start_on_free_port,
    wait_until_ready,
)

TEST_USER: Final = "boolagold"
SERVER_USER: Final = "mysql"
CHARSET: Final = "utf8mb4"
COLLATION: Final = "utf8mb4_unicode_ci"


def _program(name: str) -> str:
    found = find_program(name)
    if found is None:
        raise PackagesMissing(f"{name} is not installed: `apt-get install {MARIADB_SERVER.name}`")
    return found


def _hand_to_server_user(*paths: Path) -> list[str]:
    """As root: give the folder to `mysql` and return the --user option; otherwise nothing."""
    if os.geteuid() != 0:
        return []
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PackagesMissing(
            f"mariadbd will not run as root and there is no `{SERVER_USER}` user to run it as; "
            f"`apt-get install {MARIADB_SERVER.name}` creates it"
        ) from None
    for path in paths:
        os.chown(path, account.pw_uid, account.pw_gid)
    return [f"--user={SERVER_USER}"]


def server_version(server_url: str) -> str:
    """What the server says it is (`SELECT VERSION()`)."""
    with _connect(make_url(server_url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT VERSION()")
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def _connect(url: URL, database: str | None = None) -> pymysql.Connection[pymysql.cursors.Cursor]:
    return pymysql.connect(
        host=url.host or LOOPBACK,
        port=url.port or 3306,
        user=url.username or "",
        password=url.password or "",
        database=database,
        charset=CHARSET,
        connect_timeout=5,
        autocommit=True,
    )


def _answers(server_url: str) -> bool:
    try:
        server_version(server_url)
    except pymysql.err.OperationalError:
        return False
    return True


def start_mariadb() -> RunningServer:
    """Initialise a data folder under the temp directory and start mariadbd on a free port."""
    mariadbd = _program("mariadbd")
    install_db = _program("mariadb-install-db")
    folder = Path(tempfile.mkdtemp(prefix="boolagold-mariadb-"))
    try:
        data = folder / "data"
        data.mkdir()
        password = secrets.token_hex(16)
        init_file = folder / "init.sql"
        init_file.write_text(
            f"CREATE USER IF NOT EXISTS '{TEST_USER}'@'{LOOPBACK}' IDENTIFIED BY '{password}';\n"
            f"GRANT ALL PRIVILEGES ON *.* TO '{TEST_USER}'@'{LOOPBACK}' WITH GRANT OPTION;\n",
            encoding="utf-8",
        )
        user_option = _hand_to_server_user(folder, data, init_file)
        installed = subprocess.run(
            [
                install_db,
                "--no-defaults",
                f"--datadir={data}",
                "--skip-test-db",
                "--skip-name-resolve",
                "--auth-root-authentication-method=socket",
                *user_option,
            ],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if installed.returncode != 0:
            raise ServerFailedToStart(
                f"mariadb-install-db failed ({installed.returncode}):\n"
                + installed.stdout[-3000:]
                + installed.stderr[-3000:]
            )

        def start(port: int) -> RunningServer:
            process = launch(
                "MariaDB",
                [
                    mariadbd,
                    "--no-defaults",
                    f"--datadir={data}",
                    *user_option,
                    f"--port={port}",
                    f"--bind-address={LOOPBACK}",
                    f"--socket={folder / 'mariadbd.sock'}",
                    f"--pid-file={folder / 'mariadbd.pid'}",
                    f"--init-file={init_file}",
                    "--skip-name-resolve",
                    "--skip-log-bin",
                    "--innodb-log-file-size=16M",
                    "--innodb-buffer-pool-size=64M",
                    # Test data is thrown away: skip the fsyncs.
                    "--innodb-flush-log-at-trx-commit=0",
                    "--innodb-doublewrite=0",
                    f"--character-set-server={CHARSET}",
                    f"--collation-server={COLLATION}",
                    "--default-time-zone=+00:00",
                ],
                log=folder / "mariadbd.log",
                cwd=folder,
            )
            url = f"mysql+pymysql://{TEST_USER}:{password}@{LOOPBACK}:{port}/"
            wait_until_ready(process, lambda: _answers(url))
            return RunningServer(
                kind="mariadb",
                product="MariaDB",
                version=server_version(url),
                url=url,
                process=process,
                folder=folder,
            )

        return start_on_free_port("MariaDB", start)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def database_url(server_url: str, database: str) -> str:
    """The SQLAlchemy URL of `database` on the server, utf8mb4 on the wire."""
    url = make_url(server_url).set(database=database, query={"charset": CHARSET})
    return url.render_as_string(hide_password=False)


def create_database(server_url: str, database: str) -> str:
    """Create an empty utf8mb4 database and return its URL."""
    with _connect(make_url(server_url)) as connection, connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET {CHARSET} COLLATE {COLLATION}")
    return database_url(server_url, database)


def drop_database(server_url: str, database: str) -> None:
    with _connect(make_url(server_url)) as connection, connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
