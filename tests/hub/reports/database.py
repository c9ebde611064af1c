"""Writing seeded months into a real database and reading reports back through the hub's
tenant sessions (helpers shared by the database tests and the benchmark)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import Session

from hub.db.tenancy import SessionFactory
from hub.settings import async_url
from shared.tables import Base
from tests.harness.databases import create_test_engine
from tests.hub.reports.seed import SeededMonth

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ReportResources:
    """The part of `HubResources` the report service uses."""

    sessions: SessionFactory


def create_tables(url: str) -> Engine:
    engine = create_test_engine(url)
    Base.metadata.create_all(engine)
    return engine


def _values(row: Base) -> dict[str, Any]:
    """The attributes the row was built with (defaults left to the table, as a flush would)."""
    return {
        key: value
        for key, value in vars(row).items()
        if not key.startswith("_") and key in row.__table__.columns
    }


def bulk_write(engine: Engine, rows: Iterable[Base]) -> None:
    """Insert rows table by table with executemany (parents first, as `rows` lists them)."""
    by_table: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        by_table.setdefault(row.__table__, []).append(_values(row))
    with Session(engine) as session, session.begin():
        for table, values in by_table.items():
            session.execute(insert(table), values)


def write_month(engine: Engine, month: SeededMonth) -> None:
    bulk_write(engine, [month.shop, *month.rows()])


def run_with_sessions(
    reader_url: str,
    writer_url: str | None,
    work: Callable[[ReportResources], Awaitable[_T]],
) -> _T:
    """Run `work` with a SessionFactory whose replica is `reader_url` (writer: `writer_url`,
    or the same database), disposing of the engines afterwards."""

    async def go() -> _T:
        reader: AsyncEngine = create_async_engine(async_url(reader_url))
        writer = create_async_engine(async_url(writer_url)) if writer_url else reader
        try:
            return await work(ReportResources(SessionFactory(writer, reader)))
        finally:
            await reader.dispose()
            if writer is not reader:
                await writer.dispose()

    return asyncio.run(go())


def new_shop() -> uuid.UUID:
    return uuid.uuid4()
