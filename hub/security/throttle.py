"""Login throttling and lock-out, kept in the shared store so every hub instance agrees.

After `max_failures` wrong passwords for one account (or four times that from one client
address, across accounts) further attempts are refused until `lockout_seconds` pass since the
last failure. A successful login clears the account's count. The store is Redis in production,
so an attacker gains nothing by spreading attempts over instances.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from litestar.stores.base import Store

from hub.security.errors import LoginRefused

CLIENT_FACTOR: Final = 4


@dataclass(frozen=True, slots=True)
class LoginThrottle:
    store: Store
    max_failures: int
    lockout_seconds: int

    async def _failures(self, key: str) -> int:
        raw = await self.store.get(key)
        if raw is None:
            return 0
        try:
            return int(json.loads(raw)["failures"])
        except (ValueError, KeyError, TypeError):
            return 0

    async def check(self, account: str, client: str) -> None:
        """Raise LoginRefused while the account or the client is locked out."""
        account_key, client_key = f"account:{account}", f"client:{client}"
        locked = await self._failures(account_key) >= self.max_failures or (
            await self._failures(client_key) >= self.max_failures * CLIENT_FACTOR
        )
        if locked:
            wait = max(
                await self.store.expires_in(account_key) or 0,
                await self.store.expires_in(client_key) or 0,
                1,
            )
            minutes = max(1, (wait + 59) // 60)
            raise LoginRefused(
                f"too many failed sign-ins: try again in {minutes} minute"
                + ("s" if minutes != 1 else ""),
                retry_after_seconds=wait,
            )

    async def failed(self, account: str, client: str) -> None:
        for key in (f"account:{account}", f"client:{client}"):
            count = await self._failures(key) + 1
            await self.store.set(
                key, json.dumps({"failures": count}), expires_in=self.lockout_seconds
            )

    async def succeeded(self, account: str) -> None:
        await self.store.delete(f"account:{account}")
