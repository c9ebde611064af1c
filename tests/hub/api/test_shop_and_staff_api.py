"""The shop profile, its logo, and staff management (with roles) through the API."""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from hub.core.resources import build_resources
from hub.storage.hub_tables import Tenant
from tests.hub.fixtures import HubUnderTest

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_profile_update_is_validated_and_audited(hub: HubUnderTest) -> None:
    owner = hub.owner()
    bad = owner.patch("/api/shop", json={"gstin": "27AABCB1234K1ZA"})
    assert bad.status_code == 400
    assert bad.json()["field"] == "gstin"
    wrong_state = owner.patch("/api/shop", json={"state_code": "29"})
    assert wrong_state.status_code == 400  # the GSTIN says Maharashtra
    assert owner.get("/api/shop").json()["state_code"] == "27"
    updated = owner.patch("/api/shop", json={"name": "Lakshmi Gold", "pincode": "400002"})
    assert updated.status_code == 200, updated.text
    assert updated.json()["name"] == "Lakshmi Gold"
    audit = owner.get("/api/audit", params={"limit": 5}).json()
    assert audit[0]["action"] == "shop.update"
    assert audit[0]["actor"] == "Asha Lakshmi"
    assert "Lakshmi Gold" in audit[0]["after"]


def test_logo_upload_is_stored_and_served(hub: HubUnderTest) -> None:
    owner = hub.owner()
    refused = owner.put(
        "/api/shop/logo", files={"data": ("x.svg", b"<svg onload=x>", "image/svg+xml")}
    )
    assert refused.status_code == 400
    assert owner.get("/api/shop").json()["logo_url"] is None
    uploaded = owner.put("/api/shop/logo", files={"data": ("logo.png", PNG, "image/png")})
    assert uploaded.status_code == 200, uploaded.text
    url = uploaded.json()["logo_url"]
    assert "/public/logos/" in url
    served = hub.client().get(url)  # no session needed: logos are public
    assert served.status_code == 200
    assert served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert hub.client().get(url.replace(".png", "-other.png")).status_code == 404
    assert hub.client().get("/files/public/../../hub.db").status_code == 404


def test_owner_manages_staff_and_roles_are_enforced(hub: HubUnderTest) -> None:
    owner = hub.owner()
    created = owner.post(
        "/api/staff",
        json={
            "username": "Kiran",
            "display_name": "Kiran <b>Sales</b>",
            "role": "sales",
            "password": "kiran-pass-1",
        },
    )
    assert created.status_code == 201, created.text
    kiran = created.json()
    assert kiran["username"] == "kiran"
    duplicate = owner.post(
        "/api/staff",
        json={"username": "kiran", "display_name": "K", "role": "sales", "password": "x" * 9},
    )
    assert duplicate.status_code == 400
    short = owner.post(
        "/api/staff",
        json={"username": "ravi2", "display_name": "R", "role": "sales", "password": "short"},
    )
    assert short.json()["field"] == "password"

    sales = hub.client()
    assert sales.login("demo", "kiran", "kiran-pass-1").status_code == 200
    assert sales.get("/api/staff").status_code == 403
    assert sales.get("/api/rates").status_code == 200
    assert sales.post("/api/enrolment-codes", json={"terminal_name": "x"}).status_code == 403

    switched_off = owner.patch(f"/api/staff/{kiran['id']}", json={"is_active": False})
    assert switched_off.json()["is_active"] is False
    assert sales.get("/api/me").status_code == 401  # the session ends at once
    assert hub.client().login("demo", "kiran", "kiran-pass-1").status_code == 401

    reset = owner.post(f"/api/staff/{kiran['id']}/password", json={"password": "new-pass-22"})
    assert reset.status_code == 204


def test_the_last_owner_cannot_be_demoted_or_switch_themselves_off(hub: HubUnderTest) -> None:
    owner = hub.owner()
    me = owner.get("/api/me").json()
    demote = owner.patch(f"/api/staff/{me['user_id']}", json={"role": "sales"})
    assert demote.status_code == 400
    assert owner.get(f"/api/staff/{me['user_id']}").json()["role"] == "owner"


def _set_user_limit(hub: HubUnderTest, limit: int) -> None:
    async def write() -> None:
        resources = build_resources(hub.settings)
        try:
            async with resources.sessions.platform() as session, session.begin():
                await session.execute(
                    update(Tenant)
                    .where(Tenant.login_code == hub.demo.shop_code)
                    .values(user_limit=limit)
                )
        finally:
            await resources.close()

    asyncio.run(write())


def test_staff_past_the_plans_user_limit_are_refused_naming_the_limit(hub: HubUnderTest) -> None:
    owner = hub.client()
    owner.login("demo", "owner", hub.demo.owner.password)
    active = sum(1 for member in owner.get("/api/staff").json() if member["is_active"])
    _set_user_limit(hub, active)
    refused = owner.post(
        "/api/staff",
        json={"username": "meena", "display_name": "Meena", "role": "sales", "password": "x" * 10},
    )
    assert refused.status_code == 400
    assert f"allows {active} active staff" in refused.json()["detail"]
    assert all(member["username"] != "meena" for member in owner.get("/api/staff").json())
    # Switching someone off makes room; switching them back on past the limit is refused.
    sales = next(m for m in owner.get("/api/staff").json() if m["role"] == "sales")
    assert owner.patch(f"/api/staff/{sales['id']}", json={"is_active": False}).status_code == 200
    created = owner.post(
        "/api/staff",
        json={"username": "meena", "display_name": "Meena", "role": "sales", "password": "x" * 10},
    )
    assert created.status_code == 201, created.text
    back = owner.patch(f"/api/staff/{sales['id']}", json={"is_active": True})
    assert back.status_code == 400
    assert "allows" in back.json()["detail"]
