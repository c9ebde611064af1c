"""Hybrid logical clock: stamps that order changes across offline terminals.

Mutable rows (customers, rates, pieces) merge last-writer-wins by these stamps (DESIGN.md
section 3). A stamp is wall-clock milliseconds, a counter for events within the same millisecond
(or while the wall clock stands behind the last stamp), and the node (terminal) id that breaks
ties. The clock never goes backwards: if the PC's clock is set back, stamps keep the last
physical time and count up, so a later edit can never lose to an earlier one from this terminal.

Packed as fixed-width text, `"{ms:013d}-{counter:05d}-{node}"`, so plain string comparison (the
`hlc` column, an index, a MariaDB ORDER BY) orders stamps exactly as `HlcStamp` does.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from shared.errors import InvalidInput

MAX_COUNTER: Final = 99_999
MAX_MILLIS: Final = 9_999_999_999_999
_PACKED = re.compile(r"^(?P<ms>\d{13})-(?P<counter>\d{5})-(?P<node>[0-9a-f]{32})$")


@dataclass(frozen=True, slots=True, order=True)
class HlcStamp:
    """One stamp; the field order is the comparison order (time, counter, node)."""

    millis: int
    counter: int
    node: str

    def __post_init__(self) -> None:
        if not 0 <= self.millis <= MAX_MILLIS:
            raise InvalidInput(f"{self.millis} is not a clock time in milliseconds", "hlc")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise InvalidInput(f"{self.counter} is outside the clock's counter range", "hlc")
        if not re.fullmatch(r"[0-9a-f]{32}", self.node):
            raise InvalidInput("the node of a clock stamp is a terminal id in hex", "hlc")

    def pack(self) -> str:
        """Fixed-width text whose string order is the stamp order (fits the 64-char column)."""
        return f"{self.millis:013d}-{self.counter:05d}-{self.node}"

    @classmethod
    def unpack(cls, text: str) -> HlcStamp:
        match = _PACKED.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidInput(f"{text!r} is not a clock stamp", "hlc")
        return cls(int(match["ms"]), int(match["counter"]), match["node"])

    def __str__(self) -> str:
        return self.pack()


def wall_millis() -> int:
    """The machine's wall clock in milliseconds since the Unix epoch."""
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """The clock of one node. Thread-safe: the sync thread and the GUI thread share it."""

    def __init__(
        self,
        node_id: uuid.UUID,
        wall: Callable[[], int] = wall_millis,
        last: HlcStamp | None = None,
    ) -> None:
        self._node = node_id.hex
        self._wall = wall
        self._millis = last.millis if last is not None else 0
        self._counter = last.counter if last is not None else 0
        self._lock = threading.Lock()

    @property
    def node(self) -> str:
        return self._node

    def now(self) -> HlcStamp:
        """A stamp for a local event, later than every stamp this clock made or saw."""
        with self._lock:
            physical = self._wall()
            if physical > self._millis:
                self._millis, self._counter = physical, 0
            else:
                self._tick()
            return HlcStamp(self._millis, self._counter, self._node)

    def observe(self, remote: HlcStamp) -> HlcStamp:
        """Take in a stamp received from another node; returns a stamp later than both."""
        with self._lock:
            physical = self._wall()
            top = max(physical, self._millis, remote.millis)
            if top == self._millis == remote.millis:
                self._counter = max(self._counter, remote.counter)
                self._tick()
            elif top == self._millis:
                self._tick()
            elif top == remote.millis:
                self._millis, self._counter = top, remote.counter
                self._tick()
            else:
                self._millis, self._counter = top, 0
            return HlcStamp(self._millis, self._counter, self._node)

    def _tick(self) -> None:
        if self._counter >= MAX_COUNTER:
            # 100 000 events in one millisecond (or a clock stuck far behind): borrow the next
            # millisecond rather than overflow; physical time catches up on its own.
            self._millis += 1
            self._counter = 0
        else:
            self._counter += 1
