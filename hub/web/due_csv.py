"""The operator's due list as CSV: whom to call about a trial ending or an AMC falling due.

Opened in a spreadsheet by the platform's staff, so: a header row, ISO dates (sorted and read
the same everywhere), rupees as plain numbers with two decimals (summable; no ₹, no Indian
grouping), and any text a shop typed that a spreadsheet would run as a formula (=, +, -, @ ...)
is quoted with a leading apostrophe (OWASP's CSV-injection advice). A phone number made only of
digits, spaces, brackets and dashes after its "+" is left as it is: it cannot call a function,
and every Indian number starts with "+91".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from typing import Final

from hub.domain.operator.metrics import DueItem
from shared.money import Paise

HEADER: Final = ("shop", "login code", "phone", "state", "due date", "days", "yearly fee (Rs)")
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_PHONE: Final = re.compile(r"^\+?[0-9][0-9 ()-]*$")
# Excel opens a UTF-8 CSV correctly only with the byte-order mark (shop names in Hindi, ₹...).
BOM: Final = "\ufeff"


def _cell(text: str | None) -> str:
    value = text or ""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _phone(text: str | None) -> str:
    value = text or ""
    return value if _PLAIN_PHONE.match(value) else _cell(value)


def due_csv(items: Iterable[DueItem]) -> str:
    """The CSV text, one line per item, in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for item in items:
        shop = item.shop
        writer.writerow(
            (
                _cell(shop.name),
                _cell(shop.login_code),
                _phone(shop.phone),
                item.shop.state,
                item.due_on.isoformat(),
                item.days,
                Paise(shop.yearly_fee_paise).decimal_text(),
            )
        )
    return BOM + out.getvalue()


def due_csv_filename(today: date) -> str:
    return f"boolagold-due-list-{today.isoformat()}.csv"
