"""The sections of GSTR-1 as values in paise: what `build_gstr1` returns and the JSON and CSV
writers read. Field names follow the return's own words; the portal's short keys (`txval`,
`inum`...) appear only in `hub.reports.gstr1_json`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final, Protocol

from shared.gst import SupplyType, TaxAtRate
from shared.money import Paise

ZERO: Final = Paise(0)
"""A shared zero (Paise is immutable) for the dataclass defaults."""


class Tally:
    """A running sum of taxable value and tax in plain integer paise.

    Reports add up tens of thousands of rows; summing immutable `Figures` would build four
    `Paise` per addition, so sums run on ints and become `Figures` once, at the end.
    """

    __slots__ = ("cgst", "igst", "sgst", "taxable")

    def __init__(self) -> None:
        self.taxable = self.igst = self.cgst = self.sgst = 0

    def add(self, row: TaxAtRate, sign: int = 1) -> None:
        self.taxable += sign * row.taxable.value
        self.igst += sign * row.igst.value
        self.cgst += sign * row.cgst.value
        self.sgst += sign * row.sgst.value

    def add_figures(self, figures: Figures, sign: int = 1) -> None:
        self.taxable += sign * figures.taxable.value
        self.igst += sign * figures.igst.value
        self.cgst += sign * figures.cgst.value
        self.sgst += sign * figures.sgst.value

    def figures(self) -> Figures:
        return Figures(Paise(self.taxable), Paise(self.igst), Paise(self.cgst), Paise(self.sgst))


class HasFigures(Protocol):
    @property
    def figures(self) -> Figures: ...


@dataclass(frozen=True, slots=True)
class Figures:
    """Taxable value and tax by head: what every identity between the reports compares."""

    taxable: Paise = ZERO
    igst: Paise = ZERO
    cgst: Paise = ZERO
    sgst: Paise = ZERO

    @property
    def total_tax(self) -> Paise:
        return self.igst + self.cgst + self.sgst

    @property
    def figures(self) -> Figures:
        return self

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.taxable + other.taxable,
            self.igst + other.igst,
            self.cgst + other.cgst,
            self.sgst + other.sgst,
        )

    def __sub__(self, other: Figures) -> Figures:
        return self + other.negated()

    def negated(self) -> Figures:
        return Figures(-self.taxable, -self.igst, -self.cgst, -self.sgst)

    @classmethod
    def of(cls, row: TaxAtRate) -> Figures:
        return cls(row.taxable, row.igst, row.cgst, row.sgst)

    @classmethod
    def sum(cls, rows: Iterable[HasFigures | TaxAtRate]) -> Figures:
        tally = Tally()
        for row in rows:
            if isinstance(row, TaxAtRate):
                tally.add(row)
            else:
                tally.add_figures(row.figures)
        return tally.figures()


@dataclass(frozen=True, slots=True)
class InvoiceEntry:
    """One invoice (B2B, B2CL) or note (CDNR, CDNUR): its value and one item per tax rate."""

    number: str
    date: dt.date
    value: Paise
    """Invoice value: the grand total the customer was billed (an old-gold voucher netted
    against it is a separate purchase and does not reduce it)."""
    place_of_supply: str
    reverse_charge: bool
    items: tuple[TaxAtRate, ...]

    @property
    def figures(self) -> Figures:
        return Figures.sum(self.items)


@dataclass(frozen=True, slots=True)
class B2bRecipient:
    """A registered buyer and their invoices (or notes, in CDNR) of the month."""

    gstin: str
    name: str
    documents: tuple[InvoiceEntry, ...]

    @property
    def figures(self) -> Figures:
        return Figures.sum(self.documents)


@dataclass(frozen=True, slots=True)
class B2clState:
    """Large inter-state B2C invoices, grouped by place of supply as the portal wants them."""

    place_of_supply: str
    invoices: tuple[InvoiceEntry, ...]

    @property
    def figures(self) -> Figures:
        return Figures.sum(self.invoices)


@dataclass(frozen=True, slots=True)
class B2csRow:
    """All other B2C supplies of one place of supply and rate, net of their credit notes.

    May be negative when the month's returns at that place and rate exceed its sales.
    """

    supply_type: SupplyType
    place_of_supply: str
    rate: Decimal
    figures: Figures


class UnregisteredType(StrEnum):
    """CDNUR's `typ`: the kind of unregistered supply the note corrects (we only sell B2CL)."""

    B2CL = "B2CL"


@dataclass(frozen=True, slots=True)
class CdnurNote:
    ur_type: UnregisteredType
    note: InvoiceEntry

    @property
    def figures(self) -> Figures:
        return self.note.figures


class Uqc(StrEnum):
    """Unit quantity code. Every line the kernel prices has a gross weight (a loose stone
    weighs its carats), so everything we sell is reported by weight in grams (DOMAIN.md)."""

    GMS = "GMS"

    @property
    def template_label(self) -> str:
        return "GMS-GRAMMES"


@dataclass(frozen=True, slots=True)
class HsnRow:
    hsn: str
    description: str
    uqc: Uqc
    quantity: int
    """Gross weight in milligrams, net of returned articles."""
    rate: Decimal
    figures: Figures


class DocumentNature(StrEnum):
    """Table 13's document kinds we issue, with the portal's `doc_num`."""

    INVOICES = "Invoices for outward supply"
    CREDIT_NOTES = "Credit Note"

    @property
    def doc_num(self) -> int:
        return 1 if self is DocumentNature.INVOICES else 5


@dataclass(frozen=True, slots=True)
class DocumentRange:
    """One series' documents of the month: first and last number, how many, how many cancelled."""

    nature: DocumentNature
    series: str
    first: str
    last: str
    total: int
    cancelled: int

    @property
    def net_issued(self) -> int:
        return self.total - self.cancelled


@dataclass(frozen=True, slots=True)
class Gstr1Return:
    """GSTR-1 for one month of one shop (GSTIN), every amount in paise."""

    gstin: str
    year: int
    month: int
    b2b: tuple[B2bRecipient, ...] = ()
    b2cl: tuple[B2clState, ...] = ()
    b2cs: tuple[B2csRow, ...] = ()
    cdnr: tuple[B2bRecipient, ...] = ()
    cdnur: tuple[CdnurNote, ...] = ()
    hsn_b2b: tuple[HsnRow, ...] = ()
    hsn_b2c: tuple[HsnRow, ...] = ()
    hsn_split: bool = True
    """False before May 2025: the two HSN tables are filed as one (`hsn.merge_hsn_rows`)."""
    documents: tuple[DocumentRange, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    """Things the owner should look at before filing (a number missing from a series)."""

    @property
    def fp(self) -> str:
        return f"{self.month:02d}{self.year:04d}"

    @property
    def outward(self) -> Figures:
        """B2B + B2CL + B2CS (net of B2C notes) - CDNR - CDNUR: the month's taxable supplies."""
        return (
            Figures.sum(self.b2b)
            + Figures.sum(self.b2cl)
            + Figures.sum(self.b2cs)
            - Figures.sum(self.cdnr)
            - Figures.sum(self.cdnur)
        )
