"""The plain rows the sales reports are made from: documents, payments, old-gold lots, line shares.

`hub.reports.sales_queries` reads them from the tables (one ORM query each, on a tenant session);
everything after that (`sales_register_rows`, `sales_daybook`, `sales_trends`) is pure functions
on these values, so each report's figures can be tested without a database and worked out again
by anyone from the same rows. Money is integer paise, weight integer milligrams.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from hub.reports.documents import DocumentKind
from hub.reports.tabular import Column, ColumnKind
from shared.money import Milligrams, Paise
from shared.tables.vocabulary import PaymentMode

MODE_TITLES: Final[dict[PaymentMode, str]] = {
    PaymentMode.CASH: "Cash",
    PaymentMode.CARD: "Card",
    PaymentMode.UPI: "UPI",
    PaymentMode.BANK: "Bank transfer",
    PaymentMode.CREDIT: "On credit",
}
"""Every payment mode the counter records, in the order the reports show them."""


def mode_columns(prefix: str = "paid_", suffix: str = "") -> tuple[Column, ...]:
    """One money column per payment mode (`paid_cash`, `paid_card`, ...)."""
    return tuple(
        Column(f"{prefix}{mode.value}", f"{title}{suffix}", ColumnKind.PAISE)
        for mode, title in MODE_TITLES.items()
    )


class MoneyWay(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class SalesDocument:
    """An invoice or a credit note with the stored totals the registers print.

    `against_id`/`against_number` name the invoice a credit note corrects (None on invoices).
    `old_gold` is the exchange value netted on an invoice (always zero on a credit note).
    """

    id: uuid.UUID
    kind: DocumentKind
    number: str
    day: dt.date
    terminal_id: uuid.UUID
    cancelled: bool
    against_id: uuid.UUID | None
    against_number: str | None
    buyer_name: str
    buyer_gstin: str | None
    place_of_supply: str
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    round_off: Paise
    total: Paise
    old_gold: Paise

    @property
    def sign(self) -> int:
        """+1 for an invoice, -1 for a credit note (it reduces the sales)."""
        return 1 if self.kind is DocumentKind.INVOICE else -1

    @property
    def counts(self) -> bool:
        """Whether its figures count in sales: cancelled documents are listed but count zero."""
        return not self.cancelled


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """One payment as the counter recorded it: received (in) or refunded (out)."""

    day: dt.date
    terminal_id: uuid.UUID
    mode: PaymentMode
    way: MoneyWay
    amount: Paise
    invoice_id: uuid.UUID | None
    credit_note_id: uuid.UUID | None

    @property
    def signed(self) -> Paise:
        return self.amount if self.way is MoneyWay.IN else -self.amount


@dataclass(frozen=True, slots=True)
class OldGoldLot:
    """One issued old-gold purchase voucher (metal bought from a customer)."""

    day: dt.date
    terminal_id: uuid.UUID
    metal: str
    fineness: int
    gross: Milligrams
    net: Milligrams
    value: Paise

    @property
    def fine(self) -> Milligrams:
        """Pure metal in it: net weight x fineness / 1000, to the milligram (half up)."""
        return Milligrams((self.net.value * self.fineness * 2 + 1000) // 2000)


@dataclass(frozen=True, slots=True)
class LineShare:
    """One line of a document, for splitting the document's total between metals.

    `metal` is None for a line without metal (a loose stone, a service); a credit note's line
    takes the metal of the invoice line it reverses.
    """

    document_id: uuid.UUID
    metal: str | None
    taxable: Paise
    rate_bp: int
