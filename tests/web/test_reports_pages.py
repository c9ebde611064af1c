"""The report pages in a real browser, on both hub set-ups: every report in the catalogue opens,
filters by dates and by one terminal, and its CSV and XLSX downloads carry the page's totals;
the GSTR-1 page reconciles the demo month and hands out its JSON, CSV, ZIP and XLSX files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Download, Page, expect

from hub.demo import demo_gstin
from hub.reports.catalogue import report_catalogue
from hub.reports.tabular import ReportSpec
from tests.web.actions import sign_in_shop
from tests.web.browser import Tab

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

SPECS = report_catalogue().all()


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Kolkata")).date()


def _sign_in(page: Page, hub: Any, who: str = "owner") -> None:
    login = getattr(hub.demo, who)
    sign_in_shop(page, hub.demo.shop_code, login.username, login.password)


def _page_totals(page: Page) -> dict[str, list[str]]:
    """Each table's totals row as the plain values the page carries (data-value)."""
    totals: dict[str, list[str]] = {}
    for table in page.locator("section.report-table[data-table]").all():
        row = table.locator("tfoot tr[data-totals] td")
        if row.count():
            key = table.get_attribute("data-table") or ""
            totals[key] = [cell.get_attribute("data-value") or "" for cell in row.all()]
    return totals


def _table_keys(page: Page) -> list[str]:
    return [
        table.get_attribute("data-table") or ""
        for table in page.locator("section.report-table[data-table]").all()
    ]


def _save(download: Download, folder: Path) -> Path:
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def _csv_blocks(data: bytes, several: bool) -> list[list[list[str]]]:
    """The CSV's tables: [header, rows..., totals] each (title lines and blank lines dropped)."""
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a BOM for Excel"
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    if not several:
        return [lines]
    blocks: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in lines:
        if not line:
            blocks.append(current[1:])  # drop the title line
            current = []
        else:
            current.append(line)
    assert not current, "every table ends with a blank line"
    return blocks


def _same(xlsx_value: object, text: str) -> bool:
    """An XLSX cell read back against the CSV's text for the same cell."""
    if xlsx_value is None:
        return text == ""
    if isinstance(xlsx_value, dt.datetime):
        return xlsx_value.date().isoformat() == text
    if isinstance(xlsx_value, int | float | Decimal):
        try:
            return Decimal(str(xlsx_value)) == Decimal(text)
        except InvalidOperation:
            return False
    return str(xlsx_value) == text


def _open_report(page: Page, spec: ReportSpec) -> None:
    page.goto("/reports")
    page.get_by_role("link", name=spec.title, exact=True).click()
    expect(page.get_by_role("heading", name=spec.title, level=1)).to_be_visible()


def _check_downloads(page: Page, spec: ReportSpec, folder: Path, day_from: dt.date) -> None:
    totals = _page_totals(page)
    keys = _table_keys(page)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download CSV").click()
    csv_path = _save(csv_download.value, folder)
    assert csv_path.name.startswith(f"{spec.slug}_demo_{day_from.isoformat()}_")
    assert csv_path.suffix == ".csv"
    blocks = _csv_blocks(csv_path.read_bytes(), several=len(keys) > 1)
    assert len(blocks) == len(keys)

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    xlsx_path = _save(xlsx_download.value, folder)
    assert xlsx_path.name == csv_path.name.replace(".csv", ".xlsx")
    book = load_workbook(xlsx_path)
    assert len(book.sheetnames) == len(keys)

    for index, key in enumerate(keys):
        if key not in totals:
            continue
        csv_totals = blocks[index][-1]
        assert csv_totals == totals[key], f"{spec.slug}.{key}: CSV totals differ from the page"
        sheet = book[book.sheetnames[index]]
        bold_rows = [
            row for row in sheet.iter_rows(min_row=2) if row[0].font is not None and row[0].font.b
        ]
        assert bold_rows, f"{spec.slug}.{key}: the XLSX has a bold totals row"
        xlsx_totals = [cell.value for cell in bold_rows[-1]]
        mismatched = [
            (column, value, text)
            for column, (value, text) in enumerate(zip(xlsx_totals, totals[key], strict=True))
            if not _same(value, text)
        ]
        assert not mismatched, f"{spec.slug}.{key}: XLSX totals differ {mismatched}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.slug)
def test_each_report_opens_filters_and_downloads(
    spec: ReportSpec, tab: Tab, live_hub: Any, tmp_path: Path
) -> None:
    page = tab.page
    _sign_in(page, live_hub)
    _open_report(page, spec)

    # By dates: the demo month so far, typed the Indian way.
    today = _today()
    first = today.replace(day=1)
    page.get_by_label("From", exact=True).fill(f"{first:%d-%m-%Y}")
    page.get_by_label("To", exact=True).fill(f"{today:%d-%m-%Y}")
    page.get_by_role("button", name="Show report").click()
    expect(page.locator("[data-scope]")).to_contain_text(f"{first.day} {first:%b %Y}")
    assert page.locator("section.report-table").count() >= 1
    _check_downloads(page, spec, tmp_path, first)

    # By one terminal: the same dates, Counter 1 only.
    if spec.uses_terminals:
        page.get_by_label("Terminals", exact=True).select_option(label="Counter 1")
        page.get_by_role("button", name="Show report").click()
        expect(page.locator("[data-scope]")).to_contain_text("Counter 1")
        expect(page.get_by_label("From", exact=True)).to_have_value(f"{first:%d-%m-%Y}")
        _check_downloads(page, spec, tmp_path / "one-terminal", first)
    assert not tab.problems, tab.problems


