"""Time for the services, injectable so tests (and the kill test) control it.

Instants are aware UTC; the shop's dates (invoice date, financial year, "today's rates") are
Asia/Kolkata dates, whatever time zone the counter PC is set to.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Protocol
from zoneinfo import ZoneInfo

SHOP_TZ: Final = ZoneInfo("Asia/Kolkata")


class Clock(Protocol):
    """Something that says what instant it is (aware, UTC)."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that only moves when told to (tests)."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = _aware(start)

    def now(self) -> dt.datetime:
        return self._now

    def set(self, instant: dt.datetime) -> None:
        self._now = _aware(instant)

    def advance(self, delta: dt.timedelta) -> None:
        self._now = self._now + delta


def _aware(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None:
        msg = "a clock needs an aware datetime"
        raise ValueError(msg)
    return instant.astimezone(dt.UTC)


def shop_date(instant: dt.datetime) -> dt.date:
    """The date printed on documents for an instant: the Asia/Kolkata calendar date."""
    return instant.astimezone(SHOP_TZ).date()


def shop_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where a shop date starts and the next one starts."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=SHOP_TZ)
    end = start + dt.timedelta(days=1)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
