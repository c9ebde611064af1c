"""An owner's day on the hub, in a real browser: sign in, read the dashboard, add a terminal,
upload a logo, set today's rates, sign out. Plus the guards a browser can reach: CSRF, escaping
and roles."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.actions import (
    expect_flash,
    png_image,
    sign_in_shop,
    sign_out,
)
from tests.web.browser import Tab

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

ENROLMENT_CODE = re.compile(r"^[A-Z0-9]{4}(?:-[A-Z0-9]{4})+$")


def sign_in_owner(tab: Tab, hub: Any) -> None:
    demo = hub.demo
    sign_in_shop(tab.page, demo.shop_code, demo.owner.username, demo.owner.password)


def test_owner_day(tab: Tab, live_hub: Any, tmp_path: Any) -> None:
    page = tab.page
    sign_in_owner(tab, live_hub)

    # The dashboard: figures from the demo month, and the chart drawn as SVG bars.
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    month_sales = page.locator('[data-figure="month-sales"]')
    expect(month_sales).to_contain_text("₹")
    assert month_sales.inner_text().strip() != "₹0.00", "the demo month has sales"
    assert page.locator(".chart-plot svg rect.bar").count() >= 1
    expect(page.get_by_role("heading", name="By terminal")).to_be_visible()
    expect(page.get_by_role("heading", name="Payments by mode")).to_be_visible()

    # A one-time enrolment code for a new counter, shown once.
    page.get_by_role("link", name="Terminals").click()
    page.get_by_label("Terminal name").fill("Counter 9")
    page.get_by_role("button", name="Create enrolment code").click()
    code = page.locator("#enrolment-code").inner_text().strip()
    assert ENROLMENT_CODE.match(code), code
    expect(page.locator("section.card").filter(has_text="Codes not yet used")).to_contain_text(
        "Counter 9"
    )
    page.goto("/terminals")
    expect(page.locator("#enrolment-code")).to_have_count(0)
    assert code not in page.content()

    # A logo: it appears on the profile and in the top bar of every page.
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_image())
    page.get_by_role("link", name="Shop profile").click()
    page.get_by_label("Upload a logo").set_input_files(str(logo))
    page.get_by_role("button", name="Upload logo").click()
    expect_flash(page, "The new logo is in place.")
    preview = page.locator("img.logo-preview")
    expect(preview).to_be_visible()
    # The image loads after the page: wait for it (from S3 it can take a moment) rather than race.
    page.wait_for_function(
        "() => { const i = document.querySelector('img.logo-preview');"
        " return i !== null && i.complete && i.naturalWidth > 0; }"
    )
    assert preview.evaluate("img => img.naturalWidth") == 4
    brand_logo = page.locator(".brand img")
    assert "/static/" not in (brand_logo.get_attribute("src") or "")

    # Today's rates, typed the way an owner writes rupees.
    page.get_by_role("link", name="Today's rates").click()
    page.get_by_label("Gold 22K916 selling rate in rupees per gram").fill("7,215.50")
    page.get_by_label("Gold 22K916 buying rate in rupees per gram").fill("6990")
    page.get_by_role("button", name="Save today's rates").click()
    expect_flash(page, "saved")
    expect(page.get_by_label("Gold 22K916 selling rate in rupees per gram")).to_have_value(
        "7215.50"
    )
    expect(page.get_by_label("Gold 22K916 buying rate in rupees per gram")).to_have_value("6990.00")

    # A bad rate is refused beside its box and nothing is saved.
    page.get_by_label("Gold 22K916 selling rate in rupees per gram").fill("72.155")
    page.get_by_role("button", name="Save today's rates").click()
    expect(page.locator(".error").first).to_contain_text("decimal places")
    tab.problems.clear()  # the browser logs the intended 400 as a console error
    page.goto("/rates")
    expect(page.get_by_label("Gold 22K916 selling rate in rupees per gram")).to_have_value(
        "7215.50"
    )

    # Sign out: the dashboard now sends us to the sign-in form.
    sign_out(page)
    expect(page).to_have_url(re.compile(r"/login$"))
    expect_flash(page, "You have signed out.")
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fdashboard$"))
    assert not tab.problems, tab.problems


def test_a_form_posted_without_its_csrf_token_is_refused(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    sign_in_owner(tab, live_hub)
    page.goto("/rates")
    box = page.get_by_label("Gold 22K916 selling rate in rupees per gram")
    before = box.input_value()
    # Strip the token from the real form, as a forged cross-site form would lack it.
    page.locator('form[action="/rates"] input[name="_csrf_token"]').evaluate("el => el.remove()")
    box.fill("1.00")
    with page.expect_response(
        lambda r: r.url.endswith("/rates") and r.request.method == "POST"
    ) as answer:
        page.get_by_role("button", name="Save today's rates").click()
    assert answer.value.status == 403
    page.goto("/rates")
    expect(page.get_by_label("Gold 22K916 selling rate in rupees per gram")).to_have_value(before)

    # The same post from outside the page (no token, only the session cookie) is refused too.
    response = page.request.post(
        "/rates", form={"sale-gold-916": "1.00"}, max_redirects=0, fail_on_status_code=False
    )
    assert response.status == 403


def test_a_shop_name_with_markup_is_shown_as_text(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    sign_in_owner(tab, live_hub)
    page.goto("/shop")
    original = page.get_by_label("Shop name").input_value()
    hostile = "<script>window.__pwned = 1</script><b>Bold</b> & Sons"
    page.get_by_label("Shop name").fill(hostile)
    page.get_by_role("button", name="Save profile").click()
    expect_flash(page, "The shop's details are saved.")
    for path in ("/dashboard", "/shop", "/rates"):
        page.goto(path)
        expect(page.locator(".brand .shop-name")).to_contain_text(hostile)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".brand b").count() == 0
    assert "&lt;script&gt;window.__pwned" in page.content()
    page.goto("/shop")
    page.get_by_label("Shop name").fill(original)
    page.get_by_role("button", name="Save profile").click()
    expect_flash(page, "The shop's details are saved.")
    assert not tab.problems, tab.problems


def test_sales_staff_read_rates_but_cannot_manage(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    demo = live_hub.demo
    sign_in_shop(page, demo.shop_code, demo.sales.username, demo.sales.password)
    expect(page).to_have_url(re.compile(r"/rates$"))
    expect(page.get_by_text("Only the owner can change rates.")).to_be_visible()
    assert page.get_by_role("button", name="Save today's rates").count() == 0
    assert [link.inner_text() for link in page.locator("#site-nav a").all()] == ["Today's rates"]
    for path in ("/staff", "/terminals", "/shop", "/dashboard"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 403, path
        expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()


def test_a_wrong_password_is_refused_in_plain_words(tab: Tab, live_hub: Any) -> None:
    page = tab.page
    demo = live_hub.demo
    sign_in_shop(page, demo.shop_code, demo.owner.username, "not the password")
    expect(page.locator(".field .error")).to_contain_text("not right")
    expect(page.get_by_label("Shop code")).to_have_value(demo.shop_code)
    expect(page.get_by_label("Password")).to_have_value("")
