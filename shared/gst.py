"""The GST engine: supply type, tax per rate on the summed taxable value, totals and round-off.

Tax is computed per invoice per rate on the summed taxable value, because that is how GSTR-1
reports it: rounding line by line would make the return and the invoice disagree by paise.

- Intra-state: CGST = SGST = round_half_up(taxable x rate / 2) each, to the paisa. Each half is
  rounded on its own (it is its own head of tax), so CGST + SGST can differ from the IGST on the
  same value by at most one paisa (201 345 x 1.5%: IGST 3 020.18; CGST = SGST = 1 510.09).
- Inter-state: IGST = round_half_up(taxable x rate), to the paisa.
- Grand total = taxable + tax rounded to the rupee, 50 paise up (CGST Act s.170); the
  difference is the round-off, which may be negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from shared.money import Paise


class SupplyType(StrEnum):
    INTRA = "INTRA"
    INTER = "INTER"


def supply_type(seller_state: str, place_of_supply: str) -> SupplyType:
    """INTRA when the place of supply is the seller's own state, INTER otherwise.

    The place of supply is an explicit field on every invoice: a counter sale's place of supply
    is the shop's state whatever the buyer's home state, so the buyer's state is never used here.
    """
    return SupplyType.INTRA if seller_state == place_of_supply else SupplyType.INTER


def cgst_sgst(taxable: Paise, rate: Decimal) -> tuple[Paise, Paise]:
    """The two halves of intra-state tax, each round_half_up(taxable x rate / 2)."""
    half = taxable.percent(rate / 2)
    return half, half


def igst(taxable: Paise, rate: Decimal) -> Paise:
    return taxable.percent(rate)


@dataclass(frozen=True, slots=True)
class TaxAtRate:
    """One rate's row of the invoice's tax table (and of GSTR-1)."""

    rate: Decimal
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise

    @property
    def total_tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst

    @classmethod
    def compute(cls, rate: Decimal, taxable: Paise, kind: SupplyType) -> TaxAtRate:
        if kind is SupplyType.INTRA:
            central, state = cgst_sgst(taxable, rate)
            return cls(rate, taxable, central, state, Paise(0))
        return cls(rate, taxable, Paise(0), Paise(0), igst(taxable, rate))


def tax_by_rate(lines: Iterable[tuple[Decimal, Paise]], kind: SupplyType) -> list[TaxAtRate]:
    """Sum taxable value per rate, then tax each sum once; rows ordered by rate."""
    sums: dict[Decimal, Paise] = {}
    for rate, taxable in lines:
        sums[rate] = sums.get(rate, Paise(0)) + taxable
    return [TaxAtRate.compute(rate, sums[rate], kind) for rate in sorted(sums)]


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    """The foot of the invoice: taxable, each tax head, the round-off and the grand total."""

    taxable_value: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    round_off: Paise
    grand_total: Paise

    @property
    def total_tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst

    @classmethod
    def from_rows(cls, rows: Iterable[TaxAtRate]) -> InvoiceTotals:
        listed = list(rows)
        taxable = sum((r.taxable for r in listed), Paise(0))
        central = sum((r.cgst for r in listed), Paise(0))
        state = sum((r.sgst for r in listed), Paise(0))
        integrated = sum((r.igst for r in listed), Paise(0))
        exact = taxable + central + state + integrated
        grand = exact.to_nearest_rupee()
        return cls(taxable, central, state, integrated, grand - exact, grand)
