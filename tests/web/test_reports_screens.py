"""The report pages at desktop and phone widths: each loads cleanly, fits the window (wide tables
scroll inside their own box), and is saved as a screenshot to look at.

Set REPORT_SCREENSHOTS=<folder> to keep the PNGs (reports-<page>-<viewport>.png) for review;
otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser

from tests.web.actions import horizontal_overflow, sign_in_shop
from tests.web.browser import Viewport, open_tab

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def _pages() -> dict[str, str]:
    month = dt.datetime.now(ZoneInfo("Asia/Kolkata")).date().strftime("%Y-%m")
    return {
        "index": "/reports",
        "sales-register": "/reports/sales-register?span=month",
        "day-book": "/reports/day-book?span=month",
        "stock": "/reports/stock",
        "gstr1": f"/reports/gstr1?month={month}",
        "dashboard": "/dashboard",
        "terminals": "/terminals",
    }


def test_report_pages_load_cleanly_fit_and_are_shot(
    browser: Browser, live_hub: Any, viewport: Viewport, tmp_path: Path
) -> None:
    out = Path(os.environ.get("REPORT_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    bad: list[str] = []
    with open_tab(browser, live_hub.url, viewport) as tab:
        page = tab.page
        demo = live_hub.demo
        sign_in_shop(page, demo.shop_code, demo.owner.username, demo.owner.password)
        for name, path in _pages().items():
            response = page.goto(path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"reports-{name}-{viewport.name}.png"), full_page=True)
            status = response.status if response is not None else None
            overflow = horizontal_overflow(page)
            if status != 200 or overflow or tab.problems:
                bad.append(f"{name}: status {status}, {overflow}px too wide, {tab.problems}")
            tab.problems.clear()
    assert not bad, bad
