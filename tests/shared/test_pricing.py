from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise
from shared.pricing import (
    LineDraft,
    LineKind,
    MakingCharge,
    MakingMode,
    StoneCharge,
    default_gst_rate,
    default_hsn,
    format_rate,
    price_line,
    validate_gst_rate,
    weight_times_rate,
)
from shared.purity import Metal, default_catalogue

GOLD_22K = default_catalogue().find("gold", 916)
SILVER_925 = default_catalogue().find("silver", 925)


def gold(**overrides: object) -> LineDraft:
    fields: dict[str, object] = {
        "kind": LineKind.JEWELLERY,
        "hsn": "711319",
        "gst_rate": Decimal(3),
        "gross_weight": Milligrams(10_000),
        "net_weight": Milligrams(10_000),
        "metal": Metal.GOLD,
        "purity": GOLD_22K,
        "rate": Paise(6_500_00),
        "hallmarked": True,
        "huid": "AB12CD",
    }
    fields.update(overrides)
    return LineDraft(**fields)  # type: ignore[arg-type]


def test_each_part_is_rounded_on_its_own() -> None:
    # 1.234 g x 6543.21 = 8074.32114 -> 8074.32; wastage 3.5% of 8074.32 = 282.6012 -> 282.60
    # making 11% of 8074.32 = 888.1752 -> 888.18; taxable 9245.10
    line = price_line(
        gold(
            gross_weight=Milligrams(1_234),
            net_weight=Milligrams(1_234),
            rate=Paise(6_543_21),
            wastage_percent=Decimal("3.5"),
            making=MakingCharge(MakingMode.PERCENT, percent=Decimal(11)),
        )
    )
    assert line.metal_value == Paise(8_074_32)
    assert line.wastage_value == Paise(282_60)
    assert line.making_value == Paise(888_18)
    assert line.taxable_value == Paise(9_245_10)


def test_making_per_gram_is_on_the_net_weight() -> None:
    # gross 5.000, stones 0.500, net 4.500: 4.500 x 512.35 = 2305.575 -> 2305.58
    line = price_line(
        gold(
            gross_weight=Milligrams(5_000),
            stone_weight=Milligrams(500),
            net_weight=Milligrams(4_500),
            making=MakingCharge(MakingMode.PER_GRAM, amount=Paise(512_35)),
        )
    )
    assert line.making_value == Paise(2_305_58)


def test_discount_reduces_taxable_and_cannot_exceed_the_line() -> None:
    line = price_line(gold(discount=Paise(1_000_00)))
    assert line.taxable_value == Paise(65_000_00 - 1_000_00)
    with pytest.raises(InvalidInput) as error:
        price_line(gold(discount=Paise(65_000_01)))
    assert error.value.field == "discount"
    assert price_line(gold(discount=Paise(65_000_00))).taxable_value == Paise(0)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"net_weight": Milligrams(0)}, "net_weight"),
        ({"gross_weight": Milligrams(0)}, "gross_weight"),
        ({"net_weight": Milligrams(10_001)}, "net_weight"),
        ({"stone_weight": Milligrams(10_001)}, "stone_weight"),
        ({"stone_weight": Milligrams(1), "net_weight": Milligrams(10_000)}, "net_weight"),
        ({"huid": None}, "huid"),
        ({"huid": "AB12C"}, "huid"),
        ({"rate": None}, "rate"),
        ({"purity": None}, "purity"),
        ({"purity": SILVER_925}, "purity"),
        ({"gst_rate": Decimal(4)}, "gst_rate"),
        ({"hsn": "998892"}, "hsn"),
        ({"discount": Paise(-1)}, "discount"),
        ({"wastage_percent": Decimal(-1)}, "wastage_percent"),
    ],
)
def test_impossible_lines_are_refused(overrides: dict[str, object], field: str | None) -> None:
    with pytest.raises(InvalidInput) as error:
        gold(**overrides)
    assert error.value.field == field


def test_unhallmarked_gold_needs_no_huid() -> None:
    assert gold(hallmarked=False, huid=None).huid is None


