"""GSTR-1 table 13, documents issued: per series, the month's first and last number, how many
were issued and how many of those were cancelled.

Every terminal owns its series (DESIGN.md section 2), so a shop with three counters reports
three invoice ranges and three credit-note ranges. Numbers are gapless per series, so a number
missing inside a range means a counter has not synced yet (or a document was lost): the range
is still reported as the hub holds it, with a warning to check before filing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from hub.reports.documents import DocumentKind, ReportDocument
from hub.reports.sections import DocumentNature, DocumentRange
from shared.errors import InvalidInput
from shared.numbering import parse_invoice_number

_DIGITS: Final = re.compile(r"(\d+)")


def _sequence(number: str) -> int | None:
    try:
        return parse_invoice_number(number)[1]
    except InvalidInput:
        return None


def _in_series_order(number: str) -> tuple[int, str]:
    """Numbers of one series share their prefix (and, within a month, their year), so a longer
    number is a later one: "A1/9" sorts before "A1/10", and padded numbers sort as text."""
    return len(number), number


def _natural(series: str) -> tuple[tuple[int, str], ...]:
    """Series in natural order ("A2" before "A10")."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part) for part in _DIGITS.split(series)
    )


def document_ranges(
    documents: Iterable[ReportDocument],
) -> tuple[tuple[DocumentRange, ...], tuple[str, ...]]:
    """The ranges (invoices first, then credit notes, each by series) and any gap warnings."""
    numbers: dict[tuple[DocumentNature, str], list[tuple[str, bool]]] = {}
    for document in documents:
        nature = (
            DocumentNature.INVOICES
            if document.kind is DocumentKind.INVOICE
            else DocumentNature.CREDIT_NOTES
        )
        numbers.setdefault((nature, document.series), []).append(
            (document.number, document.cancelled)
        )
    ranges: list[DocumentRange] = []
    warnings: list[str] = []
    order = sorted(numbers, key=lambda key: (key[0].doc_num, _natural(key[1])))
    for nature, series in order:
        issued = sorted(numbers[(nature, series)], key=lambda entry: _in_series_order(entry[0]))
        first, last = issued[0][0], issued[-1][0]
        ranges.append(
            DocumentRange(
                nature=nature,
                series=series,
                first=first,
                last=last,
                total=len(issued),
                cancelled=sum(1 for _, cancelled in issued if cancelled),
            )
        )
        low, high = _sequence(first), _sequence(last)
        if low is not None and high is not None and high - low + 1 > len(issued):
            missing = high - low + 1 - len(issued)
            warnings.append(
                f"{nature.value} series {series}: {missing} number(s) between {first} and "
                f"{last} are not on the hub; a counter may not have synced yet"
            )
    return tuple(ranges), tuple(warnings)
