"""Customers for the customers report: who bought what in July 2025, and their occasions.

Built with the GSTR-1 month's `MonthBuilder` (so every amount is the kernel's), on the same
terminals A1 and B1, with each invoice linked to a customer as the counter links it.

| customer | before July | in July | dates |
|---|---|---|---|
| Meena Iyer | - | A1 01-07, B1 12-07; A1's returned 20-07 | born 29-02-1988, wed 02-01-2012 |
| Ravi Kumar | A1 20-06 | B1 03-07 | born 30-12-1990, wed 28-07-2000 |
| Anita Desai | - | A1 05-07 (cancelled), A1 09-07 | born 02-08-1975 |
| Kiran Patel | B1 25-06 | returned on 22-07 (note on B1): a return and no purchase | - |
| Farah Khan | - | A1 08-07 | - |
| walk-in | - | B1 02-07, no customer | - |
| Sunil Rao | - | - | wed 29-07-2025 (this year: not yet an anniversary) |
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from shared.ids import new_id
from shared.invoice_calc import Buyer
from shared.tables import Base, CreditNote, Customer, Invoice
from tests.hub.reports.seed import HLC, MonthBuilder, SeededMonth, flat, gold, per_gram, silver


@dataclass
class SeededCustomers:
    month: SeededMonth
    customers: dict[str, Customer] = field(default_factory=dict)

    def rows(self) -> list[Base]:
        return [*self.customers.values(), *self.month.rows()]

    def invoices_of(self, customer_id: uuid.UUID) -> list[Invoice]:
        return [row for row in self.month.invoices if row.customer_id == customer_id]

    def notes_of(self, customer_id: uuid.UUID) -> list[CreditNote]:
        invoices = {row.id for row in self.invoices_of(customer_id)}
        return [row for row in self.month.notes if row.invoice_id in invoices]


def _customer(
    shop_id: uuid.UUID,
    name: str,
    phone: str,
    birth_date: dt.date | None = None,
    anniversary: dt.date | None = None,
) -> Customer:
    """Every column set (a bulk insert takes the same keys for every row)."""
    return Customer(
        id=new_id(),
        shop_id=shop_id,
        name=name,
        phone=phone,
        birth_date=birth_date,
        anniversary=anniversary,
        hlc=HLC,
    )


def seed_customers(shop_id: uuid.UUID, prefix: str = "") -> SeededCustomers:
    """The table in the module docstring; `prefix` goes before every name (for a second shop)."""
    b = MonthBuilder(shop_id)
    seeded = SeededCustomers(b.month)
    people = {
        "meena": _customer(
            shop_id,
            f"{prefix}Meena Iyer",
            "9900100001",
            birth_date=dt.date(1988, 2, 29),
            anniversary=dt.date(2012, 1, 2),
        ),
        "ravi": _customer(
            shop_id,
            f"{prefix}Ravi Kumar",
            "9900100002",
            birth_date=dt.date(1990, 12, 30),
            anniversary=dt.date(2000, 7, 28),
        ),
        "anita": _customer(
            shop_id, f"{prefix}Anita Desai", "9900100003", birth_date=dt.date(1975, 8, 2)
        ),
        "kiran": _customer(shop_id, f"{prefix}Kiran Patel", "9900100004"),
        "farah": _customer(shop_id, f"{prefix}Farah Khan", "9900100006"),
        "sunil": _customer(
            shop_id, f"{prefix}Sunil Rao", "9900100005", anniversary=dt.date(2025, 7, 29)
        ),
    }
    seeded.customers = people

    def bill(
        terminal: str, day: dt.date, grams: str, who: uuid.UUID | None, *, cancelled: bool = False
    ) -> Invoice:
        huid = f"{terminal[0]}{len(b.month.invoices):05d}"
        invoice = b.invoice(
            terminal,
            day,
            [gold(grams, huid=huid, making=per_gram(450))],
            buyer=Buyer(name="Customer at the counter"),
            cancelled=cancelled,
        )
        invoice.customer_id = who
        invoice.buyer_phone = "9000000000"
        return invoice

    meena, ravi, anita, kiran = (people[k].id for k in ("meena", "ravi", "anita", "kiran"))
    b.terminal("A1")
    b.terminal("B1")
    bill("A1", dt.date(2025, 6, 20), "3.000", ravi)
    kiran_june = b.invoice(
        "B1", dt.date(2025, 6, 25), [silver("40.000", flat(300_00), "silver chain")]
    )
    kiran_june.customer_id, kiran_june.buyer_phone = kiran, "9000000000"
    meena_first = bill("A1", dt.date(2025, 7, 1), "10.000", meena)
    bill("B1", dt.date(2025, 7, 12), "4.500", meena)
    bill("B1", dt.date(2025, 7, 3), "2.000", ravi)
    bill("A1", dt.date(2025, 7, 5), "8.000", anita, cancelled=True)
    bill("A1", dt.date(2025, 7, 9), "6.250", anita)
    bill("A1", dt.date(2025, 7, 8), "1.500", people["farah"].id)
    bill("B1", dt.date(2025, 7, 2), "1.000", None)
    b.credit_note("A1", dt.date(2025, 7, 20), meena_first)
    b.credit_note("B1", dt.date(2025, 7, 22), kiran_june)
    return seeded
