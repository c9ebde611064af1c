"""Birthdays and anniversaries that fall in a week (Monday to Sunday, shop dates).

Only a stored date's day and month decide when it falls; its year gives the years counted
(age turned, years married). A 29 February date falls on 28 February in a year without one,
the day the shop would greet the customer. A week that spans New Year looks in both years.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Occasion(StrEnum):
    BIRTHDAY = "Birthday"
    ANNIVERSARY = "Anniversary"


@dataclass(frozen=True, slots=True)
class ShopWeek:
    """Monday to Sunday, both included."""

    monday: dt.date

    @classmethod
    def of(cls, day: dt.date) -> ShopWeek:
        return cls(day - dt.timedelta(days=day.weekday()))

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def months(self) -> frozenset[int]:
        """The calendar months the week touches (one or two)."""
        return frozenset({self.monday.month, self.sunday.month})

    def contains(self, day: dt.date) -> bool:
        return self.monday <= day <= self.sunday

    def label(self) -> str:
        return f"{self.monday:%d-%m-%Y} to {self.sunday:%d-%m-%Y}"


def falls_in(original: dt.date, year: int) -> dt.date:
    """The day in `year` when `original` is remembered (29 February -> 28 February)."""
    if original.month == 2 and original.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return original.replace(year=year)


@dataclass(frozen=True, slots=True)
class OccasionDue:
    customer_id: uuid.UUID
    name: str
    phone: str | None
    occasion: Occasion
    day: dt.date
    """When it falls this week."""
    years: int
    """Years since the stored date: the age turned, or the years married."""


@dataclass(frozen=True, slots=True)
class CustomerDates:
    customer_id: uuid.UUID
    name: str
    phone: str | None
    birth_date: dt.date | None
    anniversary: dt.date | None


def occasions_in_week(customers: Iterable[CustomerDates], week: ShopWeek) -> list[OccasionDue]:
    """Every birthday and anniversary falling in `week`, by day then name.

    A date that is itself in the week (a wedding this week) is not yet an anniversary: only
    occasions at least one year after the stored date are listed.
    """
    years = sorted({week.monday.year, week.sunday.year})
    due: list[OccasionDue] = []
    for customer in customers:
        for occasion, original in (
            (Occasion.BIRTHDAY, customer.birth_date),
            (Occasion.ANNIVERSARY, customer.anniversary),
        ):
            if original is None:
                continue
            for year in years:
                day = falls_in(original, year)
                if week.contains(day) and year > original.year:
                    due.append(
                        OccasionDue(
                            customer.customer_id,
                            customer.name,
                            customer.phone,
                            occasion,
                            day,
                            year - original.year,
                        )
                    )
    due.sort(key=lambda d: (d.day, d.name.casefold(), d.occasion.value, d.customer_id))
    return due


__all__ = [
    "CustomerDates",
    "Occasion",
    "OccasionDue",
    "ShopWeek",
    "falls_in",
    "occasions_in_week",
]
