"""The pages in process (Litestar's TestClient, no browser): every role's pages, form refusals,
one-time secrets, flash messages, tenant boundaries and redirects.

Runs on the embedded defaults as a unit test and on MariaDB + Redis + S3 as an integration test
(HUB-CORE's `hub` fixture is parametrised over both). The browser tests cover what only a
browser can show; these cover the many small paths cheaply.
"""

from __future__ import annotations

import re
import uuid

import httpx

from hub.web.flash import FLASH_COOKIE, Flash, encode_flashes
from tests.hub.fixtures import HubClient, HubUnderTest

ONCE = re.compile(r'<code class="secret" id="(?:once-secret|enrolment-code)">([^<]+)</code>')
FLASH = re.compile(r'<li class="flash (\w+)">([^<]*)</li>')


def once_secret(response: httpx.Response) -> str:
    found = ONCE.search(response.text)
    assert found, "no one-time secret on the page"
    return found.group(1)


def flashes(response: httpx.Response) -> list[tuple[str, str]]:
    return FLASH.findall(response.text)


def shop_client(hub: HubUnderTest, username: str, password: str) -> HubClient:
    client = hub.client()
    response = client.login(hub.demo.shop_code, username, password)
    assert response.status_code == 200, response.text
    return client


def staff_id(page: str, username: str) -> str:
    """The id in the row of the staff table that shows `username`."""
    for row in page.split("<tr>"):
        if f'data-label="Username">{username}</td>' in row:
            found = re.search(r'action="/staff/([0-9a-f-]{36})"', row)
            assert found, row
            return found.group(1)
    raise AssertionError(f"{username} is not in the staff table")


def post_and_follow(client: HubClient, url: str, **kwargs: object) -> httpx.Response:
    """POST a form, insist on the 303 of Post/Redirect/Get, and open where it points."""
    response = client.post(url, follow_redirects=False, **kwargs)
    assert response.status_code == 303, (response.status_code, response.text[:500])
    return client.get(response.headers["location"])


def test_each_role_opens_its_pages_and_is_refused_the_others(hub: HubUnderTest) -> None:
    demo = hub.demo
    owner = hub.owner()
    accounts = shop_client(hub, demo.accounts.username, demo.accounts.password)
    sales = shop_client(hub, demo.sales.username, demo.sales.password)
    operator = hub.operator()
    owner_pages = ["/dashboard", "/rates", "/terminals", "/staff", "/shop", "/licence"]
    allowed = {
        owner: owner_pages,
        accounts: ["/dashboard", "/rates", "/licence"],
        sales: ["/rates"],
        operator: ["/operator/shops", "/operator/shops/new"],
    }
    every = [*owner_pages, "/operator/shops", "/operator/shops/new"]
    for client, pages in allowed.items():
        for path in every:
            response = client.get(path)
            expected = 200 if path in pages else 403
            assert response.status_code == expected, (path, response.status_code)
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["cache-control"] == "no-store"
            if expected == 403:
                assert "<h1>Not allowed</h1>" in response.text
    home = {
        owner: "/dashboard",
        accounts: "/dashboard",
        sales: "/rates",
        operator: "/operator/shops",
    }
    for client, target in home.items():
        response = client.get("/", follow_redirects=False)
        assert response.headers["location"] == target


def test_signed_out_pages_go_to_the_right_sign_in(hub: HubUnderTest) -> None:
    client = hub.client()
    for path, login in (("/staff", "/login"), ("/operator/shops", "/operator/login")):
        response = client.get(path, follow_redirects=False)
        assert response.status_code in {302, 303}
        assert response.headers["location"].startswith(f"{login}?next=")


