"""The plain row data the reports are computed from: one issued document and its line groups.

`hub.reports.queries` reads these from the tables in two set-based queries; everything after
that is pure functions on these values, so the figures can be tested without a database and
recomputed by anyone from the same rows. Money is integer paise (`Paise`), weight milligrams.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from shared.errors import InvalidInput
from shared.gst import SupplyType, TaxAtRate, tax_by_rate
from shared.money import Milligrams, Paise


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class UnreportableDocument(InvalidInput):
    """A stored document whose figures do not add up, so no return can be made from it.

    It cannot happen to documents made by the kernel (the tables' CHECKs and `compute_invoice`
    hold the sums); when it does, the return must stop and say which document, rather than file
    figures that disagree with the invoice the customer holds.
    """


def rate_percent(rate_bp: int) -> Decimal:
    """300 basis points -> Decimal("3"), 150 -> Decimal("1.5") (the portal's `rt`)."""
    return Decimal(rate_bp) / 100


@dataclass(frozen=True, slots=True)
class LineGroup:
    """A document's lines of one HSN code and one GST rate, summed."""

    hsn: str
    rate_bp: int
    taxable: Paise
    gross: Milligrams
    """The articles' gross weight: the quantity the invoice prints (0 for a loose stone)."""
    lines: int


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """An invoice or a credit note as issued (or cancelled), with its stored totals.

    `classification` is the GSTR-1 table the counter put it in when it was issued (b2b, b2cl,
    b2cs for invoices; cdnr, cdnur, b2cs for notes): the buyer, place of supply and value it was
    judged on are snapshots on the document, so the hub does not second-guess it.
    """

    kind: DocumentKind
    series: str
    number: str
    document_date: dt.date
    cancelled: bool
    classification: str
    supply_type: SupplyType
    place_of_supply: str
    reverse_charge: bool
    buyer_gstin: str | None
    buyer_name: str
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    grand_total: Paise
    groups: tuple[LineGroup, ...]

    @property
    def label(self) -> str:
        what = "invoice" if self.kind is DocumentKind.INVOICE else "credit note"
        return f"{what} {self.number}"

    def tax_rows(self) -> list[TaxAtRate]:
        """The document's tax table, one row per rate, agreeing with its stored totals.

        With one rate (nearly every jeweller's bill) the row is the stored figures themselves:
        the return reports what the invoice says. With several, the document does not store the
        split, so it is worked out again by the kernel's rule (each rate's summed taxable value
        taxed once, DOMAIN.md convention 3) and must add back up to the stored totals exactly.
        """
        by_rate: dict[int, int] = {}
        for group in self.groups:
            by_rate[group.rate_bp] = by_rate.get(group.rate_bp, 0) + group.taxable.value
        if len(by_rate) == 1:
            ((rate_bp, taxable),) = by_rate.items()
            if taxable != self.taxable.value:
                self._refuse((self.taxable.value,), (taxable,), ("taxable value",))
            return [TaxAtRate(rate_percent(rate_bp), self.taxable, self.cgst, self.sgst, self.igst)]
        rows = tax_by_rate(
            ((rate_percent(bp), Paise(taxable)) for bp, taxable in by_rate.items()),
            self.supply_type,
        )
        stored = (self.taxable.value, self.cgst.value, self.sgst.value, self.igst.value)
        computed = (
            sum(r.taxable.value for r in rows),
            sum(r.cgst.value for r in rows),
            sum(r.sgst.value for r in rows),
            sum(r.igst.value for r in rows),
        )
        if stored != computed:
            self._refuse(stored, computed, ("taxable value", "CGST", "SGST", "IGST"))
        return rows

    def _refuse(
        self, stored: tuple[int, ...], computed: tuple[int, ...], names: tuple[str, ...]
    ) -> None:
        wrong = [
            f"{name} {Paise(have).format()} (its lines give {Paise(want).format()})"
            for name, have, want in zip(names, stored, computed, strict=True)
            if have != want
        ]
        raise UnreportableDocument(
            f"{self.label} of {self.document_date:%d-%m-%Y} stores "
            + ", ".join(wrong)
            + ": its lines and totals disagree, so the return cannot include it as stored"
        )


@dataclass(frozen=True, slots=True)
class TaxedDocument:
    """A document with its tax table worked out once (every section reads the same rows)."""

    document: ReportDocument
    rows: tuple[TaxAtRate, ...]

    @classmethod
    def of(cls, document: ReportDocument) -> TaxedDocument:
        return cls(document, tuple(document.tax_rows()))
