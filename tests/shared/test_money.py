from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.money import (
    Milligrams,
    Paise,
    group_indian,
    parse_decimal,
    parse_grams,
    parse_rupees,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "paise"),
    [
        ("1,23,456.50", 12345650),
        ("123,456.50", 12345650),
        ("123456.5", 12345650),
        ("₹1,23,456.50", 12345650),
        ("Rs. 99.05", 9905),
        ("  500  ", 50000),
        ("0.01", 1),
        (".5", 50),
        ("12,34,56,789", 123456789 * 100),
    ],
)
def test_parse_rupees_accepts_what_people_type(text: str, paise: int) -> None:
    assert parse_rupees(text) == Paise(paise)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12.345", "more than 2 decimal places"),
        ("1,2,3", "not a valid amount"),
        ("abc", "not a valid amount"),
        ("", "not a valid amount"),
        ("-5", "cannot be negative"),
        ("1.2.3", "not a valid amount"),
        ("12,3456", "not a valid amount"),
    ],
)
def test_parse_rupees_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_rupees(text)


def test_negative_amounts_only_when_asked() -> None:
    assert parse_rupees("-5.25", allow_negative=True) == Paise(-525)


@pytest.mark.parametrize(
    ("paise", "text"),
    [
        (12345650, "₹1,23,456.50"),
        (10155594, "₹1,01,555.94"),
        (5, "₹0.05"),
        (-123456, "-₹1,234.56"),
        (100000000000, "₹1,00,00,00,000.00"),
    ],
)
def test_indian_formatting(paise: int, text: str) -> None:
    assert Paise(paise).format() == text


def test_grouping_the_indian_way() -> None:
    assert group_indian("1") == "1"
    assert group_indian("1234") == "1,234"
    assert group_indian("123456") == "1,23,456"
    assert group_indian("12345678") == "1,23,45,678"


@given(st.integers(min_value=0, max_value=10**15))
def test_rupees_round_trip_through_text(value: int) -> None:
    amount = Paise(value)
    assert parse_rupees(amount.format()) == amount
    assert parse_rupees(amount.format(sign=False)) == amount
    assert parse_rupees(amount.decimal_text()) == amount


@given(st.integers(min_value=0, max_value=10**12))
def test_grams_round_trip_through_text(value: int) -> None:
    weight = Milligrams(value)
    assert parse_grams(weight.format()) == weight
    assert parse_grams(weight.decimal_text()) == weight


def test_weights() -> None:
    assert parse_grams("10.250") == Milligrams(10250)
    assert parse_grams("10.25 g") == Milligrams(10250)
    assert parse_grams("4.56gms") == Milligrams(4560)
    assert Milligrams(10250).format() == "10.250 g"
    assert Milligrams(4560).decimal_text() == "4.560"
    assert Milligrams.from_carats(Decimal("0.25")) == Milligrams(50)
    with pytest.raises(InvalidInput, match="more than 3 decimal places"):
        parse_grams("1.2345")
    with pytest.raises(InvalidInput, match="cannot be negative"):
        parse_grams("-1")


def test_exact_arithmetic_and_single_rounding() -> None:
    assert Paise(100) + Paise(5) - Paise(10) == Paise(95)
    assert Paise(7) * 3 == 3 * Paise(7) == Paise(21)
    # DOMAIN.md: 201 345 x 1.5% = 3 020.175 must become 3 020.18, which floats get wrong.
    assert Paise.from_rupees(201345).percent(Decimal("1.5")) == Paise(302018)
    assert Paise.rounded(Decimal("0.005")) == Paise(1)
    assert Paise(4650).to_nearest_rupee() == Paise(4700)
    assert Paise(4649).to_nearest_rupee() == Paise(4600)
    assert Paise(4650).rupees == Decimal("46.50")


def test_no_floats_ever() -> None:
    with pytest.raises(TypeError):
        Paise(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Milligrams(True)
    with pytest.raises(InvalidInput, match="not a float"):
        to_decimal(1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="not a whole number of paise"):
        Paise.from_rupees(Decimal("0.001"))


def test_parse_decimal() -> None:
    assert parse_decimal("2.5", "percentage") == Decimal("2.5")
    with pytest.raises(InvalidInput, match="not a valid percentage"):
        parse_decimal("2.5%", "percentage")
