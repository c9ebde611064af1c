"""Engines for test databases, and the rolled-back session each `db_session` test runs in.

pysqlite does not emit BEGIN itself and so breaks SAVEPOINT; the two event hooks are
SQLAlchemy's documented fix, without which `join_transaction_mode="create_savepoint"` would
silently commit on SQLite. Foreign keys are switched on so SQLite enforces what InnoDB does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session


def create_test_engine(url: str) -> Engine:
    """An engine on `url`; SQLite gets working savepoints and enforced foreign keys."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: object) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def rolled_back_session(engine: Engine) -> Iterator[Session]:
    """A Session inside an outer transaction that is always rolled back.

    The session's own commits only release savepoints, so a test may commit as the code under
    test would, and the next test still starts from the empty tables.
    """
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()
            if outer.is_active:
                outer.rollback()
