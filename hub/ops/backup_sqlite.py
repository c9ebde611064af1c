"""Back up and restore the embedded hub's SQLite file with SQLite's online backup API.

The API copies a consistent snapshot page by page while the hub keeps writing (a plain file copy
of a live WAL database can catch it half-written), and the restore goes through the same API so
the target file is replaced atomically from SQLite's point of view.
"""

from __future__ import annotations

import gzip
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Final

from sqlalchemy.engine import make_url

from hub.ops.backup_mariadb import DatabaseBackupError
from hub.ops.backup_streams import Progress, Report, copy_stream, gzip_writer
from hub.settings import sync_url

PAGES_PER_STEP: Final = 1024


@dataclass(frozen=True, slots=True)
class SqliteDatabase:
    path: Path

    kind: ClassVar[str] = "sqlite"
    suffix: ClassVar[str] = ".sqlite3.gz"

    @classmethod
    def from_url(cls, url: str) -> SqliteDatabase:
        database = make_url(sync_url(url)).database
        if not database or database == ":memory:":
            raise DatabaseBackupError("an in-memory SQLite database cannot be backed up")
        return cls(path=Path(database))

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(self.path, timeout=30)

    def tables(self) -> list[str]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            return [str(row[0]) for row in rows]

    def schema_revision(self) -> str:
        if "alembic_version" not in self.tables():
            return "none"
        with closing(self._connect()) as connection:
            revisions = sorted(
                str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")
            )
        return ",".join(revisions) or "none"

    def drop_everything(self) -> None:
        """Nothing to do: the backup API replaces every page of the target file."""

    def dump(self, target: Path, report: Report) -> int:
        if not self.path.is_file():
            raise DatabaseBackupError(f"there is no hub database at {self.path}")
        with tempfile.TemporaryDirectory(prefix="boolagold-backup-") as folder:
            snapshot = Path(folder) / "hub.db"
            with closing(self._connect()) as source, closing(sqlite3.connect(snapshot)) as copy:
                source.backup(copy, pages=PAGES_PER_STEP)
            progress = Progress("compressed", report)
            with snapshot.open("rb") as raw, gzip_writer(target) as (compressed, _hashing):
                size = copy_stream(raw, compressed, progress)
            progress.finish()
            return size

    def load(self, source: Path, report: Report) -> None:
        with tempfile.TemporaryDirectory(prefix="boolagold-restore-") as folder:
            snapshot = Path(folder) / "hub.db"
            progress = Progress("unpacked", report)
            with gzip.open(source, "rb") as packed, snapshot.open("wb") as raw:
                copy_stream(packed, raw, progress)
            progress.finish()
            with closing(sqlite3.connect(snapshot)) as backup:
                verdict = backup.execute("PRAGMA integrity_check").fetchone()
                if verdict is None or verdict[0] != "ok":
                    raise DatabaseBackupError(f"the backup's database is damaged: {verdict}")
                with closing(self._connect()) as target:
                    backup.backup(target, pages=PAGES_PER_STEP)
        report(f"restored {self.path}")


__all__ = ["SqliteDatabase"]
