"""The terminals' sync API on the embedded hub and on MariaDB + Redis + S3."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from hub.app import CSRF_HEADER
from shared.ids import new_id
from shared.tables import Customer
from shared.wire import PROTOCOL_VERSION, encode_orm_row
from tests.hub.fixtures import HubClient, HubUnderTest

APP_VERSION = "0.1.0"
MORNING = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)


def issue_code(hub: HubUnderTest, name: str = "Counter 9") -> str:
    response = hub.owner().post("/api/enrolment-codes", json={"terminal_name": name})
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def enrol(client: HubClient, code: str) -> Any:
    return client.post(
        "/api/terminal/enrol",
        json={
            "protocol_version": PROTOCOL_VERSION,
            "app_version": APP_VERSION,
            "code": code.lower().replace("-", " "),
            "device_name": "till-pc",
        },
        headers={CSRF_HEADER: ""},
    )


def device(secret: str) -> dict[str, str]:
    return {"Authorization": f"Terminal {secret}"}


def customer_row(shop_id: uuid.UUID, name: str) -> dict[str, Any]:
    row = Customer(
        shop_id=shop_id,
        id=new_id(),
        name=name,
        phone="9845012345",
        hlc="0000000005000-00000-" + "a" * 32,
        created_at=MORNING,
        updated_at=MORNING,
    )
    return dict(encode_orm_row(row).row)


def push_body(terminal_id: str, rows: list[dict[str, Any]], start: int = 1) -> dict[str, Any]:
    return {
        "protocol_version": PROTOCOL_VERSION,
        "app_version": APP_VERSION,
        "terminal_id": terminal_id,
        "pending": 0,
        "records": [
            {
                "seq": start + index,
                "mutation_id": str(new_id()),
                "entity": "customer",
                "entity_id": row["id"],
                "op": "insert",
                "row": row,
            }
            for index, row in enumerate(rows)
        ],
    }


def test_enrolment_spends_the_code_once_and_gives_a_new_series(hub: HubUnderTest) -> None:
    code = issue_code(hub)
    client = hub.client()
    granted = enrol(client, code)
    assert granted.status_code == 200, granted.text
    body = granted.json()
    assert len(body["secret"]) >= 40
    assert body["terminal"]["invoice_series"].startswith("A")
    assert body["terminal"]["shop_id"] == body["shop_id"]
    me = client.get("/api/terminal/self", headers=device(body["secret"]))
    assert me.status_code == 200
    assert me.json()["terminal_id"] == body["terminal_id"]

    again = enrol(hub.client(), code)
    assert again.status_code == 400
    assert "already used" in again.json()["detail"]
    unknown = enrol(hub.client(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "code"


def test_a_push_is_applied_once_and_other_terminals_pull_it(hub: HubUnderTest) -> None:
    first = enrol(hub.client(), issue_code(hub, "Till 1")).json()
    second = {"secret": hub.demo.terminal_secret}  # the demo shop's own first counter
    shop_id = uuid.UUID(first["shop_id"])
    client = hub.client()
    body = push_body(first["terminal_id"], [customer_row(shop_id, "Lakshmi Rao")])
    pushed = client.post("/api/terminal/sync/push", json=body, headers=device(first["secret"]))
    assert pushed.status_code == 200, pushed.text
    assert [a["result"] for a in pushed.json()["answers"]] == ["applied"]
    replay = client.post("/api/terminal/sync/push", json=body, headers=device(first["secret"]))
    assert replay.json()["answers"] == pushed.json()["answers"]

    pulled = client.get(
        "/api/terminal/sync/pull", params={"after": 0}, headers=device(second["secret"])
    ).json()
    names = [c["row"].get("name") for c in pulled["changes"] if c["entity"] == "customer"]
    assert names.count("Lakshmi Rao") == 1
    own = client.get(
        "/api/terminal/sync/pull", params={"after": 0}, headers=device(first["secret"])
    ).json()
    assert "Lakshmi Rao" not in [c["row"].get("name") for c in own["changes"]]
    assert own["high_water_seq"] == 1


def test_a_batch_naming_another_shop_is_refused_whole(hub: HubUnderTest) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    shop_id = uuid.UUID(granted["shop_id"])
    rows = [customer_row(shop_id, "Ours"), customer_row(new_id(), "Theirs")]
    client = hub.client()
    response = client.post(
        "/api/terminal/sync/push",
        json=push_body(granted["terminal_id"], rows),
        headers=device(granted["secret"]),
    )
    assert response.status_code == 403
    pulled = client.get(
        "/api/terminal/sync/pull", params={"after": 0}, headers=device(hub.demo.terminal_secret)
    ).json()
    assert "Ours" not in [c["row"].get("name") for c in pulled["changes"]]


def test_a_terminal_cannot_push_as_another(hub: HubUnderTest) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    response = hub.client().post(
        "/api/terminal/sync/push",
        json=push_body(str(new_id()), []),
        headers=device(granted["secret"]),
    )
    assert response.status_code == 403


def test_an_old_counter_is_told_to_update(
    hub: HubUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    body = push_body(granted["terminal_id"], [])
    # A hub two protocol versions ahead: this counter's version is no longer accepted.
    ahead = frozenset({PROTOCOL_VERSION + 2, PROTOCOL_VERSION + 1})
    monkeypatch.setattr("hub.sync_api.controller.SUPPORTED_PROTOCOLS", ahead)
    response = hub.client().post(
        "/api/terminal/sync/push", json=body, headers=device(granted["secret"])
    )
    assert response.status_code == 426
    assert "please update" in response.json()["detail"]


def test_a_malformed_batch_names_the_field(hub: HubUnderTest) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    body = push_body(granted["terminal_id"], [customer_row(uuid.UUID(granted["shop_id"]), "X")])
    body["records"][0]["row"]["phone"] = 9845012345
    response = hub.client().post(
        "/api/terminal/sync/push", json=body, headers=device(granted["secret"])
    )
    assert response.status_code == 400
    assert response.json()["field"] == "records[0].row.phone"

    # An op that is not even text (it once made the hub's check raise: a 500, not a 400).
    body["records"][0]["row"]["phone"] = "9845012345"
    body["records"][0]["op"] = []
    response = hub.client().post(
        "/api/terminal/sync/push", json=body, headers=device(granted["secret"])
    )
    assert response.status_code == 400
    assert response.json()["field"] == "records[0].op"


def test_a_revoked_terminal_is_refused_with_a_reason(hub: HubUnderTest) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    owner = hub.owner()
    revoked = owner.post(f"/api/terminals/{granted['terminal_id']}/revoke")
    assert revoked.status_code in {200, 201}, revoked.text
    response = hub.client().get("/api/terminal/sync/pull", headers=device(granted["secret"]))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_enrolment_past_the_terminal_limit_names_the_limit(hub: HubUnderTest) -> None:
    messages = []
    for index in range(12):
        response = enrol(hub.client(), issue_code(hub, f"Till {index}"))
        if response.status_code != 200:
            messages.append(response.json()["detail"])
            break
    assert messages, "the demo plan should limit terminals"
    assert "allows" in messages[0]
    assert "terminal" in messages[0]
