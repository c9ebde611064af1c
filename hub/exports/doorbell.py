"""Waking the export worker as soon as a job is asked for, instead of at its next poll.

A request on this instance rings the bell after committing the job; workers of this process wake
at once. Other instances still find the job by polling (every second when idle), which is why the
bell is only a shortcut and never the only way work is found. Each waiter remembers its own event
loop, and ringing from another loop (another app in the same process, as tests run them) hands
the wake-up to that loop thread-safely.
"""

from __future__ import annotations

import asyncio
import contextlib

import anyio


class Doorbell:
    def __init__(self) -> None:
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def ring(self) -> None:
        try:
            current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        for loop, event in list(self._waiters):
            if loop is current:
                event.set()
            elif not loop.is_closed():
                with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                    loop.call_soon_threadsafe(event.set)

    async def nap(self, stop: anyio.Event, seconds: float) -> None:
        """Sleep up to `seconds`, waking early on a ring or when `stop` is set."""
        event = asyncio.Event()
        waiter = (asyncio.get_running_loop(), event)
        self._waiters.add(waiter)
        try:
            with anyio.move_on_after(seconds):
                async with anyio.create_task_group() as group:

                    async def on_stop() -> None:
                        await stop.wait()
                        group.cancel_scope.cancel()

                    async def on_ring() -> None:
                        await event.wait()
                        group.cancel_scope.cancel()

                    group.start_soon(on_stop)
                    group.start_soon(on_ring)
        finally:
            self._waiters.discard(waiter)


EXPORT_BELL = Doorbell()
"""Rung by `request_export`, waited on by the export worker."""
