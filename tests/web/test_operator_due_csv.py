"""The due list's CSV text: header, ISO dates, plain rupees, and no formula a spreadsheet runs."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

from hub.domain.operator.metrics import DueItem, ShopFacts
from hub.web.due_csv import due_csv, due_csv_filename


def item(name: str, phone: str | None, fee: int, days: int) -> DueItem:
    shop = ShopFacts(
        shop_id=uuid.uuid4(),
        name=name,
        login_code="=cmd|' /C calc'!A0",
        phone=phone,
        state="grace",
        trial_ends_on=None,
        amc_valid_until=date(2026, 11, 20),
        yearly_fee_paise=fee,
    )
    return DueItem(shop, "AMC overdue", date(2026, 11, 20), days)


def test_rows_are_plain_and_formulas_are_defused() -> None:
    text = due_csv(
        [
            item("@SUM(A1:A9)", "+91 98200 00001", 1_000_005, -5),
            item("Lakshmi Jewellers", '=HYPERLINK("x")', 0, 3),
        ]
    )
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "shop", "login code", "phone", "state", "due date", "days", "yearly fee (Rs)"
    ]  # fmt: skip
    assert rows[1] == [
        "'@SUM(A1:A9)", "'=cmd|' /C calc'!A0", "+91 98200 00001", "grace", "2026-11-20", "-5",
        "10000.05",
    ]  # fmt: skip
    assert rows[2][0] == "Lakshmi Jewellers"
    assert rows[2][2] == '\'=HYPERLINK("x")'
    assert rows[2][6] == "0.00"


def test_an_empty_list_is_just_the_header() -> None:
    rows = list(csv.reader(io.StringIO(due_csv([]).removeprefix("\ufeff"))))
    assert len(rows) == 1


def test_file_name_carries_the_day() -> None:
    assert due_csv_filename(date(2026, 4, 1)) == "boolagold-due-list-2026-04-01.csv"
