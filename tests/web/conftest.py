"""Browser tests of the hub's pages: real headless Chromium against a real hub process.

The hub runs as its own uvicorn process (HUB-CORE's `live_hub_*` fixtures), once on the embedded
defaults and once on MariaDB + Redis + S3, so these tests hold on both set-ups. They open real
sockets, hence `integration`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.hub.fixtures import *  # noqa: F403
from tests.web.browser import DESKTOP, PHONE, Tab, Viewport, launch, open_tab

HUB_SETUPS = (
    pytest.param("live_hub_embedded", id="embedded"),
    pytest.param("live_hub_production", id="production"),
)


@pytest.fixture(params=HUB_SETUPS)
def live_hub(request: pytest.FixtureRequest) -> Any:
    """A running hub with the demo shop, on each set-up in turn (a fresh one per test)."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def browser(live_hub: Any) -> Iterator[Browser]:
    """Chromium for one test, started after the hub on purpose.

    Playwright's sync API keeps an event loop running in this thread while it is open, and the
    hub fixtures seed their database with asyncio.run(), which refuses to start inside a running
    loop. Depending on `live_hub` makes pytest start the hub first and stop the browser first.
    """
    with sync_playwright() as driver:
        chromium = launch(driver)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def tab(browser: Browser, live_hub: Any) -> Iterator[Tab]:
    """A new visitor at desktop size."""
    with open_tab(browser, live_hub.url, DESKTOP) as opened:
        yield opened


@pytest.fixture
def second_tab(browser: Browser, live_hub: Any) -> Iterator[Tab]:
    """Another visitor (own cookies), e.g. the shop's owner while the operator acts."""
    with open_tab(browser, live_hub.url, DESKTOP) as opened:
        yield opened


@pytest.fixture(params=[DESKTOP, PHONE], ids=lambda v: v.name)
def viewport(request: pytest.FixtureRequest) -> Viewport:
    viewport: Viewport = request.param
    return viewport
