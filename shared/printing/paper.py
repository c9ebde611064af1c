"""The paper a GST document is printed on: A4, A5 or an 80 mm thermal roll.

The counter's settings store the choice as text ("a4", "thermal"), and the CLI takes it as a
flag, so parsing lives with the type and refuses anything else in words a clerk understands.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from shared.errors import InvalidInput

_ALIASES: Final = {
    "a4": "a4",
    "a5": "a5",
    "thermal": "thermal",
    "thermal80": "thermal",
    "thermal_80": "thermal",
    "80mm": "thermal",
    "80": "thermal",
    "roll": "thermal",
}

# An 80 mm roll prints about 72 mm wide; the rest is the printer's unprintable margin.
THERMAL_WIDTH: Final = 80 * mm
THERMAL_PRINTABLE: Final = 72 * mm


class Paper(StrEnum):
    A4 = "a4"
    A5 = "a5"
    THERMAL_80 = "thermal"

    @classmethod
    def parse(cls, text: object) -> Paper:
        if isinstance(text, Paper):
            return text
        if isinstance(text, str):
            key = _ALIASES.get(text.strip().lower().replace(" ", ""))
            if key is not None:
                return cls(key)
        raise InvalidInput(f"{text!r} is not a paper we print on; choose a4, a5 or thermal")

    @property
    def page_size(self) -> tuple[float, float]:
        """Width and height in points; a thermal roll's height is fitted to the content."""
        if self is Paper.A4:
            return A4
        if self is Paper.A5:
            return A5
        return (THERMAL_WIDTH, 0.0)

    @property
    def is_roll(self) -> bool:
        return self is Paper.THERMAL_80
