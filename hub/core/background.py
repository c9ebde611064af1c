"""Work the hub does beside answering requests: export jobs, archiving invoice PDFs, clean-ups.

Each worker is an `async def worker(resources, stop)` that loops until `stop` is set; the app
starts one task per worker at start-up and stops them at shutdown (after they finish the item in
hand), so a hub instance needs no separate process. Workers must tolerate several instances
running at once: they claim work with conditional updates, never by being the only one.
`BACKGROUND=off` turns them off for an instance that should only answer requests: production
runs its web instances so and the work in `boolagold hub worker` processes (`run_until_signalled`),
so drawing a PDF or writing a large export never delays a counter's sync.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import anyio
from anyio.abc import TaskGroup

if TYPE_CHECKING:
    from litestar import Litestar

    from hub.core.resources import HubResources

Worker = Callable[["HubResources", anyio.Event], Awaitable[None]]

_log = logging.getLogger("hub.background")


def enabled(environ: dict[str, str] | None = None) -> bool:
    value = (environ if environ is not None else dict(os.environ)).get("BACKGROUND", "on")
    return value.strip().lower() not in {"off", "0", "no", "false"}


async def _guarded(worker: Worker, resources: HubResources, stop: anyio.Event) -> None:
    """A worker that raises is logged and restarted after a pause, never left dead."""
    name = getattr(worker, "__qualname__", repr(worker))
    while not stop.is_set():
        try:
            await worker(resources, stop)
            return
        except Exception:
            _log.exception("background worker %s failed; restarting in 5 s", name)
            with anyio.move_on_after(5):
                await stop.wait()


def lifespan(
    resources: HubResources, workers: Sequence[Worker]
) -> Callable[[Litestar], contextlib.AbstractAsyncContextManager[None]]:
    """A Litestar lifespan that runs `workers` for as long as the app runs."""

    @contextlib.asynccontextmanager
    async def run(_app: Litestar) -> AsyncIterator[None]:
        if not workers or not enabled():
            yield
            return
        stop = anyio.Event()
        group: TaskGroup
        async with anyio.create_task_group() as group:
            for worker in workers:
                group.start_soon(_guarded, worker, resources, stop)
            try:
                yield
            finally:
                stop.set()

    return run


async def run_until_signalled(resources: HubResources, workers: Sequence[Worker]) -> None:
    """Run `workers` until SIGTERM or SIGINT, then let each finish the item in hand."""
    stop = anyio.Event()
    async with anyio.create_task_group() as group:
        for worker in workers:
            group.start_soon(_guarded, worker, resources, stop)
        with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
            async for _signal in signals:
                _log.info("stopping the background workers")
                stop.set()
                break
