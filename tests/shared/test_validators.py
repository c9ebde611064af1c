import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.states import STATES, state_name, validate_state_code
from shared.validators import (
    GSTIN_ALPHABET,
    gstin_check_character,
    gstin_state_code,
    validate_gstin,
    validate_huid,
    validate_invoice_number,
    validate_pan,
)

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_HOLDER = "ABCFGHLJPTK"


def make_gstin(state: str, pan: str, entity: str = "1") -> str:
    first14 = f"{state}{pan}{entity}Z"
    return first14 + gstin_check_character(first14)


pans = st.builds(
    lambda a, h, e, d, last: f"{a}{h}{e}{d}{last}",
    st.text(_UPPER, min_size=3, max_size=3),
    st.sampled_from(_HOLDER),
    st.sampled_from(_UPPER),
    st.text("0123456789", min_size=4, max_size=4),
    st.sampled_from(_UPPER),
)
gstins = st.builds(
    make_gstin,
    st.sampled_from(sorted(STATES)),
    pans,
    st.sampled_from("123456789" + _UPPER),
)


def test_a_known_real_shape_gstin() -> None:
    gstin = make_gstin("27", "AAPFU0939F")
    assert gstin == "27AAPFU0939F1ZV"
    assert validate_gstin(" 27aapfu0939f1zv ") == gstin
    assert gstin_state_code(gstin) == "27"


@pytest.mark.parametrize("state", ["38", "97"])
def test_ladakh_and_other_territory_are_accepted(state: str) -> None:
    gstin = make_gstin(state, "ABCPE1234F")
    assert validate_gstin(gstin) == gstin


@given(gstins)
def test_gstins_with_a_valid_check_character_pass(gstin: str) -> None:
    assert validate_gstin(gstin) == gstin


@given(gstins, st.integers(min_value=0, max_value=14), st.sampled_from(GSTIN_ALPHABET))
def test_any_single_changed_character_fails(gstin: str, position: int, char: str) -> None:
    if gstin[position] == char:
        char = GSTIN_ALPHABET[(GSTIN_ALPHABET.index(char) + 1) % len(GSTIN_ALPHABET)]
    changed = gstin[:position] + char + gstin[position + 1 :]
    with pytest.raises(InvalidInput):
        validate_gstin(changed)


def test_gstin_reasons_name_the_problem() -> None:
    good = make_gstin("29", "ABCPE1234F")
    wrong_check = good[:-1] + ("A" if good[-1] != "A" else "B")
    with pytest.raises(InvalidInput, match="check character is wrong"):
        validate_gstin(wrong_check)
    with pytest.raises(InvalidInput, match="15 characters"):
        validate_gstin(good[:-1])
    unknown_state = "25" + good[2:14]
    with pytest.raises(InvalidInput, match="not a GST state code"):
        validate_gstin(unknown_state + gstin_check_character(unknown_state))


def test_pan() -> None:
    assert validate_pan("abcpe1234f") == "ABCPE1234F"
    with pytest.raises(InvalidInput, match="4th character"):
        validate_pan("ABCDE1234F")
    with pytest.raises(InvalidInput, match="10 characters"):
        validate_pan("ABCPE1234")
    with pytest.raises(InvalidInput, match="5 letters, 4 digits"):
        validate_pan("ABCP12345F")


def test_huid() -> None:
    assert validate_huid("ab12cd") == "AB12CD"
    for bad in ["AB12C", "AB12CDE", "AB-2CD", ""]:
        with pytest.raises(InvalidInput, match="exactly 6"):
            validate_huid(bad)


@pytest.mark.parametrize("number", ["A1/25-26/00001", "1", "INV-2025/0001", "Z" * 16])
def test_valid_invoice_numbers(number: str) -> None:
    assert validate_invoice_number(number) == number


@pytest.mark.parametrize("number", ["0A1/25", "a1/25", "/A1", "A" * 17, "A1 25", "", "A_1"])
def test_invalid_invoice_numbers(number: str) -> None:
    with pytest.raises(InvalidInput):
        validate_invoice_number(number)


def test_state_codes() -> None:
    assert validate_state_code("7") == "07"
    assert state_name("38") == "Ladakh"
    assert state_name("97") == "Other Territory"
    assert state_name("96") == "Other Countries"
    assert len(STATES) == 37
    for bad in ["25", "28", "99", "96"]:
        with pytest.raises(InvalidInput, match="not a GST state code"):
            validate_state_code(bad)
