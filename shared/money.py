"""Money as integer paise and weight as integer milligrams.

Floats get real invoices wrong (201 345 x 1.5% = 3 020.175 must round to 3 020.18), and SQLite has
no decimal type, so both ends store and compute with integers. Where a fraction is unavoidable (a
percentage, a rate times a weight) the computation goes through `Decimal` and is rounded once,
half-up, by the caller that owns the convention (see `shared.pricing` and `shared.gst`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from shared.errors import InvalidInput

RUPEE_SIGN: Final = "\u20b9"
_PAISA: Final = Decimal("0.01")
_MILLIGRAM: Final = Decimal("0.001")

# An integer part is either plain digits, Western groups (1,234,567) or Indian groups (12,34,567).
_PLAIN = r"\d+"
_WESTERN = r"\d{1,3}(?:,\d{3})+"
_INDIAN = r"\d{1,2}(?:,\d{2})*,\d{3}"
_NUMBER = re.compile(rf"^(?P<int>{_PLAIN}|{_WESTERN}|{_INDIAN})?(?:\.(?P<frac>\d*))?$")


def round_half_up(value: Decimal, exponent: Decimal = Decimal(1)) -> Decimal:
    """Round once, the way DOMAIN.md fixes it (ROUND_HALF_UP, away from zero on a tie)."""
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def group_indian(digits: str) -> str:
    """Insert commas the Indian way: 1,23,45,678 (last three, then pairs)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def _parse_decimal_text(text: str, places: int, what: str, *, allow_negative: bool) -> Decimal:
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    if negative:
        if not allow_negative:
            raise InvalidInput(f"{what} cannot be negative")
        cleaned = cleaned[1:]
    match = _NUMBER.match(cleaned)
    if not cleaned or match is None or (match["int"] is None and not match["frac"]):
        raise InvalidInput(f"{text.strip()!r} is not a valid {what}")
    frac = match["frac"] or ""
    if len(frac) > places:
        unit = "paise" if places == 2 else "milligrams"
        raise InvalidInput(
            f"{text.strip()!r} has more than {places} decimal places (the smallest unit is {unit})"
        )
    whole = (match["int"] or "0").replace(",", "")
    value = Decimal(f"{whole}.{frac or '0'}")
    return -value if negative else value


def parse_decimal(text: str, what: str = "number", *, max_places: int = 4) -> Decimal:
    """Parse a non-negative decimal such as a percentage ("2.5") from user text."""
    if not isinstance(text, str):
        raise InvalidInput(f'a {what} must be written as text, such as "2.5"')
    return _parse_decimal_text(text, max_places, what, allow_negative=False)


