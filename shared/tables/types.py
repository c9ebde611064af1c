"""Column types that store the same value the same way on SQLite and MariaDB.

SQLite has no time zones and no decimal type, MariaDB truncates times to whole seconds unless
told otherwise: these types hide both differences so that a row written on a counter and replayed
on the hub reads back identically, to the microsecond.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from sqlalchemy import BigInteger, DateTime, Dialect, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

# Integers wide enough for any amount in paise or weight in milligrams (a crore of rupees is 1e9
# paise, past a 32-bit INTEGER on MariaDB). Money columns are named `*_paise`, weights `*_mg`.
BigInt = Annotated[int, mapped_column(BigInteger)]

# JSON kept as text: SQLite has no JSON column type and MariaDB's JSON is LONGTEXT under another
# name that reflects back differently. MEDIUMTEXT (16 MB) on MariaDB: TEXT stops at 64 KB, which
# a large invoice with its lines can pass.
JsonText: TypeEngine[str] = Text().with_variant(mysql.MEDIUMTEXT(), "mysql")


def utc_now() -> datetime:
    """The current instant, aware and in UTC (the default for every `*_at` column)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: stored as naive UTC, returned as aware UTC, microseconds kept on both ends.

    Refusing naive datetimes on the way in is the point: a naive value is ambiguous (counter PCs
    run on Asia/Kolkata local time) and would silently shift by 5 h 30 min somewhere.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "mysql":
            # DATETIME(6): MariaDB and MySQL drop the microseconds of a plain DATETIME.
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            msg = f"a naive datetime ({value.isoformat()}) cannot be stored: give it a time zone"
            raise ValueError(msg)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)
