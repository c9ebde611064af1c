"""The clock that never goes back: "now", for the licence, is the latest time ever seen.

A counter sees time from its own clock (at every start, issue and sync), from the hub's clock
(each pull carries it) and from each verified licence (its ``issued_at``). It keeps the latest
of these; setting the PC's clock back a year then changes nothing, because the licence is
judged at ``max(system clock, latest seen)``.

Saving is cheap: the stored value moves only when a new time is at least `WRITE_STEP` later, so
a busy counter writes it about once a minute at most, and judging never writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

WRITE_STEP: Final = dt.timedelta(minutes=1)
"""Times closer than this to the stored one are not worth a write (licences count in days)."""


def parse_instant(text: str | None) -> dt.datetime | None:
    """A stored instant, or None when missing or unreadable (then only the clock counts)."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else None


def format_instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def licensing_now(system_now: dt.datetime, latest_seen: dt.datetime | None) -> dt.datetime:
    """The instant the licence is judged at: the clock, unless it is behind what was seen."""
    now = system_now.astimezone(dt.UTC)
    return now if latest_seen is None or now >= latest_seen else latest_seen


def worth_saving(
    stored: dt.datetime | None, seen: Iterable[dt.datetime | None]
) -> dt.datetime | None:
    """The new latest time to store, or None when nothing seen moves it by `WRITE_STEP`."""
    times = [moment.astimezone(dt.UTC) for moment in seen if moment is not None]
    if not times:
        return None
    latest = max(times)
    if stored is None or latest >= stored + WRITE_STEP:
        return latest
    return None
