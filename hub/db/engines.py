"""The hub's async engines (a writer and, when configured, a read replica for reports).

Opened in the app's lifespan and disposed when it stops; nothing connects at import time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from hub.settings import DatabaseSettings


@dataclass(slots=True)
class Database:
    """The writer engine and the reader engine (the same one when there is no replica)."""

    writer: AsyncEngine
    reader: AsyncEngine

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    async def ping(self) -> float:
        """Round-trip one trivial query; returns the latency in milliseconds (raises when down)."""
        started = time.perf_counter()
        async with self.writer.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return (time.perf_counter() - started) * 1000

    def pool_in_use(self) -> int:
        """Connections checked out of the writer's pool right now (the metrics gauge)."""
        pool: Any = self.writer.sync_engine.pool
        checkedout = getattr(pool, "checkedout", None)
        return int(checkedout()) if callable(checkedout) else 0

    async def dispose(self) -> None:
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


def open_database(settings: DatabaseSettings) -> Database:
    writer = _engine(settings.url, settings)
    reader = _engine(settings.read_url, settings) if settings.read_url else writer
    return Database(writer=writer, reader=reader)
