"""Helpers for the worked-invoice and CLI tests: valid GSTINs and the CLI's code path in-process.

GSTIN check characters are computed here with python-stdnum's Luhn mod 36 directly, not with the
kernel's own helper, so a wrong kernel cannot make its own test data look right.
"""

from __future__ import annotations

import json
from typing import Any

from stdnum import luhn

from shared.quote.command import quote_text

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin(first14: str) -> str:
    return first14 + str(luhn.calc_check_digit(first14, alphabet=_ALPHABET))


MAHARASHTRA_SHOP = gstin("27AABCB1234C1Z")
MAHARASHTRA_BUYER = gstin("27AABCM3333P1Z")
KARNATAKA_BUYER = gstin("29AAGCR5678K1Z")
LADAKH_SHOP = gstin("38AABFL4321H1Z")
OTHER_TERRITORY_BUYER = gstin("97AAATO1111T1Z")


def quote(draft: dict[str, Any]) -> dict[str, Any]:
    """Run a draft through exactly what `boolagold quote` runs (JSON text in, JSON dict out)."""
    result: dict[str, Any] = json.loads(json.dumps(quote_text(json.dumps(draft))))
    return result
