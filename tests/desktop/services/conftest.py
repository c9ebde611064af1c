"""A counter in a temporary data folder with a controlled clock, an owner and today's rates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.services import rates, setup, staff, stock
from desktop.services.actor import Actor
from desktop.services.billing import Bill
from desktop.services.clock import FixedClock
from desktop.services.context import CounterContext, open_counter
from shared.invoice_calc import Buyer
from shared.money import Milligrams, Paise

GSTIN = "29AABCB1234C1ZA"
# 10:30 in Bengaluru on 2 June 2025 (financial year 2025-26).
START = dt.datetime(2025, 6, 2, 5, 0, tzinfo=dt.UTC)


@dataclass
class Shop:
    ctx: CounterContext
    clock: FixedClock
    owner: Actor
    sales: Actor
    accounts: Actor


def make_shop(folder: Path, clock: FixedClock) -> Shop:
    ctx = open_counter(folder, clock)
    setup.initialise(
        ctx,
        setup.ShopProfile("Lakshmi Jewellers", "Avenue Road, Bengaluru", "29", GSTIN),
        setup.TerminalSetup(),
        setup.OwnerSetup("owner", "Ravi", "1234"),
    )
    owner = staff.sign_in(ctx, "owner", "1234")
    staff.add_user(ctx, owner, "priya", "Priya", "sales", "2468")
    staff.add_user(ctx, owner, "anil", "Anil", "accounts", "1357")
    rates.set_rate(ctx, owner, "gold", "916", Paise(6_450_00))
    rates.set_rate(ctx, owner, "gold", "750", Paise(5_300_00))
    rates.set_rate(ctx, owner, "silver", "925", Paise(90_00))
    rates.set_rate(ctx, owner, "gold", "916", Paise(6_300_00), kind="purchase")
    return Shop(
        ctx, clock, owner, staff.sign_in(ctx, "priya", "2468"), staff.sign_in(ctx, "anil", "1357")
    )


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    made = make_shop(tmp_path / "data", FixedClock(START))
    yield made
    made.ctx.close()


def bangle(tag: str = "T0001", huid: str | None = "AB12CD", **changes: object) -> stock.PieceInput:
    """The worked bangle of docs/examples/quote-walk-in.json, as a stock piece."""
    values: dict[str, object] = {
        "tag_code": tag,
        "metal": "gold",
        "purity": "916",
        "gross_weight": Milligrams(12_450),
        "stone_weight": Milligrams(300),
        "description": "22K bangle with rubies",
        "huid": huid,
        "making_value": "450",
        "wastage_percent": "2.5",
        "stone_value": Paise(2_000_00),
        "hallmark_fee": Paise(45_00),
    }
    values.update(changes)
    return stock.PieceInput(**values)  # type: ignore[arg-type]


def with_buyer(bill: Bill) -> Bill:
    """Give a bill the recipient details Rule 46 asks for at Rs 50,000 or more."""
    bill.buyer_override = Buyer(name="K. Das", address="Jayanagar, Bengaluru", state="29")
    return bill
