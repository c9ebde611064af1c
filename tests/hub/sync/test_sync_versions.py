"""Two counter releases against one hub: the previous one pulls rows it can read and cannot
empty what it does not know; older ones, and counters newer than the hub, are told what to
update."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from shared.wire import PROTOCOL_HEADER, PROTOCOL_VERSION
from shared.wire_schema import SCHEMA_HEADER, SCHEMA_VERSION
from tests.hub.fixtures import HubUnderTest
from tests.hub.sync.test_sync_api import customer_row, device, enrol, issue_code, push_body

OLD = SCHEMA_VERSION - 1
PULL = "/api/terminal/sync/pull"
PUSH = "/api/terminal/sync/push"


def _customers(hub: HubUnderTest, secret: str, schema: int | None) -> dict[str, dict[str, Any]]:
    headers = device(secret)
    if schema is not None:
        headers[SCHEMA_HEADER] = str(schema)
    found: dict[str, dict[str, Any]] = {}
    cursor, more = 0, True
    while more:
        page = hub.client().get(PULL, params={"after": cursor}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        for change in body["changes"]:
            if change["entity"] == "customer":
                found[change["entity_id"]] = change["row"]
        cursor, more = body["cursor"], body["more"]
    return found


def test_the_previous_release_keeps_the_birthday_it_cannot_see(hub: HubUnderTest) -> None:
    old = enrol(hub.client(), issue_code(hub, "Till old")).json()
    shop_id = uuid.UUID(old["shop_id"])
    new = {"secret": hub.demo.terminal_secret}  # the demo shop's first counter, this release
    self_ = hub.client().get("/api/terminal/self", headers=device(new["secret"])).json()
    new["terminal_id"] = self_["terminal_id"]

    row = customer_row(shop_id, "Meena Iyer")
    row["birth_date"] = "1990-05-17"
    body = {**push_body(new["terminal_id"], [row]), "schema_version": SCHEMA_VERSION}
    assert hub.client().post(PUSH, json=body, headers=device(new["secret"])).status_code == 200

    seen_by_old = _customers(hub, old["secret"], OLD)[row["id"]]
    assert "birth_date" not in seen_by_old
    assert "anniversary" not in seen_by_old

    # The old counter corrects the phone and sends back the only row it has.
    edited = {**seen_by_old, "phone": "9000000001", "hlc": "0000000009000-00000-" + "c" * 32}
    body = {**push_body(old["terminal_id"], [edited]), "schema_version": OLD}
    body["records"][0]["op"] = "update"
    pushed = hub.client().post(PUSH, json=body, headers=device(old["secret"]))
    assert pushed.status_code == 200, pushed.text
    assert [a["result"] for a in pushed.json()["answers"]] == ["applied"]

    now = _customers(hub, hub.demo.terminal_secret, SCHEMA_VERSION)[row["id"]]
    assert now["phone"] == "9000000001"
    assert now["birth_date"] == date(1990, 5, 17).isoformat()
    unstated = _customers(hub, hub.demo.terminal_secret, None)[row["id"]]
    assert unstated["birth_date"] == "1990-05-17"  # an unstated version is this release's


def test_counters_too_old_or_too_new_are_told_what_to_update(
    hub: HubUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    headers = device(granted["secret"])

    too_old = hub.client().get(PULL, headers={**headers, SCHEMA_HEADER: str(OLD - 1)})
    assert too_old.status_code == 426
    assert "please update BoolaGold on this counter" in too_old.json()["detail"]
    too_new = hub.client().get(PULL, headers={**headers, SCHEMA_HEADER: str(SCHEMA_VERSION + 1)})
    assert too_new.status_code == 426
    assert "the hub must be updated" in too_new.json()["detail"]
    assert too_new.json()["extra"]["code"] == "hub_update_required"
    for garbled in ("two", "²".encode("latin-1"), "-1", "9" * 40):
        answer = hub.client().get(PULL, headers={**headers, SCHEMA_HEADER: garbled})
        assert answer.status_code == 400, garbled
        assert answer.json()["field"] == SCHEMA_HEADER
    # A hub two protocol versions ahead no longer serves this counter's pulls either.
    ahead = frozenset({PROTOCOL_VERSION + 2, PROTOCOL_VERSION + 1})
    monkeypatch.setattr("hub.sync_api.controller.SUPPORTED_PROTOCOLS", ahead)
    stated = {**headers, PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    assert hub.client().get(PULL, headers=stated).status_code == 426
    monkeypatch.undo()

    body = {**push_body(granted["terminal_id"], []), "schema_version": SCHEMA_VERSION + 1}
    assert hub.client().post(PUSH, json=body, headers=headers).status_code == 426
    body["schema_version"] = "2"
    refused = hub.client().post(PUSH, json=body, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["field"] == "schema_version"


def test_the_hubs_answers_state_its_versions(hub: HubUnderTest) -> None:
    granted = enrol(hub.client(), issue_code(hub)).json()
    assert (granted["protocol_version"], granted["schema_version"]) == (
        PROTOCOL_VERSION,
        SCHEMA_VERSION,
    )
    headers = device(granted["secret"])
    pulled = hub.client().get(PULL, headers=headers).json()
    pushed = hub.client().post(PUSH, json=push_body(granted["terminal_id"], []), headers=headers)
    for answer in (pulled, pushed.json()):
        assert answer["protocol_version"] == PROTOCOL_VERSION
        assert answer["schema_version"] == SCHEMA_VERSION
