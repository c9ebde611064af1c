"""The rates form: one row per metal grade, a selling and a buying box each, in rupees per gram.

Owners type rupees ("7,250.50"); the service wants paise. Parsing goes through the kernel's
`parse_rupees`, so "7250.505" is refused with the same words the counter uses, never rounded.
Every box is checked before anything is saved: one bad box saves nothing and is marked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from hub.domain.rates.schemas import CurrentRate, RateEntry
from hub.web.pages import sentence
from shared.errors import InvalidInput
from shared.money import parse_rupees
from shared.purity import Metal, Purity, default_catalogue
from shared.tables.vocabulary import RateKind

# The grades most shops quote every morning; any other grade appears once it has a rate.
COMMON_GRADES: Final = frozenset(
    {
        (Metal.GOLD, 999),
        (Metal.GOLD, 995),
        (Metal.GOLD, 916),
        (Metal.GOLD, 750),
        (Metal.GOLD, 585),
        (Metal.SILVER, 999),
        (Metal.SILVER, 925),
        (Metal.PLATINUM, 950),
    }
)
_METAL_ORDER: Final = {Metal.GOLD: 0, Metal.SILVER: 1, Metal.PLATINUM: 2}


@dataclass(frozen=True, slots=True)
class RateRow:
    """One grade on the form, with what is in force now and what the owner typed."""

    metal: str
    fineness: int
    label: str
    sale_field: str
    purchase_field: str
    sale_paise: int | None
    purchase_paise: int | None
    sale_value: str
    purchase_value: str
    set_at: datetime | None


def field_name(kind: RateKind, metal: str, fineness: int) -> str:
    return f"{kind.value}-{metal}-{fineness}"


def _grade_label(purity: Purity) -> str:
    return f"{purity.metal.value.capitalize()} {purity.label}"


def _rupees_text(paise: int | None) -> str:
    return "" if paise is None else f"{paise // 100}.{paise % 100:02d}"


def rate_rows(
    current: Sequence[CurrentRate], typed: Mapping[str, str] | None = None
) -> list[RateRow]:
    """The common grades plus every grade that has a rate, gold first, finest first.

    `typed` (the submitted form) replaces the shown values, so a refused form keeps what the
    owner typed instead of snapping back to the old rates.
    """
    in_force: dict[tuple[str, int, str], CurrentRate] = {
        (rate.metal, rate.purity_fineness, rate.kind): rate for rate in current
    }
    catalogue = default_catalogue()
    grades = [
        purity
        for key, purity in catalogue.items()
        if key in COMMON_GRADES
        or any((key[0].value, key[1], kind.value) in in_force for kind in RateKind)
    ]
    grades.sort(key=lambda p: (_METAL_ORDER[p.metal], -p.fineness))
    rows: list[RateRow] = []
    for purity in grades:
        metal = purity.metal.value
        sale = in_force.get((metal, purity.fineness, RateKind.SALE.value))
        purchase = in_force.get((metal, purity.fineness, RateKind.PURCHASE.value))
        sale_field = field_name(RateKind.SALE, metal, purity.fineness)
        purchase_field = field_name(RateKind.PURCHASE, metal, purity.fineness)
        sale_paise = sale.rate_paise_per_gram if sale else None
        purchase_paise = purchase.rate_paise_per_gram if purchase else None
        set_times = [r.effective_from for r in (sale, purchase) if r is not None]
        rows.append(
            RateRow(
                metal=metal,
                fineness=purity.fineness,
                label=_grade_label(purity),
                sale_field=sale_field,
                purchase_field=purchase_field,
                sale_paise=sale_paise,
                purchase_paise=purchase_paise,
                sale_value=typed[sale_field]
                if typed and sale_field in typed
                else _rupees_text(sale_paise),
                purchase_value=typed[purchase_field]
                if typed and purchase_field in typed
                else _rupees_text(purchase_paise),
                set_at=max(set_times) if set_times else None,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class ParsedRates:
    entries: list[RateEntry]
    """Only the boxes whose value differs from the rate in force."""
    errors: dict[str, str]
    typed: dict[str, str]


def parse_rate_form(form: Mapping[str, Any], rows: Sequence[RateRow]) -> ParsedRates:
    """Read every box of `rows`; an unchanged or empty box asks for nothing."""
    entries: list[RateEntry] = []
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    for row in rows:
        for kind, name, in_force in (
            (RateKind.SALE, row.sale_field, row.sale_paise),
            (RateKind.PURCHASE, row.purchase_field, row.purchase_paise),
        ):
            raw = form.get(name)
            text = raw.strip() if isinstance(raw, str) else ""
            typed[name] = text
            if not text:
                continue
            try:
                paise = parse_rupees(text).value
            except InvalidInput as problem:
                errors[name] = sentence(problem.reason)
                continue
            if paise <= 0:
                errors[name] = "A rate must be more than zero."
                continue
            if paise != in_force:
                entries.append(
                    RateEntry(
                        metal=row.metal,
                        purity_fineness=row.fineness,
                        rate_paise_per_gram=paise,
                        kind=kind.value,
                    )
                )
    return ParsedRates(entries=entries, errors=errors, typed=typed)
