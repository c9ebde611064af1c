"""Checks for the text an owner or operator types about a shop (GSTIN, PAN, phone...)."""

from __future__ import annotations

import re
from typing import Final

from shared.errors import InvalidInput
from shared.states import validate_state_code
from shared.validators import gstin_state_code, validate_gstin, validate_pan

_PINCODE: Final = re.compile(r"^[1-9][0-9]{5}$")
_PHONE: Final = re.compile(r"^\+?[0-9][0-9 -]{6,18}$")
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required_text(value: str, field: str, max_length: int) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput("this cannot be empty", field)
    if len(text) > max_length:
        raise InvalidInput(f"at most {max_length} characters", field)
    return text


def optional(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def clean_gstin(value: str | None, state_code: str) -> str | None:
    text = optional(value)
    if text is None:
        return None
    try:
        gstin = validate_gstin(text)
    except InvalidInput as error:
        raise error.at("gstin") from None
    if gstin_state_code(gstin) != state_code:
        raise InvalidInput(
            f"the GSTIN belongs to state {gstin_state_code(gstin)}, the shop is in {state_code}",
            "gstin",
        )
    return gstin


def clean_pan(value: str | None) -> str | None:
    text = optional(value)
    if text is None:
        return None
    try:
        return validate_pan(text)
    except InvalidInput as error:
        raise error.at("pan") from None


def clean_state(value: str) -> str:
    try:
        return validate_state_code(value.strip())
    except InvalidInput as error:
        raise error.at("state_code") from None


def clean_pincode(value: str | None) -> str | None:
    text = optional(value)
    if text is not None and not _PINCODE.match(text):
        raise InvalidInput("a PIN code is 6 digits and does not start with 0", "pincode")
    return text


def clean_phone(value: str | None) -> str | None:
    text = optional(value)
    if text is not None and not _PHONE.match(text):
        raise InvalidInput("write the phone number with digits only (a leading + is fine)", "phone")
    return text


def clean_email(value: str | None, field: str = "email") -> str | None:
    text = optional(value)
    if text is None:
        return None
    if len(text) > 254 or not _EMAIL.match(text):
        raise InvalidInput(f"{text!r} is not an email address", field)
    return text.lower()
