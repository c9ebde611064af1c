"""What a printed GST document says, as plain frozen data loaded from the stored rows.

Renderers only lay these out: every amount here was read from the database (integer paise and
milligrams), never recomputed, so a reprint years later shows exactly what was issued. Invoices
and credit notes share `GstDocument`, so one layout prints both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from shared.money import Milligrams, Paise

NO_PAISE = Paise(0)
NO_WEIGHT = Milligrams(0)


@dataclass(frozen=True, slots=True)
class PrintProfile:
    """The shop's print branding, kept in the counter's settings rather than the shop table.

    A logo file that is missing or unreadable is left out rather than failing the print: the
    invoice itself matters more than its letterhead.
    """

    logo_path: Path | None = None
    terms: tuple[str, ...] = ()
    signatory: str = "Authorised Signatory"
    footer: str = ""
    logo_data: bytes | None = None
    """The logo's bytes, for callers that keep it in object storage rather than on disk (the
    hub's archive); it wins over `logo_path` when both are given."""

    @property
    def logo(self) -> Path | bytes | None:
        """Whichever logo source was given, for the layouts."""
        return self.logo_data if self.logo_data is not None else self.logo_path


@dataclass(frozen=True, slots=True)
class ShopHeader:
    """The supplier block of Rule 46: name, address, GSTIN, and the state it is registered in."""

    name: str
    legal_name: str
    address: str
    pincode: str | None
    gstin: str | None
    pan: str | None
    state_code: str
    state_name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class BuyerDetails:
    """The recipient as the document recorded them (a snapshot, not today's customer row)."""

    name: str
    address: str | None = None
    gstin: str | None = None
    pan: str | None = None
    state_code: str | None = None
    state_name: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One article: BIS wants purity, net weight, stone weight and the hallmarking charge;
    Rule 46 wants HSN, description, value and taxable value. Figures are as stored."""

    line_no: int
    description: str
    hsn: str
    gst_rate_bp: int
    taxable: Paise
    purity_label: str | None = None
    huid: str | None = None
    gross: Milligrams = NO_WEIGHT
    stone: Milligrams = NO_WEIGHT
    net: Milligrams = NO_WEIGHT
    rate_per_gram: Paise = NO_PAISE
    metal_value: Paise = NO_PAISE
    wastage: Paise = NO_PAISE
    making: Paise = NO_PAISE
    stone_value: Paise = NO_PAISE
    hallmark: Paise = NO_PAISE
    discount: Paise = NO_PAISE

    @property
    def value_before_discount(self) -> Paise:
        return self.taxable + self.discount


@dataclass(frozen=True, slots=True)
class TaxRow:
    """One row of the tax summary: a GST rate, its taxable value and each head of tax."""

    rate_bp: int | None
    """The GST rate in basis points; None on a combined row (see `loaders.tax_rows`)."""
    rate_label: str
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise

    @property
    def total_tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst


@dataclass(frozen=True, slots=True)
class DocumentTotals:
    """The foot of a GST document, exactly as stored (taxable + tax + round-off = grand total)."""

    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    round_off: Paise
    grand_total: Paise

    @property
    def total_tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst


@dataclass(frozen=True, slots=True)
class ExchangeItem:
    """An old-gold purchase voucher netted against the invoice (not a taxable supply)."""

    voucher_number: str
    description: str
    purity_label: str
    gross: Milligrams
    net: Milligrams
    rate_per_gram: Paise
    deduction_bp: int
    metal_value: Paise
    deduction: Paise
    value: Paise


@dataclass(frozen=True, slots=True)
class PaymentItem:
    """Money received for the invoice (or refunded against a credit note)."""

    mode: str
    mode_label: str
    amount: Paise
    reference: str | None
    refunded: bool = False


@dataclass(frozen=True, slots=True)
class GstDocument:
    """What invoices and credit notes share; `title` is printed at the top ("TAX INVOICE")."""

    title: str
    shop: ShopHeader
    profile: PrintProfile
    number: str
    financial_year: str
    document_date: dt.date
    issued_at_local: dt.datetime
    supply_type: str
    place_of_supply_code: str
    place_of_supply_name: str
    reverse_charge: bool
    buyer: BuyerDetails
    lines: tuple[DocumentLine, ...]
    tax_rows: tuple[TaxRow, ...]
    totals: DocumentTotals
    payments: tuple[PaymentItem, ...]
    amount_in_words: str
    status: str
    cancel_reason: str | None
    prepared_by: str | None

    @property
    def is_inter_state(self) -> bool:
        return self.supply_type == "inter"

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True, slots=True)
class InvoiceDocument(GstDocument):
    """A tax invoice, with the old gold netted against it and the amount the customer pays."""

    exchange: tuple[ExchangeItem, ...] = field(default=())
    old_gold_value: Paise = NO_PAISE
    net_payable: Paise = NO_PAISE


@dataclass(frozen=True, slots=True)
class CreditNoteDocument(GstDocument):
    """A credit note (CGST Act s.34) and the invoice it corrects."""

    against_invoice_number: str = ""
    against_invoice_date: dt.date | None = None
    reason: str = ""
