"""Per-shop rate limits, and request logs that carry ids but no secrets or personal data."""

from __future__ import annotations

import dataclasses
import json

import pytest
from litestar.testing import TestClient

from hub.app import create_app
from tests.hub.fixtures import HubClient, HubUnderTest


def test_a_shops_staff_share_one_request_budget(hub: HubUnderTest) -> None:
    limited = dataclasses.replace(
        hub.settings,
        auth=dataclasses.replace(hub.settings.auth, rate_limit_per_shop_per_minute=6),
        instance_name="limited",
    )
    with TestClient(create_app(limited, pages=False)) as test_client:
        owner, sales = HubClient(test_client), HubClient(test_client)
        assert owner.login("demo", "owner", hub.demo.owner.password).status_code == 200
        assert sales.login("demo", "sales", hub.demo.sales.password).status_code == 200
        answers = [client.get("/api/rates").status_code for client in (owner, sales) * 4]
        assert answers[:6] == [200] * 6
        assert answers[6:] == [429, 429]
        operator = HubClient(test_client)
        assert (
            operator.login_operator(hub.demo.operator_email, hub.demo.operator_password).status_code
            == 200
        )
        assert operator.get("/api/operator/shops").status_code == 200  # not a shop's budget


def test_request_log_lines_have_ids_and_no_secrets(
    hub: HubUnderTest, capsys: pytest.CaptureFixture[str]
) -> None:
    client = hub.client()
    capsys.readouterr()
    client.login("demo", "owner", hub.demo.owner.password)
    client.get("/api/staff")
    client.login("demo", "sales", "a-wrong-password")
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["event"] == "request"]
    assert [(line["route"], line["status"]) for line in requests] == [
        ("/api/auth/login", 200),
        ("/api/staff", 200),
        ("/api/auth/login", 401),
    ]
    assert all(len(line["request_id"]) >= 8 for line in requests)
    assert requests[1]["shop_id"]
    for secret in (
        hub.demo.owner.password,
        "a-wrong-password",
        "owner",
        "Asha",
        "boolagold_session",
    ):
        assert secret not in err
