"""Make the saved counter databases the upgrade test opens: one per released schema revision.

    python -m tests.desktop.migrations.make_saved          # only the revisions that have none
    python -m tests.desktop.migrations.make_saved --force  # all of them again (rarely right)

A saved database stands for what the counters of one release hold in the field, so once a
revision has shipped its file is kept as it is; run this when a new revision is added (the
upgrade test says so when one is missing) and commit the new file.

How a file is made, without checking out old code: a shop's day is recorded with today's
`boolagold counter` commands (set-up, rates, a CSV stock import, customers, a sale with an
old-gold exchange, a return, one more piece tagged by hand) into a scratch database; then an
empty database is built by Alembic up to the revision, and every row is copied into it with
SQLAlchemy Core, column by column as far as that revision has the column. A column that
revision requires but today's rows lack stops the script: such a revision needs its rows
written here by hand.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Final

from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import MetaData, Table, create_engine, insert, select

from desktop.cli.main import counter
from desktop.storage import database
from desktop.storage.engine import sqlite_url
from shared.tables.migration_env import migration_config

ROOT: Final = Path(__file__).resolve().parents[3]
SAVED: Final = Path(__file__).resolve().parent / "saved"
GSTIN: Final = "29AABCB1234C1ZA"


def saved_path(revision: str) -> Path:
    return SAVED / f"{revision}.sqlite3"


def revisions() -> list[str]:
    """The counter's schema revisions, oldest first."""
    config = migration_config(database.SCRIPT_LOCATION, "sqlite://")
    script = ScriptDirectory.from_config(config)
    return [item.revision for item in reversed(list(script.walk_revisions()))]


def _cli(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(counter, ["--data-dir", str(folder), *args])
    if result.exit_code != 0:
        msg = f"`counter {' '.join(args)}` failed ({result.exit_code}): {result.output}"
        raise RuntimeError(msg)
    return result.output


def record_a_day(folder: Path) -> Path:
    """A counter folder holding one realistic day; returns its database."""
    _cli(
        folder,
        *("init", "--name", "Lakshmi Jewellers", "--address", "12 Avenue Road, Bengaluru"),
        *("--state-code", "29", "--gstin", GSTIN, "--phone", "9845012345"),
        *("--owner-username", "owner", "--owner-secret", "1234"),
    )
    for metal, purity, rate in (("gold", "916", "6450.00"), ("gold", "750", "5280.00")):
        _cli(folder, "rates", "set", metal, purity, rate)
    _cli(folder, "rates", "set", "silver", "925", "90.50")
    _cli(folder, "rates", "set", "gold", "916", "6300.00", "--kind", "purchase")
    _cli(folder, "stock", "import", str(ROOT / "docs" / "examples" / "stock-import.csv"))
    _cli(folder, "customers", "add", "--name", "Asha Rao", "--phone", "9900123456")
    _cli(
        folder,
        *("customers", "add", "--name", "K. Das", "--phone", "9845098450"),
        *("--address", "Jayanagar, Bengaluru", "--pan", "ABCPD1234K"),
    )
    draft = folder.parent / "sale.json"
    sale: dict[str, object] = {
        "customer_phone": "9845098450",
        "buyer": {"name": "K. Das", "address": "Jayanagar", "state": "29", "pan": "ABCPD1234K"},
        "lines": [{"tag_code": "G10002"}, {"tag_code": "S20001", "discount": "100.00"}],
        "old_gold": [
            {"description": "old chain", "purity": "916", "net_weight": "4.500", "rate": "6300.00"},
        ],
        "payments": {"cash": "1.00"},
    }
    draft.write_text(json.dumps(sale), encoding="utf-8")
    estimate = json.loads(_cli(folder, "estimate", str(draft)))
    sale["payments"] = {"upi": estimate["net_payable"]}
    draft.write_text(json.dumps(sale), encoding="utf-8")
    number = json.loads(_cli(folder, "sell", str(draft)))["invoice_number"]
    _cli(folder, "return", number, "--tag", "S20001")
    _cli(
        folder,
        *("stock", "add", "P30001", "--metal", "platinum", "--purity", "950", "--gross", "6.2"),
        *("--description", "Platinum band", "--making-mode", "percent", "--making", "14"),
    )
    return folder / "counter.db"


def copy_rows(source: Path, target_url: str) -> dict[str, int]:
    """Copy every row of `source` into the (empty, migrated) database at `target_url`,
    keeping the columns the target has; returns the rows copied per table."""
    source_engine = create_engine(sqlite_url(source))
    target_engine = create_engine(target_url)
    copied: dict[str, int] = {}
    try:
        source_meta, target_meta = MetaData(), MetaData()
        source_meta.reflect(source_engine)
        target_meta.reflect(target_engine)
        with source_engine.connect() as reader, target_engine.begin() as writer:
            for table in target_meta.sorted_tables:
                if table.name == "alembic_version":
                    continue
                origin: Table = source_meta.tables[table.name]
                shared = [c.name for c in table.columns if c.name in origin.columns]
                required = {
                    c.name
                    for c in table.columns
                    if not c.nullable and c.server_default is None and not c.autoincrement
                }
                if missing := required - set(shared):
                    msg = f"{table.name}: today's rows have no {sorted(missing)}; write them here"
                    raise RuntimeError(msg)
                rows = [
                    dict(row._mapping)
                    for row in reader.execute(select(*(origin.c[name] for name in shared)))
                ]
                if rows:
                    writer.execute(insert(table), rows)
                copied[table.name] = len(rows)
    finally:
        source_engine.dispose()
        target_engine.dispose()
    return copied


def make_saved(revision: str, source: Path, scratch: Path) -> Path:
    """Build the database of `revision` from the rows of `source` into saved/<revision>.sqlite3."""
    built = scratch / f"{revision}.sqlite3"
    built.unlink(missing_ok=True)
    url = sqlite_url(built)
    from alembic import command  # noqa: PLC0415 - a developer's script, Alembic on demand

    command.upgrade(migration_config(database.SCRIPT_LOCATION, url), revision)
    copied = copy_rows(source, url)
    with closing(sqlite3.connect(built)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        connection.execute("PRAGMA page_size=1024")  # small in the repository; SQLite reads any
        connection.execute("VACUUM")
    SAVED.mkdir(parents=True, exist_ok=True)
    target = saved_path(revision)
    target.write_bytes(built.read_bytes())
    total = sum(copied.values())
    sys.stdout.write(f"{target.relative_to(ROOT)}: {total} rows in {len(copied)} tables\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save a counter database per schema revision.")
    parser.add_argument("--force", action="store_true", help="remake files that already exist")
    options = parser.parse_args(argv)
    wanted = [rev for rev in revisions() if options.force or not saved_path(rev).exists()]
    if not wanted:
        sys.stdout.write("every revision has its saved database\n")
        return 0
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        source = record_a_day(scratch / "day")
        for revision in wanted:
            make_saved(revision, source, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
