"""The counter's licence in its settings, and the check every issued invoice passes.

What is kept (local settings, never synchronised):
- ``licence.token``: the latest verified licence the hub sent for this shop (kept as the signed
  text and verified again at every check, so a key removed from the trusted set makes it absent);
- ``licence.received_at``: when the hub first sent any licence (from then on the local trial no
  longer applies: only a verified licence counts);
- ``licence.trial_started_at``: the start of the local trial (first-run set-up, or enrolment);
- ``licence.latest_seen``: the never-back clock (`desktop.licensing.watermark`).

Issuing an invoice calls `require_licence` inside its own transaction: a refusal raises
`LicenceRefusal` (an InvalidInput saying why and whom to call) before anything is written.
Estimates, reprints, returns, exports, the day book and sync never ask.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.licensing.keys import trusted_keys
from desktop.licensing.policy import LicenceStatus, judge, read_token
from desktop.licensing.watermark import (
    format_instant,
    licensing_now,
    parse_instant,
    worth_saving,
)
from desktop.services import settings as settings_store
from desktop.storage.local_tables import Setting
from shared.errors import InvalidInput
from shared.licence import Licence, LicenceRejected
from shared.tables import Shop, Terminal

if TYPE_CHECKING:
    from desktop.services.context import CounterContext, UnitOfWork

TOKEN_KEY: Final = "licence.token"  # noqa: S105 - a settings key, not a secret
RECEIVED_KEY: Final = "licence.received_at"
TRIAL_KEY: Final = "licence.trial_started_at"
LATEST_KEY: Final = "licence.latest_seen"
KEYS: Final = (TOKEN_KEY, RECEIVED_KEY, TRIAL_KEY, LATEST_KEY)

Trust = Mapping[str, Ed25519PublicKey]
log = logging.getLogger(__name__)


class LicenceRefusal(InvalidInput):
    """The licence does not allow issuing invoices now (lapsed, suspended or absent)."""

    def __init__(self, status: LicenceStatus) -> None:
        super().__init__(status.explain(), "licence")
        self.status = status


class Outcome(StrEnum):
    STORED = "stored"  # a new (or renewed) licence replaced the stored one
    UNCHANGED = "unchanged"  # the hub sent the licence already stored
    OLDER = "older"  # a verified licence older than the stored one: ignored (a replay)
    REJECTED = "rejected"  # did not verify, or is another shop's: ignored
    NOTHING = "nothing"  # the hub sent no licence


@dataclass(frozen=True, slots=True)
class Accepted:
    outcome: Outcome
    reason: str | None = None
    licence: Licence | None = None


@dataclass(frozen=True, slots=True)
class _Stored:
    token: str | None
    received: bool
    trial_started: dt.datetime | None
    latest_seen: dt.datetime | None


def _read(session: Session) -> _Stored:
    """The four settings in one query: this runs inside every invoice's transaction."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(KEYS)))
    found: dict[str, str] = dict(rows.all())
    return _Stored(
        token=found.get(TOKEN_KEY),
        received=RECEIVED_KEY in found,
        trial_started=parse_instant(found.get(TRIAL_KEY)),
        latest_seen=parse_instant(found.get(LATEST_KEY)),
    )


def _trial_start(session: Session, ctx: CounterContext, fallback: dt.datetime) -> dt.datetime:
    """Where the local trial starts when it was never recorded: this terminal's enrolment (a
    counter enrolled before licences existed), else the shop's first-run set-up."""
    terminal = session.get(Terminal, (ctx.shop_id, ctx.terminal_id))
    if terminal is not None and terminal.enrolled_at is not None:
        return terminal.enrolled_at
    shop = session.get(Shop, ctx.shop_id)
    if shop is not None and shop.created_at is not None:
        return shop.created_at
    return fallback


def _remember(
    session: Session, ctx: CounterContext, stored: _Stored, seen: Iterable[dt.datetime | None]
) -> _Stored:
    """Inside the caller's write: move the never-back clock, record the trial start once."""
    latest = stored.latest_seen
    moved = worth_saving(latest, [latest, *seen])
    if moved is not None:
        settings_store.set_value(session, LATEST_KEY, format_instant(moved))
        latest = moved
    trial = stored.trial_started
    if trial is None:
        trial = _trial_start(session, ctx, latest or ctx.clock.now())
        settings_store.set_value(session, TRIAL_KEY, format_instant(trial))
    return _Stored(stored.token, stored.received, trial, latest)


