"""Storage keys and file names of archived PDFs."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hub.archive import archive_key, file_name


def test_a_document_number_becomes_a_safe_file_name() -> None:
    assert file_name("A1/25-26/00001") == "A1-25-26-00001.pdf"
    assert file_name(" CA1/25-26/00003 ") == "CA1-25-26-00003.pdf"
    assert file_name("A/1") == "A-1.pdf"
    assert file_name('x"; rm -rf /..\\') == "x-rm--rf.pdf"


def test_a_number_with_no_safe_character_is_refused() -> None:
    with pytest.raises(ValueError, match="no file name"):
        file_name("//")


def test_the_key_is_shop_then_month_of_the_document_date() -> None:
    shop = uuid.UUID("0190a1b2-0000-7000-8000-000000000001")
    key = archive_key(shop, dt.date(2025, 7, 1), "A1/25-26/00001")
    assert key == f"invoices/{shop}/2025-07/A1-25-26-00001.pdf"
