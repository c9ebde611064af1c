"""The background sync's decisions: back-off with jitter, refusals stick, success resets."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from sync.client import SyncRefused
from sync.http_transport import HubUnreachable
from sync.runner import RoundResult, SyncRunner

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


class Script:
    def __init__(self, *outcomes: object) -> None:
        self.outcomes = list(outcomes)

    def __call__(self) -> RoundResult:
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        assert isinstance(outcome, RoundResult)
        return outcome


def runner(script: Script) -> SyncRunner:
    return SyncRunner(script, now=lambda: NOW, interval=30, backoff_cap=300, rng=random.Random(7))


def test_success_reports_pending_and_conflicts() -> None:
    r = runner(Script(RoundResult(pending=0, conflicts=1)))
    assert r.run_once() == 30
    assert r.status.online
    assert r.status.conflicts == 1
    assert r.status.last_success == NOW


def test_offline_backs_off_within_a_growing_ceiling_then_recovers() -> None:
    r = runner(Script(*(HubUnreachable("down") for _ in range(12)), RoundResult(3, 0)))
    delays = [r.run_once() for _ in range(12)]
    for failures, delay in enumerate(delays, start=1):
        assert 1.0 <= delay <= min(300, 2**failures)
    offline = r.status
    assert not offline.online
    assert "offline" in offline.message
    assert r.run_once() == 30
    back = r.status
    assert back.online
    assert back.pending == 3


def test_jitter_spreads_counters_out() -> None:
    r = runner(Script())
    assert len({round(r.backoff_delay(8), 3) for _ in range(20)}) > 10


def test_a_refusal_is_shown_and_not_hammered() -> None:
    r = runner(Script(SyncRefused("this terminal was revoked", status=403, code="revoked")))
    assert r.run_once() == 300
    assert r.status.refused
    assert r.status.message == "this terminal was revoked"


@pytest.mark.parametrize("failures", [1, 5, 40])
def test_backoff_never_exceeds_the_cap(failures: int) -> None:
    assert runner(Script()).backoff_delay(failures) <= 300
