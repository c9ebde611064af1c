"""GSTR-3B's outward-supply figures for a month, taken from the month's GSTR-1.

The portal fills 3B's table 3.1 from the filed GSTR-1 (and flags a difference), so we derive
it the same way rather than summing the documents a second time:

- 3.1(a) outward taxable supplies (other than zero rated, nil rated and exempted): GSTR-1's
  B2B + B2CL + B2CS - CDNR - CDNUR, taxable value and tax by head. A jeweller's counter sales
  are all taxable at 3 % (or 1.5 % / 0.25 % for stones), so 3.1(b) to (e) are nil.
- 3.2 inter-state supplies to unregistered persons, by place of supply: B2CL and the
  inter-state B2CS rows, less CDNUR notes.

Old gold bought from a consumer is not an inward supply liable to reverse charge (DOMAIN.md),
so 3.1(d) stays nil too.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.reports.sections import Figures, Gstr1Return
from shared.gst import SupplyType
from shared.money import Paise


@dataclass(frozen=True, slots=True)
class InterStateUnregistered:
    """A 3.2 row: place of supply, taxable value and IGST."""

    place_of_supply: str
    taxable: Paise
    igst: Paise


@dataclass(frozen=True, slots=True)
class Gstr3bOutward:
    gstin: str
    year: int
    month: int
    outward_taxable: Figures
    """Table 3.1(a)."""
    inter_state_unregistered: tuple[InterStateUnregistered, ...]
    """Table 3.2, unregistered persons column."""

    @property
    def fp(self) -> str:
        return f"{self.month:02d}{self.year:04d}"


def gstr3b_outward(gstr1: Gstr1Return) -> Gstr3bOutward:
    by_state: dict[str, Figures] = {}

    def add(pos: str, figures: Figures) -> None:
        by_state[pos] = by_state.get(pos, Figures()) + figures

    for state in gstr1.b2cl:
        add(state.place_of_supply, state.figures)
    for row in gstr1.b2cs:
        if row.supply_type is SupplyType.INTER:
            add(row.place_of_supply, row.figures)
    for note in gstr1.cdnur:
        add(note.note.place_of_supply, note.figures.negated())
    return Gstr3bOutward(
        gstin=gstr1.gstin,
        year=gstr1.year,
        month=gstr1.month,
        outward_taxable=gstr1.outward,
        inter_state_unregistered=tuple(
            InterStateUnregistered(pos, by_state[pos].taxable, by_state[pos].igst)
            for pos in sorted(by_state)
            if by_state[pos].taxable or by_state[pos].igst
        ),
    )
