"""JSON invoice draft -> typed `InvoiceDraft`, refusing anything it does not understand.

This is a contract other tools write to, so a typo must fail loudly instead of being ignored
(a misspelt "discont" silently dropped would overcharge a customer): unknown keys, duplicate
keys, JSON numbers for money, weights or percentages (floats lose paise), NaN and Infinity are
all refused with the field's path ("lines[0].making.value") and a reason.

Money, weights, rates and percentages are JSON strings: "46702.92" rupees, "4.560" grams,
"6450.00" rupees per gram, "12.5" percent. `null` means "not given" for optional fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from shared.counter_rules import PaymentMode
from shared.errors import InvalidInput
from shared.exchange import ExchangeLine
from shared.invoice_calc import Buyer, InvoiceDraft
from shared.money import Milligrams, Paise
from shared.pricing import (
    LineDraft,
    LineKind,
    MakingCharge,
    MakingMode,
    StoneCharge,
    default_gst_rate,
    default_hsn,
    validate_gst_rate,
)
from shared.purity import Metal, Purity, PurityCatalogue, default_catalogue
from shared.quote.reader import Fields, checked
from shared.states import validate_state_code
from shared.validators import validate_huid, validate_invoice_number

_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP: Final = frozenset(
    {
        "invoice_date",
        "invoice_number",
        "seller_gstin",
        "seller_turnover",
        "place_of_supply",
        "buyer",
        "lines",
        "old_gold",
        "payments",
    }
)
_BUYER: Final = frozenset({"name", "gstin", "pan", "state", "address", "form60"})
_LINE: Final = frozenset(
    {
        "kind",
        "description",
        "metal",
        "purity",
        "hallmarked",
        "hsn",
        "gst_rate",
        "gross_weight",
        "stone_weight",
        "net_weight",
        "rate",
        "huid",
        "wastage_percent",
        "making",
        "stones",
        "hallmark_charge",
        "discount",
    }
)
_MAKING: Final = frozenset({"mode", "value"})
_STONE: Final = frozenset({"description", "carats", "rate_per_carat", "value"})
_OLD_GOLD: Final = frozenset(
    {"description", "metal", "purity", "net_weight", "rate", "deduction_percent"}
)


def parse_draft(data: object, catalogue: PurityCatalogue | None = None) -> InvoiceDraft:
    """Turn a decoded JSON draft into an `InvoiceDraft`; every error names its field."""
    grades = catalogue if catalogue is not None else default_catalogue()
    top = Fields(data, "", _TOP)
    date_text = top.text("invoice_date", required=True)
    assert date_text is not None
    invoice_date = checked(lambda: _parse_date(date_text), "invoice_date")
    number_text = top.text("invoice_number")
    number = None
    if number_text is not None:
        number = checked(lambda: validate_invoice_number(number_text), "invoice_number")
    seller = top.text("seller_gstin", required=True)
    place = top.get("place_of_supply")
    if place is not None:
        place = checked(
            lambda: validate_state_code(place, allow_other_country=True), "place_of_supply"
        )
    raw_lines = top.array("lines")
    if not raw_lines:
        raise InvalidInput("an invoice needs at least one line", "lines")
    lines = [_parse_line(raw, f"lines[{i}]", grades) for i, raw in enumerate(raw_lines)]
    old_gold = [
        _parse_old_gold(raw, f"old_gold[{i}]", grades)
        for i, raw in enumerate(top.array("old_gold"))
    ]
    buyer = _parse_buyer(top.get("buyer"))
    turnover = top.money("seller_turnover")
    payments = _parse_payments(top.get("payments"))
    return InvoiceDraft(
        invoice_date=invoice_date,
        seller_gstin=str(seller).strip().upper(),
        lines=tuple(lines),
        buyer=buyer,
        place_of_supply=place if isinstance(place, str) else None,
        invoice_number=number,
        seller_turnover=turnover,
        old_gold=tuple(old_gold),
        payments=payments,
    )


def _parse_date(text: str) -> dt.date:
    if not _DATE.match(text.strip()):
        raise InvalidInput(f"{text!r} is not a date written as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a real date") from None


def _parse_buyer(data: object) -> Buyer:
    if data is None:
        return Buyer()
    fields = Fields(data, "buyer", _BUYER)
    gstin = fields.text("gstin")
    pan = fields.text("pan")
    state = fields.get("state")
    if state is not None:
        state = checked(lambda: validate_state_code(state), "buyer.state")
    name = fields.text("name") or ""
    address = fields.text("address") or ""
    form60 = fields.boolean("form60", default=False)
    return checked(
        lambda: Buyer(
            name=name,
            gstin=gstin.strip().upper() if gstin else None,
            pan=pan.strip().upper() if pan else None,
            state=state if isinstance(state, str) else None,
            address=address,
            form60=form60,
        ),
        "buyer",
    )


def _parse_purity(
    fields: Fields, metal: Metal | None, grades: PurityCatalogue, *, required: bool
) -> Purity | None:
    value = fields.required("purity") if required else fields.get("purity")
    if value is None:
        return None
    if metal is None:
        raise InvalidInput("a line with no metal has no purity", fields.where("purity"))
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInput(
            'write the purity as a fineness string, e.g. "916"', fields.where("purity")
        )
    return checked(lambda: grades.find(metal, value), fields.where("purity"))


def _parse_metal(fields: Fields, *, default: Metal | None = None) -> Metal | None:
    value = fields.get("metal")
    if value is None:
        return default
    return checked(lambda: Metal.parse(value), fields.where("metal"))


def _parse_line(data: object, path: str, grades: PurityCatalogue) -> LineDraft:
    """Defaults: kind jewellery; `hallmarked` true for gold jewellery only (silver HUID is
    voluntary, job work is the customer's own metal); HSN 711319 / 711311 / 998892 by kind and
    metal; GST rate from the HSN; net weight = gross - stone."""
    fields = Fields(data, path, _LINE)
    kind_text = fields.text("kind") or LineKind.JEWELLERY.value
    if kind_text not in {k.value for k in LineKind}:
        raise InvalidInput("kind is jewellery or job_work", fields.where("kind"))
    kind = LineKind(kind_text)
    metal = _parse_metal(fields)
    purity = _parse_purity(fields, metal, grades, required=False)
    hsn = (fields.text("hsn") or default_hsn(kind, metal)).strip()
    explicit_rate = fields.decimal("gst_rate")
    gst_rate = checked(
        lambda: (
            validate_gst_rate(explicit_rate) if explicit_rate is not None else default_gst_rate(hsn)
        ),
        path,
    )
    gross = fields.grams("gross_weight", required=True)
    assert gross is not None
    stone = fields.grams("stone_weight") or Milligrams(0)
    net = fields.grams("net_weight")
    if net is None:
        net = gross - stone if metal is not None else Milligrams(0)
    huid_text = fields.text("huid")
    huid = None
    if huid_text is not None:
        huid = checked(lambda: validate_huid(huid_text), fields.where("huid"))
    hallmarked = fields.boolean(
        "hallmarked", default=kind is LineKind.JEWELLERY and metal is Metal.GOLD
    )
    rate = fields.money("rate")
    description = fields.text("description") or ""
    wastage = fields.decimal("wastage_percent") or Decimal(0)
    making = _parse_making(fields.get("making"), fields.where("making"))
    stones = tuple(
        _parse_stone(raw, f"{fields.where('stones')}[{i}]")
        for i, raw in enumerate(fields.array("stones"))
    )
    hallmark_charge = fields.money("hallmark_charge") or Paise(0)
    discount = fields.money("discount") or Paise(0)
    return checked(
        lambda: LineDraft(
            kind=kind,
            hsn=hsn,
            gst_rate=gst_rate,
            gross_weight=gross,
            net_weight=net,
            metal=metal,
            purity=purity,
            stone_weight=stone,
            rate=rate,
            description=description,
            hallmarked=hallmarked,
            huid=huid,
            wastage_percent=wastage,
            making=making,
            stones=stones,
            hallmark_charge=hallmark_charge,
            discount=discount,
        ),
        path,
    )


def _parse_making(data: object, path: str) -> MakingCharge | None:
    if data is None:
        return None
    fields = Fields(data, path, _MAKING)
    mode_text = fields.text("mode", required=True)
    if mode_text not in {m.value for m in MakingMode}:
        raise InvalidInput("the making mode is per_gram, percent or flat", fields.where("mode"))
    mode = MakingMode(mode_text)
    if mode is MakingMode.PERCENT:
        percent = fields.decimal("value", required=True)
        assert percent is not None
        return checked(lambda: MakingCharge(mode, percent=percent), path)
    amount = fields.money("value", required=True)
    assert amount is not None
    return checked(lambda: MakingCharge(mode, amount=amount), path)


def _parse_stone(data: object, path: str) -> StoneCharge:
    fields = Fields(data, path, _STONE)
    carats = fields.decimal("carats")
    rate = fields.money("rate_per_carat")
    value = fields.money("value")
    description = fields.text("description") or ""
    return checked(
        lambda: StoneCharge(
            carats=carats, rate_per_carat=rate, stated_value=value, description=description
        ),
        path,
    )


def _parse_old_gold(data: object, path: str, grades: PurityCatalogue) -> ExchangeLine:
    fields = Fields(data, path, _OLD_GOLD)
    metal = _parse_metal(fields, default=Metal.GOLD)
    purity = _parse_purity(fields, metal, grades, required=True)
    assert purity is not None
    net = fields.grams("net_weight", required=True)
    rate = fields.money("rate", required=True)
    assert net is not None
    assert rate is not None
    deduction = fields.decimal("deduction_percent") or Decimal(0)
    description = fields.text("description") or ""
    return checked(
        lambda: ExchangeLine(
            purity=purity,
            net_weight=net,
            rate=rate,
            deduction_percent=deduction,
            description=description,
        ),
        path,
    )


def _parse_payments(data: object) -> Mapping[PaymentMode, Paise] | None:
    if data is None:
        return None
    modes = frozenset(m.value for m in PaymentMode)
    fields = Fields(data, "payments", modes)
    payments: dict[PaymentMode, Paise] = {}
    for mode in PaymentMode:
        amount = fields.money(mode.value)
        if amount is not None:
            payments[mode] = amount
    return payments or None
