"""Databases saved from each released counter schema open with today's code: a backup of the
old file is taken first, the schema reaches head, and every row comes through unchanged.

The files in saved/ are made by make_saved.py (run it when a revision is added; see its doc).
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop.services.audit import verify
from desktop.services.context import open_counter
from desktop.services.invoices import list_invoices
from desktop.storage import database
from desktop.storage.engine import head_revision, sqlite_url
from tests.desktop.migrations.make_saved import SAVED, revisions, saved_path

Rows = dict[str, set[tuple[Any, ...]]]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _rows(path: Path, columns: dict[str, list[str]] | None = None) -> Rows:
    """Every row of every table (as value tuples), restricted to `columns` when given."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name != "alembic_version"
        ]
        found: Rows = {}
        for table in tables:
            names = columns[table] if columns is not None else _columns(connection, table)
            listed = ", ".join(f'"{name}"' for name in names)
            found[table] = set(connection.execute(f'SELECT {listed} FROM "{table}"'))
        return found


def _column_map(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            name: _columns(connection, name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name != "alembic_version"
        }


def test_every_schema_revision_has_a_saved_database() -> None:
    known = revisions()
    assert known[-1] == head_revision()
    missing = [rev for rev in known if not saved_path(rev).is_file()]
    assert not missing, (
        f"no saved database for {missing}: run `python -m tests.desktop.migrations.make_saved` "
        "and commit the new file"
    )
    strays = {path.stem for path in SAVED.glob("*.sqlite3")} - set(known)
    assert not strays, f"saved databases of revisions that no longer exist: {sorted(strays)}"


@pytest.mark.parametrize("revision", revisions())
def test_a_saved_database_upgrades_with_a_backup_first_and_keeps_every_row(
    revision: str, tmp_path: Path
) -> None:
    saved = saved_path(revision)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(saved, data_dir / "counter.db")
    columns = _column_map(saved)
    before = _rows(saved)
    assert sum(len(rows) for rows in before.values()) > 50, "the saved file holds a shop's day"

    ctx = open_counter(data_dir)
    try:
        assert ctx.schema.before == revision
        assert ctx.schema.head == head_revision()
        if revision == head_revision():
            assert ctx.schema.backup is None  # nothing to protect from an upgrade
        else:
            backup = ctx.schema.backup
            assert backup is not None
            assert backup.parent == data_dir / "backups"
            assert backup.name.startswith(f"counter-before-upgrade-{revision}-")
            assert _rows(backup) == before  # the copy is the old database, untouched
        report = verify(ctx)
        assert report.ok, report.describe()
        assert report.events == len(before["audit_event"])
        numbers = [item.number for item in list_invoices(ctx)]
        assert len(numbers) == len(before["invoice"])
    finally:
        ctx.close()

    after = _rows(data_dir / "counter.db", columns)
    for table, rows in before.items():
        assert after[table] == rows, f"{table}: rows changed or were lost in the upgrade"
    database.check(sqlite_url(data_dir / "counter.db"))  # the upgraded schema is exactly head's
