"""The operator's overview, shop page and due list in a real browser, on a hub holding eight shops
in known states (tests/web/operator_scenario.py has the table).

Every expected figure below is worked out by hand from that table in the comment beside it; the
test never calls the figure functions it checks.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from hub.core.resources import build_resources
from hub.domain.dashboard.service import shop_today
from hub.settings import HubSettings
from shared.tables import AuditEvent
from tests.hub.fixtures import embedded_settings, production_settings
from tests.web.actions import expect_flash, sign_in_operator, sign_in_shop
from tests.web.browser import DESKTOP, PHONE, Tab, launch, open_tab
from tests.web.operator_scenario import OPERATOR, ScenarioHub, run_async, start_scenario_hub

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

# Pictures go to a scratch folder unless BOOLAGOLD_SCREENSHOT_DIR names one (e.g. docs/screenshots
# when refreshing the README's), so a test run never changes the checkout.
SCREENSHOTS = Path(
    os.environ.get("BOOLAGOLD_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="hub-operator-shots-")
)
SETUPS = (pytest.param("embedded", id="embedded"), pytest.param("production", id="production"))


def indian_date(day: date) -> str:
    """How the pages print a date (25 Nov 2026), written out here rather than imported."""
    return f"{day.day} {day:%b %Y}"


@pytest.fixture(params=SETUPS)
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ScenarioHub]:
    settings: HubSettings
    if request.param == "embedded":
        settings = embedded_settings(tmp_path / "hub")
    else:
        settings = production_settings(
            tmp_path / "hub",
            request.getfixturevalue("mariadb_url"),
            request.getfixturevalue("redis_url"),
            request.getfixturevalue("s3_endpoint_url"),
            request.getfixturevalue("s3_bucket"),
        )
    hub = start_scenario_hub(settings, tmp_path / "hub.log", shop_today())
    try:
        yield hub
    finally:
        hub.process.stop()


@pytest.fixture
def chromium(scenario: ScenarioHub) -> Iterator[Browser]:
    """Started after the hub (whose seeding runs its own event loop), stopped before it."""
    with sync_playwright() as driver:
        browser = launch(driver)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def operator_tab(chromium: Browser, scenario: ScenarioHub) -> Iterator[Tab]:
    with open_tab(chromium, scenario.url, DESKTOP) as tab:
        sign_in_operator(tab.page, *OPERATOR)
        yield tab


def figure(page: Page, name: str) -> str:
    return page.locator(f'[data-figure="{name}"]').inner_text().strip()


def state_counts(page: Page) -> dict[str, int]:
    cells = page.locator("[data-state-count]")
    return {
        cells.nth(i).get_attribute("data-state-count") or "": int(cells.nth(i).inner_text())
        for i in range(cells.count())
    }


def names_in(page: Page, table_id: str) -> list[str]:
    return [
        text.strip()
        for text in page.locator(f"#{table_id} tbody tr td:first-child").all_inner_texts()
    ]


def test_overview_figures_are_the_hand_counted_ones(
    operator_tab: Tab, chromium: Browser, scenario: ScenarioHub, request: pytest.FixtureRequest
) -> None:
    page = operator_tab.page
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()

    # Trial A, grace B, active C and D, lifetime E; not suspended F, lapsed G and H.
    assert figure(page, "active-shops") == "5"
    assert state_counts(page) == {
        "trial": 1,  # A
        "active": 2,  # C, D
        "grace": 1,  # B (AMC ended T-5, grace 15 days)
        "lapsed": 2,  # G (trial ended T-70), H (AMC ended T-60)
        "lifetime": 1,  # E
        "suspended": 1,  # F
    }
    # Decided shops: every shop that paid (B, C, D, E, F, H) and G, whose trial ended unpaid;
    # A is still on trial. 6 of 7 = 85.714...% -> 85.7%.
    assert figure(page, "conversion") == "85.7%"
    assert figure(page, "conversion-count") == "6 of 7"
    # AMC periods that ended in the last 12 months: B's (T-5, not renewed), D's first (T-100,
    # renewed by T-99..T+265), H's (T-60, not renewed). C's first ended T-400: outside.
    # 1 of 3 = 33.3%.
    assert figure(page, "renewal") == "33.3%"
    assert figure(page, "renewal-count") == "1 of 3"
    # AMC valid today, not suspended: C 10,000 + D 12,000 + E (lifetime) 10,000 = Rs 32,000 a
    # year; / 12 = Rs 2,666.666... -> floored to Rs 2,666.66; ARR = 12 x 2,666.66 = 31,999.92.
    assert figure(page, "mrr") == "₹2,666.66"
    assert figure(page, "arr") == "₹31,999.92"
    # Paid this month: D's renewal Rs 12,000 and E's lifetime Rs 50,000, both paid today.
    assert figure(page, "month-payments") == "₹62,000.00"

    assert names_in(page, "trials-ending") == ["Aarav Trial"]
    assert names_in(page, "amcs-due") == ["Chandra Jewels"]  # T+20
    assert names_in(page, "amcs-overdue") == ["Hari Lapsed AMC", "Bharat Gold"]  # T-60, T-5
    expect(page.locator("#trials-ending")).to_contain_text("in 5 days")
    expect(page.locator("#amcs-due")).to_contain_text(indian_date(scenario.day(20)))
    expect(page.locator("#amcs-overdue")).to_contain_text("60 days ago")
    assert sorted(
        text.strip()
        for text in page.locator("#payments-month tbody tr td:nth-child(2)").all_inner_texts()
    ) == ["Devi Ornaments", "Eshwar Lifetime"]
    expect(page.locator("#payments-month")).to_contain_text("AMC renewal")
    expect(page.locator("#payments-month")).to_contain_text("Lifetime licence")

    # The chart: payments dated in the last 12 months: E's AMC (T-200) 10,000, F's (T-40)
    # 10,000, D's renewal (T) 12,000, E's lifetime (T) 50,000 = Rs 82,000 in 12 bars.
    chart = page.locator("figure.chart")
    expect(chart).to_have_attribute("aria-label", re.compile(r"12 values.*total ₹82,000\.00"))
    assert page.locator("figure.chart rect.bar").count() == 12
    # Every figure carries its definition on the page.
    expect(page.locator(".figure .hint").first).to_contain_text("not suspended")
    expect(page.get_by_text("rounded down to the paisa")).to_be_visible()

    # Each name links to the shop's page.
    page.locator("#amcs-due").get_by_role("link", name="Chandra Jewels").click()
    expect(page.get_by_role("heading", name="Chandra Jewels")).to_be_visible()
    assert not operator_tab.problems, operator_tab.problems

    if request.node.callspec.id == "embedded":
        page.goto("/operator/overview")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / "hub-operator-overview-desktop.png"), full_page=True)
        with open_tab(chromium, scenario.url, PHONE) as phone:
            sign_in_operator(phone.page, *OPERATOR)
            phone.page.goto("/operator/overview")
            phone.page.wait_for_load_state("networkidle")
            overflow = phone.page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"the phone layout is {overflow}px too wide"
            phone.page.screenshot(
                path=str(SCREENSHOTS / "hub-operator-overview-phone.png"), full_page=True
            )


def test_record_a_renewal_and_suspend_through_the_forms(
    operator_tab: Tab, scenario: ScenarioHub, request: pytest.FixtureRequest
) -> None:
    page = operator_tab.page
    bharat = scenario.shops["B"]
    page.goto(f"/operator/shops/{bharat.shop_id}")
    expect(page.locator("[data-subscription-state]")).to_have_text("Grace")
    rows = page.locator("#payments-table tbody tr")
    expect(rows).to_have_count(1)
    # The form is filled in with the next period: from the day after T-5 for a year.
    expect(page.get_by_label("AMC from")).to_have_value(scenario.day(-4).isoformat())
    expect(page.get_by_label("Amount received (₹)")).to_have_value("10000.00")

    # A wrong amount is refused beside its box; nothing is saved.
    page.get_by_label("Amount received (₹)").fill("10,000.555")
    page.get_by_label("Reference (bank, UPI or cheque)").fill("UPI 4471")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#e-amount")).to_contain_text("more than 2 decimal places")
    expect_flash(page, "The payment was not recorded")
    expect(page.get_by_label("Reference (bank, UPI or cheque)")).to_have_value("UPI 4471")
    expect(rows).to_have_count(1)
    # A period that overlaps what is paid is refused by the service, beside "AMC from".
    page.get_by_label("Amount received (₹)").fill("10,000")
    page.get_by_label("AMC from").fill(scenario.day(-30).isoformat())
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#e-period_from")).to_contain_text("overlap")
    expect(rows).to_have_count(1)
    operator_tab.problems.clear()  # the intended 400 answers, logged by the browser
    if request.node.callspec.id == "embedded":
        page.screenshot(
            path=str(SCREENSHOTS / "hub-operator-payment-refused-desktop.png"), full_page=True
        )

    # The renewal, as filled in: T-4 for a year.
    page.get_by_label("AMC from").fill(scenario.day(-4).isoformat())
    page.get_by_label("AMC to (last day)").fill("")
    page.get_by_role("button", name="Record payment").click()
    # Nine payments were seeded (B1, C1, C2, D1, D2, E1, E's lifetime, F1, H1), so this is the
    # tenth receipt: the two refusals used no number.
    expect_flash(page, "₹10,000.00 recorded as receipt")
    expect_flash(page, "/00010, AMC now paid until")
    expect(page.locator("[data-subscription-state]")).to_have_text("Active")
    expect(rows).to_have_count(2)
    # Default end: a year from T-4, less a day (29 February keeps to the 28th next year).
    start = scenario.day(-4)
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:
        anniversary = date(start.year + 1, 2, 28)
    expected_end = anniversary - timedelta(days=1)
    expect(page.locator('[data-fact="amc-until"]')).to_have_text(indian_date(expected_end))
    receipt = rows.first.get_by_role("link")
    pdf = page.request.get(receipt.get_attribute("href") or "")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
    if request.node.callspec.id == "embedded":
        page.screenshot(
            path=str(SCREENSHOTS / "hub-operator-shop-subscription-desktop.png"), full_page=True
        )

    # The figures move as worked out by hand: B's ended period is now renewed (2 of 3), B's
    # fee joins the MRR (C 10,000 + D 12,000 + E 10,000 + B 10,000 = 42,000 / 12 = 3,500.00),
    # B leaves the overdue list, and this month's takings grow by Rs 10,000.
    page.goto("/operator/overview")
    assert figure(page, "renewal") == "66.7%"
    assert figure(page, "mrr") == "₹3,500.00"
    assert figure(page, "arr") == "₹42,000.00"
    assert figure(page, "month-payments") == "₹72,000.00"
    assert figure(page, "active-shops") == "5"
    assert names_in(page, "amcs-overdue") == ["Hari Lapsed AMC"]

    # Suspend Chandra: the reason is required, then the licence stops and the figures drop it.
    chandra = scenario.shops["C"]
    page.goto(f"/operator/shops/{chandra.shop_id}")
    reason_box = page.get_by_label("Reason for the licence change (kept in the audit trail)")
    reason_box.evaluate("el => el.required = false")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Suspend licence").click()
    expect(page.locator("#e-licence-reason")).to_be_visible()
    operator_tab.problems.clear()
    page.once("dialog", lambda dialog: dialog.accept())
    reason_box.fill("AMC cheque bounced twice")
    page.get_by_role("button", name="Suspend licence").click()
    expect_flash(page, "licence is suspended")
    expect(page.locator("[data-subscription-state]")).to_have_text("Suspended")
    expect(page.locator('[data-fact="licence-reason"]')).to_have_text("AMC cheque bounced twice")
    expect(page.get_by_role("button", name="Reactivate licence")).to_be_visible()
    assert _audited(scenario.settings, chandra.shop_id, "licence.suspend") == 1

    # 42,000 - C's 10,000 = 32,000 / 12 = 2,666.66 (floored); active 5 - 1 = 4.
    page.goto("/operator/overview")
    assert figure(page, "active-shops") == "4"
    assert figure(page, "mrr") == "₹2,666.66"
    assert state_counts(page)["suspended"] == 2  # C and F

    # Reactivated with a reason, it is active again.
    page.goto(f"/operator/shops/{chandra.shop_id}")
    reason_box.fill("paid in cash at the office")
    page.get_by_role("button", name="Reactivate licence").click()
    expect_flash(page, "licence is active again")
    expect(page.locator("[data-subscription-state]")).to_have_text("Active")
    assert _audited(scenario.settings, chandra.shop_id, "licence.reactivate") == 1
    assert not operator_tab.problems, operator_tab.problems


def _audited(settings: HubSettings, shop_id: Any, action: str) -> int:
    """How many audit events of `action` the shop's own chain holds (read from the database)."""

    async def count() -> int:
        resources = build_resources(settings)
        try:
            async with resources.sessions.platform() as session:
                rows = await session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.shop_id == shop_id, AuditEvent.action == action
                    )
                )
                return len(list(rows))
        finally:
            await resources.close()

    return run_async(count)


