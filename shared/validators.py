"""Identifiers the counter must not get wrong: GSTIN, PAN, HUID and invoice numbers.

A GSTIN with a bad check character on a B2B invoice makes the buyer lose input tax credit, and
a HUID typed wrong on a hallmarked piece makes the sale unlawful, so each is checked at every
boundary, with a reason a clerk can act on ("the last character should be 'K'").

Also the dates a clerk types about a customer (birthday, anniversary), DD-MM-YYYY as every
date at the counter is shown, checked once here so the counter and the hub agree on them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from stdnum import luhn

from shared.errors import InvalidInput
from shared.states import STATES

GSTIN_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PAN = re.compile(r"^[A-Z]{3}[ABCFGHLJPTK][A-Z][0-9]{4}[A-Z]$")
_PAN_SHAPE = re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$")
_GSTIN_SHAPE = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
_HUID = re.compile(r"^[A-Z0-9]{6}$")
# The e-invoice schema's document number pattern, stricter than Rule 46 (DOMAIN.md).
INVOICE_NUMBER_PATTERN: Final = re.compile(r"^[A-Z1-9][A-Z0-9/-]{0,15}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
EARLIEST_OCCASION: Final = dt.date(1900, 1, 1)
"""No customer's birthday or anniversary is earlier: an older year is a typing slip."""


def _clean(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"a {what} must be written as text")
    return text.strip().replace(" ", "").upper()


def gstin_check_character(first14: str) -> str:
    """The mod-36 Luhn check character for the first 14 characters of a GSTIN."""
    return str(luhn.calc_check_digit(first14, alphabet=GSTIN_ALPHABET))


def validate_pan(text: str) -> str:
    """A PAN in upper case; the 4th character must name a holder type the IT department uses."""
    pan = _clean(text, "PAN")
    if len(pan) != 10:
        raise InvalidInput(f"a PAN has 10 characters; {pan!r} has {len(pan)}")
    if not _PAN_SHAPE.match(pan):
        raise InvalidInput("a PAN is 5 letters, 4 digits and a letter, such as ABCPE1234F")
    if not _PAN.match(pan):
        raise InvalidInput(
            f"the 4th character of a PAN is one of A B C F G H L J P T K, not {pan[3]!r}"
        )
    return pan


def validate_gstin(text: str) -> str:
    """A GSTIN in upper case: state code, PAN, entity number, 'Z' and the check character."""
    gstin = _clean(text, "GSTIN")
    if len(gstin) != 15:
        raise InvalidInput(f"a GSTIN has 15 characters; {gstin!r} has {len(gstin)}")
    if not _GSTIN_SHAPE.match(gstin):
        raise InvalidInput(
            "a GSTIN is a 2-digit state code, a 10-character PAN, an entity number, 'Z' "
            "and a check character, such as 27ABCPE1234F1Z5"
        )
    if gstin[:2] not in STATES:
        raise InvalidInput(f"{gstin[:2]!r} at the start of the GSTIN is not a GST state code")
    try:
        validate_pan(gstin[2:12])
    except InvalidInput as error:
        raise InvalidInput(f"the PAN inside the GSTIN is not valid: {error.reason}") from None
    expected = gstin_check_character(gstin[:14])
    if gstin[14] != expected:
        raise InvalidInput(
            f"the GSTIN's check character is wrong (expected {expected!r}, found "
            f"{gstin[14]!r}): a character was probably mistyped"
        )
    return gstin


def gstin_state_code(gstin: str) -> str:
    """The state a registered person belongs to, from the first two characters."""
    return validate_gstin(gstin)[:2]


def validate_huid(text: str) -> str:
    """A BIS HUID: six characters, A-Z and 0-9, in upper case."""
    huid = _clean(text, "HUID")
    if not _HUID.match(huid):
        raise InvalidInput(
            f"a HUID is exactly 6 letters or digits (A-Z, 0-9), such as AB12CD; got {huid!r}"
        )
    return huid


def validate_invoice_number(text: str) -> str:
    """An invoice number as the e-invoice schema allows: at most 16 characters, upper case,
    letters, digits, '-' and '/', not starting with 0, '-' or '/'."""
    if not isinstance(text, str):
        raise InvalidInput("an invoice number must be written as text")
    number = text.strip()
    if not number:
        raise InvalidInput("the invoice number is empty")
    if len(number) > 16:
        raise InvalidInput(
            f"an invoice number has at most 16 characters; {number!r} has {len(number)}"
        )
    if not INVOICE_NUMBER_PATTERN.match(number):
        raise InvalidInput(
            f"{number!r} is not a valid invoice number: use upper-case letters, digits, '-' and "
            "'/', not starting with 0, '-' or '/'"
        )
    return number


def parse_day_month_year(text: str) -> dt.date:
    """A date typed DD-MM-YYYY (the counter's way of writing dates; '/' and '.' also separate)."""
    if not isinstance(text, str):
        raise InvalidInput("a date must be written as text, DD-MM-YYYY")
    found = _DAY_MONTH_YEAR.match(text.strip())
    if found is None:
        raise InvalidInput(f"type the date as DD-MM-YYYY, such as 25-12-1990; got {text.strip()!r}")
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{text.strip()} is not a date on the calendar") from None


def validate_occasion_date(day: dt.date, today: dt.date, what: str) -> dt.date:
    """A birthday or anniversary (`what` names it): not after `today` (the shop's date), not
    before 1900, so the years shown beside it in the week's occasions can be believed."""
    if day > today:
        raise InvalidInput(f"the {what} {day:%d-%m-%Y} is in the future")
    if day < EARLIEST_OCCASION:
        raise InvalidInput(f"the {what} {day:%d-%m-%Y} is before 1900: check the year")
    return day
