"""An open-loop HTTP/1.1 load generator for the sync load benchmark.

Requests are sent at their scheduled instants whatever the hub's answers do (open loop), and
latency is measured from the scheduled instant, so a hub that falls behind shows it in p99
instead of quietly slowing the generator down (coordinated omission). Plain asyncio streams with
keep-alive connections: a full HTTP client costs more CPU per request than the hub's own work,
and on a 2-core machine the generator must not starve the worker it measures.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Call:
    kind: str
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""
    on_answer: Callable[[int, Any], None] | None = None


@dataclass(slots=True)
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)
    started: float = 0.0
    finished: float = 0.0

    def add(self, kind: str, status: int, latency: float) -> None:
        self.latencies.setdefault(kind, []).append(latency)
        by_status = self.statuses.setdefault(kind, {})
        by_status[status] = by_status.get(status, 0) + 1

    def percentile(self, kind: str, fraction: float) -> float:
        values = sorted(self.latencies.get(kind, []))
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(fraction * len(values)))]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def _connection(
    host: str, port: int, queue: asyncio.Queue[tuple[float, Call] | None], tally: Tally
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (item := await queue.get()) is not None:
            scheduled, call = item
            head = [f"{call.method} {call.path} HTTP/1.1", f"Host: {host}:{port}"]
            head += [f"{name}: {value}" for name, value in call.headers.items()]
            if call.body:
                head += ["Content-Type: application/json", f"Content-Length: {len(call.body)}"]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + call.body)
            status, body = await _read_response(reader)
            tally.add(call.kind, status, time.perf_counter() - scheduled)
            if call.on_answer is not None and status == 200:
                call.on_answer(status, json.loads(body))
    finally:
        writer.close()


async def run_open_loop(
    host: str,
    port: int,
    schedule: list[tuple[float, Callable[[], Call]]],
    *,
    connections: int = 64,
) -> Tally:
    """Send each call at its offset (seconds from start); calls are built when due."""
    tally = Tally()
    queue: asyncio.Queue[tuple[float, Call] | None] = asyncio.Queue()
    workers = [
        asyncio.create_task(_connection(host, port, queue, tally)) for _ in range(connections)
    ]
    await asyncio.sleep(0.2)  # let the connections open before the clock starts
    tally.started = start = time.perf_counter()
    for offset, build in schedule:
        delay = start + offset - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((start + offset, build()))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    tally.finished = time.perf_counter()
    return tally
