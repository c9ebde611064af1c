"""The closed sets of words stored in string columns, and the CHECKs that hold them closed.

Stored as short strings with a CHECK rather than native ENUM: SQLite has no ENUM, MariaDB's ENUM
needs a table rebuild to add a value, and a string reads the same in a sync payload, a report
and a database shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Metal(StrEnum):
    GOLD = "gold"
    SILVER = "silver"
    PLATINUM = "platinum"


class PieceStatus(StrEnum):
    IN_STOCK = "in_stock"
    SOLD = "sold"
    RETURNED = "returned"
    RESERVED = "reserved"
    REMOVED = "removed"


class PaymentMode(StrEnum):
    CASH = "cash"
    CARD = "card"
    UPI = "upi"
    BANK = "bank"
    CREDIT = "credit"


class PaymentDirection(StrEnum):
    """Money coming in (a sale, an advance) or going out (a refund against a credit note)."""

    RECEIVED = "received"
    REFUNDED = "refunded"


class Role(StrEnum):
    OWNER = "owner"
    SALES = "sales"
    ACCOUNTS = "accounts"


class MakingMode(StrEnum):
    """How a making charge is stated; see `making_rate` on the rows that carry it."""

    PER_GRAM = "per_gram"
    PERCENT = "percent"
    FLAT = "flat"


class RateKind(StrEnum):
    """A shop sells at one rate and buys old gold at another."""

    SALE = "sale"
    PURCHASE = "purchase"


class SupplyType(StrEnum):
    """Intra-state pays CGST + SGST, inter-state pays IGST (DOMAIN.md, place of supply)."""

    INTRA = "intra"
    INTER = "inter"


class InvoiceClass(StrEnum):
    """GSTR-1 table an invoice is reported in."""

    B2B = "b2b"
    B2CL = "b2cl"
    B2CS = "b2cs"


class CreditNoteClass(StrEnum):
    """GSTR-1 table a credit note is reported in (B2C notes are netted into B2CS)."""

    CDNR = "cdnr"
    CDNUR = "cdnur"
    B2CS = "b2cs"


class DocumentStatus(StrEnum):
    """Issued documents are never deleted; cancelling is the one change they allow."""

    ISSUED = "issued"
    CANCELLED = "cancelled"


class MovementKind(StrEnum):
    RECEIVED = "received"
    SOLD = "sold"
    RETURNED = "returned"
    RESERVED = "reserved"
    RELEASED = "released"
    REMOVED = "removed"
    ADJUSTED = "adjusted"


class ShopStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class TerminalStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class ChangeOp(StrEnum):
    """What a replicated change did to its row (outbox and change feed)."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


def one_of(column: str, values: Iterable[StrEnum]) -> str:
    """SQL for a CHECK that keeps `column` inside a vocabulary (values are our own literals)."""
    quoted = ", ".join(f"'{value.value}'" for value in values)
    return f"{column} IN ({quoted})"
