"""Screenshots of every hub page at desktop and phone widths, and the layout checks behind them.

`walk_pages` visits each page as the person who uses it and, for each, records whether the page
loaded cleanly (status, console errors, failed requests) and whether anything sticks out past
the window's right edge (the usual phone-layout bug). The browser test runs it into a temporary
folder; `python -m tests.web.screenshots` writes docs/screenshots/hub-*.png to look at.
"""

from __future__ import annotations

import re
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from playwright.sync_api import Browser

from tests.hub.fixtures import embedded_settings, start_live_hub
from tests.web.actions import horizontal_overflow, sign_in_operator, sign_in_shop
from tests.web.browser import DESKTOP, PHONE, Tab, Viewport, chromium, open_tab

DOCS_SCREENSHOTS: Final = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@dataclass
class Shot:
    name: str
    viewport: str
    path: Path
    status: int | None
    overflow_px: int
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return (
            self.status is not None
            and self.status < 400
            and not self.overflow_px
            and not (self.problems)
        )


@dataclass
class _Walk:
    tab: Tab
    viewport: Viewport
    out_dir: Path
    shots: list[Shot]

    def shoot(self, name: str, path: str | None, *, expect_status: int | None = None) -> None:
        """Open `path` (or stay on the current page), then take a full-page screenshot."""
        page = self.tab.page
        status: int | None = 200
        if path is not None:
            response = page.goto(path)
            status = response.status if response is not None else None
        page.wait_for_load_state("networkidle")
        problems = list(self.tab.problems)
        if expect_status is not None and status == expect_status:
            # The page is meant to answer this way (the "Not allowed" page); Chromium logs
            # every 4xx document as a console error, which is no fault of the page.
            status = 200
            problems = [p for p in problems if f"status of {expect_status}" not in p]
        file = self.out_dir / f"hub-{name}-{self.viewport.name}.png"
        page.screenshot(path=str(file), full_page=True)
        self.shots.append(
            Shot(
                name=name,
                viewport=self.viewport.name,
                path=file,
                status=status,
                overflow_px=horizontal_overflow(page),
                problems=problems,
            )
        )
        self.tab.problems.clear()


def walk_pages(
    browser: Browser,
    base_url: str,
    demo: Any,
    out_dir: Path,
    viewports: tuple[Viewport, ...] = (DESKTOP, PHONE),
) -> list[Shot]:
    """Every page, as its user, at each viewport. `demo` is the hub's DemoLogins.

    Each person gets a fresh browser context (their own cookies), as in real life.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    people: tuple[Callable[[_Walk, Any], None], ...] = (_public, _owner, _sales, _operator)
    for viewport in viewports:
        for person in people:
            with open_tab(browser, base_url, viewport) as tab:
                person(_Walk(tab, viewport, out_dir, shots), demo)
    return shots


def _public(walk: _Walk, _demo: Any) -> None:
    walk.shoot("login", "/login")
    walk.shoot("operator-login", "/operator/login")


def _owner(walk: _Walk, demo: Any) -> None:
    page = walk.tab.page
    sign_in_shop(page, demo.shop_code, demo.owner.username, demo.owner.password)
    walk.shoot("dashboard", "/dashboard")
    walk.shoot("terminals", "/terminals")
    page.get_by_label("Terminal name").fill("Counter 3")
    page.get_by_role("button", name="Create enrolment code").click()
    walk.shoot("terminals-code-issued", None)
    walk.shoot("staff", "/staff")
    walk.shoot("shop-profile", "/shop")
    walk.shoot("rates", "/rates")
    walk.shoot("licence", "/licence")
    walk.shoot("not-allowed", "/operator/shops", expect_status=403)


def _sales(walk: _Walk, demo: Any) -> None:
    sign_in_shop(walk.tab.page, demo.shop_code, demo.sales.username, demo.sales.password)
    walk.shoot("rates-sales-view", "/rates")


def _operator(walk: _Walk, demo: Any) -> None:
    page = walk.tab.page
    sign_in_operator(page, demo.operator_email, demo.operator_password)
    walk.shoot("operator-shops", "/operator/shops")
    walk.shoot("operator-shop-new", "/operator/shops/new")
    suffix = uuid.uuid4().hex[:6]
    page.get_by_label("Shop name").fill(f"Screenshot Jewellers {suffix}")
    page.get_by_label("Address").fill("4 Zaveri Bazaar, Mumbai")
    page.get_by_label("Shop code (optional)").fill(f"shot{suffix}")
    page.get_by_label("Owner's name").fill("Meera")
    page.get_by_role("button", name="Create shop").click()
    walk.shoot("operator-shop-created", None)
    page.get_by_role("link", name="Open the shop").click()
    page.wait_for_url(re.compile(r"/operator/shops/[0-9a-f-]{36}$"))
    walk.shoot("operator-shop", None)


def main() -> int:
    """Start a demo hub on embedded defaults, photograph every page into docs/screenshots/."""
    with tempfile.TemporaryDirectory(prefix="hub-screenshots-") as folder:
        root = Path(folder)
        live = start_live_hub(embedded_settings(root / "hub"), root / "hub.log")
        try:
            # The hub is seeded before Playwright starts (see tests/web/conftest.py).
            with chromium() as browser:
                shots = walk_pages(browser, live.url, live.demo, DOCS_SCREENSHOTS)
        finally:
            live.process.stop()
    for shot in shots:
        verdict = "ok " if shot.clean else "BAD"
        detail = "" if shot.clean else f" status={shot.status} overflow={shot.overflow_px}px"
        problems = "; ".join(shot.problems)
        print(f"{verdict} {shot.path.relative_to(DOCS_SCREENSHOTS.parents[1])}{detail} {problems}")
    return 0 if all(shot.clean for shot in shots) else 1


if __name__ == "__main__":
    sys.exit(main())
