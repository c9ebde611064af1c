"""GSTR-1 as the JSON the GST portal's offline tool imports.

Keys and shapes as the portal defines them (DOMAIN.md; resilient-tech/india-compliance,
`gst_india/utils/gstr_1`, maps and tests the same keys): `gstin`, `fp` ("MMYYYY"), then the
sections `b2b`, `b2cl`, `b2cs`, `cdnr`, `cdnur`, `hsn` and `doc_issue`; a section with nothing
to report is left out, as the offline tool writes it. Dates are `dd-mm-yyyy`, places of supply
the 2-digit state code, amounts rupees as JSON numbers with exactly two decimals (written from
`Decimal`, never through a float), rates as numbers (3, 1.5, 0.25), HSN quantities in grams to
two decimals (the portal's `qty` takes two). Credit-note amounts are unsigned with `ntty: "C"`;
a B2CS row netted below zero stays negative.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, TypeAlias

from hub.reports.hsn import merge_hsn_rows
from hub.reports.sections import (
    B2bRecipient,
    Figures,
    Gstr1Return,
    HsnRow,
    InvoiceEntry,
)
from shared.gst import TaxAtRate
from shared.money import Paise, round_half_up

JsonValue: TypeAlias = (
    "str | int | bool | Decimal | Sequence[JsonValue] | Mapping[str, JsonValue] | None"
)

QTY_PLACES: Final = Decimal("0.01")
_string: Final[Callable[[str], str]] = json.encoder.encode_basestring
"""The standard library's own string escaper (UTF-8 kept as is, as ensure_ascii=False)."""


def money(amount: Paise) -> Decimal:
    """Rupees with exactly two decimals (Decimal("1234.50"))."""
    return amount.rupees


def portal_date(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def quantity(row: HsnRow) -> Decimal:
    """Grams to two decimals, rounded half-up once, on the month's summed milligrams."""
    return round_half_up(Decimal(row.quantity) / 1000, QTY_PLACES)


def _tax(figures: Figures, *, with_intra: bool) -> dict[str, JsonValue]:
    amounts: dict[str, JsonValue] = {"txval": money(figures.taxable), "iamt": money(figures.igst)}
    if with_intra:
        amounts["camt"] = money(figures.cgst)
        amounts["samt"] = money(figures.sgst)
    amounts["csamt"] = Decimal("0.00")
    return amounts


def _items(items: Iterable[TaxAtRate], *, with_intra: bool = True) -> list[JsonValue]:
    return [
        {
            "num": index,
            "itm_det": {"rt": row.rate, **_tax(Figures.of(row), with_intra=with_intra)},
        }
        for index, row in enumerate(items, 1)
    ]


def _invoice(entry: InvoiceEntry) -> dict[str, JsonValue]:
    return {
        "inum": entry.number,
        "idt": portal_date(entry.date),
        "val": money(entry.value),
        "pos": entry.place_of_supply,
        "rchrg": "Y" if entry.reverse_charge else "N",
        "inv_typ": "R",
        "itms": _items(entry.items),
    }


def _note(entry: InvoiceEntry) -> dict[str, JsonValue]:
    return {
        "ntty": "C",
        "nt_num": entry.number,
        "nt_dt": portal_date(entry.date),
        "pos": entry.place_of_supply,
        "rchrg": "Y" if entry.reverse_charge else "N",
        "inv_typ": "R",
        "val": money(entry.value),
        "itms": _items(entry.items),
    }


def _b2b(recipients: Iterable[B2bRecipient]) -> list[JsonValue]:
    return [
        {"ctin": party.gstin, "inv": [_invoice(entry) for entry in party.documents]}
        for party in recipients
    ]


def _hsn_rows(rows: Iterable[HsnRow]) -> list[JsonValue]:
    return [
        {
            "num": index,
            "hsn_sc": row.hsn,
            "desc": row.description,
            "uqc": row.uqc.value,
            "qty": quantity(row),
            "rt": row.rate,
            **_tax(row.figures, with_intra=True),
        }
        for index, row in enumerate(rows, 1)
    ]


def to_portal(gstr1: Gstr1Return) -> dict[str, JsonValue]:
    """The return as the portal's JSON structure (amounts `Decimal`, ready for `dumps`)."""
    out: dict[str, JsonValue] = {"gstin": gstr1.gstin, "fp": gstr1.fp}
    if gstr1.b2b:
        out["b2b"] = _b2b(gstr1.b2b)
    if gstr1.b2cl:
        out["b2cl"] = [
            {
                "pos": state.place_of_supply,
                "inv": [
                    {
                        "inum": entry.number,
                        "idt": portal_date(entry.date),
                        "val": money(entry.value),
                        "itms": _items(entry.items, with_intra=False),
                    }
                    for entry in state.invoices
                ],
            }
            for state in gstr1.b2cl
        ]
    if gstr1.b2cs:
        out["b2cs"] = [
            {
                "sply_ty": row.supply_type.value,
                "pos": row.place_of_supply,
                "typ": "OE",
                "rt": row.rate,
                **_tax(row.figures, with_intra=row.supply_type.value == "INTRA"),
            }
            for row in gstr1.b2cs
        ]
    if gstr1.cdnr:
        out["cdnr"] = [
            {"ctin": party.gstin, "nt": [_note(entry) for entry in party.documents]}
            for party in gstr1.cdnr
        ]
    if gstr1.cdnur:
        out["cdnur"] = [
            {
                "typ": note.ur_type.value,
                "ntty": "C",
                "nt_num": note.note.number,
                "nt_dt": portal_date(note.note.date),
                "pos": note.note.place_of_supply,
                "val": money(note.note.value),
                "itms": _items(note.note.items, with_intra=False),
            }
            for note in gstr1.cdnur
        ]
    if gstr1.hsn_split and (gstr1.hsn_b2b or gstr1.hsn_b2c):
        hsn: dict[str, JsonValue] = {}
        if gstr1.hsn_b2b:
            hsn["hsn_b2b"] = _hsn_rows(gstr1.hsn_b2b)
        if gstr1.hsn_b2c:
            hsn["hsn_b2c"] = _hsn_rows(gstr1.hsn_b2c)
        out["hsn"] = hsn
    elif not gstr1.hsn_split and (gstr1.hsn_b2b or gstr1.hsn_b2c):
        out["hsn"] = {"data": _hsn_rows(merge_hsn_rows((*gstr1.hsn_b2b, *gstr1.hsn_b2c)))}
    if gstr1.documents:
        natures = sorted({r.nature for r in gstr1.documents}, key=lambda n: n.doc_num)
        out["doc_issue"] = {
            "doc_det": [
                {
                    "doc_num": nature.doc_num,
                    "docs": [
                        {
                            "num": index,
                            "from": r.first,
                            "to": r.last,
                            "totnum": r.total,
                            "cancel": r.cancelled,
                            "net_issue": r.net_issued,
                        }
                        for index, r in enumerate(
                            (r for r in gstr1.documents if r.nature is nature), 1
                        )
                    ],
                }
                for nature in natures
            ]
        }
    return out


def dumps(value: JsonValue) -> str:
    """Compact JSON with `Decimal` written as its exact text ("1234.50", not 1234.5).

    The standard encoder would need a float for a number, and a float loses the trailing zero
    (and, for large sums, exactness); the portal's files show two decimals, so we write them.
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a number JSON can carry")
        return format(value, "f")
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_string(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    return "[" + ",".join(dumps(item) for item in value) + "]"


def gstr1_json(gstr1: Gstr1Return) -> str:
    """The file the offline tool imports."""
    return dumps(to_portal(gstr1))
