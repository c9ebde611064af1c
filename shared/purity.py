"""Metals and BIS purity grades, as data a shop can extend.

Pricing, tags and invoices all name a purity; keeping the grades in one catalogue means a typo
such as "961" is refused at the counter instead of pricing a piece at an unknown fineness. Shops
that trade a grade BIS does not list (an export order, say) add it to their own catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from shared.errors import InvalidInput


class Metal(StrEnum):
    GOLD = "gold"
    SILVER = "silver"
    PLATINUM = "platinum"

    @classmethod
    def parse(cls, text: object) -> Metal:
        if isinstance(text, Metal):
            return text
        if isinstance(text, str):
            try:
                return cls(text.strip().lower())
            except ValueError:
                pass
        choices = ", ".join(metal.value for metal in cls)
        raise InvalidInput(f"{text!r} is not a metal we sell; choose one of {choices}")


@dataclass(frozen=True, slots=True, order=True)
class Purity:
    """A grade: the metal and its fineness in parts per thousand (916 = 22 carat gold)."""

    metal: Metal
    fineness: int
    karat: int | None = None
    standard: str = ""

    @property
    def label(self) -> str:
        """The mark as stamped: "22K916" for gold, "Pt950" for platinum, "925" for silver."""
        if self.metal is Metal.GOLD and self.karat is not None:
            return f"{self.karat}K{self.fineness}"
        if self.metal is Metal.PLATINUM:
            return f"Pt{self.fineness}"
        return str(self.fineness)

    @property
    def hallmark_requires_huid(self) -> bool:
        """Hallmarked gold may not be sold without a HUID since 1-4-2023; silver is voluntary."""
        return self.metal is Metal.GOLD

    def __str__(self) -> str:
        return f"{self.metal.value} {self.label}"


_GOLD = [(9, 375), (14, 585), (18, 750), (20, 833), (22, 916), (23, 958), (24, 995), (24, 999)]
_SILVER = [800, 835, 925, 958, 970, 990, 999]
_PLATINUM = [850, 900, 950]

_FINENESS_TEXT = re.compile(r"^(?:(?P<karat>\d{1,2})K)?(?:PT)?(?P<fineness>\d{3})?$")


class PurityCatalogue(Mapping[tuple[Metal, int], Purity]):
    """The grades a shop trades: BIS's by default, plus any the shop adds."""

    def __init__(self, purities: Iterable[Purity]) -> None:
        self._by_key = MappingProxyType({(p.metal, p.fineness): p for p in purities})

    def __getitem__(self, key: tuple[Metal, int]) -> Purity:
        return self._by_key[key]

    def __iter__(self) -> Iterator[tuple[Metal, int]]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def for_metal(self, metal: Metal | str) -> list[Purity]:
        wanted = Metal.parse(metal)
        return sorted(p for (m, _), p in self._by_key.items() if m is wanted)

    def with_extra(self, extra: Iterable[Purity]) -> PurityCatalogue:
        """A shop's catalogue: BIS grades plus its own (a shop grade never replaces a BIS one)."""
        return PurityCatalogue([*extra, *self._by_key.values()])

    def find(self, metal: Metal | str, fineness: int | str) -> Purity:
        """Look a grade up from what a person types: 916, "916", "22K916" or "22K"."""
        parsed_metal = Metal.parse(metal)
        number = self._fineness_from(parsed_metal, fineness)
        found = self._by_key.get((parsed_metal, number))
        if found is None:
            known = ", ".join(p.label for p in self.for_metal(parsed_metal))
            raise InvalidInput(
                f"{fineness} is not a BIS grade of {parsed_metal.value} (known: {known})"
            )
        return found

    def _fineness_from(self, metal: Metal, fineness: int | str) -> int:
        if isinstance(fineness, bool):
            raise InvalidInput("purity is a fineness such as 916")
        if isinstance(fineness, int):
            return fineness
        if not isinstance(fineness, str):
            raise InvalidInput("purity is a fineness such as 916")
        match = _FINENESS_TEXT.match(fineness.strip().upper())
        if match is None or not (match["karat"] or match["fineness"]):
            raise InvalidInput(f"{fineness!r} is not a purity; write the fineness, such as 916")
        if match["fineness"]:
            return int(match["fineness"])
        karat = int(match["karat"])
        grades = [p for p in self.for_metal(metal) if p.karat == karat]
        if len(grades) != 1:
            options = " or ".join(p.label for p in grades) or "none known"
            raise InvalidInput(f"{karat}K alone is ambiguous or unknown; write {options}")
        return grades[0].fineness


def default_catalogue() -> PurityCatalogue:
    """BIS grades: gold IS 1417, silver IS 2112:2025, platinum IS 15411."""
    gold = [Purity(Metal.GOLD, f, k, "IS 1417") for k, f in _GOLD]
    silver = [Purity(Metal.SILVER, f, None, "IS 2112:2025") for f in _SILVER]
    platinum = [Purity(Metal.PLATINUM, f, None, "IS 15411") for f in _PLATINUM]
    return PurityCatalogue([*gold, *silver, *platinum])
