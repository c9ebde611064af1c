"""One-shot messages ("Rates saved", "That code has expired") carried across a redirect.

The hub is stateless (JWT sessions, any instance may answer the next request), so a message
cannot wait in server memory between the POST and the GET that follows it. It travels in a
short-lived cookie instead, signed with the hub's secret so nobody can plant text of their choice
on a page that looks like ours (autoescape already stops markup; the signature stops words).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

FLASH_COOKIE: Final = "hub_flash"
# Long enough to survive the redirect, short enough not to reappear tomorrow.
FLASH_MAX_AGE_SECONDS: Final = 120
# Cookies are limited to about 4 KB; messages are a sentence each.
_MAX_MESSAGES: Final = 5
_MAX_MESSAGE_LENGTH: Final = 300

FlashCategory = Literal["success", "error", "info", "warning"]
_CATEGORIES: Final = frozenset({"success", "error", "info", "warning"})


@dataclass(frozen=True, slots=True)
class Flash:
    category: FlashCategory
    message: str


def _signature(payload: bytes, key: bytes) -> str:
    digest = hmac.new(key, b"hub-flash:" + payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def encode_flashes(flashes: Sequence[Flash], key: bytes) -> str:
    """The cookie value: base64url JSON, a dot, and its HMAC-SHA256."""
    items = [
        {"c": flash.category, "m": flash.message[:_MAX_MESSAGE_LENGTH]}
        for flash in flashes[:_MAX_MESSAGES]
    ]
    payload = base64.urlsafe_b64encode(
        json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    )
    return f"{payload.decode('ascii')}.{_signature(payload, key)}"


def decode_flashes(value: str | None, key: bytes) -> list[Flash]:
    """The messages in a cookie; a missing, forged or garbled cookie yields none."""
    if not value or "." not in value:
        return []
    payload_text, signature = value.rsplit(".", 1)
    payload = payload_text.encode("ascii", errors="replace")
    if not hmac.compare_digest(signature, _signature(payload, key)):
        return []
    try:
        items = json.loads(base64.urlsafe_b64decode(payload))
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(items, list):
        return []
    flashes: list[Flash] = []
    for item in items[:_MAX_MESSAGES]:
        if not isinstance(item, dict):
            continue
        category, message = item.get("c"), item.get("m")
        if category in _CATEGORIES and isinstance(message, str):
            flashes.append(Flash(category, message[:_MAX_MESSAGE_LENGTH]))
    return flashes
