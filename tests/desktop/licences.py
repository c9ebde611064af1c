"""Licences for tests: signed with the suite's key (tests/conftest.py puts it in the
environment, and every counter trusts it), or with a key of the test's own."""

from __future__ import annotations

import datetime as dt
import os
import uuid

from desktop.services.context import CounterContext
from desktop.services.licence import Outcome, accept_licence
from shared.licence import (
    Licence,
    LicenceKind,
    SigningKey,
    Standing,
    load_signing_key,
    sign_licence,
)

SUPPORT = "Gold Desk support 080 4000 1234"


def suite_key() -> SigningKey:
    """The key the test run's hubs sign with (trusted by every counter in the run)."""
    return load_signing_key(os.environ["LICENCE_SIGNING_KEY"])


def amc_licence(
    shop_id: uuid.UUID,
    *,
    valid_until: dt.date | None,
    issued_at: dt.datetime,
    grace_days: int = 15,
    standing: Standing = Standing.GOOD,
    kind: LicenceKind = LicenceKind.AMC,
) -> Licence:
    return Licence(
        shop_id=shop_id,
        plan_code="standard",
        plan_name="Standard AMC",
        kind=kind,
        valid_until=valid_until,
        grace_days=grace_days,
        terminal_limit=3,
        user_limit=None,
        amc_until=valid_until,
        standing=standing,
        issued_at=issued_at,
        support_contact=SUPPORT,
    )


def install_test_licence(
    ctx: CounterContext,
    *,
    valid_until: dt.date | None,
    grace_days: int = 15,
    issued_at: dt.datetime | None = None,
) -> str:
    """Store a hub licence for the counter's shop as a sync would; the token."""
    licence = amc_licence(
        ctx.shop_id,
        valid_until=valid_until,
        issued_at=issued_at or ctx.clock.now(),
        grace_days=grace_days,
    )
    token = sign_licence(licence, suite_key())
    outcome = accept_licence(ctx, token).outcome
    assert outcome in (Outcome.STORED, Outcome.UNCHANGED), outcome
    return token
