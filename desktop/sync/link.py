"""Enrolling this counter with the hub, and running one sync round for it.

Enrolment turns an empty data folder into a terminal of a shop the hub already knows: the hub's
one-time code buys a terminal id, a secret (kept by `desktop.sync.secrets`) and the terminal's own
invoice series; the first pull then brings the shop's profile, staff, rates and stock. A folder
that already holds a shop is refused before the code is spent, so nothing local is ever mixed
with another shop's data.

Both the enrolment answer and every pull carry the shop's signed licence (and a pull, the hub's
clock): they are handed to `desktop.services.licence.accept_licence`, which keeps a licence only
if it verifies, so a renewal recorded on the hub lifts a lapsed counter at its next sync.
"""

from __future__ import annotations

import platform
import uuid
from dataclasses import dataclass
from importlib.metadata import version
from typing import Final

import httpx
from sqlalchemy import func, insert, select

from desktop.services import settings as settings_store
from desktop.services.context import SHOP_KEY, TERMINAL_KEY, CounterContext
from desktop.services.licence import accept_licence
from desktop.storage.local_tables import OutboxRecord, Setting
from desktop.sync.secrets import SecretPlace, load_secret, store_secret
from shared.errors import InvalidInput
from shared.tables import Terminal
from shared.wire import PROTOCOL_VERSION, decode_row, parse_enrol_grant
from shared.wire_schema import SCHEMA_VERSION
from sync.client import CounterTables, PullReport, SyncRefused, pull_all, push_pending
from sync.http_transport import HttpTransport, HubUnreachable
from sync.runner import RoundResult

HUB_URL_KEY: Final = "sync.hub_url"
ENROL_PATH: Final = "/api/terminal/enrol"
TABLES: Final = CounterTables(
    outbox=OutboxRecord.__table__,  # type: ignore[arg-type]
    settings=Setting.__table__,  # type: ignore[arg-type]
)


def app_version() -> str:
    return version("boolagold")


@dataclass(frozen=True, slots=True)
class Enrolled:
    shop_id: uuid.UUID
    terminal_id: uuid.UUID
    invoice_series: str
    secret_place: SecretPlace
    pulled: PullReport


def enrol(
    ctx: CounterContext, hub_url: str, code: str, *, client: httpx.Client | None = None
) -> Enrolled:
    """Join the shop that issued `code`, then pull everything the hub has for it."""
    if ctx.is_initialised:
        raise InvalidInput(
            "this data folder already belongs to a shop; enrol a new, empty data folder "
            "(choose one with --data-dir)",
            "data_dir",
        )
    base = hub_url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise InvalidInput("the hub address starts with https:// (or http:// on a LAN)", "hub")
    http = client or httpx.Client(base_url=base, timeout=30)
    try:
        response = http.post(
            ENROL_PATH,
            json={
                "protocol_version": PROTOCOL_VERSION,
                "schema_version": SCHEMA_VERSION,
                "app_version": app_version(),
                "code": code,
                "device_name": platform.node()[:100],
            },
        )
    except httpx.HTTPError as exc:
        raise HubUnreachable(f"the hub at {base} could not be reached: {exc}") from exc
    body = _json(response)
    if response.status_code >= 400:
        detail = body.get("detail") if isinstance(body, dict) else None
        raise InvalidInput(str(detail or f"the hub refused (HTTP {response.status_code})"), "code")
    grant = parse_enrol_grant(body)
    terminal = decode_row("terminal", grant.terminal)
    with ctx.raw_write() as session:
        session.execute(insert(Terminal).values(**terminal))
        settings_store.set_value(session, SHOP_KEY, str(grant.shop_id))
        settings_store.set_value(session, TERMINAL_KEY, str(grant.terminal_id))
        settings_store.set_value(session, HUB_URL_KEY, base)
    place = store_secret(ctx.data_dir, grant.terminal_id, grant.secret)
    ctx.reload_identity()
    accept_licence(ctx, grant.licence)
    transport = HttpTransport(base, grant.terminal_id, grant.secret, app_version(), client=http)
    pulled = pull_all(ctx.write_sessions, TABLES, transport, clock=ctx.capture.clock)
    accept_licence(ctx, pulled.licence, server_time=pulled.server_time)
    return Enrolled(
        grant.shop_id, grant.terminal_id, str(terminal["invoice_series"]), place, pulled
    )


def _json(response: httpx.Response) -> dict[str, object]:
    try:
        body = response.json()
    except ValueError:
        raise HubUnreachable(f"the hub answered HTTP {response.status_code} without JSON") from None
    if not isinstance(body, dict):
        raise HubUnreachable("the hub's answer was not a JSON object")
    return body


def hub_url(ctx: CounterContext) -> str | None:
    with ctx.session() as session:
        return settings_store.get_value(session, HUB_URL_KEY)


def transport_for(ctx: CounterContext, client: httpx.Client | None = None) -> HttpTransport:
    """The HTTP link of an enrolled counter; refuses clearly when it is not enrolled."""
    url = hub_url(ctx)
    secret = load_secret(ctx.data_dir, ctx.terminal_id) if ctx.is_initialised else None
    if url is None or secret is None:
        raise SyncRefused(
            "this counter is not enrolled with a hub (boolagold counter enroll --hub URL CODE)",
            status=0,
            code="not_enrolled",
        )
    return HttpTransport(url, ctx.terminal_id, secret, app_version(), client=client)


def sync_round(ctx: CounterContext, transport: HttpTransport) -> RoundResult:
    """Push everything pending, then pull; what the status bar shows comes back."""
    sessions = ctx.write_sessions
    pushed = push_pending(
        sessions,
        TABLES,
        transport,
        terminal_id=ctx.terminal_id,
        app_version=app_version(),
        now=ctx.clock.now,
    )
    pulled = pull_all(sessions, TABLES, transport, clock=ctx.capture.clock)
    accept_licence(ctx, pulled.licence, server_time=pulled.server_time)
    with ctx.session() as session:
        pending = session.execute(
            select(func.count()).select_from(OutboxRecord).where(OutboxRecord.acked_at.is_(None))
        ).scalar_one()
    del pushed
    return RoundResult(pending=int(pending), conflicts=pulled.open_conflicts)
