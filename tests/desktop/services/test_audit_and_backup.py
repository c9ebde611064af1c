"""The audit chain names the first broken link; backups, retention, daily backup and restore;
sign-in is audited and locks after repeated failures; old schemas are backed up before upgrade."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from desktop.paths import database_path
from desktop.services import audit, backup, settings, staff, stock
from desktop.services.clock import FixedClock
from desktop.services.context import open_counter
from desktop.storage import database
from desktop.storage.engine import head_revision, sqlite_url
from shared.errors import InvalidInput
from shared.tables import migration_env
from tests.desktop.services.conftest import START, Shop, bangle, make_shop

FIRST_RELEASE = "e8cae49d7c29"
"""The schema of the first release (the initial counter migration)."""


def test_verify_names_the_first_edited_or_deleted_event(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    report = audit.verify(shop.ctx)
    assert report.ok
    assert report.events >= 8
    with shop.ctx.engine.begin() as connection:
        connection.execute(text("UPDATE audit_event SET after_json = '{}' WHERE seq = 5"))
    broken = audit.verify(shop.ctx).broken
    assert broken is not None
    assert broken.seq == 5
    assert "edited" in broken.problem
    with shop.ctx.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE seq IN (4, 5)"))
    broken = audit.verify(shop.ctx).broken
    assert broken is not None
    assert broken.seq == 6
    assert "missing" in broken.problem


def test_sign_in_failures_are_audited_and_lock_the_user(shop: Shop) -> None:
    for _ in range(staff.MAX_FAILURES):
        with pytest.raises(InvalidInput, match="wrong user name"):
            staff.sign_in(shop.ctx, "priya", "0000")
    with pytest.raises(InvalidInput, match="locked"):
        staff.sign_in(shop.ctx, "priya", "2468")
    staff.update_user(shop.ctx, shop.owner, shop.sales.user_id, secret="8642")  # type: ignore[arg-type]
    assert staff.sign_in(shop.ctx, "priya", "8642").username == "priya"
    with shop.ctx.session() as session:
        actions = session.execute(text("SELECT action FROM audit_event")).scalars().all()
    assert actions.count("sign_in.failed") == staff.MAX_FAILURES
    assert audit.verify(shop.ctx).ok


def test_backups_keep_the_last_n_and_daily_makes_one_per_day(shop: Shop, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    chosen = settings.CounterSettings(backup_dir=str(folder), keep_backups=2)
    with pytest.raises(InvalidInput, match="may not change the settings"):
        settings.save_settings(shop.ctx, shop.sales, chosen)
    settings.save_settings(shop.ctx, shop.owner, chosen)
    assert settings.load_settings(shop.ctx) == chosen
    made = []
    for _ in range(3):
        made.append(backup.backup_now(shop.ctx))
        shop.clock.advance(dt.timedelta(minutes=1))
    assert backup.list_backups(shop.ctx) == made[1:]
    assert backup.daily_backup(shop.ctx) is None
    shop.clock.advance(dt.timedelta(days=1))
    assert backup.daily_backup(shop.ctx) is not None


def test_restore_checks_the_file_and_keeps_the_replaced_database(
    shop: Shop, tmp_path: Path
) -> None:
    saved = backup.backup_now(shop.ctx, tmp_path / "b")
    stock.add_piece(shop.ctx, shop.owner, bangle())
    data_dir = shop.ctx.data_dir
    shop.ctx.close()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    with pytest.raises(InvalidInput, match="not a counter backup"):
        backup.restore(data_dir, junk)
    safety = backup.restore(data_dir, saved, FixedClock(START))
    reopened = open_counter(data_dir, FixedClock(START))
    try:
        assert stock.find_piece(reopened, "T0001") is None  # the backup predates the piece
        assert audit.verify(reopened).ok
    finally:
        reopened.close()
    with sqlite3.connect(safety) as copy:
        assert copy.execute("SELECT count(*) FROM stock_piece").fetchone() == (1,)


def test_an_older_schema_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = database_path(folder)
    database.migrate(sqlite_url(path))
    # The first released schema, holding a row the upgrade must carry over.
    database.downgrade(sqlite_url(path), FIRST_RELEASE)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES ('note', 'keep me', "
            "'2025-06-02 05:00:00')"
        )
    ctx = open_counter(folder, FixedClock(START))
    try:
        assert ctx.schema.before == FIRST_RELEASE
        assert ctx.schema.migrated
        assert ctx.schema.head == head_revision() != FIRST_RELEASE
        assert ctx.schema.backup is not None
        with sqlite3.connect(ctx.schema.backup) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
                FIRST_RELEASE,
            )
            assert copy.execute("SELECT value FROM setting WHERE key = 'note'").fetchone() == (
                "keep me",
            )
        with ctx.session() as session:
            assert settings.get_value(session, "note") == "keep me"
    finally:
        ctx.close()
    database.check(sqlite_url(path))
    again = open_counter(folder, FixedClock(START))
    assert again.schema.backup is None
    assert not again.schema.migrated
    again.close()


def test_a_second_shop_cannot_be_initialised_in_the_same_folder(tmp_path: Path) -> None:
    made = make_shop(tmp_path / "d", FixedClock(START))
    try:
        with pytest.raises(InvalidInput, match="already has a shop"):
            make_shop(tmp_path / "d", FixedClock(START))
    finally:
        made.ctx.close()


def test_the_head_revision_constant_matches_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(
        migration_env.migration_config(database.SCRIPT_LOCATION, "sqlite://")
    )
    assert script.get_current_head() == head_revision()
