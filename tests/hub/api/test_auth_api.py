"""Signing in and out, sessions, CSRF and lock-out, on both backends."""

from __future__ import annotations

from tests.hub.fixtures import HubUnderTest


def test_owner_signs_in_sees_me_and_signs_out(hub: HubUnderTest) -> None:
    client = hub.owner()
    me = client.get("/api/me").json()
    assert me["kind"] == "staff"
    assert me["role"] == "owner"
    assert me["shop_name"] == "Lakshmi Jewellers (demo)"
    assert client.post("/api/auth/logout").status_code == 200
    assert client.get("/api/me").status_code == 401


def test_wrong_password_gives_one_answer_for_every_wrong_part(hub: HubUnderTest) -> None:
    client = hub.client()
    wrong_password = client.login("demo", "owner", "not-the-password")
    wrong_user = client.login("demo", "nobody", "not-the-password")
    wrong_shop = client.login("nowhere", "owner", hub.demo.owner.password)
    assert {r.status_code for r in (wrong_password, wrong_user, wrong_shop)} == {401}
    assert len({r.json()["detail"] for r in (wrong_password, wrong_user, wrong_shop)}) == 1
    assert client.get("/api/me").status_code == 401


def test_account_locks_after_repeated_failures_even_with_the_right_password(
    hub: HubUnderTest,
) -> None:
    client = hub.client()
    for _ in range(hub.settings.auth.login_max_failures):
        assert client.login("demo", "sales", "wrong-password").status_code == 401
    locked = client.login("demo", "sales", hub.demo.sales.password)
    assert locked.status_code == 429
    assert "try again" in locked.json()["detail"]
    assert int(locked.headers["retry-after"]) > 0
    # Another account of the shop is not locked by it.
    assert client.login("demo", "owner", hub.demo.owner.password).status_code == 200


def test_unsafe_request_without_csrf_token_is_refused_and_changes_nothing(
    hub: HubUnderTest,
) -> None:
    client = hub.owner()
    before = client.get("/api/enrolment-codes").json()
    refused = client.raw_post("/api/enrolment-codes", json={"terminal_name": "Sneaky"})
    assert refused.status_code == 403
    forged = client.post(
        "/api/enrolment-codes",
        json={"terminal_name": "Sneaky"},
        headers={"x-csrftoken": "forged-token"},
    )
    assert forged.status_code == 403
    assert client.get("/api/enrolment-codes").json() == before


def test_session_cookie_is_http_only_and_lasts_a_day(hub: HubUnderTest) -> None:
    client = hub.client()
    response = client.login("demo", "owner", hub.demo.owner.password)
    cookie = response.headers["set-cookie"]
    assert "boolagold_session=" in cookie
    assert "HttpOnly" in cookie
    assert "Max-Age=86400" in cookie


def test_operator_signs_in_and_staff_routes_are_closed_to_them(hub: HubUnderTest) -> None:
    operator = hub.operator()
    assert operator.get("/api/me").json()["kind"] == "operator"
    assert operator.get("/api/shop").status_code == 403
    assert operator.get("/api/operator/shops").status_code == 200


def test_pages_redirect_to_login_when_signed_out(hub: HubUnderTest) -> None:
    client = hub.client()
    page = client.get("/dashboard", headers={"accept": "text/html"}, follow_redirects=False)
    api = client.get("/api/dashboard", headers={"accept": "text/html"})
    assert page.status_code in {302, 303}
    assert page.headers["location"].startswith("/login")
    assert api.status_code == 401
