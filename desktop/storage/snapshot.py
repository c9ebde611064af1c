"""Copies of a live counter database through SQLite's online backup API.

A plain file copy of a database in WAL mode can miss the pages still in the `-wal` file or catch
a half-written page; the backup API copies a consistent snapshot while the counter keeps
working. The copy is written beside its final name and renamed into place, so a crash never
leaves a truncated backup that looks whole.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Final

from shared.errors import InvalidInput

REQUIRED_TABLES: Final = frozenset({"alembic_version", "shop", "terminal", "invoice", "outbox"})


def snapshot(source: Path, target: Path) -> Path:
    """Write a consistent copy of the database `source` to `target` (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A self-contained file: no -wal beside it to lose when someone copies it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(partial)
    partial.replace(target)
    _fsync_dir(target.parent)
    return target


def check_counter_database(path: Path) -> None:
    """Refuse a file that is not a whole counter database (for restore)."""
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file", "file")
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise InvalidInput(f"{path.name} is not a counter backup (not an SQLite database)", "file")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        missing = REQUIRED_TABLES - tables
        if missing:
            raise InvalidInput(
                f"{path.name} is not a counter backup "
                f"(it has no {', '.join(sorted(missing))} table)",
                "file",
            )
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise InvalidInput(f"{path.name} is damaged: {verdict}", "file")
    except sqlite3.DatabaseError as error:
        raise InvalidInput(f"{path.name} cannot be read as a database: {error}", "file") from None
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    # Directories cannot be opened for fsync on Windows; the rename is durable enough there.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
