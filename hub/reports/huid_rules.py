"""Which articles BIS requires a HUID on, and whether the HUID an article carries is one.

From DOMAIN.md (BIS hallmarking): hallmarked gold may not be sold without its HUID since
1-4-2023; silver's HUID is voluntary. Exempt are articles under 2 g, and kundan, polki and
jadau work. Gold bars and coins (HSN 7108/7118) are bullion, not jewellery: the jewellery
hallmarking order covers jewellery and artefacts (HSN 7113/7114).

The turnover exemption (jewellers up to Rs 40 lakh) is the shop's to claim; a shop on the hub
keeps GST records and is treated as covered, so its report lists every gap.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from hub.reports.stock_value import grade
from shared.errors import InvalidInput
from shared.money import Milligrams
from shared.validators import validate_huid

HUID_REQUIRED_FROM: Final = dt.date(2023, 4, 1)
MIN_HALLMARK_WEIGHT: Final = Milligrams(2_000)
"""Articles lighter than 2 g (gross) need no hallmark."""
EXEMPT_WORK: Final = ("kundan", "polki", "jadau")
HALLMARK_HSN_PREFIXES: Final = ("7113", "7114")


def requires_huid(
    metal: str | None,
    fineness: int | None,
    hsn: str,
    gross: Milligrams,
    names: tuple[str | None, ...],
) -> bool:
    """Whether an article of this metal, purity, HSN and weight, described by `names` (its
    description, its product's name), must carry a HUID."""
    if metal is None or fineness is None:
        return False
    try:
        purity = grade(metal, fineness)
    except InvalidInput:
        return False
    if not purity.hallmark_requires_huid:
        return False
    if not hsn.startswith(HALLMARK_HSN_PREFIXES) or gross < MIN_HALLMARK_WEIGHT:
        return False
    words = " ".join(name.lower() for name in names if name)
    return not any(work in words for work in EXEMPT_WORK)


def checked_huid(huid: str | None) -> str | None:
    """The HUID as BIS writes it (upper case, six letters or digits), or None when there is
    none or it is malformed."""
    if huid is None or not huid.strip():
        return None
    try:
        return validate_huid(huid)
    except InvalidInput:
        return None


def huid_problem(huid: str | None) -> str | None:
    """Why the article's HUID does not meet BIS (None when it does), in the owner's words."""
    if huid is None or not huid.strip():
        return "no HUID"
    try:
        validate_huid(huid)
    except InvalidInput as error:
        return f"HUID {huid.strip()!r} is not valid: {error.reason}"
    return None
