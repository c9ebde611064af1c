"""Terminal authentication by device secret (the counters' JSON API; no cookie, no CSRF).

The terminal sends `Authorization: Terminal <secret>`. The hub looks the SHA-256 of the secret
up, and refuses it when the credential or the terminal was revoked or the shop is not active.
Last contact is written at most every five minutes, so a chatty counter does not turn every read
into a write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeVar

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from sqlalchemy import Select, String, bindparam, select, update

from hub.core.resources import HubResources
from hub.db.engines import Database
from hub.security.principal import TerminalPrincipal
from hub.security.tokens import digest
from hub.storage.hub_tables import TerminalCredential
from shared.tables import Shop, Terminal
from shared.tables.vocabulary import ShopStatus, TerminalStatus

SCHEME: Final = "Terminal"
RowT = TypeVar("RowT")
_TOUCH_EVERY: Final = timedelta(minutes=5)


def secret_from(header: str | None) -> str:
    if not header:
        raise NotAuthorizedException("this terminal did not send its device secret")
    scheme, _, secret = header.partition(" ")
    if scheme != SCHEME or not secret.strip():
        raise NotAuthorizedException(f"send the device secret as 'Authorization: {SCHEME} ...'")
    return secret.strip()


CREDENTIAL_COLUMNS: Final = (
    Terminal.id,
    Terminal.shop_id,
    Terminal.name,
    Terminal.status,
    TerminalCredential.revoked_at,
    TerminalCredential.last_seen_at,
    Shop.status,
)
"""What the decision needs, in the order `admit` reads them (the pull's own read starts so)."""


def credential_joins() -> Select[*tuple[Any, ...]]:
    """The credential joined to its terminal and shop, looked up by the bound `hashed`."""
    return (
        select(*CREDENTIAL_COLUMNS)
        .select_from(TerminalCredential)
        .join(
            Terminal,
            (Terminal.shop_id == TerminalCredential.shop_id)
            & (Terminal.id == TerminalCredential.terminal_id),
        )
        .join(Shop, Shop.id == TerminalCredential.shop_id)
        .where(TerminalCredential.secret_hash == bindparam("hashed", type_=String()))
    )


_CREDENTIAL_READ: Final = credential_joins()
"""Built once with a bound parameter, so each request reuses the compiled statement."""


def known(row: RowT | None) -> RowT:
    """The credential's row, or the refusal when no credential has this secret."""
    if row is None:
        raise NotAuthorizedException("this device secret is not known")
    return row


def admit(row: Sequence[Any]) -> tuple[TerminalPrincipal, datetime | None]:
    """The terminal a credential row names, or the refusal; with its last contact."""
    terminal_id, shop_id, name, status, revoked_at, last_seen_at, shop_status = row[:7]
    if revoked_at is not None or status == TerminalStatus.REVOKED.value:
        raise NotAuthorizedException("this terminal was revoked by the shop's owner")
    if shop_status != ShopStatus.ACTIVE.value:
        raise NotAuthorizedException("this shop's account is not active")
    return TerminalPrincipal(terminal_id=terminal_id, shop_id=shop_id, name=name), last_seen_at


async def touch(database: Database, hashed: str, last_seen_at: datetime | None) -> None:
    """Write last contact when it is older than five minutes (and commit it)."""
    now = datetime.now(UTC)
    if last_seen_at is None or now - last_seen_at > _TOUCH_EVERY:
        async with database.writer.begin() as db:
            await db.execute(
                update(TerminalCredential)
                .where(TerminalCredential.secret_hash == hashed)
                .values(last_seen_at=now)
            )


async def authenticate_terminal(
    resources: HubResources, connection: ASGIConnection[Any, Any, Any, Any]
) -> TerminalPrincipal:
    """One indexed read of the columns the decision needs (every sync request pays for it)."""
    hashed = digest(secret_from(connection.headers.get("authorization")))
    database = resources.database
    principal, last_seen_at = admit(
        known(await database.read_row(_CREDENTIAL_READ, {"hashed": hashed}))
    )
    await touch(database, hashed, last_seen_at)
    return principal
