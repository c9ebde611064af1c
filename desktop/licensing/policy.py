"""Which licence a counter bills under today, and the words the counter uses for it.

The rule (docs/licence.md):
1. A stored hub licence that still verifies with a trusted key and names this counter's shop is
   the licence, whatever else is true.
2. Otherwise, while the hub has never sent this counter any licence, the counter is on its local
   trial: `LOCAL_TRIAL_DAYS` days from its first-run set-up (or from its enrolment), no grace.
   This is how a shop tries the counter before it talks to a hub, and how a counter enrolled to
   a hub that does not hand out licences yet keeps billing.
3. Otherwise there is no licence (state absent): the hub sent one and it failed verification,
   was for another shop, or its key is no longer trusted.

`shared.licence.evaluate` then turns the licence and the shop's date into the verdict, so the
counter and the owner's web page agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.services.clock import shop_date
from shared.licence import (
    Licence,
    LicenceKind,
    LicenceRejected,
    LicenceState,
    Standing,
    Verdict,
    evaluate,
    verify_licence,
)

LOCAL_TRIAL_DAYS: Final = 30
DEFAULT_SUPPORT_CONTACT: Final = "BoolaGold support +91 80 4718 2000"
LOCAL_TRIAL_PLAN: Final = "local-trial"
STOPPED: Final = frozenset({LicenceState.LAPSED, LicenceState.SUSPENDED, LicenceState.ABSENT})


class LicenceSource(StrEnum):
    HUB = "hub"
    LOCAL_TRIAL = "local_trial"
    NONE = "none"


class Level(StrEnum):
    """How loudly the window shows the licence."""

    QUIET = "quiet"  # valid, nothing to do
    NOTICE = "notice"  # ends within 30 days
    WARNING = "warning"  # in grace: bills, with a warning on the invoice screen
    STOPPED = "stopped"  # no invoices can be issued


def local_trial(shop_id: uuid.UUID, started_at: dt.datetime) -> Licence:
    """The licence a counter gives itself before any hub licence: a trial with no grace."""
    start = shop_date(started_at)
    return Licence(
        shop_id=shop_id,
        plan_code=LOCAL_TRIAL_PLAN,
        plan_name="Trial (this counter)",
        kind=LicenceKind.TRIAL,
        valid_until=start + dt.timedelta(days=LOCAL_TRIAL_DAYS),
        grace_days=0,
        terminal_limit=1,
        user_limit=None,
        amc_until=None,
        standing=Standing.GOOD,
        issued_at=started_at.astimezone(dt.UTC),
        support_contact=DEFAULT_SUPPORT_CONTACT,
    )


def read_token(token: str, shop_id: uuid.UUID, trusted: Mapping[str, Ed25519PublicKey]) -> Licence:
    """The licence in `token` if it verifies and is this shop's; else LicenceRejected."""
    licence = verify_licence(token, trusted)
    if licence.shop_id != shop_id:
        raise LicenceRejected("the licence is for another shop")
    return licence


