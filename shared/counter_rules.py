"""Rules the counter applies to a whole bill: GSTR-1 class, PAN, recipient details, e-invoice,
cash limit and payments.

These are legal thresholds, and an off-by-one at the boundary is a real breach (cash of exactly
Rs 2,00,000 is already too much under s.269ST) so every comparison here says which side of the
limit it is on, and the limits carry the rule they come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from shared.errors import InvalidInput
from shared.gst import SupplyType
from shared.money import Paise

# GSTR-1: an inter-state B2C invoice *above* this value is B2CL (Notification 12/2024: Rs 1 lakh
# for invoices dated from 1-8-2024; Rs 2.5 lakh before).
B2CL_LIMIT_CHANGE: Final = dt.date(2024, 8, 1)
B2CL_LIMIT_BEFORE: Final = Paise(250_000_00)
B2CL_LIMIT_FROM: Final = Paise(100_000_00)
# Rule 114B: PAN (or Form 60) for a sale *above* Rs 2 lakh, judged on the grand total.
PAN_LIMIT: Final = Paise(200_000_00)
# Rule 46: an unregistered recipient's name, address and state for taxable value *of* Rs 50,000
# or more.
RECIPIENT_DETAILS_LIMIT: Final = Paise(50_000_00)
# IT Act s.269ST: cash of Rs 2 lakh *or more* from one person in a day is refused.
CASH_LIMIT: Final = Paise(200_000_00)
# E-invoicing: B2B documents of a supplier whose aggregate turnover is *above* Rs 5 crore.
E_INVOICE_TURNOVER: Final = Paise(5_00_00_000_00)


class Classification(StrEnum):
    B2B = "B2B"
    B2CL = "B2CL"
    B2CS = "B2CS"


class PaymentMode(StrEnum):
    CASH = "cash"
    CARD = "card"
    UPI = "upi"
    BANK = "bank"
    CREDIT = "credit"


def b2cl_limit(invoice_date: dt.date) -> Paise:
    return B2CL_LIMIT_FROM if invoice_date >= B2CL_LIMIT_CHANGE else B2CL_LIMIT_BEFORE


def classify(
    *,
    buyer_registered: bool,
    kind: SupplyType,
    invoice_value: Paise,
    invoice_date: dt.date,
) -> Classification:
    """B2B for a registered buyer; B2CL for a large inter-state B2C invoice; else B2CS."""
    if buyer_registered:
        return Classification.B2B
    if kind is SupplyType.INTER and invoice_value > b2cl_limit(invoice_date):
        return Classification.B2CL
    return Classification.B2CS


@dataclass(frozen=True, slots=True)
class CounterFlags:
    """What the counter must ask for or do before issuing; flags, not errors, because the clerk
    can still collect the PAN or Form 60 or the address before printing."""

    pan_required: bool
    pan_missing: bool
    recipient_details_required: bool
    recipient_details_missing: bool
    e_invoice_required: bool


def counter_flags(
    *,
    grand_total: Paise,
    taxable_value: Paise,
    buyer_registered: bool,
    buyer_has_pan: bool,
    buyer_has_details: bool,
    seller_turnover: Paise | None,
) -> CounterFlags:
    """PAN above Rs 2 lakh; recipient details for an unregistered buyer at Rs 50,000 taxable or
    more; e-invoice for B2B when turnover is above Rs 5 crore (unknown turnover: not flagged)."""
    pan_required = grand_total > PAN_LIMIT
    details_required = not buyer_registered and taxable_value >= RECIPIENT_DETAILS_LIMIT
    e_invoice = (
        buyer_registered and seller_turnover is not None and seller_turnover > E_INVOICE_TURNOVER
    )
    return CounterFlags(
        pan_required=pan_required,
        pan_missing=pan_required and not buyer_has_pan,
        recipient_details_required=details_required,
        recipient_details_missing=details_required and not buyer_has_details,
        e_invoice_required=e_invoice,
    )


def check_cash(cash: Paise, *, earlier_today: Paise | None = None) -> None:
    """Refuse cash of Rs 2 lakh or more from one person, this bill plus what they paid today."""
    earlier_today = earlier_today or Paise(0)
    if cash + earlier_today >= CASH_LIMIT:
        already = (
            f" (with {earlier_today.format()} already paid in cash today)" if earlier_today else ""
        )
        raise InvalidInput(
            f"cash of {(cash + earlier_today).format()}{already} is refused: Rs 2,00,000 or more "
            "in cash from one person is not allowed (IT Act s.269ST); take the rest by card, UPI "
            "or bank transfer",
            "payments.cash",
        )


def check_payments(payments: Mapping[PaymentMode, Paise], net_payable: Paise) -> None:
    """Payments must settle the bill exactly; cash is checked against s.269ST first.

    Payments are what the customer pays. When the old-gold voucher exceeds the bill the shop pays
    the customer (a negative net payable), so the customer pays nothing: payments must sum to 0.
    """
    for mode, amount in payments.items():
        if amount.value < 0:
            raise InvalidInput("a payment cannot be negative", f"payments.{mode.value}")
    check_cash(payments.get(PaymentMode.CASH, Paise(0)))
    paid = sum(payments.values(), Paise(0))
    due = max(net_payable, Paise(0))
    if paid != due:
        raise InvalidInput(
            f"the payments add up to {paid.decimal_text()} but the amount payable is "
            f"{due.decimal_text()}",
            "payments",
        )
