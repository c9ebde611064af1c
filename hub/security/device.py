"""Terminal authentication by device secret (the counters' JSON API; no cookie, no CSRF).

The terminal sends `Authorization: Terminal <secret>`. The hub looks the SHA-256 of the secret
up, and refuses it when the credential or the terminal was revoked or the shop is not active.
Last contact is written at most once a minute, so a chatty counter does not turn every read
into a write.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from sqlalchemy import select

from hub.core.resources import HubResources
from hub.security.principal import TerminalPrincipal
from hub.security.tokens import digest
from hub.storage.hub_tables import TerminalCredential
from shared.tables import Shop, Terminal
from shared.tables.vocabulary import ShopStatus, TerminalStatus

SCHEME: Final = "Terminal"
_TOUCH_EVERY: Final = timedelta(minutes=1)


def secret_from(header: str | None) -> str:
    if not header:
        raise NotAuthorizedException("this terminal did not send its device secret")
    scheme, _, secret = header.partition(" ")
    if scheme != SCHEME or not secret.strip():
        raise NotAuthorizedException(f"send the device secret as 'Authorization: {SCHEME} ...'")
    return secret.strip()


async def authenticate_terminal(
    resources: HubResources, connection: ASGIConnection[Any, Any, Any, Any]
) -> TerminalPrincipal:
    secret = secret_from(connection.headers.get("authorization"))
    async with resources.sessions.platform() as session:
        row = (
            await session.execute(
                select(TerminalCredential, Terminal, Shop.status)
                .join(
                    Terminal,
                    (Terminal.shop_id == TerminalCredential.shop_id)
                    & (Terminal.id == TerminalCredential.terminal_id),
                )
                .join(Shop, Shop.id == TerminalCredential.shop_id)
                .where(TerminalCredential.secret_hash == digest(secret))
            )
        ).one_or_none()
        if row is None:
            raise NotAuthorizedException("this device secret is not known")
        credential, terminal, shop_status = row
        if credential.revoked_at is not None or terminal.status == TerminalStatus.REVOKED.value:
            raise NotAuthorizedException("this terminal was revoked by the shop's owner")
        if shop_status != ShopStatus.ACTIVE.value:
            raise NotAuthorizedException("this shop's account is not active")
        now = datetime.now(UTC)
        if credential.last_seen_at is None or now - credential.last_seen_at > _TOUCH_EVERY:
            credential.last_seen_at = now
            await session.commit()
        return TerminalPrincipal(
            terminal_id=terminal.id, shop_id=terminal.shop_id, name=terminal.name
        )
