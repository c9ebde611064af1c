"""Gapless document numbers: the next number of a series, allocated inside the writing
transaction.

The last sequence of each series and financial year lives in a local setting row that the same
IMMEDIATE transaction reads and bumps while it writes the document. Either both commit or
neither does, so a crash cannot skip a number, and the write lock means two writers cannot take
the same one (the table's unique key would refuse it anyway).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy.orm import Session

from desktop.services import settings as settings_store
from shared.numbering import InvoiceSeries


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    VOUCHER = "voucher"


def _key(kind: DocumentKind, series: InvoiceSeries) -> str:
    return f"series.{kind.value}.{series.prefix}.{series.financial_year}"


def last_sequence(session: Session, kind: DocumentKind, series: InvoiceSeries) -> int:
    return int(settings_store.get_value(session, _key(kind, series)) or 0)


def allocate(
    session: Session, kind: DocumentKind, prefix: str, day: dt.date
) -> tuple[InvoiceSeries, int, str]:
    """The series, sequence and number for the next document dated `day` (caller's
    transaction)."""
    series = InvoiceSeries.for_date(prefix, day)
    sequence, number = series.next_after(last_sequence(session, kind, series))
    settings_store.set_value(session, _key(kind, series), str(sequence))
    return series, sequence, number
