"""Zero-downtime deploys: each migration must be tolerated by the release that is still running.

`boolagold hub migrate` runs before a new release starts, while the previous release keeps
serving. So a migration may only *expand* the schema in ways the previous release ignores, and
what the old code needs is removed (*contracted*) only by a later migration, once no running
release reads or writes it (docs/operations.md, "Schema changes").

The rename of `customer_note.name` to `display_name`, in a throwaway Alembic environment on
MariaDB (not the hub's real chain), over four releases:
- M2 (with R2) expands: adds `display_name` NULL, relaxes `name` to NULL, backfills;
  R1 keeps working. R2 writes both columns and reads `display_name` (falling back to `name`).
- M3 (with R3) backfills rows R1 wrote during the roll-out; R3 writes only `display_name`.
- M4 (with R4) contracts: drops `name` and makes `display_name` NOT NULL. R3 (the previous
  release by then) does not notice; R2, had it still been running, would break, which is why the
  contract waits a release.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    Uuid,
    create_engine,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.exc import DBAPIError

pytestmark = pytest.mark.integration

SHOP: Final = uuid.UUID("01890000-0000-7000-8000-0000000000aa")

ENV_PY: Final = """
from alembic import context
from sqlalchemy import create_engine

engine = create_engine(context.config.attributes["url"])
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
"""

REVISIONS: Final = {
    "m1_customer_note": (
        None,
        """
    op.create_table(
        "customer_note",
        sa.Column("shop_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("shop_id", "id"),
    )
""",
    ),
    "m2_expand_display_name": (
        "m1_customer_note",
        """
    op.add_column("customer_note", sa.Column("display_name", sa.String(100), nullable=True))
    op.alter_column(
        "customer_note", "name", existing_type=sa.String(100), nullable=True
    )
    op.execute("UPDATE customer_note SET display_name = name")
""",
    ),
    "m3_backfill_late_rows": (
        "m2_expand_display_name",
        """
    op.execute("UPDATE customer_note SET display_name = name WHERE display_name IS NULL")
""",
    ),
    "m4_contract_drop_name": (
        "m3_backfill_late_rows",
        """
    op.execute("UPDATE customer_note SET display_name = name WHERE display_name IS NULL")
    op.drop_column("customer_note", "name")
    op.alter_column(
        "customer_note", "display_name", existing_type=sa.String(100), nullable=False
    )
""",
    ),
}


def write_alembic_env(folder: Path) -> Path:
    scripts = folder / "migrations"
    (scripts / "versions").mkdir(parents=True)
    (scripts / "env.py").write_text(ENV_PY, encoding="utf-8")
    for revision, (down, body) in REVISIONS.items():
        (scripts / "versions" / f"{revision}.py").write_text(
            "import sqlalchemy as sa\nfrom alembic import op\n\n"
            f"revision = {revision!r}\ndown_revision = {down!r}\n"
            "branch_labels = None\ndepends_on = None\n\n\n"
            f"def upgrade() -> None:{body}",  # forward only: deploys never step back
            encoding="utf-8",
        )
    return scripts


def migrator(scripts: Path, url: str) -> Callable[[str], None]:
    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.attributes["url"] = url
    return lambda revision: command.upgrade(config, revision)


# --- the four releases' own view of the table (what each one's code maps and queries) --------


def _notes(*columns: str) -> Table:
    return Table(
        "customer_note",
        MetaData(),
        Column("shop_id", Uuid, primary_key=True),
        Column("id", Uuid, primary_key=True),
        *(Column(name, String(100)) for name in columns),
    )


class Release:
    def __init__(self, name: str, table: Table, writes: tuple[str, ...], reads: str) -> None:
        self.name = name
        self.table = table
        self.writes = writes
        self.reads = reads

    def add(self, connection: Connection, text: str) -> None:
        values = dict.fromkeys(self.writes, text)
        connection.execute(insert(self.table).values(shop_id=SHOP, id=uuid.uuid4(), **values))

    def names(self, connection: Connection) -> set[str]:
        columns = self.table.c
        shown: ColumnElement[str] = (
            func.coalesce(columns.display_name, columns.name)
            if self.reads == "fallback"
            else columns[self.reads]
        )
        return set(connection.execute(select(shown).where(columns.shop_id == SHOP)).scalars())


R1: Final = Release("R1", _notes("name"), ("name",), "name")
R2: Final = Release("R2", _notes("name", "display_name"), ("name", "display_name"), "fallback")
R3: Final = Release("R3", _notes("display_name"), ("display_name",), "display_name")


def serve(engine: Engine, release: Release, text: str) -> set[str]:
    """One request of `release`: write a note, then read every note's name."""
    with engine.begin() as connection:
        release.add(connection, text)
        return release.names(connection)


def test_expand_then_contract_keeps_the_running_release_working(
    tmp_path: Path, mariadb_url: str
) -> None:
    upgrade = migrator(write_alembic_env(tmp_path), mariadb_url)
    engine = create_engine(mariadb_url)
    try:
        upgrade("m1_customer_note")
        assert serve(engine, R1, "Asha") == {"Asha"}

        upgrade("m2_expand_display_name")  # R1 is still serving
        assert serve(engine, R1, "Bala") == {"Asha", "Bala"}
        # R2 rolls out beside R1: each sees everyone's rows.
        assert serve(engine, R2, "Chitra") == {"Asha", "Bala", "Chitra"}
        assert serve(engine, R1, "Deepa") == {"Asha", "Bala", "Chitra", "Deepa"}
        assert serve(engine, R2, "Esha") == {"Asha", "Bala", "Chitra", "Deepa", "Esha"}

        upgrade("m3_backfill_late_rows")  # R1 is gone, R2 still serving
        assert serve(engine, R2, "Farah") == {"Asha", "Bala", "Chitra", "Deepa", "Esha", "Farah"}
        everyone = {"Asha", "Bala", "Chitra", "Deepa", "Esha", "Farah", "Gita"}
        assert serve(engine, R3, "Gita") == everyone  # Deepa was backfilled

        upgrade("m4_contract_drop_name")  # R2 is gone, R3 still serving
        assert serve(engine, R3, "Hema") == everyone | {"Hema"}
        columns = {c["name"]: c for c in inspect(engine).get_columns("customer_note")}
        assert "name" not in columns
        assert columns["display_name"]["nullable"] is False
        # Why the contract waits a release: the release before R3 would break now.
        with pytest.raises(DBAPIError, match="Unknown column"), engine.begin() as connection:
            R2.add(connection, "Indu")
    finally:
        engine.dispose()
