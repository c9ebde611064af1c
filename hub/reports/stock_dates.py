"""Shop days as UTC instants, for reports that read event times (movements, rates).

Movements and rates carry UTC instants; the owner asks about shop days (Asia/Kolkata). A shop
day runs from its local midnight to the next, so "up to the end of 31-07" is "before 01-08
00:00 IST", i.e. before 31-07 18:30 UTC. Each bound is worked out here once, so every stock
report cuts the same events at the same instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final
from zoneinfo import ZoneInfo

SHOP_ZONE: Final = ZoneInfo("Asia/Kolkata")

ShopToday = Callable[[], dt.date]
"""Where a report gets "today" from: injected, so a test can fix the day."""


def shop_today() -> dt.date:
    """Today's date at the shop (Asia/Kolkata), by the machine's clock."""
    return dt.datetime.now(SHOP_ZONE).date()


def day_start(day: dt.date) -> dt.datetime:
    """The UTC instant the shop day begins (its local midnight)."""
    return dt.datetime.combine(day, dt.time(0, 0), SHOP_ZONE).astimezone(dt.UTC)


def day_end(day: dt.date) -> dt.datetime:
    """The UTC instant the shop day ends: an exclusive bound (the next day's midnight)."""
    return day_start(day + dt.timedelta(days=1))


def shop_date(instant: dt.datetime) -> dt.date:
    """The shop's date for a stored (aware, UTC) instant."""
    return instant.astimezone(SHOP_ZONE).date()
