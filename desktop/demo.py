"""A demo shop for `make demo`, screenshots and trying the counter: a Karnataka jeweller with a
valid GSTIN, today's rates, a few hundred tagged pieces (hallmarked 22K and 18K gold with HUIDs,
and silver), customers and a few invoices, all written through the real services (so the audit
chain and the outbox are as a real shop's would be)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Final

from desktop.services import billing, customers, rates, setup, staff, stock
from desktop.services.actor import Actor
from desktop.services.clock import Clock
from desktop.services.context import CounterContext, open_counter
from desktop.services.customers import CustomerInput
from shared.errors import InvalidInput
from shared.money import Milligrams, Paise

DEMO_GSTIN: Final = "29AABCB1234C1ZA"
OWNER_PIN: Final = "1234"
SALES_PIN: Final = "2468"
_HUID_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
_DESIGNS: Final = {
    ("gold", 916): ["bangle", "necklace", "chain", "ring", "earrings", "mangalsutra", "bracelet"],
    ("gold", 750): ["diamond ring", "pendant", "studs", "bracelet"],
    ("silver", 925): ["anklet", "toe ring", "pooja plate", "chain"],
}
_GRADE_NAMES: Final = {916: "22K", 750: "18K", 925: "Silver"}
_RATES: Final = (
    ("gold", 999, "sale", 7_150_00),
    ("gold", 916, "sale", 6_550_00),
    ("gold", 750, "sale", 5_365_00),
    ("silver", 925, "sale", 88_00),
    ("silver", 999, "sale", 95_00),
    ("gold", 916, "purchase", 6_350_00),
)
_CUSTOMERS: Final = (
    ("Asha Patil", "9845012345", "12 MG Road, Bengaluru", "ABCPP1234K"),
    ("Ravi Shankar", "9880011223", "4th Block, Jayanagar, Bengaluru", "BCDPS2345L"),
    ("Meena Iyer", "9900123456", "Malleshwaram, Bengaluru", "CDEPI3456M"),
    ("Farah Khan", "9741122334", "Frazer Town, Bengaluru", None),
    ("Suresh Gowda", "9686543210", "Mysuru Road, Bengaluru", None),
    ("Lakshmi Narayan", "9449988776", "Basavanagudi, Bengaluru", None),
)


def seed_demo(data_dir: Path, pieces: int = 300, clock: Clock | None = None) -> dict[str, object]:
    """Create the demo shop in an empty data folder; refuses a folder that has a shop."""
    if not 10 <= pieces <= 5000:
        raise InvalidInput("demo stock is 10 to 5000 pieces", "pieces")
    ctx = open_counter(data_dir, clock)
    try:
        if ctx.is_initialised:
            raise InvalidInput("this data folder already has a shop; use an empty folder")
        setup.initialise(
            ctx,
            setup.ShopProfile(
                name="Sri Lakshmi Jewellers",
                address="No. 21, Avenue Road, Bengaluru",
                state_code="29",
                gstin=DEMO_GSTIN,
                phone="080 2222 3333",
                pincode="560002",
                invoice_terms="Goods once sold are exchanged at the prevailing rate.\n"
                "Subject to Bengaluru jurisdiction.",
            ),
            setup.TerminalSetup(name="Counter 1"),
            setup.OwnerSetup("owner", "Ravi Kumar", OWNER_PIN),
        )
        owner = staff.sign_in(ctx, "owner", OWNER_PIN)
        staff.add_user(ctx, owner, "priya", "Priya (sales)", "sales", SALES_PIN)
        for metal, fineness, kind, rate in _RATES:
            rates.set_rate(ctx, owner, metal, fineness, Paise(rate), kind=kind)
        tags = _stock(ctx, owner, pieces)
        people = [
            customers.create_customer(
                ctx, owner, CustomerInput(name, phone, pan=pan, state_code="29", address=address)
            )
            for name, phone, address, pan in _CUSTOMERS
        ]
        numbers = _invoices(ctx, owner, tags, people)
        return {
            "data_dir": str(data_dir),
            "shop": "Sri Lakshmi Jewellers",
            "pieces": pieces,
            "customers": len(people),
            "invoices": numbers,
            "sign_in": {"owner": OWNER_PIN, "priya": SALES_PIN},
        }
    finally:
        ctx.close()


def stock_up(data_dir: Path, pieces: int = 300, clock: Clock | None = None) -> dict[str, object]:
    """Tag demo stock and add demo customers in a shop this counter already belongs to (an
    enrolled counter of the hub's demo shop): they reach the hub through the outbox like any
    other stock. Refuses a folder that already has stock, so running it twice adds nothing."""
    if not 10 <= pieces <= 5000:
        raise InvalidInput("demo stock is 10 to 5000 pieces", "pieces")
    ctx = open_counter(data_dir, clock)
    try:
        owner = staff.owner_actor(ctx)
        if stock.search_pieces(ctx, limit=1):
            raise InvalidInput("this counter already has stock; demo stock goes in an empty shop")
        tags = _stock(ctx, owner, pieces)
        known = {c.phone for c in customers.search_customers(ctx, "", limit=1000)}
        people = [
            customers.create_customer(
                ctx, owner, CustomerInput(name, phone, pan=pan, state_code="29", address=address)
            )
            for name, phone, address, pan in _CUSTOMERS
            if customers.normalise_phone(phone) not in known
        ]
        return {"data_dir": str(data_dir), "pieces": len(tags), "customers": len(people)}
    finally:
        ctx.close()


def _stock(ctx: CounterContext, owner: Actor, count: int) -> list[str]:
    rng = random.Random(916)  # noqa: S311 - repeatable demo data, not a secret
    used: set[str] = set()
    tags: list[str] = []
    kinds = list(_DESIGNS)
    with ctx.write() as work:
        for index in range(count):
            metal, fineness = kinds[index % len(kinds)] if index % 5 else kinds[0]
            design = rng.choice(_DESIGNS[(metal, fineness)])
            gross = rng.randint(2_000, 60_000) if metal == "gold" else rng.randint(5_000, 150_000)
            stone = rng.choice([0, 0, 0, 150, 300, 450]) if metal == "gold" else 0
            huid = None
            if metal == "gold":
                while huid is None or huid in used:
                    huid = "".join(rng.choice(_HUID_ALPHABET) for _ in range(6))
                used.add(huid)
            tag = f"{'G' if metal == 'gold' else 'S'}{index + 1:05d}"
            piece = stock.PieceInput(
                tag_code=tag,
                metal=metal,
                purity=str(fineness),
                gross_weight=Milligrams(gross),
                stone_weight=Milligrams(stone),
                description=f"{_GRADE_NAMES[fineness]} {design}",
                barcode=f"89{index + 1:010d}",
                huid=huid,
                making_mode="per_gram" if metal == "gold" else "flat",
                making_value=str(rng.choice([350, 400, 450, 550])) if metal == "gold" else "250",
                wastage_percent=rng.choice(["2", "2.5", "3", "5"]) if metal == "gold" else "0",
                stone_value=Paise(stone * rng.randint(20, 60)) if stone else Paise(0),
                hallmark_fee=Paise(45_00) if metal == "gold" else Paise(0),
            )
            stock.insert_piece(work, owner, stock.normalise(piece))
            tags.append(tag)
    return tags


def _invoices(
    ctx: CounterContext, owner: Actor, tags: list[str], people: list[customers.CustomerView]
) -> list[str]:
    numbers: list[str] = []
    silver = next(tag for tag in tags[5:] if tag.startswith("S"))
    plans = [
        ([tags[0]], people[0], False),
        ([tags[1], tags[2]], people[1], True),
        ([silver], None, False),
        ([tags[4]], people[2], False),
    ]
    for picked, person, exchange in plans:
        bill = billing.Bill(ctx, owner)
        for tag in picked:
            bill.scan(tag)
        if person is not None:
            bill.set_customer(person.id)
        if exchange:
            bill.add_exchange(
                billing.ExchangeInput("916", Milligrams(1_500), deduction_percent="2")
            )
        due = bill.summary().balance
        if due.value > 0:
            card = Paise(max(due.value - 50_000_00, 0))
            if card:
                bill.add_payment("card", card, "APPR1234")
            bill.add_payment("upi" if person else "cash", due - card)
        summary = bill.summary()
        if summary.problems:
            raise InvalidInput("; ".join(summary.problems))
        numbers.append(bill.issue().number)
    return numbers
