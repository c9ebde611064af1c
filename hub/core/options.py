"""Route options (`opt`) the hub's middleware reads, as read-only mappings."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

PUBLIC: Final = MappingProxyType({"exclude_from_auth": True})
"""No session needed (login pages, health, metrics)."""
DEVICE: Final = MappingProxyType({"exclude_from_auth": True, "exclude_from_csrf": True})
"""Terminal API: device-secret header instead of a cookie, so no CSRF either."""
