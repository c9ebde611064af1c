"""Text for printed figures: Indian grouping, grams, GST rates, purities and dates.

Every PDF and the day-book CSV spell figures the same way, so a total on the day book can be
matched against an invoice by eye. Amounts go through `shared.money` (₹ and lakh grouping).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, group_indian
from shared.purity import default_catalogue

SHOP_ZONE: Final = ZoneInfo("Asia/Kolkata")

_MODE_LABELS: Final = {
    "cash": "Cash",
    "card": "Card",
    "upi": "UPI",
    "bank": "Bank transfer",
    "credit": "Credit (due)",
}
_CATALOGUE: Final = default_catalogue()


def rupees(amount: Paise) -> str:
    """₹1,23,456.50: the sign and Indian grouping from shared.money."""
    return amount.format()


def plain(amount: Paise) -> str:
    """1,23,456.50 without the sign, for table cells under a "₹" heading."""
    return amount.format(sign=False)


def grams(weight: Milligrams) -> str:
    """10.250 (grams to the milligram, Indian grouping) for a weight column headed "g"."""
    whole, frac = divmod(abs(weight.value), 1000)
    text = f"{group_indian(str(whole))}.{frac:03d}"
    return f"-{text}" if weight.value < 0 else text


def percent_bp(basis_points: int) -> str:
    """300 -> "3%", 150 -> "1.5%", 25 -> "0.25%" (how GST rates are written)."""
    value = (Decimal(basis_points) / 100).normalize()
    return f"{value:f}%"


def half_percent_bp(basis_points: int) -> str:
    """The CGST or SGST share of a rate: 300 -> "1.5%"."""
    value = (Decimal(basis_points) / 200).normalize()
    return f"{value:f}%"


def purity_label(metal: str | None, fineness: int | None) -> str | None:
    """The mark as stamped ("22K916", "925", "Pt950"); a shop's own grade prints its fineness."""
    if metal is None or fineness is None:
        return None
    try:
        return _CATALOGUE.find(metal, fineness).label
    except InvalidInput:
        return str(fineness)


def payment_mode_label(mode: str) -> str:
    return _MODE_LABELS.get(mode, mode.replace("_", " ").capitalize())


def date_text(day: dt.date) -> str:
    """dd-mm-yyyy, as Indian invoices and the GST portal write dates."""
    return day.strftime("%d-%m-%Y")


def local_time(instant: dt.datetime) -> dt.datetime:
    """A stored UTC instant as the shop's wall-clock time (Asia/Kolkata)."""
    return instant.astimezone(SHOP_ZONE)


def time_text(instant: dt.datetime) -> str:
    """ "14:05" in shop time."""
    return local_time(instant).strftime("%H:%M")
