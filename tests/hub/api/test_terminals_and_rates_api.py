"""Enrolment codes, terminals (last contact, pending, revoke) and today's rates."""

from __future__ import annotations

import uuid

from tests.hub.fixtures import HubUnderTest


def _device(hub: HubUnderTest) -> dict[str, str]:
    return {"Authorization": f"Terminal {hub.demo.terminal_secret}"}


def test_enrolment_code_is_shown_once_and_stored_hashed(hub: HubUnderTest) -> None:
    owner = hub.owner()
    issued = owner.post("/api/enrolment-codes", json={"terminal_name": "Counter 3"})
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert len(code) == 19
    listed = owner.get("/api/enrolment-codes").json()
    assert listed[0]["state"] == "waiting"
    assert code not in str(listed)
    assert code not in owner.get("/api/audit").text
    cancelled = owner.post(f"/api/enrolment-codes/{issued.json()['id']}/cancel")
    assert cancelled.json()["state"] == "cancelled"
    too_long = owner.post("/api/enrolment-codes", json={"terminal_name": "x", "valid_hours": 999})
    assert too_long.status_code == 400


def test_terminals_list_contact_and_pending_and_revoke_locks_the_device_out(
    hub: HubUnderTest,
) -> None:
    owner = hub.owner()
    terminals = owner.get("/api/terminals").json()
    assert [t["name"] for t in terminals] == ["Counter 1", "Counter 2"]
    assert all(t["last_contact_at"] for t in terminals)
    assert terminals[1]["pending_reported"] == 3
    device = hub.client()
    assert device.get("/api/terminal/self", headers=_device(hub)).json()["name"] == "Counter 1"
    assert device.get("/api/terminal/self").status_code == 401
    assert (
        device.get("/api/terminal/self", headers={"Authorization": "Terminal nope"}).status_code
        == 401
    )
    revoked = owner.post(f"/api/terminals/{terminals[0]['id']}/revoke")
    assert revoked.json()["status"] == "revoked"
    assert device.get("/api/terminal/self", headers=_device(hub)).status_code == 401
    assert owner.get(f"/api/terminals/{uuid.uuid4()}").status_code == 404


def test_rates_are_set_centrally_validated_and_pulled_by_counters(hub: HubUnderTest) -> None:
    owner = hub.owner()
    before = owner.get("/api/rates").json()
    bad = owner.post(
        "/api/rates",
        json={
            "rates": [
                {"metal": "gold", "purity_fineness": 916, "rate_paise_per_gram": 7_300_00},
                {"metal": "gold", "purity_fineness": 916, "rate_paise_per_gram": -5},
            ]
        },
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "rates[1].rate_paise_per_gram"
    assert owner.get("/api/rates").json() == before  # nothing of the good entry was kept
    new = owner.post(
        "/api/rates",
        json={
            "rates": [{"metal": "gold", "purity_fineness": 916, "rate_paise_per_gram": 7_300_00}]
        },
    )
    assert new.status_code == 201, new.text
    gold = next(
        r
        for r in new.json()
        if (r["metal"], r["purity_fineness"], r["kind"]) == ("gold", 916, "sale")
    )
    assert gold["rate_paise_per_gram"] == 7_300_00
    assert gold["purity_label"] == "22K916"
    counter_view = hub.client().get("/api/terminal/rates", headers=_device(hub)).json()
    assert any(r["rate_paise_per_gram"] == 7_300_00 for r in counter_view)
    sales = hub.client()
    sales.login("demo", "sales", hub.demo.sales.password)
    assert sales.post("/api/rates", json={"rates": []}).status_code == 403
