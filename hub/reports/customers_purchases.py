"""What each customer bought in a date range, folded from plain document rows (no database).

Net purchases are invoices less credit notes: a return counts against the customer of the
invoice it returns, on the date of the note, so a month's net agrees with the sales register.
Cancelled documents count for nothing. Invoices without a customer (walk-in sales) are kept
apart as one figure, never ranked among customers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from shared.money import Paise


@dataclass(frozen=True, slots=True)
class PurchaseDocument:
    """One issued invoice (positive amount) or credit note (negative amount) in the range."""

    customer_id: uuid.UUID | None
    day: dt.date
    amount: Paise
    is_invoice: bool
    buyer_name: str
    buyer_phone: str | None


@dataclass(slots=True)
class CustomerPurchases:
    """One customer's invoices, net total and last purchase in the range."""

    customer_id: uuid.UUID
    name: str
    phone: str | None
    invoices: int = 0
    net: Paise = field(default_factory=Paise.zero)
    last_purchase: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CustomerDetails:
    """The customer's current name and phone (the hub's customer row)."""

    name: str
    phone: str | None


@dataclass(frozen=True, slots=True)
class Purchases:
    """The range folded: per customer, and the walk-in sales that name no customer."""

    customers: tuple[CustomerPurchases, ...]
    walk_in_invoices: int
    walk_in_net: Paise


def fold_purchases(
    documents: Iterable[PurchaseDocument], details: Mapping[uuid.UUID, CustomerDetails]
) -> Purchases:
    """Sum the documents per customer, named as the customer row says today (a rename shows
    at once). Should a customer row be missing, the latest invoice's own copy of the buyer
    names them rather than dropping their purchases from the figures."""
    by_customer: dict[uuid.UUID, CustomerPurchases] = {}
    walk_in_invoices, walk_in_net = 0, Paise.zero()
    for document in sorted(documents, key=lambda d: (d.day, not d.is_invoice)):
        if document.customer_id is None:
            walk_in_invoices += int(document.is_invoice)
            walk_in_net += document.amount
            continue
        known = details.get(document.customer_id)
        entry = by_customer.get(document.customer_id)
        if entry is None:
            entry = by_customer[document.customer_id] = CustomerPurchases(
                document.customer_id,
                known.name if known else document.buyer_name,
                known.phone if known else document.buyer_phone,
            )
        entry.net += document.amount
        if document.is_invoice:
            entry.invoices += 1
            entry.last_purchase = document.day
            if known is None:
                entry.name, entry.phone = document.buyer_name, document.buyer_phone
    return Purchases(tuple(by_customer.values()), walk_in_invoices, walk_in_net)


def ranked(purchases: Iterable[CustomerPurchases], limit: int) -> list[CustomerPurchases]:
    """The `limit` customers with the highest net purchases (ties by name, then id)."""
    return sorted(purchases, key=lambda c: (-c.net.value, c.name.casefold(), c.customer_id))[:limit]


class Loyalty(StrEnum):
    NEW = "New"
    """Their first ever invoice at the shop falls in the range."""
    REPEAT = "Repeat"
    """They had bought before the range too."""


@dataclass(frozen=True, slots=True)
class LoyaltyGroup:
    loyalty: Loyalty
    customers: int
    invoices: int
    net: Paise


def split_new_and_repeat(
    purchases: Iterable[CustomerPurchases], bought_before: frozenset[uuid.UUID]
) -> tuple[LoyaltyGroup, LoyaltyGroup]:
    """Customers who bought in the range (at least one invoice in it), new then repeat.

    A customer whose only document in the range is a return did not buy in it and is in
    neither group.
    """
    sums = {loyalty: [0, 0, 0] for loyalty in Loyalty}
    for entry in purchases:
        if entry.invoices == 0:
            continue
        loyalty = Loyalty.REPEAT if entry.customer_id in bought_before else Loyalty.NEW
        group = sums[loyalty]
        group[0] += 1
        group[1] += entry.invoices
        group[2] += entry.net.value
    new, repeat = (
        LoyaltyGroup(loyalty, sums[loyalty][0], sums[loyalty][1], Paise(sums[loyalty][2]))
        for loyalty in (Loyalty.NEW, Loyalty.REPEAT)
    )
    return new, repeat


__all__ = [
    "CustomerDetails",
    "CustomerPurchases",
    "Loyalty",
    "LoyaltyGroup",
    "PurchaseDocument",
    "Purchases",
    "fold_purchases",
    "ranked",
    "split_new_and_repeat",
]
