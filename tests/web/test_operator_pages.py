"""The platform operator in a real browser: create a shop, hand over its first password, find it,
deactivate it with a reason (its people are shut out at once), and activate it again."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.actions import expect_flash, sign_in_operator, sign_in_shop
from tests.web.browser import Tab

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def test_operator_creates_and_deactivates_a_shop(tab: Tab, second_tab: Tab, live_hub: Any) -> None:
    page = tab.page
    demo = live_hub.demo
    sign_in_operator(page, demo.operator_email, demo.operator_password)
    expect(page).to_have_url(re.compile(r"/operator/shops$"))

    suffix = uuid.uuid4().hex[:6]
    name = f"Lakshmi Gold {suffix}"
    code = f"lakshmi{suffix}"
    page.get_by_role("link", name="New shop").first.click()
    page.get_by_label("Shop name").fill(name)
    page.get_by_label("State").select_option("29")
    page.get_by_label("Address").fill("12 Commercial Street, Bengaluru")
    page.get_by_label("Shop code (optional)").fill(code)
    page.get_by_label("Owner's name").fill("Lakshmi")
    page.get_by_label("Owner's username").fill("lakshmi")
    page.get_by_role("button", name="Create shop").click()

    expect(page.get_by_role("heading", name=f"{name} is ready")).to_be_visible()
    password = page.locator("#once-secret").inner_text().strip()
    assert len(password) >= 8
    expect(page.locator("dl.facts")).to_contain_text(code)

    # The new owner signs in with the first password (in their own browser).
    owner = second_tab.page
    sign_in_shop(owner, code, "lakshmi", password)
    expect(owner).to_have_url(re.compile(r"/dashboard$"))
    expect(owner.locator(".brand .shop-name")).to_contain_text(name)

    # The operator finds the shop by search and opens it.
    page.goto("/operator/shops")
    page.get_by_label("Search by name, code, GSTIN or phone").fill(suffix)
    page.get_by_role("button", name="Search").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("Active")
    expect(page.get_by_text("Terminals", exact=True)).to_be_visible()

    # A deactivation without a reason is refused; with one it takes effect.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Reason (kept in the audit trail)").evaluate("el => el.required = false")
    page.get_by_role("button", name="Deactivate shop").click()
    expect(page.locator(".field .error")).to_be_visible()
    tab.problems.clear()  # the browser logs the intended 400 as a console error
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Reason (kept in the audit trail)").fill("AMC unpaid since March")
    page.get_by_role("button", name="Deactivate shop").click()
    expect_flash(page, "is deactivated")
    expect(page.locator("dl.facts").first).to_contain_text("Suspended")
    expect(page.locator("dl.facts").first).to_contain_text("AMC unpaid since March")

    # The owner's open session ends, and signing in again is refused in plain words.
    owner.goto("/dashboard")
    expect(owner).to_have_url(re.compile(r"/login\?next="))
    sign_in_shop(owner, code, "lakshmi", password)
    expect(owner.locator(".field .error")).to_contain_text("not active")
    second_tab.problems.clear()  # the intended 401s, logged by the browser

    # Activated again, the owner is back in.
    page.get_by_role("button", name="Activate shop").click()
    expect_flash(page, "is active again")
    sign_in_shop(owner, code, "lakshmi", password)
    expect(owner).to_have_url(re.compile(r"/dashboard$"))
    assert not tab.problems, tab.problems
    assert not second_tab.problems, second_tab.problems


def test_operator_pages_are_closed_to_shop_owners(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    demo = live_hub.demo
    sign_in_shop(page, demo.shop_code, demo.owner.username, demo.owner.password)
    response = page.goto("/operator/shops")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
