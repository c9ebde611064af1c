"""Checks on what the operator types when recording a payment: amounts, dates, references.

Each failure is an `InvalidInput` naming the field, raised before anything is written.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Final

from shared.errors import InvalidInput

MAX_AMOUNT_PAISE: Final = 10_000_000_000
"""Rs 10 crore: far above any licence fee, so a slip of the keyboard is caught."""
EARLIEST_DAY: Final = date(2020, 1, 1)
MAX_AMC_YEARS: Final = 5


def amount(value: object, field: str = "amount_paise") -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput("the amount must be a whole number of paise", field)
    if value <= 0:
        raise InvalidInput("the amount must be more than zero", field)
    if value > MAX_AMOUNT_PAISE:
        raise InvalidInput("the amount is more than Rs 10 crore: check it", field)
    return value


def paid_on(value: object, today: date, field: str = "paid_on") -> date:
    if not isinstance(value, date):
        raise InvalidInput("give the day the money was received", field)
    if value > today:
        raise InvalidInput(f"the payment date {value:%d-%m-%Y} is in the future", field)
    if value < EARLIEST_DAY:
        raise InvalidInput(f"the payment date {value:%d-%m-%Y} is too far back", field)
    return value


def text(value: object, field: str, limit: int, *, required: bool) -> str | None:
    if value is None:
        if required:
            raise InvalidInput("this is required", field)
        return None
    if not isinstance(value, str):
        raise InvalidInput("this must be text", field)
    cleaned = " ".join(value.split())
    if not cleaned:
        if required:
            raise InvalidInput("this is required", field)
        return None
    if len(cleaned) > limit:
        raise InvalidInput(f"at most {limit} characters", field)
    return cleaned


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def amc_period(
    period_from: date | None,
    period_to: date | None,
    *,
    paid_until: date | None,
    trial_started_on: date | None,
    trial_ends_on: date | None,
    amc_months: int,
    today: date,
) -> tuple[date, date]:
    """The period an AMC payment covers, checked against what is already paid.

    The period starts the day after the current paid-until date (no overlap), or, when the AMC
    has run out, any day from then up to today (a shop that lapsed may restart today; no period
    in the future leaves a gap); by default it follows on from the paid-until day. A shop that
    never paid may start from its trial's first day up to the day after its trial (or today,
    once the trial is over), by default that last day so no trial day is lost. The end
    defaults to `amc_months` later less a day.
    """
    if paid_until is not None:
        earliest = paid_until + timedelta(days=1)
        latest = max(earliest, today)
        after = f"the AMC is paid until {paid_until:%d-%m-%Y}"
    else:
        earliest = trial_started_on or EARLIEST_DAY
        latest = max((trial_ends_on or today) + timedelta(days=1), today)
        after = "the shop has not paid an AMC yet"
    default = earliest if paid_until is not None else latest
    start = default if period_from is None else period_from
    if start < earliest:
        raise InvalidInput(
            f"{after}: this period would overlap it; start on {earliest:%d-%m-%Y} or later",
            "period_from",
        )
    if start > latest:
        raise InvalidInput(
            f"{after}: a period starting {start:%d-%m-%Y} would leave a gap; "
            f"start on {latest:%d-%m-%Y} at the latest",
            "period_from",
        )
    end = add_months(start, amc_months) - timedelta(days=1) if period_to is None else period_to
    if end < start:
        raise InvalidInput("the period ends before it starts", "period_to")
    if end > add_months(start, 12 * MAX_AMC_YEARS):
        raise InvalidInput(f"an AMC period is at most {MAX_AMC_YEARS} years", "period_to")
    return start, end


__all__ = ["add_months", "amc_period", "amount", "paid_on", "text"]
