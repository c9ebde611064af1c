"""`Database.read_row`: on an embedded hub the hot reads run on the loop through sqlite3, see
what the async writer committed, never write, and step aside to aiosqlite when the file is
locked instead of holding the loop."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from hub.db.engines import Database, open_database
from hub.settings import DatabaseSettings

COUNT = text("SELECT count(*) FROM note")


def _database(tmp_path: Path) -> Database:
    return open_database(DatabaseSettings(url=f"sqlite+aiosqlite:///{tmp_path}/hub.db"))


def test_an_embedded_hub_reads_in_place_what_the_writer_committed(tmp_path: Path) -> None:
    async def run() -> tuple[int, int]:
        db = _database(tmp_path)
        assert db.in_place is not None
        async with db.writer.begin() as connection:
            await connection.execute(text("CREATE TABLE note (body TEXT)"))
        before = await db.read_row(COUNT, {})
        async with db.writer.begin() as connection:
            await connection.execute(text("INSERT INTO note VALUES ('a'), ('b')"))
        after = await db.read_row(COUNT, {})
        await db.dispose()
        assert before is not None
        assert after is not None
        return before[0], after[0]

    assert asyncio.run(run()) == (0, 2)


def test_the_in_place_engine_cannot_write(tmp_path: Path) -> None:
    async def run() -> None:
        db = _database(tmp_path)
        async with db.writer.begin() as connection:
            await connection.execute(text("CREATE TABLE note (body TEXT)"))
        assert db.in_place is not None
        with pytest.raises(OperationalError, match="readonly"):
            await db.read_row(text("INSERT INTO note VALUES ('x') RETURNING body"), {})
        assert await db.read_row(COUNT, {}) == (0,)
        await db.dispose()

    asyncio.run(run())


def test_a_locked_file_is_read_through_the_async_engine_once_free(tmp_path: Path) -> None:
    """Another process holds the file exclusively: the loop is not held for the busy timeout;
    the read waits off the loop (aiosqlite) and answers when the lock is gone."""

    async def run() -> tuple[int, int]:
        db = _database(tmp_path)
        async with db.writer.begin() as connection:
            await connection.execute(text("CREATE TABLE note (body TEXT)"))
            await connection.execute(text("INSERT INTO note VALUES ('a')"))
        await db.writer.dispose()  # its pooled connection would keep the WAL index shared
        holder = sqlite3.connect(tmp_path / "hub.db", isolation_level=None)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        # In exclusive mode the lock is held until the connection closes.
        asyncio.get_running_loop().call_later(0.3, holder.close)
        row = await db.read_row(COUNT, {})
        ticker.cancel()
        await db.dispose()
        assert row is not None
        return row[0], ticks

    count, ticks = asyncio.run(run())
    assert count == 1
    assert ticks >= 5, "the loop was held while the file was locked"


@pytest.mark.parametrize(
    "url", ["sqlite+aiosqlite://", "sqlite+aiosqlite:///:memory:", "mysql+asyncmy://u:p@h/db"]
)
def test_only_a_sqlite_file_gets_an_in_place_engine(url: str) -> None:
    db = open_database(DatabaseSettings(url=url))
    assert db.in_place is None
    asyncio.run(db.dispose())
