"""Amount in words, the Indian way (lakh and crore), as Rule 46 invoices print it.

num2words reads an int passed for currency as paise and spells a Decimal as "point nine four",
so rupees and paise are spelt separately and composed here (MACHINE.md).
"""

from __future__ import annotations

from decimal import Decimal

from num2words import num2words

from shared.money import Paise

_CRORE = 10**7


def _spell(number: int) -> str:
    if number >= 1000 * _CRORE:
        # num2words' en_IN stops below 1000 crore; Indian usage goes on counting crores.
        crores, rest = divmod(number, _CRORE)
        return " ".join(filter(None, [_spell(crores), "Crore", _spell(rest) if rest else ""]))
    text: str = num2words(Decimal(number), lang="en_IN")
    words = text.replace(",", "").replace(" and ", " ").split()
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in words)


def amount_in_words(amount: Paise) -> str:
    """ "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Fifty Paise Only"."""
    rupees, paise = divmod(abs(amount.value), 100)
    prefix = "Minus " if amount.value < 0 else ""
    if rupees and paise:
        return f"{prefix}Rupees {_spell(rupees)} and {_spell(paise)} Paise Only"
    if paise:
        return f"{prefix}{_spell(paise)} Paise Only"
    return f"{prefix}Rupees {_spell(rupees)} Only"
