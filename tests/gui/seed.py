"""A small, real counter data folder for the GUI tests, built through the services.

Everything goes through the same service calls the window uses (no rows written by hand), so a
GUI test exercises the real database, audit chain and outbox underneath.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop.services.actor import Actor
from desktop.services.billing import Bill
from desktop.services.clock import FixedClock
from desktop.services.context import CounterContext, open_counter
from desktop.services.customers import CustomerInput, create_customer
from desktop.services.rates import set_rate
from desktop.services.setup import OwnerSetup, ShopProfile, TerminalSetup, initialise
from desktop.services.staff import add_user, sign_in
from desktop.services.stock import PieceInput, add_piece
from shared.money import Milligrams, Paise
from shared.tables.vocabulary import Role

# 10:30 in Bengaluru on a weekday in the 2025-26 financial year.
SHOP_NOON = dt.datetime(2025, 9, 15, 5, 0, tzinfo=dt.UTC)
OWNER_PIN = "4321"
SALES_PIN = "5678"
GOLD_22K_RATE = Paise(7_250_00)
GOLD_22K_BUYING = Paise(7_000_00)

HUIDS = ("AB12CD", "QW34ER", "ZX56CV", "PL78MN", "HG90FD", "KJ21TR")


@dataclass
class SeededCounter:
    data_dir: Path
    clock: FixedClock
    ctx: CounterContext
    owner: Actor
    sales: Actor
    regular_id: uuid.UUID


def gold_piece(number: int, grams: str, huid: str, making: str = "450") -> PieceInput:
    return PieceInput(
        tag_code=f"G22-{number:04d}",
        metal="gold",
        purity="22K916",
        gross_weight=Milligrams.from_grams(grams),
        description=f"22K chain {number}",
        huid=huid,
        making_mode="per_gram",
        making_value=making,
        wastage_percent="2",
        hallmark_fee=Paise(45_00),
    )


def seed_counter(data_dir: Path, *, with_rates: bool = True) -> SeededCounter:
    """Shop (Karnataka), owner + salesperson, today's 22K rates, six gold pieces, a customer."""
    clock = FixedClock(SHOP_NOON)
    ctx = open_counter(data_dir, clock)
    initialise(
        ctx,
        ShopProfile(
            name="Lakshmi Jewellers",
            address="12 MG Road, Bengaluru",
            state_code="29",
            gstin="29AABCL1234F1ZU",
            phone="080 2222 3333",
            invoice_terms="Goods once sold are exchanged at the day's rate.",
        ),
        TerminalSetup(),
        OwnerSetup("owner", "Ravi Kumar", OWNER_PIN),
    )
    owner = sign_in(ctx, "owner", OWNER_PIN)
    add_user(ctx, owner, "asha", "Asha Rao", Role.SALES, SALES_PIN)
    sales = sign_in(ctx, "asha", SALES_PIN)
    if with_rates:
        set_rate(ctx, owner, "gold", "22K916", GOLD_22K_RATE)
        set_rate(ctx, owner, "gold", "22K916", GOLD_22K_BUYING, kind="purchase")
    for number, huid in enumerate(HUIDS, start=1):
        add_piece(ctx, owner, gold_piece(number, f"{8 + number}.250", huid))
    create_customer(
        ctx,
        owner,
        CustomerInput(name="Priya Sharma", phone="9876543210", state_code="29"),
    )
    regular = create_customer(
        ctx,
        owner,
        CustomerInput(
            name="Rahul Verma",
            phone="9000000001",
            state_code="29",
            address="7 Residency Road, Bengaluru",
            pan="ABCPV1234K",
        ),
    )
    return SeededCounter(data_dir, clock, ctx, owner, sales, regular.id)


def sell(counter: SeededCounter, *codes: str, mode: str = "upi") -> str:
    """Issue an invoice for `codes` to the regular customer, paid in full; its number."""
    bill = Bill(counter.ctx, counter.sales)
    for code in codes:
        bill.scan(code)
    bill.set_customer(counter.regular_id)
    bill.add_payment(mode, bill.summary().balance)
    return bill.issue().number
