"""Health checks, metrics, request ids and the OpenAPI schema."""

from __future__ import annotations

from tests.hub.fixtures import HubUnderTest

ANSWER_WITHOUT_BODY = {"/api/auth/logout"}


def test_health_reports_each_part_with_latency(hub: HubUnderTest) -> None:
    client = hub.client()
    overall = client.get("/api/health")
    assert overall.status_code == 200
    parts = {part["name"]: part for part in overall.json()["parts"]}
    assert set(parts) == {"database", "cache", "storage"}
    expected = (
        {"database": "sqlite", "cache": "memory", "storage": "local"}
        if hub.settings.database.is_embedded
        else {"database": "mysql", "cache": "redis", "storage": "s3"}
    )
    assert {name: part["backend"] for name, part in parts.items()} == expected
    for name in parts:
        single = client.get(f"/api/health/{name}").json()
        assert single["status"] == "ok"
        assert single["latency_ms"] >= 0


def test_metrics_count_requests_per_route_and_shop(hub: HubUnderTest) -> None:
    owner = hub.owner()
    owner.get("/api/staff")
    shop_id = owner.get("/api/me").json()["shop_id"]
    text = hub.client().get("/metrics").text
    assert 'path="/api/staff"' in text
    assert f'shop="{shop_id}"' in text
    assert "boolagold_hub_request_duration_seconds_bucket" in text
    assert "boolagold_hub_db_pool_in_use" in text
    assert "boolagold_hub_cache_hit_ratio" in text


def test_responses_carry_a_request_id(hub: HubUnderTest) -> None:
    client = hub.client()
    assert len(client.get("/api/health").headers["x-request-id"]) >= 8
    echoed = client.get("/api/health", headers={"x-request-id": "lb-request-12345"})
    assert echoed.headers["x-request-id"] == "lb-request-12345"
    unsafe = client.get("/api/health", headers={"x-request-id": "<script>"})
    assert unsafe.headers["x-request-id"] != "<script>"
    refused = client.get("/api/me")  # answered from an exception, still stamped
    assert refused.status_code == 401
    assert len(refused.headers["x-request-id"]) >= 8


def test_every_api_route_is_typed_in_the_openapi_schema(hub: HubUnderTest) -> None:
    schema = hub.client().get("/schema/openapi.json").json()
    assert schema["info"]["title"] == "BoolaGold hub"
    api_paths = [path for path in schema["paths"] if path.startswith("/api/")]
    assert len(api_paths) >= 25
    for path in api_paths:
        for method, operation in schema["paths"][path].items():
            responses = operation["responses"]
            assert responses, f"{method} {path} has no responses"
            ok = next(code for code in responses if code.startswith("2"))
            if ok != "204" and path not in ANSWER_WITHOUT_BODY:
                assert "content" in responses[ok], f"{method} {path} answer is untyped"


def test_pages_forbid_inline_script_and_framing_and_other_answers_are_left_alone(
    hub: HubUnderTest,
) -> None:
    page = hub.client().get("/login")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    api = hub.client().get("/api/health/live")
    assert api.headers["content-type"].startswith("application/json")
    assert "content-security-policy" not in api.headers
