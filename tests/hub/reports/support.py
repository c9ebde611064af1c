"""Helpers for the report tests: the seeded month as report rows, and a field-by-field compare.

`report_documents` folds the ORM rows into `ReportDocument`s without a database (what
`hub.reports.queries` does with SQL), so the pure functions are tested on the same month the
database tests write and read back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from hub.reports.documents import DocumentKind, LineGroup, ReportDocument
from shared.gst import SupplyType
from shared.money import Milligrams, Paise
from tests.hub.reports.seed import SeededMonth

EXPECTED: Final = Path(__file__).parent / "expected"
MONEY_KEYS: Final = frozenset({"val", "txval", "iamt", "camt", "samt", "csamt", "qty"})
"""Keys the portal takes as amounts with two decimals (`qty`: grams to two decimals)."""


def expected(name: str) -> Any:
    """A hand-written expected file, numbers read exactly (Decimal, keeping "0.40")."""
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"), parse_float=Decimal)


def _groups(rows: list[tuple[str, int, int, int]]) -> tuple[LineGroup, ...]:
    sums: dict[tuple[str, int], tuple[int, int, int]] = {}
    for hsn, rate_bp, taxable, gross in rows:
        have = sums.get((hsn, rate_bp), (0, 0, 0))
        sums[(hsn, rate_bp)] = (have[0] + taxable, have[1] + gross, have[2] + 1)
    return tuple(
        LineGroup(hsn, rate_bp, Paise(t), Milligrams(g), n)
        for (hsn, rate_bp), (t, g, n) in sorted(sums.items(), key=lambda i: (i[0][1], i[0][0]))
    )


def report_documents(month: SeededMonth) -> list[ReportDocument]:
    documents = []
    for invoice in month.invoices:
        documents.append(
            ReportDocument(
                kind=DocumentKind.INVOICE,
                series=invoice.series,
                number=invoice.number,
                document_date=invoice.invoice_date,
                cancelled=invoice.status == "cancelled",
                classification=invoice.classification,
                supply_type=SupplyType(invoice.supply_type.upper()),
                place_of_supply=invoice.place_of_supply,
                reverse_charge=invoice.reverse_charge,
                buyer_gstin=invoice.buyer_gstin,
                buyer_name=invoice.buyer_name,
                taxable=Paise(invoice.taxable_paise),
                cgst=Paise(invoice.cgst_paise),
                sgst=Paise(invoice.sgst_paise),
                igst=Paise(invoice.igst_paise),
                grand_total=Paise(invoice.grand_total_paise),
                groups=_groups(
                    [
                        (line.hsn, line.gst_rate_bp, line.taxable_paise, line.gross_mg)
                        for line in month.invoice_lines
                        if line.invoice_id == invoice.id
                    ]
                ),
            )
        )
    for note in month.notes:
        documents.append(
            ReportDocument(
                kind=DocumentKind.CREDIT_NOTE,
                series=note.series,
                number=note.number,
                document_date=note.note_date,
                cancelled=note.status == "cancelled",
                classification=note.classification,
                supply_type=SupplyType(note.supply_type.upper()),
                place_of_supply=note.place_of_supply,
                reverse_charge=False,
                buyer_gstin=note.buyer_gstin,
                buyer_name=note.buyer_name,
                taxable=Paise(note.taxable_paise),
                cgst=Paise(note.cgst_paise),
                sgst=Paise(note.sgst_paise),
                igst=Paise(note.igst_paise),
                grand_total=Paise(note.grand_total_paise),
                groups=_groups(
                    [
                        (line.hsn, line.gst_rate_bp, line.taxable_paise, line.gross_mg)
                        for line in month.note_lines
                        if line.credit_note_id == note.id
                    ]
                ),
            )
        )
    return documents


def differences(actual: Any, wanted: Any, path: str = "$") -> Iterator[str]:
    """Every field where `actual` (parsed with Decimal floats) differs from `wanted`, by path.

    Types are compared too: a string where a number is wanted, an int where the portal wants
    an amount, or an amount without exactly two decimals is a difference.
    """
    if isinstance(wanted, dict):
        if not isinstance(actual, dict):
            yield f"{path}: wanted an object, got {actual!r}"
            return
        for key in wanted.keys() - actual.keys():
            yield f"{path}.{key}: missing"
        for key in actual.keys() - wanted.keys():
            yield f"{path}.{key}: not expected ({actual[key]!r})"
        for key in wanted.keys() & actual.keys():
            yield from differences(actual[key], wanted[key], f"{path}.{key}")
        return
    if isinstance(wanted, list):
        if not isinstance(actual, list) or len(actual) != len(wanted):
            yield f"{path}: wanted {len(wanted)} entries, got {actual!r}"
            return
        for index, (have, want) in enumerate(zip(actual, wanted, strict=True)):
            yield from differences(have, want, f"{path}[{index}]")
        return
    key = path.rsplit(".", 1)[-1]
    if key in MONEY_KEYS and (not isinstance(actual, Decimal) or actual.as_tuple().exponent != -2):
        yield f"{path}: wanted an amount with two decimals, got {actual!r}"
        return
    if type(actual) is not type(wanted) or actual != wanted:
        yield f"{path}: wanted {wanted!r} ({type(wanted).__name__}), got {actual!r}"
