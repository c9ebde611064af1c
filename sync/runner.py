"""The background sync: soon after every sale and every N seconds, never blocking billing.

It runs a round (push, then pull) on its own thread. When the hub cannot be reached it waits
with exponential back-off and full jitter, so a hundred counters coming back online after an
outage do not all knock at once. A refusal (revoked, update needed) stops the rounds until the
counter is told otherwise, and its message stays on the status line; the outbox is never touched.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sync.client import SyncRefused
from sync.http_transport import HubUnreachable


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows."""

    online: bool = False
    pending: int = 0
    conflicts: int = 0
    last_success: datetime | None = None
    message: str = "not synced yet"
    refused: bool = False


@dataclass(frozen=True, slots=True)
class RoundResult:
    pending: int
    conflicts: int


class SyncRunner:
    """Calls `round_once` on a thread; `nudge()` after a sale starts a round soon."""

    def __init__(
        self,
        round_once: Callable[[], RoundResult],
        *,
        now: Callable[[], datetime],
        interval: float = 30.0,
        backoff_cap: float = 300.0,
        on_status: Callable[[SyncStatus], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._round = round_once
        self._now = now
        self._interval = interval
        self._cap = backoff_cap
        self._on_status = on_status
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._status = SyncStatus()
        self._failures = 0
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> SyncStatus:
        return self._status

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="boolagold-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def nudge(self) -> None:
        """Sync soon (after a sale); harmless when a round is already running."""
        self._wake.set()

    def run_once(self) -> float:
        """One round; returns the seconds to wait before the next one."""
        try:
            result = self._round()
        except HubUnreachable as exc:
            self._failures += 1
            self._set(online=False, message=f"offline: {exc}")
            return self.backoff_delay(self._failures)
        except SyncRefused as exc:
            self._set(online=False, refused=True, message=str(exc))
            return self._cap
        self._failures = 0
        self._set(
            online=True,
            refused=False,
            pending=result.pending,
            conflicts=result.conflicts,
            last_success=self._now(),
            message="synced",
        )
        return self._interval

    def backoff_delay(self, failures: int) -> float:
        """Full jitter: uniform in [0, min(cap, 2 ** failures)] seconds, at least one second."""
        ceiling = min(self._cap, float(2 ** min(failures, 30)))
        return max(1.0, self._rng.uniform(0, ceiling))

    def _loop(self) -> None:
        while not self._stop.is_set():
            delay = self.run_once()
            self._wake.wait(delay)
            self._wake.clear()

    def _set(self, **changes: object) -> None:
        self._status = replace(self._status, **changes)  # type: ignore[arg-type]
        if self._on_status is not None:
            self._on_status(self._status)


__all__ = ["RoundResult", "SyncRunner", "SyncStatus"]
