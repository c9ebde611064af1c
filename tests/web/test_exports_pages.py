"""An owner makes a GSTR-1 file in the background from the Exports page, in a real browser:
the job page refreshes itself until the file is ready, Download saves it, and it opens."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.actions import sign_in_shop
from tests.web.browser import Tab

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]
SHOTS_ENV = "BOOLAGOLD_EXPORT_SHOTS"
"""Set to a folder to keep the screenshots of the exports pages (for looking at them)."""


def test_owner_exports_gstr1_and_downloads_it(tab: Tab, live_hub: Any, tmp_path: Path) -> None:
    page = tab.page
    demo = live_hub.demo
    sign_in_shop(page, demo.shop_code, demo.owner.username, demo.owner.password)
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)

    page.get_by_role("link", name="Exports").click()
    expect(page.get_by_role("heading", name="Exports", exact=True)).to_be_visible()
    page.get_by_label("Report").select_option("gstr1")
    page.get_by_label("File").select_option("json")
    page.get_by_role("button", name="Make the file").click()

    expect(page).to_have_url(re.compile(r"/exports/[0-9a-f-]{36}$"))
    state = page.locator("[data-export-state]")
    expect(state).to_have_attribute("data-export-state", "done", timeout=30_000)
    page.screenshot(path=str(shots / "exports-job.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    download = download_info.value
    assert download.suggested_filename.startswith("GSTR1_")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert "gstin" in document
    assert "fp" in document

    page.get_by_role("link", name="All exports").click()
    row = page.locator("#exports tbody tr").first
    expect(row).to_contain_text("GSTR-1")
    expect(row.locator("[data-export-state]")).to_have_attribute("data-export-state", "done")
    page.screenshot(path=str(shots / "exports-list.png"), full_page=True)
    assert not tab.problems, tab.problems
