import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.money import Paise
from shared.words import amount_in_words


@pytest.mark.parametrize(
    ("paise", "words"),
    [
        (
            12345650,
            "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Fifty Paise Only",
        ),
        (100, "Rupees One Only"),
        (50, "Fifty Paise Only"),
        (1000000000, "Rupees One Crore Only"),
        (4670292, "Rupees Forty-Six Thousand Seven Hundred Two and Ninety-Two Paise Only"),
        (25000000000, "Rupees Twenty-Five Crore Only"),
        (0, "Rupees Zero Only"),
    ],
)
def test_amount_in_words_in_lakh_and_crore(paise: int, words: str) -> None:
    assert amount_in_words(Paise(paise)) == words


@given(st.integers(min_value=1, max_value=10**13))
def test_words_never_say_million_or_point(value: int) -> None:
    words = amount_in_words(Paise(value))
    assert words.endswith("Only")
    assert "Million" not in words
    assert "Billion" not in words
    assert "Point" not in words


def test_beyond_a_thousand_crore_keeps_counting_crores() -> None:
    assert amount_in_words(Paise(1_234 * 10**7 * 100 + 5)) == (
        "Rupees One Thousand Two Hundred Thirty-Four Crore and Five Paise Only"
    )
