"""Debian's Chromium driven by Playwright, and the small moves every browser test makes.

`playwright install` cannot download a browser here (and CI should not depend on a download), so
we launch the system Chromium by path with flags that keep it from phoning home. Kept apart from
the fixtures so the screenshot script can use the same launch without pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from playwright.sync_api import Browser, Page, Playwright, Request, sync_playwright

CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@dataclass(frozen=True, slots=True)
class Viewport:
    name: str
    width: int
    height: int
    is_mobile: bool


DESKTOP: Final = Viewport("desktop", 1280, 860, is_mobile=False)
PHONE: Final = Viewport("phone", 390, 844, is_mobile=True)


class ChromiumMissing(RuntimeError):
    """Debian's chromium package is not installed (tests/harness/packages.py lists it)."""


def launch(playwright: Playwright) -> Browser:
    """Start headless Chromium from the system package."""
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`, "
            "or `make packages`)"
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


@contextmanager
def chromium() -> Iterator[Browser]:
    """A browser for the length of the block (used by the screenshot script)."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    """A page in its own browser context, and what went wrong in it (console errors, script
    errors, failed requests), so a test can insist every page loaded cleanly."""

    page: Page
    problems: list[str]


@contextmanager
def open_tab(browser: Browser, base_url: str, viewport: Viewport = DESKTOP) -> Iterator[Tab]:
    """A fresh context (no cookies: a new visitor) with one page."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.is_mobile,
        has_touch=viewport.is_mobile,
        device_scale_factor=1,
        locale="en-IN",
        timezone_id="Asia/Kolkata",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def request_failed(request: Request) -> None:
        # ERR_ABORTED is the browser dropping a request because the page moved on (a form
        # submitted while an image was loading); it is not a fault of the page.
        if request.failure and "ERR_ABORTED" not in request.failure:
            problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    page.on("requestfailed", request_failed)
    try:
        yield Tab(page, problems)
    finally:
        context.close()
