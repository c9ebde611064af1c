"""Every page, at desktop and phone widths, loads cleanly and fits the window.

This is the screenshot walk of `tests.web.screenshots` run as a test: a console error, a failed
request, an error status or anything sticking out past the right edge of the window fails it.
(Wide tables are allowed to scroll inside their own box; the page itself may not.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.web.screenshots import walk_pages

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

EXPECTED_PAGES = {
    "login",
    "operator-login",
    "dashboard",
    "terminals",
    "terminals-code-issued",
    "staff",
    "shop-profile",
    "rates",
    "licence",
    "not-allowed",
    "rates-sales-view",
    "operator-shops",
    "operator-shop-new",
    "operator-shop-created",
    "operator-shop",
}


def test_every_page_loads_cleanly_and_fits(browser: Browser, live_hub: Any, tmp_path: Path) -> None:
    shots = walk_pages(browser, live_hub.url, live_hub.demo, tmp_path)
    assert {shot.name for shot in shots} == EXPECTED_PAGES
    assert {shot.viewport for shot in shots} == {"desktop", "phone"}
    bad = [
        f"{shot.name} ({shot.viewport}): status {shot.status}, "
        f"{shot.overflow_px}px too wide, {shot.problems}"
        for shot in shots
        if not shot.clean
    ]
    assert not bad, "\n".join(bad)
    assert all(shot.path.stat().st_size > 0 for shot in shots)
