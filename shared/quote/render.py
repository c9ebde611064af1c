"""Computed invoice -> JSON-ready dict, in the documented shape of `boolagold quote`.

Money is a string of rupees with two decimals ("46702.92"), weights grams with three ("4.560"),
GST rates as written in law ("3", "1.5", "0.25"): strings, so no consumer ever reads a float.
"""

from __future__ import annotations

from collections.abc import Mapping

from shared.errors import InvalidInput
from shared.exchange import ExchangeLine
from shared.gst import TaxAtRate
from shared.invoice_calc import InvoiceComputation
from shared.money import Paise
from shared.pricing import PricedLine, format_rate
from shared.states import state_name

JSONValue = str | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


def _money(amount: Paise) -> str:
    return amount.decimal_text()


def _line(line: PricedLine) -> dict[str, JSONValue]:
    draft = line.draft
    stones: list[JSONValue] = [
        {
            "description": stone.description,
            "carats": None if stone.carats is None else format_rate(stone.carats),
            "rate_per_carat": None
            if stone.rate_per_carat is None
            else _money(stone.rate_per_carat),
            "value": _money(stone.value),
        }
        for stone in draft.stones
    ]
    making: JSONValue = None
    if draft.making is not None:
        making = {
            "mode": draft.making.mode.value,
            "value": format_rate(draft.making.percent)
            if draft.making.mode.value == "percent"
            else _money(draft.making.amount),
        }
    return {
        "kind": draft.kind.value,
        "description": draft.description,
        "metal": None if draft.metal is None else draft.metal.value,
        "purity": None if draft.purity is None else draft.purity.label,
        "fineness": None if draft.purity is None else str(draft.purity.fineness),
        "hallmarked": draft.hallmarked,
        "huid": draft.huid,
        "hsn": draft.hsn,
        "gst_rate": format_rate(draft.gst_rate),
        "gross_weight": draft.gross_weight.decimal_text(),
        "stone_weight": draft.stone_weight.decimal_text(),
        "net_weight": draft.net_weight.decimal_text(),
        "rate": None if draft.rate is None else _money(draft.rate),
        "wastage_percent": format_rate(draft.wastage_percent),
        "making": making,
        "stones": stones,
        "metal_value": _money(line.metal_value),
        "wastage_value": _money(line.wastage_value),
        "making_value": _money(line.making_value),
        "stone_value": _money(line.stone_value),
        "hallmark_charge": _money(line.hallmark_charge),
        "discount": _money(line.discount),
        "taxable_value": _money(line.taxable_value),
    }


def _tax_row(row: TaxAtRate) -> dict[str, JSONValue]:
    return {
        "rate": format_rate(row.rate),
        "taxable": _money(row.taxable),
        "cgst": _money(row.cgst),
        "sgst": _money(row.sgst),
        "igst": _money(row.igst),
    }


def _old_gold(line: ExchangeLine) -> dict[str, JSONValue]:
    return {
        "description": line.description,
        "metal": line.purity.metal.value,
        "purity": line.purity.label,
        "net_weight": line.net_weight.decimal_text(),
        "rate": _money(line.rate),
        "deduction_percent": format_rate(line.deduction_percent),
        "value": _money(line.value),
    }


def render_invoice(result: InvoiceComputation) -> dict[str, JSONValue]:
    """The whole computed invoice; keys named in the issue are kept exactly."""
    draft = result.draft
    totals = result.totals
    buyer = draft.buyer
    payments: JSONValue = (
        {mode.value: _money(amount) for mode, amount in draft.payments.items()}
        if draft.payments
        else None
    )
    return {
        "invoice_number": draft.invoice_number,
        "invoice_date": draft.invoice_date.isoformat(),
        "financial_year": result.financial_year,
        "seller_gstin": draft.seller_gstin,
        "seller_state": draft.seller_state,
        "place_of_supply": result.place_of_supply,
        "place_of_supply_name": state_name(result.place_of_supply),
        "supply_type": result.supply_type.value,
        "reverse_charge": "N",
        "buyer": {
            "name": buyer.name,
            "gstin": buyer.gstin,
            "pan": buyer.pan,
            "state": buyer.state_code,
            "address": buyer.address,
            "form60": buyer.form60,
        },
        "lines": [_line(line) for line in result.lines],
        "tax_by_rate": [_tax_row(row) for row in result.tax_rows],
        "taxable_value": _money(totals.taxable_value),
        "cgst": _money(totals.cgst),
        "sgst": _money(totals.sgst),
        "igst": _money(totals.igst),
        "total_tax": _money(totals.total_tax),
        "round_off": _money(totals.round_off),
        "grand_total": _money(totals.grand_total),
        "old_gold": [_old_gold(line) for line in result.voucher.lines],
        "old_gold_exact_value": _money(result.voucher.exact_value),
        "old_gold_round_off": _money(result.voucher.round_off),
        "old_gold_value": _money(result.voucher.value),
        "net_payable": _money(result.net_payable),
        "payments": payments,
        "classification": result.classification.value,
        "flags": {
            "pan_required": result.flags.pan_required,
            "pan_missing": result.flags.pan_missing,
            "recipient_details_required": result.flags.recipient_details_required,
            "recipient_details_missing": result.flags.recipient_details_missing,
            "e_invoice_required": result.flags.e_invoice_required,
        },
        "amount_in_words": result.amount_in_words,
    }


def render_error(error: InvalidInput) -> Mapping[str, JSONValue]:
    """`{"error": {"field": ..., "reason": ...}}`; field is null when the whole draft is wrong."""
    return {"error": {"field": error.field, "reason": error.reason}}