def test_login_form_refuses_plainly_and_never_redirects_off_site(hub: HubUnderTest) -> None:
    demo = hub.demo
    client = hub.client()
    form = {"shop": demo.shop_code, "username": demo.owner.username, "password": "wrong"}
    refused = client.post("/login", data=form)
    assert refused.status_code == 401
    assert "not right" in refused.text
    assert f'value="{demo.shop_code}"' in refused.text
    assert "wrong" not in refused.text  # the password is never echoed

    form["password"] = demo.owner.password
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post("/login", data={**form, "next": target}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/dashboard", target
    response = client.post("/login", data={**form, "next": "/staff"}, follow_redirects=False)
    assert response.headers["location"] == "/staff"


def test_a_flash_message_shows_once_and_a_forged_one_never(hub: HubUnderTest) -> None:
    owner = hub.owner()
    saved = owner.post("/rates", data={"sale-gold-916": "7,311.25"}, follow_redirects=False)
    assert saved.status_code == 303
    assert FLASH_COOKIE in saved.headers.get("set-cookie", "")
    page = owner.get("/rates")
    assert ("success", "1 rate saved. Counters pick them up on their next sync.") in flashes(page)
    assert 'value="7311.25"' in page.text
    assert flashes(owner.get("/rates")) == []  # shown once

    unchanged = post_and_follow(owner, "/rates", data={"sale-gold-916": "7311.25"})
    assert ("info", "No rate changed, so nothing was saved.") in flashes(unchanged)

    owner.jar.set(FLASH_COOKIE, encode_flashes([Flash("error", "Pay us now")], b"guessed key"))
    assert "Pay us now" not in owner.get("/rates").text


def test_bad_rates_are_marked_and_nothing_is_saved(hub: HubUnderTest) -> None:
    owner = hub.owner()
    before = owner.get("/rates").text
    response = owner.post(
        "/rates",
        data={"sale-gold-916": "72.155", "sale-silver-925": "abc", "sale-gold-750": "5000"},
    )
    assert response.status_code == 400
    assert "more than 2 decimal places" in response.text
    assert "is not a valid" in response.text
    assert 'value="72.155"' in response.text  # what was typed stays in the box
    assert 'value="5000"' in response.text
    after = owner.get("/rates").text
    assert re.findall(r'value="[\d.]*"', after) == re.findall(r'value="[\d.]*"', before)


def test_profile_refusal_keeps_the_typing_and_changes_nothing(hub: HubUnderTest) -> None:
    owner = hub.owner()
    page = owner.get("/shop").text
    name = re.search(r'id="f-name" name="name" type="text" value="([^"]*)"', page)
    assert name
    form = {
        "name": "Renamed Jewellers",
        "legal_name": "Renamed Pvt Ltd",
        "gstin": "27AAAAA0000A1Z0",
        "state_code": "27",
        "address": "Somewhere",
    }
    refused = owner.post("/shop", data=form)
    assert refused.status_code == 400
    assert 'id="e-gstin"' in refused.text
    assert 'value="Renamed Jewellers"' in refused.text
    assert f'value="{name.group(1)}"' in owner.get("/shop").text

    escaped = {**form, "gstin": "", "name": "<script>alert(1)</script> & Sons"}
    post_and_follow(owner, "/shop", data=escaped)
    dashboard = owner.get("/dashboard").text
    assert "<script>alert(1)</script>" not in dashboard
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons" in dashboard


def test_staff_made_up_and_reset_passwords_are_shown_once_and_work(hub: HubUnderTest) -> None:
    owner = hub.owner()
    created = owner.post(
        "/staff", data={"display_name": "Kavya", "username": "kavya", "role": "sales"}
    )
    assert created.status_code == 201
    first = once_secret(created)
    assert shop_client(hub, "kavya", first)
    assert first not in owner.get("/staff").text

    again = owner.post(
        "/staff", data={"display_name": "Kavya 2", "username": "kavya", "role": "sales"}
    )
    assert again.status_code == 400
    assert 'id="e-username"' in again.text
    assert "already used" in again.text

    member_id = staff_id(owner.get("/staff").text, "kavya")
    reset = owner.post(f"/staff/{member_id}/password")
    assert reset.status_code == 200
    second = once_secret(reset)
    assert second != first
    assert shop_client(hub, "kavya", second)
    assert hub.client().login(hub.demo.shop_code, "kavya", first).status_code != 200

    switched = post_and_follow(owner, f"/staff/{member_id}/deactivate")
    assert ("success", "Kavya can no longer sign in anywhere.") in flashes(switched)
    assert hub.client().login(hub.demo.shop_code, "kavya", second).status_code != 200


def test_an_owner_cannot_switch_off_their_own_login(hub: HubUnderTest) -> None:
    owner = hub.owner()
    me = owner.get("/api/me").json()
    page = post_and_follow(owner, f"/staff/{me['user_id']}/deactivate")
    # Refused in words (the last owner, and one's own login: either reason applies here).
    [(category, message)] = flashes(page)
    assert category == "error"
    assert message in {
        "You cannot switch off your own login.",
        "The shop must keep at least one active owner.",
    }
    assert owner.get("/dashboard").status_code == 200


def test_ids_of_nothing_or_of_another_shop_answer_404_pages(hub: HubUnderTest) -> None:
    owner = hub.owner()
    stranger = uuid.uuid4()
    for path in (
        f"/staff/{stranger}/deactivate",
        f"/staff/{stranger}/password",
        f"/terminals/{stranger}/revoke",
        f"/terminals/codes/{stranger}/cancel",
    ):
        response = owner.post(path)
        assert response.status_code == 404, path
        assert "<h1>Not found</h1>" in response.text
    assert owner.post("/staff/not-a-uuid/deactivate").status_code in {400, 404}

    # The operator's own shop pages answer 404 for an unknown shop.
    operator = hub.operator()
    assert operator.get(f"/operator/shops/{stranger}").status_code == 404


def test_an_enrolment_code_is_shown_once_and_can_be_cancelled(hub: HubUnderTest) -> None:
    owner = hub.owner()
    issued = owner.post("/terminals/codes", data={"terminal_name": "Counter 7"})
    assert issued.status_code == 201
    code = once_secret(issued)
    listing = owner.get("/terminals").text
    assert code not in listing
    code_id = re.search(r'action="/terminals/codes/([0-9a-f-]{36})/cancel"', listing)
    assert code_id
    cancelled = post_and_follow(owner, f"/terminals/codes/{code_id.group(1)}/cancel")
    assert ("success", "The code for Counter 7 can no longer be used.") in flashes(cancelled)

    empty = owner.post("/terminals/codes", data={"terminal_name": "  "})
    assert empty.status_code == 400
    assert 'id="e-terminal_name"' in empty.text


def test_operator_refusals_are_shown_beside_the_field(hub: HubUnderTest) -> None:
    operator = hub.operator()
    form = {
        "name": "Another Shop",
        "state_code": "27",
        "address": "Pune",
        "owner_name": "Anil",
        "owner_username": "anil",
        "plan_code": "standard",
        "login_code": hub.demo.shop_code,
    }
    taken = operator.post("/operator/shops", data=form)
    assert taken.status_code == 400
    assert 'id="e-login_code"' in taken.text
    assert "is taken" in taken.text

    shops = operator.get(f"/operator/shops?q={hub.demo.shop_code}").text
    shop_id = re.search(r'href="/operator/shops/([0-9a-f-]{36})"', shops)
    assert shop_id
    no_reason = operator.post(
        f"/operator/shops/{shop_id.group(1)}/deactivate", data={"reason": " "}
    )
    assert no_reason.status_code == 400
    assert 'class="error"' in no_reason.text
    assert hub.owner().get("/dashboard").status_code == 200  # still active
