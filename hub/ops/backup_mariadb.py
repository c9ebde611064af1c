"""Dump and load a MariaDB/MySQL hub database with the server's own client programs.

`mariadb-dump --single-transaction` reads one consistent snapshot of the InnoDB tables without
locking out the hub, so backups run while shops keep syncing. The credentials go in a temporary
option file readable only by us (`--defaults-file`), never on the command line, where any user
of the host could read them in the process list.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar, Final

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hub.ops.backup_streams import CHUNK, Progress, Report, copy_stream, gzip_writer
from hub.settings import sync_url

DUMP_PROGRAMS: Final = ("mariadb-dump", "mysqldump")
CLIENT_PROGRAMS: Final = ("mariadb", "mysql")
DUMP_OPTIONS: Final = (
    "--single-transaction",
    "--quick",
    "--routines",
    "--triggers",
    "--hex-blob",
    "--no-tablespaces",
    "--default-character-set=utf8mb4",
)
_SEARCH_PATH: Final = os.pathsep.join(
    (os.environ.get("PATH", ""), "/usr/local/bin", "/usr/bin", "/usr/local/mysql/bin")
)


class DatabaseBackupError(Exception):
    """The dump or load failed; the message carries the program's own words."""


def find_program(names: Sequence[str]) -> str:
    for name in names:
        found = shutil.which(name, path=_SEARCH_PATH)
        if found:
            return found
    raise DatabaseBackupError(
        f"none of {', '.join(names)} is installed: install the MariaDB client "
        "(Debian: apt-get install mariadb-client)"
    )


def _option_value(value: str) -> str:
    """Quote a value for a MySQL option file (backslash and double quote escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class MariaDbDatabase:
    """One database on a MariaDB/MySQL server, from the hub's DATABASE_URL."""

    url: str
    """The synchronous (PyMySQL) URL, for the emptiness check and the schema revision."""
    database: str
    options: dict[str, str] = field(repr=False)

    kind: ClassVar[str] = "mariadb"
    suffix: ClassVar[str] = ".sql.gz"

    @classmethod
    def from_url(cls, url: str) -> MariaDbDatabase:
        sync = sync_url(url)
        parsed = make_url(sync)
        if not parsed.database:
            raise DatabaseBackupError("DATABASE_URL names no database to back up")
        options = {"user": parsed.username or ""}
        if parsed.password:
            options["password"] = str(parsed.password)
        socket = parsed.query.get("unix_socket")
        if isinstance(socket, str) and socket:
            options["socket"] = socket
        else:
            options["host"] = parsed.host or "127.0.0.1"
            options["port"] = str(parsed.port or 3306)
            options["protocol"] = "TCP"
        return cls(url=sync, database=parsed.database, options=options)

    @contextmanager
    def _defaults_file(self) -> Iterator[Path]:
        folder = Path(tempfile.mkdtemp(prefix="boolagold-backup-"))  # mode 0700
        path = folder / "client.cnf"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write("[client]\n")
                for name, value in self.options.items():
                    handle.write(f"{name}={_option_value(value)}\n")
            yield path
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def tables(self) -> list[str]:
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return list(
                    connection.execute(
                        text(
                            "SELECT table_name FROM information_schema.tables "
                            "WHERE table_schema = DATABASE() ORDER BY table_name"
                        )
                    ).scalars()
                )
        finally:
            engine.dispose()

    def schema_revision(self) -> str:
        """The Alembic revision the database is at ('none' before the first migration)."""
        if "alembic_version" not in self.tables():
            return "none"
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                revisions = connection.execute(text("SELECT version_num FROM alembic_version"))
                return ",".join(sorted(revisions.scalars())) or "none"
        finally:
            engine.dispose()

    def drop_everything(self) -> None:
        """Empty the database before a forced restore (tables the dump lacks must go too)."""
        engine = create_engine(self.url)
        try:
            with engine.begin() as connection:
                rows = connection.execute(
                    text(
                        "SELECT table_name, table_type FROM information_schema.tables "
                        "WHERE table_schema = DATABASE()"
                    )
                ).all()
                connection.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
                for name, kind in rows:
                    what = "VIEW" if kind == "VIEW" else "TABLE"
                    connection.execute(text(f"DROP {what} IF EXISTS `{name}`"))
                connection.execute(text("SET FOREIGN_KEY_CHECKS = 1"))
        finally:
            engine.dispose()

    def binary_logging(self) -> bool:
        """Whether the server keeps binary logs (then the dump records its position in them)."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return bool(connection.execute(text("SELECT @@log_bin")).scalar())
        finally:
            engine.dispose()

    def dump(self, target: Path, report: Report) -> int:
        """Write the gzip-compressed dump to `target`; return the uncompressed size."""
        program = find_program(DUMP_PROGRAMS)
        options = dump_options(binary_logging=self.binary_logging())
        progress = Progress("dumped", report)
        with (
            self._defaults_file() as defaults,
            tempfile.TemporaryFile() as errors,
            gzip_writer(target) as (compressed, _hashing),
        ):
            argv = [program, f"--defaults-file={defaults}", *options, self.database]
            with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors) as process:
                assert process.stdout is not None
                raw_size = copy_stream(process.stdout, compressed, progress)
            _check(process.returncode, errors, "mariadb-dump")
        progress.finish()
        return raw_size

    def load(self, source: Path, report: Report) -> None:
        """Feed the compressed dump at `source` to the mariadb client, in chunks."""
        program = find_program(CLIENT_PROGRAMS)
        progress = Progress("restored", report)
        with (
            self._defaults_file() as defaults,
            tempfile.TemporaryFile() as errors,
            gzip.open(source, "rb") as dump,
        ):
            argv = [
                program,
                f"--defaults-file={defaults}",
                "--default-character-set=utf8mb4",
                "--binary-mode",
                self.database,
            ]
            with subprocess.Popen(argv, stdin=subprocess.PIPE, stderr=errors) as process:
                assert process.stdin is not None
                try:
                    while chunk := dump.read(CHUNK):
                        process.stdin.write(chunk)
                        progress.advance(len(chunk))
                except BrokenPipeError:
                    pass  # the client stopped early: its exit code and message say why
                finally:
                    process.stdin.close()
            _check(process.returncode, errors, "the mariadb client")
        progress.finish()


def dump_options(*, binary_logging: bool) -> tuple[str, ...]:
    """The dump's options. With binary logs on, `--master-data=2` writes the log file and
    position the snapshot was taken at (as a comment): point-in-time recovery replays the logs
    from exactly there (docs/operations.md, RPO)."""
    return (*DUMP_OPTIONS, "--master-data=2") if binary_logging else DUMP_OPTIONS


def _check(returncode: int, errors: IO[bytes], program: str) -> None:
    if returncode == 0:
        return
    errors.seek(0)
    message = errors.read().decode("utf-8", "replace").strip()[-2000:]
    raise DatabaseBackupError(f"{program} failed (exit {returncode}): {message or 'no message'}")


__all__ = ["DatabaseBackupError", "MariaDbDatabase", "dump_options", "find_program"]
