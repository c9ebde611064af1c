"""Opening the counter's SQLite file: the pragmas that make it safe, and migrate-on-open.

- WAL with `synchronous=FULL`: a committed invoice survives a power cut, and readers (the
  window's lists) never block the writer (billing).
- `foreign_keys=ON`: SQLite ignores the tables' foreign keys unless asked, per connection.
- `busy_timeout`: the CLI and the window may touch the file at once; wait rather than fail.
- Transactions are begun by us (`BEGIN` or `BEGIN IMMEDIATE`), not by the sqlite3 module, so a
  writer takes the write lock before reading the last invoice number (the SQLAlchemy pysqlite
  recipe). Without IMMEDIATE, two writers could both read the same last number.

On open, a database behind the newest schema is first copied with the online backup API, then
migrated: an upgrade that goes wrong in the field can always be undone from that copy.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.pool import ConnectionPoolEntry

from desktop.storage.snapshot import snapshot

BUSY_TIMEOUT_MS: Final = 10_000
IMMEDIATE: Final = {"begin_mode": "IMMEDIATE"}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_counter_engine(path: Path) -> Engine:
    """An engine on the counter database with the safety pragmas on every connection."""
    engine = create_engine(sqlite_url(path))

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("begin_mode", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What opening found: the revision before, the head, and the safety copy if one was made."""

    before: str | None
    head: str
    backup: Path | None

    @property
    def migrated(self) -> bool:
        return self.before != self.head


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"](\w+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*['\"](\w+)['\"]", re.MULTILINE)


def head_revision() -> str:
    """The newest migration, read from the revision scripts' `revision`/`down_revision` lines.

    Read this way so that a normal start (schema already current) never imports Alembic, a large
    part of the cold-start budget on a counter PC. The history is linear; a test checks this
    against Alembic's own answer.
    """
    versions = resources.files("desktop.storage") / "migrations" / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.iterdir():
        if not script.name.endswith(".py"):
            continue
        source = script.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is not None:
            revisions.add(found[1])
        parents.update(_DOWN.findall(source))
    heads = revisions - parents
    if len(heads) != 1:
        msg = f"the counter's migrations must have exactly one head, found {sorted(heads)}"
        raise RuntimeError(msg)
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (None for a new or pre-release file)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine, path: Path, backup_dir: Path, stamp: str) -> SchemaState:
    """Migrate the database to head; back it up first when it holds an older schema.

    A brand-new (empty) file is simply built: there is nothing to protect yet.
    """
    before = current_revision(engine)
    head = head_revision()
    if before == head:
        return SchemaState(before, head, None)
    copy: Path | None = None
    if before is not None or _has_tables(engine):
        name = f"counter-before-upgrade-{before or 'unknown'}-{stamp}.db"
        copy = snapshot(path, backup_dir / name)
    engine.dispose()
    from desktop.storage import database  # noqa: PLC0415 - Alembic only when migrating

    database.migrate(sqlite_url(path))
    return SchemaState(before, head, copy)


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())
