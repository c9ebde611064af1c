"""Where an archived PDF lives in storage, and the file name a browser saves it under.

Keys start with `invoices/` so the storage routes them to the private invoices bucket; the
shop and the month of the document come next, so one shop's or one month's PDFs can be listed,
copied or removed as a folder.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Final

INVOICES_PREFIX: Final = "invoices/"
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9-]+")


def file_name(number: str) -> str:
    """`A1/25-26/00001` -> `A1-25-26-00001.pdf`: a document number as a safe file name
    (numbers hold letters, digits, `-` and `/`; anything else is replaced too)."""
    safe = _UNSAFE.sub("-", number.strip()).strip("-")
    if not safe:
        msg = f"a document number gives no file name: {number!r}"
        raise ValueError(msg)
    return f"{safe}.pdf"


def archive_key(shop_id: uuid.UUID, document_date: dt.date, number: str) -> str:
    """`invoices/<shop_id>/<YYYY-MM>/<number, safe chars>.pdf`."""
    return f"{INVOICES_PREFIX}{shop_id}/{document_date:%Y-%m}/{file_name(number)}"
