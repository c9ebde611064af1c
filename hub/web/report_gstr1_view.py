"""The GSTR-1 page's summary: one line per section, the reconciliation, and 3B's figures.

A CA checks a return section by section before uploading it, and checks that what is filed
equals what was sold: GSTR-1's outward supplies (B2B + B2CL + B2CS - notes), the sales register
(the plain sum of the documents) and GSTR-3B's 3.1(a) must be the same to the paisa. The page
says so with a tick, or names the difference, so no one files a return that disagrees with the
books.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from hub.reports import Figures, Gstr1, ReturnPeriod
from hub.reports.gstr1_csv import CsvSection
from hub.reports.sections import Gstr1Return
from shared.errors import InvalidInput
from shared.money import Paise

_MONTH: Final = re.compile(r"^(\d{4})-(\d{1,2})$")
SECTION_TITLES: Final = {
    CsvSection.B2B: "B2B invoices (registered buyers)",
    CsvSection.B2CL: "B2C large (inter-state, over the limit)",
    CsvSection.B2CS: "B2C small (summary by state and rate)",
    CsvSection.CDNR: "Credit notes to registered buyers",
    CsvSection.CDNUR: "Credit notes to unregistered buyers",
    CsvSection.HSN: "HSN summary",
    CsvSection.HSN_B2B: "HSN summary, B2B",
    CsvSection.HSN_B2C: "HSN summary, B2C",
    CsvSection.DOCS: "Documents issued",
}


@dataclass(frozen=True, slots=True)
class SectionLine:
    section: CsvSection
    title: str
    records: int
    figures: Figures | None
    """None for documents issued (counts, no amounts)."""
    subtracted: bool = False


@dataclass(frozen=True, slots=True)
class Reconciliation:
    returned: Figures
    register: Figures
    gstr3b: Figures
    agrees: bool

    def differences(self) -> list[str]:
        """ "taxable value: sales register ₹1,000.00 more than GSTR-1" for each figure off."""
        found = []
        for name, label in (
            ("taxable", "taxable value"),
            ("igst", "IGST"),
            ("cgst", "CGST"),
            ("sgst", "SGST"),
        ):
            returned: Paise = getattr(self.returned, name)
            register: Paise = getattr(self.register, name)
            filed_3b: Paise = getattr(self.gstr3b, name)
            if register != returned:
                found.append(_gap(label, "the sales register", register, "GSTR-1", returned))
            if filed_3b != returned:
                found.append(_gap(label, "GSTR-3B", filed_3b, "GSTR-1", returned))
        return found


def _gap(label: str, one: str, first: Paise, other: str, second: Paise) -> str:
    difference = first - second
    more = "more" if difference.value > 0 else "less"
    magnitude = Paise(abs(difference.value))
    return f"{label}: {one} is {magnitude.format()} {more} than {other}"


@dataclass(frozen=True, slots=True)
class Gstr1View:
    gstr1: Gstr1
    sections: tuple[SectionLine, ...]
    reconciliation: Reconciliation
    net_documents: int


def parse_month(text: str | None, today: dt.date) -> ReturnPeriod:
    """ "2025-07" (what <input type=month> sends); no month means last month, the one filed."""
    if not text or not text.strip():
        last = today.replace(day=1) - dt.timedelta(days=1)
        return ReturnPeriod(last.year, last.month)
    found = _MONTH.match(text.strip())
    if found is None:
        raise InvalidInput(f"choose the month as yyyy-mm, such as 2025-07 (got {text!r})", "month")
    return ReturnPeriod(int(found[1]), int(found[2]))


def _section_lines(returned: Gstr1Return, sections: tuple[CsvSection, ...]) -> list[SectionLine]:
    counts: dict[CsvSection, tuple[int, Figures | None, bool]] = {
        CsvSection.B2B: (
            sum(len(r.documents) for r in returned.b2b),
            Figures.sum(returned.b2b),
            False,
        ),
        CsvSection.B2CL: (
            sum(len(s.invoices) for s in returned.b2cl),
            Figures.sum(returned.b2cl),
            False,
        ),
        CsvSection.B2CS: (len(returned.b2cs), Figures.sum(returned.b2cs), False),
        CsvSection.CDNR: (
            sum(len(r.documents) for r in returned.cdnr),
            Figures.sum(returned.cdnr),
            True,
        ),
        CsvSection.CDNUR: (len(returned.cdnur), Figures.sum(returned.cdnur), True),
        CsvSection.HSN: (
            len(returned.hsn_b2b) + len(returned.hsn_b2c),
            Figures.sum([row.figures for row in (*returned.hsn_b2b, *returned.hsn_b2c)]),
            False,
        ),
        CsvSection.HSN_B2B: (
            len(returned.hsn_b2b),
            Figures.sum([row.figures for row in returned.hsn_b2b]),
            False,
        ),
        CsvSection.HSN_B2C: (
            len(returned.hsn_b2c),
            Figures.sum([row.figures for row in returned.hsn_b2c]),
            False,
        ),
        CsvSection.DOCS: (sum(r.total for r in returned.documents), None, False),
    }
    lines = []
    for section in sections:
        records, figures, subtracted = counts[section]
        lines.append(SectionLine(section, SECTION_TITLES[section], records, figures, subtracted))
    return lines


def gstr1_view(gstr1: Gstr1) -> Gstr1View:
    returned = gstr1.returned
    return Gstr1View(
        gstr1=gstr1,
        sections=tuple(_section_lines(returned, gstr1.csv_sections())),
        reconciliation=Reconciliation(
            returned=returned.outward,
            register=gstr1.register,
            gstr3b=gstr1.gstr3b.outward_taxable,
            agrees=gstr1.reconciles,
        ),
        net_documents=sum(r.net_issued for r in returned.documents),
    )
