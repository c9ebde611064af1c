"""Selling from a JSON draft (`boolagold counter sell DRAFT.json`): the `boolagold quote` format,
where a line may instead name a stock piece by `tag_code`.

A stock line is `{"tag_code": "T0001"}`, optionally with `"discount"` and `"making"` (the same
shapes as in a quote); it is priced exactly as the billing screen prices a scan. Any other line
is read as a quote line (job work, a hand-priced line). `invoice_date` is optional and, when
given, must be today: an invoice is dated the day it is issued. `invoice_number` is refused
(the counter allocates it). The draft goes through the same `Bill` the window uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from desktop.services.actor import Actor
from desktop.services.billing import Bill, BillExchange
from desktop.services.context import CounterContext
from desktop.services.customers import find_by_phone
from desktop.services.issuing import IssuedInvoice
from shared.errors import InvalidInput
from shared.money import Paise
from shared.purity import default_catalogue

# The quote reader's field parsers: the draft format is the kernel's contract, so the kernel's
# own parsers read it (no second reading of the same format).
from shared.quote.draft import (
    _parse_buyer,
    _parse_line,
    _parse_making,
    _parse_old_gold,
    _parse_payments,
)
from shared.quote.reader import Fields, checked
from shared.states import validate_state_code

_TOP: Final = frozenset(
    {
        "invoice_date",
        "invoice_number",
        "seller_gstin",
        "seller_turnover",
        "place_of_supply",
        "buyer",
        "customer_phone",
        "form60",
        "lines",
        "old_gold",
        "payments",
    }
)
_STOCK_LINE: Final = frozenset({"tag_code", "discount", "making"})


def bill_from_draft(ctx: CounterContext, actor: Actor, data: object) -> Bill:
    """A filled-in `Bill` for the draft (not issued), or InvalidInput naming the field."""
    grades = default_catalogue()
    top = Fields(data, "", _TOP)
    if top.get("invoice_number") is not None:
        raise InvalidInput(
            "the counter numbers its invoices itself; leave it out", "invoice_number"
        )
    date_text = top.text("invoice_date")
    if date_text is not None:
        try:
            day = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            raise InvalidInput(
                f"{date_text!r} is not a date written as YYYY-MM-DD", "invoice_date"
            ) from None
        if day != ctx.today():
            raise InvalidInput(
                f"an invoice is dated the day it is issued ({ctx.today()})", "invoice_date"
            )
    bill = Bill(ctx, actor)
    seller = top.text("seller_gstin")
    if seller is not None and seller.strip().upper() != (bill.seller_gstin or ""):
        raise InvalidInput("this is not the shop's GSTIN", "seller_gstin")
    phone = top.text("customer_phone")
    if phone is not None:
        customer = checked(lambda: find_by_phone(ctx, phone), "customer_phone")
        if customer is None:
            raise InvalidInput("no customer has this phone number", "customer_phone")
        bill.set_customer(customer.id)
    if top.get("buyer") is not None:
        bill.buyer_override = _parse_buyer(top.get("buyer"))
    bill.form60 = top.boolean("form60", default=False)
    place = top.get("place_of_supply")
    if place is not None:
        bill.place_of_supply = checked(
            lambda: validate_state_code(place, allow_other_country=True), "place_of_supply"
        )
    raw_lines = top.array("lines")
    if not raw_lines:
        raise InvalidInput("an invoice needs at least one line", "lines")
    for index, raw in enumerate(raw_lines):
        path = f"lines[{index}]"
        if isinstance(raw, dict) and "tag_code" in raw:
            _stock_line(bill, raw, path)
        else:
            bill.add_custom_line(_parse_line(raw, path, grades))
    for index, raw in enumerate(top.array("old_gold")):
        line = _parse_old_gold(raw, f"old_gold[{index}]", grades)
        bill.add_exchange_line(BillExchange(line, line.net_weight))
    payments = _parse_payments(top.get("payments")) or {}
    for mode, amount in payments.items():
        try:
            bill.add_payment(mode.value, amount)
        except InvalidInput as error:
            raise InvalidInput(error.reason, f"payments.{mode.value}") from None
    return bill


def _stock_line(bill: Bill, raw: dict[str, object], path: str) -> None:
    fields = Fields(raw, path, _STOCK_LINE)
    code = fields.text("tag_code", required=True)
    assert code is not None
    checked(lambda: bill.scan(code), fields.where("tag_code"))
    index = len(bill.lines) - 1
    making = _parse_making(fields.get("making"), fields.where("making"))
    if making is not None:
        value = (
            str(making.percent) if making.mode.value == "percent" else making.amount.decimal_text()
        )
        bill.set_making(index, making.mode.value, value)
    discount = fields.money("discount")
    if discount is not None and discount != Paise(0):
        bill.set_discount(index, discount)


def issue_draft(ctx: CounterContext, actor: Actor, data: object) -> IssuedInvoice:
    return bill_from_draft(ctx, actor, data).issue()
