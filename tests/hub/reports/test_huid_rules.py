"""Which articles need a HUID (DOMAIN.md, BIS hallmarking) and what counts as a valid one."""

from __future__ import annotations

import pytest

from hub.reports.huid_rules import checked_huid, huid_problem, requires_huid
from shared.money import Milligrams

TWO_GRAMS = Milligrams(2_000)


@pytest.mark.parametrize(
    ("metal", "fineness", "hsn", "gross", "names", "needed"),
    [
        ("gold", 916, "711319", TWO_GRAMS, ("22K ring", None), True),
        ("gold", 750, "7113", Milligrams(12_000), ("18K chain", "Chains"), True),
        ("gold", 585, "711420", TWO_GRAMS, ("14K idol",), True),
        ("gold", 916, "711319", Milligrams(1_999), ("nose pin",), False),
        ("silver", 925, "711311", Milligrams(50_000), ("anklet",), False),
        ("platinum", 950, "711319", Milligrams(5_000), ("band",), False),
        ("gold", 916, "711319", Milligrams(40_000), ("choker", "Kundan sets"), False),
        ("gold", 916, "711319", Milligrams(40_000), ("POLKI necklace", None), False),
        ("gold", 916, "711319", Milligrams(40_000), ("jadau haar",), False),
        ("gold", 995, "7108", Milligrams(10_000), ("gold bar",), False),
        ("gold", 999, "711819", Milligrams(10_000), ("gold coin",), False),
        (None, None, "7102", Milligrams(400), ("loose diamond",), False),
    ],
)
def test_which_articles_need_a_huid(
    metal: str | None,
    fineness: int | None,
    hsn: str,
    gross: Milligrams,
    names: tuple[str | None, ...],
    needed: bool,
) -> None:
    assert requires_huid(metal, fineness, hsn, gross, names) is needed


def test_huids_are_checked_by_the_shared_validator() -> None:
    assert huid_problem("AB12CD") is None
    assert checked_huid(" ab12cd") == "AB12CD"
    assert huid_problem(None) == "no HUID"
    assert huid_problem("  ") == "no HUID"
    problem = huid_problem("AB-12C")
    assert problem is not None
    assert problem.startswith("HUID 'AB-12C' is not valid: a HUID is exactly 6 letters")
    assert checked_huid("AB-12C") is None
