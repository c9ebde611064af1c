"""The sales charts' figures: net sales by day, by metal and by terminal, from plain rows.

Every figure is the documents' total including GST (invoices less credit notes, cancelled ones
left out), so each chart adds up to the sales register's net total for the same filter. A
document's total is split between its metals in proportion to each line's value with its GST
(taxable x (1 + rate)), by largest remainder, so the parts add back to the total exactly.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Final

from hub.reports.sales_rows import LineShare, SalesDocument
from shared.money import Paise
from shared.purity import Metal

OTHER: Final = "Other (stones, services)"
_METAL_LABELS: Final = {metal.value: metal.value.capitalize() for metal in Metal}


def split_total(total: Paise, shares: Sequence[LineShare]) -> dict[str | None, Paise]:
    """`total` divided between the metals of `shares` (None: no metal), adding up exactly."""
    weights: dict[str | None, int] = {}
    for share in shares:
        weights[share.metal] = weights.get(share.metal, 0) + share.taxable.value * (
            10_000 + share.rate_bp
        )
    whole = sum(weights.values())
    if whole <= 0:
        return {None: total}
    magnitude = abs(total.value)
    parts = {metal: magnitude * weight // whole for metal, weight in weights.items()}
    left = magnitude - sum(parts.values())
    by_remainder = sorted(
        weights, key=lambda metal: (-(magnitude * weights[metal] % whole), str(metal))
    )
    for metal in by_remainder[:left]:
        parts[metal] += 1
    sign = -1 if total.value < 0 else 1
    return {metal: Paise(sign * part) for metal, part in parts.items()}


def _signed(document: SalesDocument) -> Paise:
    return document.total * document.sign


def by_day(
    documents: Iterable[SalesDocument], first: dt.date, last: dt.date
) -> list[tuple[dt.date, Paise]]:
    """Every day from `first` to `last`, days without sales at zero."""
    sums: dict[dt.date, int] = {}
    for document in documents:
        if document.counts:
            sums[document.day] = sums.get(document.day, 0) + _signed(document).value
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [(day, Paise(sums.get(day, 0))) for day in days]


def by_metal(
    documents: Iterable[SalesDocument], shares: Iterable[LineShare]
) -> list[tuple[str, Paise]]:
    """Net sales per metal (gold, silver, platinum in that order, then lines without metal)."""
    lines: dict[uuid.UUID, list[LineShare]] = {}
    for share in shares:
        lines.setdefault(share.document_id, []).append(share)
    sums: dict[str | None, int] = {}
    for document in documents:
        if not document.counts:
            continue
        for metal, part in split_total(_signed(document), lines.get(document.id, [])).items():
            sums[metal] = sums.get(metal, 0) + part.value
    order = [*_METAL_LABELS, *sorted(m for m in sums if m is not None and m not in _METAL_LABELS)]
    rows = [(_METAL_LABELS.get(m, m.capitalize()), Paise(sums[m])) for m in order if m in sums]
    if None in sums:
        rows.append((OTHER, Paise(sums[None])))
    return rows


def by_terminal(
    documents: Iterable[SalesDocument], names: dict[uuid.UUID, str]
) -> list[tuple[str, Paise]]:
    """Net sales per terminal that sold or took a return, by name (a note counts at the
    terminal that issued it)."""
    sums: dict[uuid.UUID, int] = {}
    for document in documents:
        if document.counts:
            sums[document.terminal_id] = sums.get(document.terminal_id, 0) + _signed(document).value
    labelled = [(names.get(tid, str(tid)), Paise(total)) for tid, total in sums.items()]
    return sorted(labelled, key=lambda row: row[0])