def _status(
    session: Session, ctx: CounterContext, stored: _Stored, clock_now: dt.datetime, trust: Trust
) -> LicenceStatus:
    now = licensing_now(clock_now, stored.latest_seen)
    return judge(
        shop_id=ctx.shop_id,
        now=now,
        token=stored.token,
        received=stored.received,
        trial_started=stored.trial_started or _trial_start(session, ctx, now),
        trusted=trust,
    )


def licence_status(ctx: CounterContext, *, trusted: Trust | None = None) -> LicenceStatus:
    """The licence as judged now (reads only; cheap enough for every screen refresh)."""
    trust = trusted_keys() if trusted is None else trusted
    with ctx.session() as session:
        return _status(session, ctx, _read(session), ctx.clock.now(), trust)


def require_licence(work: UnitOfWork, *, trusted: Trust | None = None) -> LicenceStatus:
    """Inside an issuing transaction: remember the time, then refuse unless invoices may be
    issued (the refusal rolls the transaction back, so nothing is written)."""
    trust = trusted_keys() if trusted is None else trusted
    session, ctx = work.session, work.ctx
    stored = _remember(session, ctx, _read(session), [work.now])
    status = _status(session, ctx, stored, work.now, trust)
    if not status.may_issue:
        raise LicenceRefusal(status)
    return status


def observe_time(ctx: CounterContext, *seen: dt.datetime | None) -> None:
    """Remember the counter's clock now (and any other time seen, e.g. the hub's): at start and
    after a sync. Writes only when the never-back clock moves by a minute or more, or once to
    record the trial's start."""
    instants = [ctx.clock.now(), *seen]
    with ctx.session() as session:
        stored = _read(session)
    if stored.trial_started is not None and worth_saving(stored.latest_seen, instants) is None:
        return
    with ctx.raw_write() as session:
        _remember(session, ctx, _read(session), instants)


def accept_licence(
    ctx: CounterContext,
    token: str | None,
    *,
    server_time: dt.datetime | None = None,
    trusted: Trust | None = None,
) -> Accepted:
    """Keep the licence the hub sent (at enrolment and with every pull) if it verifies, is this
    shop's, and is not older than the stored one; remember the hub's time either way.

    An unverifiable token is logged and ignored: it never replaces a good licence. It does end
    the local trial, because the hub has now spoken for this counter (docs/licence.md)."""
    if token is None:
        observe_time(ctx, server_time)
        return Accepted(Outcome.NOTHING)
    trust = trusted_keys() if trusted is None else trusted
    licence: Licence | None = None
    reason: str | None = None
    try:
        licence = read_token(token, ctx.shop_id, trust)
    except LicenceRejected as rejected:
        log.warning("the hub's licence was ignored: %s", rejected)
        reason = str(rejected)
    seen = [ctx.clock.now(), server_time, None if licence is None else licence.issued_at]
    with ctx.session() as session:
        before = _read(session)
    if (
        before.received
        and before.trial_started is not None
        and (licence is None or before.token == token)
        and worth_saving(before.latest_seen, seen) is None
    ):
        # The common case: the same licence as last time, nothing to write.
        return Accepted(Outcome.UNCHANGED if licence else Outcome.REJECTED, reason, licence)
    with ctx.raw_write() as session:
        stored = _remember(session, ctx, _read(session), seen)
        if not stored.received:
            settings_store.set_value(session, RECEIVED_KEY, format_instant(ctx.clock.now()))
        if licence is None:
            return Accepted(Outcome.REJECTED, reason)
        if stored.token == token:
            return Accepted(Outcome.UNCHANGED, None, licence)
        current = _verified(stored.token, ctx, trust)
        if current is not None and licence.issued_at < current.issued_at:
            log.info(
                "an older licence (issued %s) did not replace the stored one (issued %s)",
                licence.issued_at.isoformat(),
                current.issued_at.isoformat(),
            )
            return Accepted(Outcome.OLDER, "an older licence than the one kept", licence)
        settings_store.set_value(session, TOKEN_KEY, token)
        return Accepted(Outcome.STORED, None, licence)


def _verified(token: str | None, ctx: CounterContext, trust: Trust) -> Licence | None:
    if token is None:
        return None
    try:
        return read_token(token, ctx.shop_id, trust)
    except LicenceRejected:
        return None
