"""The operator creates, finds, deactivates and reactivates shops."""

from __future__ import annotations

from tests.hub.fixtures import HubUnderTest


def test_operator_creates_a_shop_whose_owner_can_sign_in(hub: HubUnderTest) -> None:
    operator = hub.operator()
    created = operator.post(
        "/api/operator/shops",
        json={
            "name": "Sona <Gold> & Co",
            "state_code": "29",
            "address": "MG Road, Bengaluru",
            "owner_name": "Sona Owner",
            "login_code": "sona",
        },
    )
    assert created.status_code == 201, created.text
    body = created.json()
    password = body["owner_password"]
    assert len(password) >= 12
    assert body["shop"]["status"] == "active"
    taken = operator.post(
        "/api/operator/shops",
        json={
            "name": "Other",
            "state_code": "29",
            "address": "x",
            "owner_name": "y",
            "login_code": "sona",
        },
    )
    assert taken.status_code == 400
    assert taken.json()["field"] == "login_code"
    found = operator.get("/api/operator/shops", params={"q": "sona"}).json()
    assert [s["login_code"] for s in found] == ["sona"]
    owner = hub.client()
    assert owner.login("sona", "owner", password).status_code == 200
    assert owner.get("/api/shop").json()["name"] == "Sona <Gold> & Co"
    assert owner.get("/api/staff").json()[0]["role"] == "owner"


def test_deactivation_needs_a_reason_and_stops_sign_in(hub: HubUnderTest) -> None:
    operator = hub.operator()
    owner = hub.owner()
    shop_id = owner.get("/api/me").json()["shop_id"]
    assert (
        operator.post(f"/api/operator/shops/{shop_id}/deactivate", json={"reason": " "}).status_code
        == 400
    )
    off = operator.post(f"/api/operator/shops/{shop_id}/deactivate", json={"reason": "AMC unpaid"})
    assert off.json()["status"] == "suspended"
    assert off.json()["status_reason"] == "AMC unpaid"
    assert owner.get("/api/me").status_code == 401
    refused = hub.client().login("demo", "owner", hub.demo.owner.password)
    assert refused.status_code == 401
    assert "not active" in refused.json()["detail"]
    on = operator.post(f"/api/operator/shops/{shop_id}/activate", json={"reason": "paid"})
    assert on.json()["status"] == "active"
    back = hub.owner()
    actions = [entry["action"] for entry in back.get("/api/audit").json()]
    assert {"shop.activate", "shop.deactivate"} <= set(actions)
    usage = operator.get(f"/api/operator/shops/{shop_id}/usage").json()
    assert usage["terminals_active"] == 2
    assert usage["invoices_this_month"] > 0
    assert usage["last_sync_at"] is not None
