"""The return period a GSTR-1 or GSTR-3B is made for: one calendar month.

GST returns are monthly (QRMP quarterly filers still file by month in the IFF), and the dates
that decide which month a document belongs to are the shop's own dates (`invoice_date`,
`note_date`, Asia/Kolkata), never the UTC instant it was issued at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from shared.errors import InvalidInput

GST_START: Final = dt.date(2017, 7, 1)
"""GST began on 1 July 2017: there is no return for an earlier month."""
HSN_SPLIT_FROM: Final = dt.date(2025, 5, 1)
"""From the May 2025 return period the HSN summary is reported in a B2B and a B2C table."""


_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True, order=True)
class ReturnPeriod:
    year: int
    month: int

    def __post_init__(self) -> None:
        if isinstance(self.month, bool) or not isinstance(self.month, int):
            raise InvalidInput("the month is a number from 1 to 12", "month")
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise InvalidInput("the year is written with four digits, such as 2025", "year")
        if not 1 <= self.month <= 12:
            raise InvalidInput(f"{self.month} is not a month: use 1 to 12", "month")
        if not 1 <= self.year <= 9999 or self.first_day < GST_START:
            raise InvalidInput("GST returns start from July 2017", "year")

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> dt.date:
        """The first day after the period (the query's exclusive upper bound)."""
        if self.month == 12:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, self.month + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next_first_day - dt.timedelta(days=1)

    @property
    def fp(self) -> str:
        """The portal's filing period, "MMYYYY" ("072025" for July 2025)."""
        return f"{self.month:02d}{self.year:04d}"

    @property
    def splits_hsn(self) -> bool:
        return self.first_day >= HSN_SPLIT_FROM

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day < self.next_first_day

    def label(self) -> str:
        """ "July 2025", for headings and file names shown to people."""
        return self.first_day.strftime("%B %Y")