@dataclass(frozen=True, slots=True)
class LicenceStatus:
    """The counter's licence as judged at `checked_at` (the never-back clock)."""

    verdict: Verdict
    source: LicenceSource
    licence: Licence | None
    checked_at: dt.datetime
    problem: str | None = None
    """Why a licence the hub sent is not used (unknown key, altered, another shop), if so."""

    @property
    def state(self) -> LicenceState:
        return self.verdict.state

    @property
    def may_issue(self) -> bool:
        return self.verdict.may_issue

    @property
    def today(self) -> dt.date:
        return shop_date(self.checked_at)

    @property
    def contact(self) -> str:
        """Whom to call: the contact the hub signed into the licence, else BoolaGold support."""
        if self.licence is not None and self.licence.support_contact:
            return self.licence.support_contact
        return DEFAULT_SUPPORT_CONTACT

    @property
    def level(self) -> Level:
        if self.state in STOPPED:
            return Level.STOPPED
        if self.state is LicenceState.GRACE:
            return Level.WARNING
        if self.state is LicenceState.EXPIRING:
            return Level.NOTICE
        return Level.QUIET

    @property
    def grace_until(self) -> dt.date | None:
        licence = self.licence
        if licence is None or licence.valid_until is None:
            return None
        return licence.valid_until + dt.timedelta(days=licence.grace_days)

    def reason(self) -> str:
        """What is the matter, as a sentence, without whom to call."""
        if self.licence is None:
            why = f" ({self.problem})" if self.problem else ""
            text = f"this counter has no valid licence{why}: invoices cannot be issued"
        elif self.source is LicenceSource.LOCAL_TRIAL and self.state is LicenceState.LAPSED:
            ended = self.licence.valid_until
            text = (
                f"the {LOCAL_TRIAL_DAYS}-day trial of this counter ended on "
                f"{ended:%d-%m-%Y}: invoices cannot be issued until the shop has a licence"
            )
        else:
            text = evaluate(replace(self.licence, support_contact=""), self.today).message
        return _sentence(text)

    def next_step(self) -> str:
        """What the shop does about it."""
        if self.source is LicenceSource.LOCAL_TRIAL:
            return (
                "Buy a licence, then connect this counter to the shop's hub "
                "(boolagold counter enroll) so it receives it."
            )
        if self.source is LicenceSource.NONE:
            return "Sync this counter with the shop's hub to receive its licence."
        if self.state is LicenceState.SUSPENDED:
            return "Once the shop is reactivated on the hub, the next sync lifts this."
        return "Once the renewal is recorded on the hub, the next sync lifts this."

    def explain(self) -> str:
        """What is the matter and whom to call: the refusal when invoices stop, the invoice
        screen's warning in grace."""
        return f"{self.reason()} Call {self.contact}."

    def status_line(self) -> str:
        """The status bar's words."""
        state, days = self.state, self.verdict.days_left
        trial = self.licence is not None and self.licence.kind is LicenceKind.TRIAL
        if state is LicenceState.EXPIRING and days is not None:
            return f"Licence: {_days(days)} left" + (" (trial)" if trial else "")
        if state is LicenceState.GRACE and days is not None:
            return f"Licence ended: {_days(days)} of grace left, renew now"
        if state is LicenceState.LAPSED:
            return "Licence lapsed: invoices stopped"
        if state is LicenceState.SUSPENDED:
            return "Licence suspended: invoices stopped"
        if state is LicenceState.ABSENT:
            return "No valid licence: invoices stopped"
        licence = self.licence
        if licence is None or licence.valid_until is None:
            amc = (
                f", AMC until {licence.amc_until:%d-%m-%Y}"
                if licence is not None and licence.amc_until is not None
                else ""
            )
            return f"Licence: lifetime{amc}"
        what = "trial" if trial else "AMC"
        return f"Licence: {what} until {licence.valid_until:%d-%m-%Y}"


def judge(
    *,
    shop_id: uuid.UUID,
    now: dt.datetime,
    token: str | None,
    received: bool,
    trial_started: dt.datetime | None,
    trusted: Mapping[str, Ed25519PublicKey],
) -> LicenceStatus:
    """Apply the rule in the module docstring at `now` (already the never-back instant)."""
    today = shop_date(now)
    problem: str | None = None
    if token is not None:
        try:
            licence = read_token(token, shop_id, trusted)
        except LicenceRejected as rejected:
            problem = f"the stored licence is refused: {rejected}"
        else:
            return LicenceStatus(evaluate(licence, today), LicenceSource.HUB, licence, now)
    if not received and token is None:
        trial = local_trial(shop_id, trial_started or now)
        return LicenceStatus(evaluate(trial, today), LicenceSource.LOCAL_TRIAL, trial, now)
    if problem is None and received:
        problem = "the licence the hub sent could not be verified"
    return LicenceStatus(evaluate(None, today), LicenceSource.NONE, None, now, problem)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!")) else text + "."