@dataclass(frozen=True, slots=True, order=True)
class Paise:
    """An amount of Indian money in paise (1 rupee = 100 paise). Exact; never a float."""

    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"Paise needs an int, got {type(self.value).__name__}")

    @classmethod
    def zero(cls) -> Paise:
        return cls(0)

    @classmethod
    def from_rupees(cls, rupees: Decimal | int | str) -> Paise:
        """Exact conversion: refuses anything finer than a paisa instead of rounding it away."""
        if isinstance(rupees, str):
            return parse_rupees(rupees, allow_negative=True)
        amount = Decimal(rupees) * 100
        if amount != amount.to_integral_value():
            raise InvalidInput(f"{rupees} rupees is not a whole number of paise")
        return cls(int(amount))

    @classmethod
    def rounded(cls, rupees: Decimal) -> Paise:
        """Round a fractional rupee amount to the paisa, half-up (the single rounding point)."""
        return cls(int(round_half_up(rupees * 100)))

    @property
    def rupees(self) -> Decimal:
        """The amount in rupees with exactly two decimals (Decimal("46702.92"))."""
        return (Decimal(self.value) / 100).quantize(_PAISA)

    def to_nearest_rupee(self) -> Paise:
        """Round to the whole rupee, 50 paise going up (CGST s.170 practice)."""
        return Paise(int(round_half_up(Decimal(self.value) / 100)) * 100)

    def percent(self, percent: Decimal) -> Paise:
        """This amount times `percent`%, rounded half-up to the paisa."""
        return Paise(int(round_half_up(Decimal(self.value) * percent / 100)))

    def __add__(self, other: Paise) -> Paise:
        if not isinstance(other, Paise):
            return NotImplemented
        return Paise(self.value + other.value)

    def __sub__(self, other: Paise) -> Paise:
        if not isinstance(other, Paise):
            return NotImplemented
        return Paise(self.value - other.value)

    def __neg__(self) -> Paise:
        return Paise(-self.value)

    def __mul__(self, times: int) -> Paise:
        if isinstance(times, bool) or not isinstance(times, int):
            return NotImplemented
        return Paise(self.value * times)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.value != 0

    def decimal_text(self) -> str:
        """Plain rupees with two decimals and no grouping ("46702.92"): the wire format."""
        return str(self.rupees)

    def format(self, *, sign: bool = True) -> str:
        """Indian display: ₹1,23,456.50 (or -₹5.00)."""
        whole, frac = divmod(abs(self.value), 100)
        text = f"{group_indian(str(whole))}.{frac:02d}"
        prefix = RUPEE_SIGN if sign else ""
        return f"-{prefix}{text}" if self.value < 0 else f"{prefix}{text}"

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True, slots=True, order=True)
class Milligrams:
    """A weight in milligrams (grams to 3 decimals, as jewellers weigh). Exact; never a float."""

    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"Milligrams needs an int, got {type(self.value).__name__}")

    @classmethod
    def zero(cls) -> Milligrams:
        return cls(0)

    @classmethod
    def from_grams(cls, grams: Decimal | int | str) -> Milligrams:
        if isinstance(grams, str):
            return parse_grams(grams)
        amount = Decimal(grams) * 1000
        if amount != amount.to_integral_value():
            raise InvalidInput(f"{grams} g is finer than a milligram")
        return cls(int(amount))

    @classmethod
    def from_carats(cls, carats: Decimal) -> Milligrams:
        """1 carat = 0.2 g = 200 mg, rounded half-up to the milligram."""
        return cls(int(round_half_up(carats * 200)))

    @property
    def grams(self) -> Decimal:
        return (Decimal(self.value) / 1000).quantize(_MILLIGRAM)

    def __add__(self, other: Milligrams) -> Milligrams:
        if not isinstance(other, Milligrams):
            return NotImplemented
        return Milligrams(self.value + other.value)

    def __sub__(self, other: Milligrams) -> Milligrams:
        if not isinstance(other, Milligrams):
            return NotImplemented
        return Milligrams(self.value - other.value)

    def __bool__(self) -> bool:
        return self.value != 0

    def decimal_text(self) -> str:
        """Grams with three decimals ("4.560"): the wire format."""
        return str(self.grams)

    def format(self) -> str:
        """Display: 10.250 g (grouped the Indian way when very large)."""
        whole, frac = divmod(abs(self.value), 1000)
        text = f"{group_indian(str(whole))}.{frac:03d} g"
        return f"-{text}" if self.value < 0 else text

    def __str__(self) -> str:
        return self.format()


def parse_rupees(text: str, *, allow_negative: bool = False) -> Paise:
    """Parse what a person types for money: "1,23,456.50", "₹ 500", "Rs. 99.5", "1234"."""
    if not isinstance(text, str):
        raise InvalidInput('an amount must be written as text, such as "1,23,456.50"')
    cleaned = text.strip()
    for prefix in (RUPEE_SIGN, "Rs.", "Rs", "INR"):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
            break
        if cleaned.startswith("-" + prefix):
            cleaned = "-" + cleaned[len(prefix) + 1 :]
            break
    try:
        value = _parse_decimal_text(cleaned, 2, "amount", allow_negative=allow_negative)
    except InvalidInput as error:
        raise InvalidInput(
            error.reason.replace(repr(cleaned.strip()), repr(text.strip()))
        ) from None
    return Paise(int(value * 100))


def parse_grams(text: str) -> Milligrams:
    """Parse a weight in grams as typed: "10.250", "10.25 g", "1,250.5"."""
    if not isinstance(text, str):
        raise InvalidInput('a weight must be written as text in grams, such as "10.250"')
    cleaned = text.strip()
    lowered = cleaned.lower()
    for suffix in ("gms", "gm", "g"):
        if lowered.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    value = _parse_decimal_text(cleaned, 3, "weight", allow_negative=False)
    return Milligrams(int(value * 1000))


def to_decimal(text: str | int | Decimal, what: str = "number") -> Decimal:
    """A Decimal from JSON-ish input without ever passing through a float."""
    if isinstance(text, bool | float):
        raise InvalidInput(f"a {what} must be written as a decimal string, not a float")
    if isinstance(text, int | Decimal):
        return Decimal(text)
    try:
        return parse_decimal(text, what)
    except InvalidOperation:  # pragma: no cover - the regex already guards the syntax
        raise InvalidInput(f"{text!r} is not a valid {what}") from None
