"""The hybrid logical clock never goes backwards, and its packed text sorts like its stamps."""

from __future__ import annotations

import itertools
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.errors import InvalidInput
from sync.hlc import MAX_COUNTER, HlcStamp, HybridLogicalClock

NODE = uuid.UUID("01a2139c-6db7-70ce-8976-79fdbc847bd1")
stamps = st.builds(
    HlcStamp,
    st.integers(0, 4_102_444_800_000),  # up to the year 2100
    st.integers(0, MAX_COUNTER),
    st.uuids().map(lambda u: u.hex),
)


@given(st.lists(st.integers(0, 2_000_000_000_000), min_size=1, max_size=200))
def test_stamps_strictly_increase_whatever_the_wall_clock_does(walls: list[int]) -> None:
    readings = iter(walls)
    clock = HybridLogicalClock(NODE, lambda: next(readings))
    made = [clock.now() for _ in walls]
    assert all(a < b for a, b in itertools.pairwise(made))
    assert all(a.pack() < b.pack() for a, b in itertools.pairwise(made))


@given(stamps, stamps)
def test_packed_text_orders_exactly_like_the_stamps(a: HlcStamp, b: HlcStamp) -> None:
    assert (a < b) == (a.pack() < b.pack())
    assert HlcStamp.unpack(a.pack()) == a
    assert len(a.pack()) <= 64


@given(st.lists(st.tuples(st.booleans(), stamps), max_size=100), st.integers(0, 10**12))
def test_observing_remote_stamps_stays_ahead_of_everything_seen(
    events: list[tuple[bool, HlcStamp]], wall: int
) -> None:
    clock = HybridLogicalClock(NODE, lambda: wall)
    highest: HlcStamp | None = None
    for remote_event, remote in events:
        if remote_event and remote.counter < MAX_COUNTER:
            stamp = clock.observe(remote)
            assert (stamp.millis, stamp.counter) > (remote.millis, remote.counter)
        else:
            stamp = clock.now()
        if highest is not None:
            assert stamp > highest
        highest = stamp


def test_a_clock_set_back_keeps_counting_from_the_last_time() -> None:
    wall = [1_000_000]
    clock = HybridLogicalClock(NODE, lambda: wall[0])
    first = clock.now()
    wall[0] = 500_000  # someone set the PC's clock back
    second = clock.now()
    assert second.millis == first.millis
    assert second.counter == first.counter + 1
    # Restarting from the saved last stamp keeps the order too.
    resumed = HybridLogicalClock(NODE, lambda: wall[0], last=second)
    assert resumed.now() > second


def test_bad_packed_text_is_refused() -> None:
    with pytest.raises(InvalidInput):
        HlcStamp.unpack("yesterday")
