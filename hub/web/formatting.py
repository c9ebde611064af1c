"""How the pages show money, weight, rates and times to an Indian shop owner.

Registered as Jinja filters (see `hub.web.templating`), so templates never do arithmetic on
paise or convert time zones themselves: the database keeps UTC and integers, the owner reads
Indian-grouped rupees and India Standard Time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise
from shared.states import state_name

SHOP_TIME_ZONE: Final = ZoneInfo("Asia/Kolkata")
_MINUTE: Final = 60
_HOUR: Final = 60 * _MINUTE
_DAY: Final = 24 * _HOUR


def rupees(amount: Paise | int | None) -> str:
    """₹1,23,456.50 from Paise or integer paise; an em dash for nothing."""
    if amount is None:
        return "—"
    return (amount if isinstance(amount, Paise) else Paise(amount)).format()


def grams(weight: Milligrams | int | None) -> str:
    """12.345 g (1,220.637 g: grouped the Indian way) from Milligrams or integer milligrams."""
    if weight is None:
        return "—"
    return (weight if isinstance(weight, Milligrams) else Milligrams(weight)).format()


def rate_per_gram(paise_per_gram: int | None) -> str:
    """A metal rate as the counter shows it: ₹7,250.00/g."""
    if paise_per_gram is None:
        return "—"
    return f"{Paise(paise_per_gram).format()}/g"


def rupees_input(paise: int | None) -> str:
    """A rate put back into a form field: plain rupees with two decimals, no grouping."""
    if paise is None:
        return ""
    return Paise(paise).decimal_text()


def as_shop_time(moment: datetime) -> datetime:
    """A stored UTC instant in India Standard Time (naive values are taken as UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(SHOP_TIME_ZONE)


def shop_datetime(moment: datetime | None) -> str:
    """25 Nov 2025, 4:05 pm (IST)."""
    if moment is None:
        return "never"
    local = as_shop_time(moment)
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    return f"{local.day} {local:%b %Y}, {hour}:{local:%M} {meridiem}"


def shop_date(day: date | datetime | None) -> str:
    """25 Nov 2025 (a datetime is first moved to IST)."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = as_shop_time(day).date()
    return f"{day.day} {day:%b %Y}"


def time_ago(moment: datetime | None, now: datetime) -> str:
    """ "5 minutes ago", "3 days ago", "never": how fresh a terminal's last contact is."""
    if moment is None:
        return "never"
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    seconds = int((now - aware).total_seconds())
    if seconds < _MINUTE:
        return "just now"
    for size, unit in ((_DAY, "day"), (_HOUR, "hour"), (_MINUTE, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 terminal", "3 terminals"."""
    word = singular if number == 1 else (plural or f"{singular}s")
    return f"{number} {word}"


def state_label(code: str | None) -> str:
    """ "Maharashtra" for "27"; an unknown code is shown as it is rather than failing the page."""
    if not code:
        return "—"
    try:
        return state_name(code)
    except InvalidInput:
        return code