def test_due_list_downloads_as_csv(operator_tab: Tab, scenario: ScenarioHub) -> None:
    page = operator_tab.page
    page.goto("/operator/overview")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download due list (CSV)").click()
    download = waiting.value
    assert download.suggested_filename == f"boolagold-due-list-{scenario.today.isoformat()}.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "shop",
        "login code",
        "phone",
        "state",
        "due date",
        "days",
        "yearly fee (Rs)",
    ]
    shops = scenario.shops
    # Overdue first (H T-60, B T-5), then A's trial (T+5) and C's AMC (T+20), by date.
    assert rows[1:] == [
        [
            "Hari Lapsed AMC",
            shops["H"].login_code,
            "+91 98200 00008",
            "lapsed",
            scenario.day(-60).isoformat(),
            "-60",
            "10000.00",
        ],
        [
            "Bharat Gold",
            shops["B"].login_code,
            "+91 98200 00002",
            "grace",
            scenario.day(-5).isoformat(),
            "-5",
            "10000.00",
        ],
        [
            "Aarav Trial",
            shops["A"].login_code,
            "+91 98200 00001",
            "trial",
            scenario.day(5).isoformat(),
            "5",
            "10000.00",
        ],
        [
            "Chandra Jewels",
            shops["C"].login_code,
            "+91 98200 00003",
            "active",
            scenario.day(20).isoformat(),
            "20",
            "10000.00",
        ],
    ]


def test_owner_sees_the_amc_due_date(
    chromium: Browser, scenario: ScenarioHub, request: pytest.FixtureRequest
) -> None:
    chandra = scenario.shops["C"]
    with open_tab(chromium, scenario.url, DESKTOP) as tab:
        page = tab.page
        sign_in_shop(page, chandra.login_code, "owner", chandra.owner_password)
        expect(page).to_have_url(re.compile(r"/dashboard$"))
        panel = page.locator(".licence-panel")
        # C's AMC runs to T+20: 20 days left, inside the 30-day reminder.
        expect(panel).to_contain_text(f"AMC paid until {indian_date(scenario.day(20))}")
        expect(panel).to_contain_text("(20 days left)")
        expect(panel).to_have_class(re.compile(r"\battention\b"))
        if request.node.callspec.id == "embedded":
            page.screenshot(
                path=str(SCREENSHOTS / "hub-operator-owner-reminder-desktop.png"), full_page=True
            )
        panel.get_by_role("link", name="Licence details").click()
        expect(page.locator("#licence-payments tbody tr")).to_have_count(2)
        expect(page.locator("#licence-payments tfoot")).to_contain_text("₹20,000.00")
        assert not tab.problems, tab.problems
