"""Invoice numbers: one series per terminal, gapless within a financial year (April-March).

Rule 46 wants consecutive serial numbers unique in the financial year; two terminals billing
offline can only guarantee that if each owns its own series, so the series prefix names the
terminal ("A1") and the number names the year ("A1/25-26/00001"). The counter allocates the next
number inside the same transaction that stores the invoice, so a crash cannot skip or reuse one;
this module holds the rules that allocation follows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from shared.errors import InvalidInput
from shared.validators import validate_invoice_number

MAX_NUMBER_LENGTH: Final = 16
_PREFIX = re.compile(r"^[A-Z1-9][A-Z0-9]{0,3}$")
_NUMBER = re.compile(r"^(?P<prefix>[A-Z1-9][A-Z0-9]{0,3})/(?P<fy>\d{2}-\d{2})/(?P<seq>\d+)$")
_MIN_DIGITS: Final = 5


def financial_year(day: dt.date) -> str:
    """The Indian financial year of a date: 2025-04-01 .. 2026-03-31 is "2025-26"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year label such as "2025-26"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        raise InvalidInput(f"{label!r} is not a financial year such as 2025-26")
    start = int(match[1])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def validate_series_prefix(text: str) -> str:
    """A series prefix: 1-4 upper-case letters or digits, not starting with 0 ("A1", "HO2")."""
    if not isinstance(text, str):
        raise InvalidInput("a series prefix must be written as text")
    prefix = text.strip().upper()
    if not _PREFIX.match(prefix):
        raise InvalidInput(
            f"{text!r} is not a series prefix: 1 to 4 letters or digits, not starting with 0"
        )
    return prefix


@dataclass(frozen=True, slots=True)
class InvoiceSeries:
    """A terminal's series in one financial year; `format(n)` spells the n-th number."""

    prefix: str
    financial_year: str

    def __post_init__(self) -> None:
        validate_series_prefix(self.prefix)
        financial_year_bounds(self.financial_year)

    @property
    def short_year(self) -> str:
        return f"{self.financial_year[2:4]}-{self.financial_year[5:7]}"

    @property
    def capacity(self) -> int:
        """The highest number this series can spell within 16 characters."""
        digits = MAX_NUMBER_LENGTH - len(self.prefix) - len(self.short_year) - 2
        return int("9" * digits)

    def format(self, sequence: int) -> str:
        if sequence < 1:
            raise InvalidInput("invoice sequence numbers start at 1")
        if sequence > self.capacity:
            raise InvalidInput(
                f"series {self.prefix} is full for {self.financial_year} "
                f"({self.capacity} invoices); ask the owner for a new series"
            )
        number = f"{self.prefix}/{self.short_year}/{sequence:0{_MIN_DIGITS}d}"
        return validate_invoice_number(number)

    def next_after(self, last_sequence: int) -> tuple[int, str]:
        """The sequence and number that follow `last_sequence` (0 for a new year): gapless."""
        if last_sequence < 0:
            raise InvalidInput("the last sequence of a series cannot be negative")
        sequence = last_sequence + 1
        return sequence, self.format(sequence)

    @classmethod
    def for_date(cls, prefix: str, day: dt.date) -> InvoiceSeries:
        return cls(validate_series_prefix(prefix), financial_year(day))


def parse_invoice_number(number: str) -> tuple[InvoiceSeries, int]:
    """Split "A1/25-26/00042" into its series and sequence (for gap checks and reports)."""
    match = _NUMBER.match(validate_invoice_number(number))
    if match is None:
        raise InvalidInput(f"{number!r} is not a number of our series (such as A1/25-26/00001)")
    first = int(match["fy"][:2])
    century = 2000 if first < 90 else 1900
    label = f"{century + first}-{match['fy'][3:]}"
    return InvoiceSeries(match["prefix"], label), int(match["seq"])