def test_job_work_prices_making_only() -> None:
    job = LineDraft(
        kind=LineKind.JOB_WORK,
        hsn="998892",
        gst_rate=Decimal(5),
        gross_weight=Milligrams(12_000),
        net_weight=Milligrams(12_000),
        metal=Metal.GOLD,
        making=MakingCharge(MakingMode.PER_GRAM, amount=Paise(350_00)),
        hallmark_charge=Paise(45_00),
    )
    priced = price_line(job)
    assert priced.metal_value == Paise(0)
    assert priced.taxable_value == Paise(4_245_00)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rate": Paise(6_000_00)}, "rate"),
        ({"hsn": "711319"}, "hsn"),
        ({"making": None}, "making"),
        ({"making": MakingCharge(MakingMode.PERCENT, percent=Decimal(5))}, "making.mode"),
        ({"stones": (StoneCharge(stated_value=Paise(100)),)}, "stones"),
        ({"wastage_percent": Decimal(2)}, "wastage_percent"),
    ],
)
def test_job_work_refuses_what_it_cannot_hold(overrides: dict[str, object], field: str) -> None:
    fields: dict[str, object] = {
        "kind": LineKind.JOB_WORK,
        "hsn": "998892",
        "gst_rate": Decimal(5),
        "gross_weight": Milligrams(1_000),
        "net_weight": Milligrams(1_000),
        "metal": Metal.GOLD,
        "making": MakingCharge(MakingMode.FLAT, amount=Paise(100_00)),
    }
    fields.update(overrides)
    with pytest.raises(InvalidInput) as error:
        LineDraft(**fields)  # type: ignore[arg-type]
    assert error.value.field == field


def test_stone_needs_carats_and_rate_or_a_value_not_both() -> None:
    assert StoneCharge(carats=Decimal("0.333"), rate_per_carat=Paise(1_000_00)).value == Paise(
        333_00
    )
    with pytest.raises(InvalidInput):
        StoneCharge(carats=Decimal(1))
    with pytest.raises(InvalidInput):
        StoneCharge(carats=Decimal(1), rate_per_carat=Paise(1), stated_value=Paise(1))
    with pytest.raises(InvalidInput):
        StoneCharge(carats=Decimal(0), rate_per_carat=Paise(1))


@pytest.mark.parametrize(
    ("hsn", "rate"),
    [
        ("7113", "3"),
        ("711319", "3"),
        ("7114", "3"),
        ("7108", "3"),
        ("7106", "3"),
        ("7118", "3"),
        ("7102", "1.5"),
        ("7103", "0.25"),
        ("7104", "0.25"),
        ("9988", "5"),
        ("998892", "5"),
    ],
)
def test_default_rates_follow_domain_table(hsn: str, rate: str) -> None:
    assert default_gst_rate(hsn) == Decimal(rate)


def test_unknown_hsn_needs_an_explicit_rate() -> None:
    with pytest.raises(InvalidInput) as error:
        default_gst_rate("7117")
    assert error.value.field == "gst_rate"
    with pytest.raises(InvalidInput):
        default_gst_rate("71a3")
    assert validate_gst_rate(Decimal("0.25")) == Decimal("0.25")


def test_default_hsn_and_rate_text() -> None:
    assert default_hsn(LineKind.JOB_WORK, Metal.GOLD) == "998892"
    assert default_hsn(LineKind.JEWELLERY, Metal.SILVER) == "711311"
    assert default_hsn(LineKind.JEWELLERY, Metal.GOLD) == "711319"
    assert [format_rate(Decimal(t)) for t in ("3.00", "1.50", "0.25", "12", "28")] == [
        "3",
        "1.5",
        "0.25",
        "12",
        "28",
    ]


@given(st.integers(1, 10**7), st.integers(1, 10**8))
def test_metal_value_matches_exact_decimal(milligrams: int, paise_per_gram: int) -> None:
    exact = Decimal(milligrams) / 1000 * (Decimal(paise_per_gram) / 100)
    value = weight_times_rate(Milligrams(milligrams), Paise(paise_per_gram))
    assert abs(Decimal(value.value) / 100 - exact) <= Decimal("0.005")
