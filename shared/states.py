"""Indian GST state codes, kept here rather than taken from python-stdnum.

stdnum's table stops at 37 and keeps obsolete codes (25 Daman and Diu before the 2020 merger), but
GSTINs are issued for 38 Ladakh and 97 Other Territory, and 96 Other Countries is a valid place of
supply for exports. A wrong table here would refuse a real customer at the counter.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from shared.errors import InvalidInput

STATES: Final = MappingProxyType(
    {
        "01": "Jammu and Kashmir",
        "02": "Himachal Pradesh",
        "03": "Punjab",
        "04": "Chandigarh",
        "05": "Uttarakhand",
        "06": "Haryana",
        "07": "Delhi",
        "08": "Rajasthan",
        "09": "Uttar Pradesh",
        "10": "Bihar",
        "11": "Sikkim",
        "12": "Arunachal Pradesh",
        "13": "Nagaland",
        "14": "Manipur",
        "15": "Mizoram",
        "16": "Tripura",
        "17": "Meghalaya",
        "18": "Assam",
        "19": "West Bengal",
        "20": "Jharkhand",
        "21": "Odisha",
        "22": "Chhattisgarh",
        "23": "Madhya Pradesh",
        "24": "Gujarat",
        "26": "Dadra and Nagar Haveli and Daman and Diu",
        "27": "Maharashtra",
        "29": "Karnataka",
        "30": "Goa",
        "31": "Lakshadweep",
        "32": "Kerala",
        "33": "Tamil Nadu",
        "34": "Puducherry",
        "35": "Andaman and Nicobar Islands",
        "36": "Telangana",
        "37": "Andhra Pradesh",
        "38": "Ladakh",
        "97": "Other Territory",
    }
)

OTHER_COUNTRIES: Final = "96"


def validate_state_code(code: object, *, allow_other_country: bool = False) -> str:
    """Return the canonical 2-digit code; "7" and " 07 " are accepted as Delhi's "07"."""
    if isinstance(code, bool) or not isinstance(code, str | int):
        raise InvalidInput('a state code is written as two digits, such as "27"')
    text = str(code).strip()
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if text == OTHER_COUNTRIES and allow_other_country:
        return text
    if text not in STATES:
        raise InvalidInput(f"{text!r} is not a GST state code (01-38 or 97)")
    return text


def state_name(code: object) -> str:
    """The state's name for a code, including 96 (Other Countries) for places of supply."""
    canonical = validate_state_code(code, allow_other_country=True)
    return "Other Countries" if canonical == OTHER_COUNTRIES else STATES[canonical]
