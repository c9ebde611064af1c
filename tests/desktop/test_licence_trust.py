"""What the counter believes: only licences signed by a key it trusts, for its own shop, never
older than the one it keeps, judged by a clock that does not go back."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.licensing.keys import PRODUCTION_TRUST, trusted_keys
from desktop.licensing.policy import LicenceSource
from desktop.licensing.watermark import WRITE_STEP
from desktop.services.clock import FixedClock
from desktop.services.licence import (
    LATEST_KEY,
    TOKEN_KEY,
    TRIAL_KEY,
    Outcome,
    accept_licence,
    licence_status,
    observe_time,
)
from desktop.storage.local_tables import Setting
from shared.licence import (
    LicenceState,
    Standing,
    generate_signing_key,
    load_trusted_keys,
    sign_licence,
)
from tests.desktop.licences import amc_licence, suite_key
from tests.desktop.services.conftest import START, Shop, make_shop

K1 = generate_signing_key("k1")
K2 = generate_signing_key("k2")
STRANGER = generate_signing_key("k9")
BOTH = load_trusted_keys(f"{K1.public_text()},{K2.public_text()}")
ONLY_K1 = load_trusted_keys(K1.public_text())
ONLY_K2 = load_trusted_keys(K2.public_text())
AMC_END = dt.date(2026, 6, 30)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    made = make_shop(tmp_path / "data", FixedClock(START))
    yield made
    made.ctx.close()


def setting(shop: Shop, key: str) -> str | None:
    with shop.ctx.session() as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))


def token(shop: Shop, key_: object = K1, **changes: object) -> str:
    values: dict[str, object] = {
        "valid_until": AMC_END,
        "issued_at": shop.clock.now(),
    }
    values.update(changes)
    shop_id = values.pop("shop_id", shop.ctx.shop_id)
    licence = amc_licence(shop_id, **values)  # type: ignore[arg-type]
    return sign_licence(licence, key_)  # type: ignore[arg-type]


def test_a_tampered_licence_is_refused_and_treated_as_absent(shop: Shop) -> None:
    good = token(shop)
    kid, body, signature = good.split(".")[1:]
    # Push the end date out by changing one byte of the signed payload.
    altered_body = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    altered = f"BGL1.{kid}.{altered_body}.{signature}"
    answer = accept_licence(shop.ctx, altered, trusted=ONLY_K1)
    assert answer.outcome is Outcome.REJECTED
    assert answer.reason is not None
    assert setting(shop, TOKEN_KEY) is None
    status = licence_status(shop.ctx, trusted=ONLY_K1)
    # The hub has spoken for this counter: the local trial no longer applies.
    assert (status.source, status.state, status.may_issue) == (
        LicenceSource.NONE,
        LicenceState.ABSENT,
        False,
    )
    assert "could not be verified" in status.explain()
    assert "Call BoolaGold support" in status.explain()


def test_a_bad_licence_never_replaces_a_good_one(shop: Shop) -> None:
    good = token(shop)
    assert accept_licence(shop.ctx, good, trusted=ONLY_K1).outcome is Outcome.STORED
    shop.clock.advance(dt.timedelta(days=1))
    forged = token(shop, STRANGER, valid_until=dt.date(2099, 1, 1))
    answer = accept_licence(shop.ctx, forged, trusted=ONLY_K1)
    assert answer.outcome is Outcome.REJECTED
    assert answer.reason == "the licence was signed by an unknown key (k9)"
    assert accept_licence(shop.ctx, "not a licence", trusted=ONLY_K1).outcome is Outcome.REJECTED
    assert setting(shop, TOKEN_KEY) == good
    status = licence_status(shop.ctx, trusted=ONLY_K1)
    assert status.state is LicenceState.OK
    assert status.licence is not None
    assert status.licence.valid_until == AMC_END


def test_a_licence_for_another_shop_is_refused(shop: Shop) -> None:
    other = token(shop, shop_id=uuid.UUID("0190f4c2-0000-7000-8000-000000000001"))
    answer = accept_licence(shop.ctx, other, trusted=ONLY_K1)
    assert answer.outcome is Outcome.REJECTED
    assert answer.reason == "the licence is for another shop"
    assert licence_status(shop.ctx, trusted=ONLY_K1).state is LicenceState.ABSENT


def test_rotation_a_new_key_replaces_the_old_and_a_removed_key_counts_as_absent(
    shop: Shop,
) -> None:
    first = token(shop, K1)
    assert accept_licence(shop.ctx, first, trusted=BOTH).outcome is Outcome.STORED
    shop.clock.advance(dt.timedelta(hours=2))
    rotated = token(shop, K2, valid_until=dt.date(2026, 12, 31))
    assert accept_licence(shop.ctx, rotated, trusted=BOTH).outcome is Outcome.STORED
    assert setting(shop, TOKEN_KEY) == rotated
    # After the platform retires k1, the k2 licence still verifies.
    status = licence_status(shop.ctx, trusted=ONLY_K2)
    assert status.state is LicenceState.OK
    assert status.licence is not None
    assert status.licence.valid_until == dt.date(2026, 12, 31)
    # A counter that does not trust k2 cannot use the stored licence: it counts as absent.
    stale = licence_status(shop.ctx, trusted=ONLY_K1)
    assert (stale.state, stale.may_issue) == (LicenceState.ABSENT, False)
    assert stale.problem is not None
    assert "unknown key (k2)" in stale.problem


def test_an_old_licence_replayed_does_not_replace_a_newer_one(shop: Shop) -> None:
    old = token(shop, valid_until=dt.date(2026, 6, 30))
    shop.clock.advance(dt.timedelta(days=3))
    # The newer licence records a suspension; replaying the older one must not undo it.
    newer = token(shop, standing=Standing.SUSPENDED)
    assert accept_licence(shop.ctx, newer, trusted=ONLY_K1).outcome is Outcome.STORED
    assert accept_licence(shop.ctx, old, trusted=ONLY_K1).outcome is Outcome.OLDER
    assert accept_licence(shop.ctx, newer, trusted=ONLY_K1).outcome is Outcome.UNCHANGED
    assert licence_status(shop.ctx, trusted=ONLY_K1).state is LicenceState.SUSPENDED


def test_the_clock_set_back_a_year_does_not_extend_the_licence(shop: Shop) -> None:
    assert accept_licence(shop.ctx, token(shop), trusted=ONLY_K1).outcome is Outcome.STORED
    # A year and a month later the counter starts: the licence has lapsed (grace 15 days).
    shop.clock.set(dt.datetime(2026, 7, 20, 5, 0, tzinfo=dt.UTC))
    observe_time(shop.ctx)
    assert licence_status(shop.ctx, trusted=ONLY_K1).state is LicenceState.LAPSED
    # Someone sets the PC's clock back a year: still lapsed, judged at the latest time seen.
    shop.clock.set(dt.datetime(2025, 7, 20, 5, 0, tzinfo=dt.UTC))
    status = licence_status(shop.ctx, trusted=ONLY_K1)
    assert status.state is LicenceState.LAPSED
    assert status.today == dt.date(2026, 7, 20)


def test_the_hubs_time_and_the_licences_issue_time_move_the_clock_forward(shop: Shop) -> None:
    # The PC's clock is a year behind; the hub's clock at the pull says otherwise.
    hub_now = dt.datetime(2026, 7, 20, 5, 0, tzinfo=dt.UTC)
    accept_licence(shop.ctx, token(shop), server_time=hub_now, trusted=ONLY_K1)
    assert licence_status(shop.ctx, trusted=ONLY_K1).state is LicenceState.LAPSED
    assert setting(shop, LATEST_KEY) == hub_now.isoformat()


def test_a_licence_issued_later_than_the_pc_clock_moves_it_forward(shop: Shop) -> None:
    issued = dt.datetime(2026, 7, 20, 5, 0, tzinfo=dt.UTC)
    accept_licence(shop.ctx, token(shop, issued_at=issued), trusted=ONLY_K1)
    status = licence_status(shop.ctx, trusted=ONLY_K1)
    assert status.checked_at == issued
    assert status.state is LicenceState.LAPSED


def test_the_latest_time_is_written_at_most_once_a_minute(shop: Shop) -> None:
    observe_time(shop.ctx)
    first = setting(shop, LATEST_KEY)
    assert first == START.isoformat()
    shop.clock.advance(WRITE_STEP / 2)
    observe_time(shop.ctx)
    assert setting(shop, LATEST_KEY) == first
    shop.clock.advance(WRITE_STEP)
    observe_time(shop.ctx)
    assert setting(shop, LATEST_KEY) == shop.clock.now().isoformat()
    # Judging never writes.
    shop.clock.advance(dt.timedelta(days=3))
    licence_status(shop.ctx)
    assert setting(shop, LATEST_KEY) != shop.clock.now().isoformat()


def test_the_local_trial_starts_at_the_first_run_set_up(shop: Shop) -> None:
    shop.clock.advance(dt.timedelta(days=10))
    observe_time(shop.ctx)
    assert setting(shop, TRIAL_KEY) == START.isoformat()
    status = licence_status(shop.ctx)
    assert status.verdict.days_left == 20


def test_the_suite_key_verifies_and_the_shipped_key_is_always_trusted() -> None:
    trust = trusted_keys()
    assert suite_key().kid in trust
    assert "bg-2026-1" in trust
    # The environment adds keys; it cannot swap the shipped key for another.
    swapped = trusted_keys({"BOOLAGOLD_LICENCE_TRUST": "bg-2026-1=" + K1.public_text()[3:]})
    assert swapped["bg-2026-1"] == load_trusted_keys(PRODUCTION_TRUST)["bg-2026-1"]
    # One unreadable entry does not drop the readable ones.
    mixed = trusted_keys({"BOOLAGOLD_LICENCE_TRUST": f"broken=!!!,{K2.public_text()}"})
    assert set(mixed) == {"bg-2026-1", "k2"}
