"""POST /api/terminal/enrol, POST /api/terminal/sync/push, GET /api/terminal/sync/pull.

The terminal's identity comes only from its device secret (the `terminal` dependency); the shop
a push may touch is that terminal's shop, and `sync.server.push.check_batch` refuses a batch
naming any other shop before anything is written. The apply runs on a platform session because
it writes with Core statements, scoped explicitly by the authenticated shop.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Final

import structlog
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, PermissionDeniedException
from litestar.params import FromQuery, JSONBody
from litestar.status_codes import HTTP_426_UPGRADE_REQUIRED
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hub.core.options import DEVICE
from hub.core.resources import HubResources
from hub.domain.licence.issuer import UnknownShop
from hub.security.device import secret_from
from hub.security.principal import TerminalPrincipal
from hub.security.tokens import digest
from hub.sync_api.enrolment import enrol
from hub.sync_api.quiet_pull import CONTACT_EVERY, authenticate_and_read
from hub.sync_api.schemas import (
    EnrolResponse,
    FeedChangeOut,
    PullResponse,
    PushResponse,
    RecordAnswerOut,
)
from shared.errors import InvalidInput
from shared.wire import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    encode_orm_row,
    parse_enrol_request,
    parse_push_batch,
)
from shared.wire_schema import SCHEMA_HEADER, SCHEMA_VERSION, for_counter, is_supported, stated
from sync.server import feed
from sync.server.push import ForeignShop, PushOutcome, apply_push
from sync.server.tables import SyncConflict, TerminalSyncState

SUPPORTED_PROTOCOLS: Final = frozenset({PROTOCOL_VERSION, PROTOCOL_VERSION - 1})
MAX_PUSH_BYTES: Final = 4 * 1024 * 1024
_log = structlog.get_logger("hub.sync")


async def _licence(resources: HubResources, shop_id: uuid.UUID) -> str | None:
    """The shop's signed licence for the answer. Sync never fails for want of one: data is
    accepted whatever the licence says, and the counter decides what an absent one means."""
    try:
        return await resources.licences.token_for(shop_id)
    except UnknownShop:
        _log.warning("no licence record for shop", shop_id=str(shop_id))
        return None


class UpdateRequired(ClientException):
    status_code = HTTP_426_UPGRADE_REQUIRED


def _check_protocol(version: int) -> None:
    if version not in SUPPORTED_PROTOCOLS:
        raise UpdateRequired(
            detail="please update BoolaGold on this counter: the hub no longer speaks its "
            f"sync protocol (version {version})",
            extra={"code": "upgrade_required"},
        )


def _schema(given: int | None) -> int:
    """The schema version to serve this counter in (see `shared.wire_schema`)."""
    version = stated(given)
    if version > SCHEMA_VERSION:
        raise UpdateRequired(
            detail=f"this counter is newer than the hub (data version {version}, the hub "
            f"knows {SCHEMA_VERSION}): the hub must be updated before this counter can sync",
            extra={"code": "hub_update_required"},
        )
    if not is_supported(version):
        raise UpdateRequired(
            detail="please update BoolaGold on this counter: the hub no longer reads its "
            f"data version ({version})",
            extra={"code": "upgrade_required"},
        )
    return version


def _header_int(request: Request[Any, Any, Any], name: str) -> int | None:
    text = request.headers.get(name)
    if text is None:
        return None
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 6):
        raise InvalidInput(f"the {name} header is a whole number", name)
    return int(digits)


class SyncController(Controller):
    path = "/api/terminal"
    tags = ("terminal sync",)
    opt = DEVICE

    @post("/enrol", status_code=200, summary="Exchange a one-time code for a terminal")
    async def enrol(
        self, data: JSONBody[dict[str, Any]], resources: NamedDependency[HubResources]
    ) -> EnrolResponse:
        request = parse_enrol_request(data)
        _check_protocol(request.protocol_version)
        schema = _schema(request.schema_version)
        async with resources.sessions.platform() as session, session.begin():
            grant = await enrol(session, request, resources.clock)
            row = encode_orm_row(grant.terminal).row
        return EnrolResponse(
            shop_id=grant.terminal.shop_id,
            terminal_id=grant.terminal.id,
            secret=grant.secret,
            terminal=dict(for_counter("terminal", row, schema)),
            licence=await _licence(resources, grant.terminal.shop_id),
        )

    @post("/sync/push", status_code=200, summary="Apply a batch of this terminal's records")
    async def push(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[dict[str, Any]],
        terminal: NamedDependency[TerminalPrincipal],
        resources: NamedDependency[HubResources],
    ) -> PushResponse:
        if int(request.headers.get("content-length") or 0) > MAX_PUSH_BYTES:
            raise InvalidInput("a push may carry at most 4 MB; send smaller batches", "records")
        batch = parse_push_batch(data)
        _check_protocol(batch.protocol_version)
        _schema(batch.schema_version)
        if batch.terminal_id != terminal.terminal_id:
            raise PermissionDeniedException("a terminal may only push its own records")
        now = datetime.now(UTC)

        def apply(session: Session) -> PushOutcome:
            return apply_push(session, terminal.shop_id, batch, now=now)

        try:
            async with resources.sessions.platform() as session, session.begin():
                outcome = await session.run_sync(apply)
        except ForeignShop as refused:
            raise PermissionDeniedException(
                detail=refused.reason, extra={"field": refused.field, "code": "foreign_shop"}
            ) from None
        return PushResponse(
            answers=[
                RecordAnswerOut(a.seq, a.mutation_id, a.result, a.detail) for a in outcome.answers
            ],
            high_water_seq=outcome.high_water_seq,
            expected_seq=outcome.expected_seq,
        )

    @get("/sync/pull", summary="The shop's changes after a cursor")
    async def pull(
        self,
        request: Request[Any, Any, Any],
        resources: NamedDependency[HubResources],
        after: FromQuery[int] = 0,
        limit: FromQuery[int] = feed.PULL_PAGE_LIMIT,
        after_tag: FromQuery[str | None] = None,
    ) -> PullResponse:
        # The terminal is authenticated by the same read that answers an empty pull (one round
        # trip for the commonest request of all), not by the `terminal` dependency.
        hashed = digest(secret_from(request.headers.get("authorization")))
        protocol = _header_int(request, PROTOCOL_HEADER)
        if protocol is not None:
            _check_protocol(protocol)
        schema = _schema(_header_int(request, SCHEMA_HEADER))
        now = datetime.now(UTC)
        terminal, quiet = await authenticate_and_read(
            resources, hashed, after=max(after, 0), after_tag=after_tag, now=now
        )
        if after < 0 or limit < 1:
            raise InvalidInput("after is 0 or more and limit at least 1", "after")
        licence = await _licence(resources, terminal.shop_id)
        if quiet is not None:
            return PullResponse(
                changes=[],
                cursor=quiet.cursor,
                more=False,
                high_water_seq=quiet.high_water_seq,
                open_conflicts=quiet.open_conflicts,
                cursor_tag=quiet.cursor_tag,
                diverged=False,
                licence=licence,
                server_time=now,
            )

        def read(session: Session) -> PullResponse:
            page = feed.read(
                session,
                terminal.shop_id,
                after,
                limit=limit,
                skip_origin=terminal.terminal_id,
                after_tag=after_tag,
            )
            state = session.get(TerminalSyncState, (terminal.shop_id, terminal.terminal_id))
            if state is None:
                state = TerminalSyncState(
                    shop_id=terminal.shop_id, terminal_id=terminal.terminal_id
                )
                session.add(state)
            # Most pulls find nothing new: write the terminal's position only when it moved,
            # or once a minute for "last contact", so an idle shop's counters cost no writes.
            stale = state.last_pull_at is None or now - state.last_pull_at > CONTACT_EVERY
            if state.pulled_seq != page.cursor or stale:
                state.pulled_seq = page.cursor
                state.last_pull_at = now
                session.flush()
            conflicts = session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.shop_id == terminal.shop_id, SyncConflict.resolved_at.is_(None))
            )
            return PullResponse(
                cursor_tag=page.cursor_tag,
                diverged=page.diverged,
                changes=[
                    FeedChangeOut(
                        c.seq,
                        c.entity,
                        c.entity_id,
                        c.op.value,
                        dict(for_counter(c.entity, c.row, schema)),
                    )
                    for c in page.changes
                ],
                cursor=page.cursor,
                more=page.more,
                high_water_seq=state.high_water_seq or 0,
                open_conflicts=int(conflicts or 0),
                licence=licence,
                server_time=now,
            )

        async with resources.sessions.platform() as session, session.begin():
            return await session.run_sync(read)
