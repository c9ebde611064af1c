"""Every route that takes an id, tried with another shop's ids, from every kind of session.

Shop A's owner session, A's salesperson session and A's terminal secret each try every route
of the OpenAPI schema that has a path parameter, with shop B's ids put in. Each attempt must be
refused (401, 403 or 404), and afterwards B must read back exactly as before. A route whose
parameter this test has no B id for fails the test, so a new route cannot be forgotten.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import httpx
import pytest

from hub.core.resources import build_resources
from hub.security.tokens import digest
from hub.storage.hub_tables import TerminalCredential
from shared.tables import Terminal
from tests.hub.fixtures import HubClient, HubUnderTest

REFUSED: Final = {401, 403, 404}
# A body that would succeed on the caller's own shop, so a refusal is the tenancy's doing.
BODIES: Final[dict[tuple[str, str], dict[str, Any]]] = {
    ("patch", "/api/staff/{user_id}"): {"display_name": "taken over"},
    ("post", "/api/staff/{user_id}/password"): {"password": "taken-over-123"},
    ("post", "/api/operator/shops/{shop_id}/deactivate"): {"reason": "taken over"},
    ("post", "/api/operator/shops/{shop_id}/activate"): {"reason": "taken over"},
}


@dataclass
class ShopB:
    owner: HubClient
    ids: dict[str, str]
    names: list[str]


def _add_terminal(hub: HubUnderTest, shop_id: uuid.UUID, secret: str) -> uuid.UUID:
    async def add() -> uuid.UUID:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.tenant(shop_id) as session:
                terminal = Terminal(
                    shop_id=shop_id,
                    name="B counter",
                    invoice_series="Z",
                    credit_note_series="CZ",
                    voucher_series="VZ",
                    enrolled_at=datetime.now(UTC),
                    hlc=resources.clock.stamp(),
                )
                session.add(terminal)
                await session.flush()
                session.add(
                    TerminalCredential(
                        shop_id=shop_id, terminal_id=terminal.id, secret_hash=digest(secret)
                    )
                )
                await session.commit()
                return terminal.id
        finally:
            await resources.close()

    return asyncio.run(add())


@pytest.fixture
def shop_b(hub: HubUnderTest) -> ShopB:
    operator = hub.operator()
    created = operator.post(
        "/api/operator/shops",
        json={
            "name": "Bravo Bullion",
            "state_code": "07",
            "address": "Chandni Chowk, Delhi",
            "owner_name": "Bravo Owner",
            "login_code": "bravo",
        },
    ).json()
    owner = hub.client()
    assert owner.login("bravo", "owner", created["owner_password"]).status_code == 200
    staff = owner.post(
        "/api/staff",
        json={
            "username": "bsales",
            "display_name": "Bravo Sales",
            "role": "sales",
            "password": "bravo-pass-1",
        },
    ).json()
    code = owner.post("/api/enrolment-codes", json={"terminal_name": "B till"}).json()
    shop_id = uuid.UUID(created["shop"]["id"])
    terminal_id = _add_terminal(hub, shop_id, "bravo-device-secret-" + "y" * 24)
    owner.post(
        "/api/rates",
        json={"rates": [{"metal": "silver", "purity_fineness": 925, "rate_paise_per_gram": 9_999}]},
    )
    return ShopB(
        owner=owner,
        ids={
            "user_id": staff["id"],
            "terminal_id": str(terminal_id),
            "code_id": code["id"],
            "shop_id": str(shop_id),
        },
        names=["Bravo Bullion", "Bravo Sales", "B till", "B counter"],
    )


def _b_state(b: ShopB) -> dict[str, Any]:
    return {
        path: b.owner.get(path).json()
        for path in (
            "/api/shop",
            "/api/staff",
            "/api/terminals",
            "/api/enrolment-codes",
            "/api/rates",
            "/api/licence",
        )
    }


def _routes_with_ids(schema: dict[str, Any]) -> Iterator[tuple[str, str, list[str]]]:
    for path, operations in schema["paths"].items():
        params = re.findall(r"\{(\w+)\}", path)
        if params:
            for method in operations:
                yield method, path, params


def _call(
    client: HubClient, method: str, url: str, body: dict[str, Any] | None, **kw: Any
) -> httpx.Response:
    if method in {"get", "delete"}:
        return client.request(method.upper(), url, **kw)
    if url.endswith("/logo"):
        return client.request(
            method.upper(), url, files={"data": ("l.png", b"\x89PNG\r\n\x1a\n", "image/png")}, **kw
        )
    return client.request(method.upper(), url, json=body if body is not None else {}, **kw)


def test_shop_a_cannot_reach_shop_b_through_any_route_with_an_id(
    hub: HubUnderTest, shop_b: ShopB
) -> None:
    owner_a = hub.owner()
    sales_a = hub.client()
    assert sales_a.login("demo", "sales", hub.demo.sales.password).status_code == 200
    device_a = hub.client()
    device_headers = {"Authorization": f"Terminal {hub.demo.terminal_secret}"}
    assert device_a.get("/api/terminal/self", headers=device_headers).status_code == 200

    schema = owner_a.get("/schema/openapi.json").json()
    routes = list(_routes_with_ids(schema))
    assert len(routes) >= 10
    before = _b_state(shop_b)
    tried = 0
    for method, path, params in routes:
        missing = [p for p in params if p not in shop_b.ids]
        assert not missing, f"{method.upper()} {path}: no shop-B id for {missing}; add one here"
        url = path
        for param in params:
            url = url.replace("{" + param + "}", shop_b.ids[param])
        body = BODIES.get((method, path))
        for who, client, extra in (
            ("A owner", owner_a, {}),
            ("A sales", sales_a, {}),
            ("A terminal", device_a, {"headers": device_headers}),
        ):
            response = _call(client, method, url, body, **extra)
            tried += 1
            assert response.status_code in REFUSED, (
                f"{who}: {method.upper()} {url} answered {response.status_code}: "
                + response.text[:200]
            )
            for name in shop_b.names:
                assert name not in response.text, f"{who}: {method.upper()} {url} leaked {name!r}"
    assert tried == 3 * len(routes)
    assert _b_state(shop_b) == before


def test_lists_and_reports_of_shop_a_show_nothing_of_shop_b(
    hub: HubUnderTest, shop_b: ShopB
) -> None:
    owner_a = hub.owner()
    schema = owner_a.get("/schema/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "get" not in operations or "{" in path or not path.startswith("/api/"):
            continue
        text = owner_a.get(path).text
        for value in [*shop_b.names, *shop_b.ids.values()]:
            assert value not in text, f"GET {path} shows shop B's {value!r}"
    device = hub.client().get(
        "/api/terminal/rates", headers={"Authorization": f"Terminal {hub.demo.terminal_secret}"}
    )
    assert all(rate["rate_paise_per_gram"] != 9_999 for rate in device.json())
    assert json.dumps(device.json()).count("9999") == 0
