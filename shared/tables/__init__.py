"""The tables both ends replicate, on one `Base`; importing this package registers them all.

Each end adds its own local tables on a separate base (the counter's outbox and settings, the
hub's tenants and change feed), so neither end's migrations create the other's tables.

Units, the same in every table: money is integer paise (`*_paise`), weight integer milligrams
(`*_mg`), rates paise per gram (`rate_paise_per_gram`), percentages integer hundredths of a
percent (`*_bp`, 250 = 2.50 %), purity fineness in parts per thousand (`purity_fineness`, 916).
Business rows are keyed `(shop_id, id)` with ids from `shared.ids.new_id` (UUIDv7); instants
are aware UTC (`UTCDateTime`), shop-facing dates (`invoice_date`) are Asia/Kolkata dates.
"""

from shared.tables.audit import AuditEvent
from shared.tables.base import (
    HASH_LENGTH,
    HLC_LENGTH,
    NAMING_CONVENTION,
    Base,
    EventRow,
    FieldMergedRow,
    MutableRow,
    ShopScoped,
)
from shared.tables.credit_notes import CreditNote, CreditNoteLine
from shared.tables.invoices import Invoice, InvoiceLine
from shared.tables.people import Customer, User
from shared.tables.rates import MetalRate
from shared.tables.settlement import OldGoldVoucher, Payment
from shared.tables.shops import SERIES_LENGTH, Shop, Terminal
from shared.tables.stock import Product, StockMovement, StockPiece
from shared.tables.types import BigInt, JsonText, UTCDateTime, utc_now

__all__ = [
    "HASH_LENGTH",
    "HLC_LENGTH",
    "NAMING_CONVENTION",
    "SERIES_LENGTH",
    "AuditEvent",
    "Base",
    "BigInt",
    "CreditNote",
    "CreditNoteLine",
    "Customer",
    "EventRow",
    "FieldMergedRow",
    "Invoice",
    "InvoiceLine",
    "JsonText",
    "MetalRate",
    "MutableRow",
    "OldGoldVoucher",
    "Payment",
    "Product",
    "Shop",
    "ShopScoped",
    "StockMovement",
    "StockPiece",
    "Terminal",
    "UTCDateTime",
    "User",
    "utc_now",
]
