"""The sync round over HTTP (httpx), with the hub's refusals turned into clear errors.

A refusal that retrying cannot fix (revoked terminal, a credential the hub does not know, a
counter too old for the hub) raises `SyncRefused` with the hub's own words, so the counter can
show them; a hub that cannot be reached raises `HubUnreachable`, which the runner retries with
back-off. Neither touches the outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

import httpx

from shared.wire import PROTOCOL_HEADER, PROTOCOL_VERSION
from shared.wire_schema import SCHEMA_HEADER, SCHEMA_VERSION
from sync.client import SyncRefused

PUSH_PATH: Final = "/api/terminal/sync/push"
PULL_PATH: Final = "/api/terminal/sync/pull"
TERMINAL_HEADER: Final = "X-Terminal-Id"
APP_VERSION_HEADER: Final = "X-App-Version"


class HubUnreachable(Exception):
    """No answer we can act on (network down, timeout, 5xx): try again later."""


class HttpTransport:
    """Talks to one hub as one terminal."""

    def __init__(
        self,
        base_url: str,
        terminal_id: uuid.UUID,
        secret: str,
        app_version: str,
        *,
        timeout: float = 15.0,
        client: httpx.Client | None = None,
    ) -> None:
        self._client = client or httpx.Client(base_url=base_url, timeout=timeout)
        self._headers = {
            "Authorization": f"Terminal {secret}",
            TERMINAL_HEADER: str(terminal_id),
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: str(SCHEMA_VERSION),
            APP_VERSION_HEADER: app_version,
        }

    def close(self) -> None:
        self._client.close()

    def push(self, body: Mapping[str, Any]) -> Mapping[str, Any]:
        return self._call(self._client.build_request("POST", PUSH_PATH, json=dict(body)))

    def pull(self, after: int, limit: int, after_tag: str | None) -> Mapping[str, Any]:
        params: dict[str, str | int] = {"after": after, "limit": limit}
        if after_tag is not None:
            params["after_tag"] = after_tag
        return self._call(self._client.build_request("GET", PULL_PATH, params=params))

    def _call(self, request: httpx.Request) -> Mapping[str, Any]:
        request.headers.update(self._headers)
        try:
            response = self._client.send(request)
        except httpx.HTTPError as exc:
            raise HubUnreachable(f"the hub could not be reached: {exc}") from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise HubUnreachable(f"the hub is busy or down (HTTP {response.status_code})")
        try:
            body = response.json()
        except ValueError as exc:
            raise HubUnreachable(f"the hub sent something that is not JSON: {exc}") from exc
        if response.status_code >= 400:
            detail = body.get("detail") if isinstance(body, dict) else None
            code = body.get("code") if isinstance(body, dict) else None
            raise SyncRefused(
                str(detail or f"the hub refused the request (HTTP {response.status_code})"),
                status=response.status_code,
                code=str(code or "refused"),
            )
        if not isinstance(body, dict):
            raise HubUnreachable("the hub's answer was not a JSON object")
        return body


__all__ = ["HttpTransport", "HubUnreachable"]
