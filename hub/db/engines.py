"""The hub's async engines (a writer and, when configured, a read replica for reports).

Opened in the app's lifespan and disposed when it stops; nothing connects at import time.

On an embedded (SQLite file) hub, the hottest reads also get a plain sqlite3 engine used on the
event loop itself: aiosqlite hands every cursor call to its own thread and back, and those
hand-offs cost more than the indexed read they carry (a counter's "anything new?" spent 0.5 ms
in aiosqlite, 0.14 ms in place). In WAL mode a reader does not wait for a writer; in the rare
cases it would (recovery after a crash, an exclusive lock), the in-place read gives up after a
few milliseconds and the read goes through aiosqlite, so the loop is never held. Writes always
go through the async engine.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Engine, Executable, Row, create_engine, event, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from hub.settings import DatabaseSettings, sync_url


@dataclass(slots=True)
class Database:
    """The writer engine and the reader engine (the same one when there is no replica)."""

    writer: AsyncEngine
    reader: AsyncEngine
    in_place: Engine | None = None
    """The writer's file through sqlite3, for `read_row` on the loop (embedded hubs only)."""

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    async def ping(self) -> float:
        """Round-trip one trivial query; returns the latency in milliseconds (raises when down)."""
        started = time.perf_counter()
        async with self.writer.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return (time.perf_counter() - started) * 1000

    async def read_row(self, statement: Executable, params: dict[str, Any]) -> Row[Any] | None:
        """The first row of a short indexed read of committed data (see the module's note)."""
        if self.in_place is not None:
            try:
                with self.in_place.connect() as connection:
                    return connection.execute(statement, params).first()
            except OperationalError as error:
                if not _locked(error):
                    raise
                # the file is locked for once: wait for it off the loop
        async with self.writer.connect() as connection:
            return (await connection.execute(statement, params)).first()

    def pool_in_use(self) -> int:
        """Connections checked out of the writer's pool right now (the metrics gauge)."""
        pool: Any = self.writer.sync_engine.pool
        checkedout = getattr(pool, "checkedout", None)
        return int(checkedout()) if callable(checkedout) else 0

    async def dispose(self) -> None:
        if self.in_place is not None:
            self.in_place.dispose()
        await self.writer.dispose()
        if self.reader is not self.writer:
            await self.reader.dispose()


def _engine(url: str, settings: DatabaseSettings) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, echo=settings.echo)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url,
        echo=settings.echo,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """WAL lets page reads run beside a write; the busy timeout waits out a short write lock
    instead of failing the request at once."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _locked(error: OperationalError) -> bool:
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _in_place(url: str) -> Engine | None:
    """A sqlite3 engine on the same file (None for a server database or an in-memory one,
    which a second engine would not share)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    engine = create_engine(sync_url(url))
    event.listen(engine, "connect", _in_place_pragmas)
    return engine


IN_PLACE_BUSY_MS: Final = 5
"""How long a read on the loop may wait for a lock before it goes through aiosqlite instead."""


def _in_place_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={IN_PLACE_BUSY_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def open_database(settings: DatabaseSettings) -> Database:
    writer = _engine(settings.url, settings)
    reader = _engine(settings.read_url, settings) if settings.read_url else writer
    return Database(writer=writer, reader=reader, in_place=_in_place(settings.url))