def test_sales_register_rows_link_to_their_pdfs(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    _sign_in(page, live_hub)
    page.goto("/reports/sales-register?span=month")
    first_link = page.locator('section[data-table="documents"] tbody tr td a').first
    expect(first_link).to_have_attribute("href", re.compile(r"^/documents/.+\.pdf$"))


def test_quick_spans_and_a_bad_date(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    _sign_in(page, live_hub)
    page.goto("/reports/sales-register")
    page.get_by_role("link", name="Today", exact=True).click()
    today = _today()
    expect(page.get_by_label("From", exact=True)).to_have_value(f"{today:%d-%m-%Y}")
    expect(page.get_by_role("link", name="Today", exact=True)).to_have_attribute(
        "aria-current", "true"
    )

    page.get_by_label("From", exact=True).fill("31-02-2025")
    page.get_by_role("button", name="Show report").click()
    expect(page.locator("[data-problem]")).to_have_text(
        "The start date 31-02-2025 is not a date on the calendar."
    )
    expect(page.locator("section.report-table")).to_have_count(0)
    expect(page.get_by_label("From", exact=True)).to_have_value("31-02-2025")
    response = page.goto("/reports/sales-register.csv?from=1-1-25")
    assert response is not None
    assert response.status == 400


def test_gstr1_page_reconciles_and_downloads(tab: Tab, live_hub: Any, tmp_path: Path) -> None:
    page = tab.page
    _sign_in(page, live_hub)
    today = _today()
    page.goto("/reports")
    page.get_by_role("link", name="GSTR-1 and GSTR-3B").click()
    last = today.replace(day=1) - dt.timedelta(days=1)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"GSTR-1, {last:%B %Y}")

    page.get_by_label("Month", exact=True).fill(f"{today:%Y-%m}")
    page.get_by_role("button", name="Show return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"GSTR-1, {today:%B %Y}")
    tick = page.locator('[data-reconciles="yes"]')
    expect(tick).to_be_visible()
    expect(tick).to_contain_text("✓")
    expect(page.locator('[data-reconciles="no"]')).to_have_count(0)

    with page.expect_download() as json_download:
        page.get_by_role("link", name="JSON for the GST portal").click()
    portal = json.loads(_save(json_download.value, tmp_path).read_text("utf-8"))
    assert portal["gstin"] == demo_gstin()
    assert portal["fp"] == f"{today:%m%Y}"
    # The demo month is all counter sales to walk-in buyers: B2C small, no notes.
    assert "b2cs" in portal
    assert not {"cdnr", "cdnur"} & set(portal)
    invoices = [
        invoice
        for group in ("b2b", "b2cl")
        for party in portal.get(group, ())
        for invoice in party["inv"]
    ]
    portal_taxable = sum(Decimal(str(row["txval"])) for row in portal["b2cs"]) + sum(
        (
            Decimal(str(item["itm_det"]["txval"]))
            for invoice in invoices
            for item in invoice["itms"]
        ),
        Decimal(0),
    )
    shown = page.locator('[data-outward="taxable"]').inner_text()
    assert Decimal(shown.replace("₹", "").replace(",", "")) == portal_taxable > 0

    with page.expect_download() as csv_download:
        page.locator('[data-section-csv="b2cs"]').click()
    b2cs = _save(csv_download.value, tmp_path)
    assert b2cs.name == f"gstr1-b2cs_demo_{today:%Y-%m}.csv"
    header = next(csv.reader(io.StringIO(b2cs.read_text("utf-8-sig"))))
    assert header[:2] == ["Type", "Place Of Supply"]

    with page.expect_download() as zip_download:
        page.get_by_role("link", name="All CSV files (ZIP)").click()
    with zipfile.ZipFile(_save(zip_download.value, tmp_path)) as archive:
        names = set(archive.namelist())
    assert {"b2b.csv", "b2cs.csv", "docs.csv"} <= names

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    book = load_workbook(_save(xlsx_download.value, tmp_path))
    assert {"b2b", "b2cs", "docs"} <= set(book.sheetnames)
    assert not tab.problems, tab.problems


def test_sales_staff_get_the_not_allowed_page(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    _sign_in(page, live_hub, "sales")
    expect(page.get_by_role("link", name="Reports")).to_have_count(0)
    for path in ("/reports", "/reports/sales-register", "/reports/gstr1", "/reports/stock.csv"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 403, path
        expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
