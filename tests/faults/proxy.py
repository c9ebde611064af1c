"""A small HTTP/1.1 proxy between counters and the hub that misbehaves on command.

Fault scenarios switch its mode between requests: pass through, refuse connections (hub
unreachable), delay, forward but lose the response (the hub committed, the counter never heard),
or forward a request twice (a duplicated push). It understands just enough HTTP (Content-Length
bodies, one request per connection) for the sync client, which is all it has to carry.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

_HEADER_END: Final = b"\r\n\r\n"


class Mode(StrEnum):
    PASS = "pass"
    REFUSE = "refuse"
    DELAY = "delay"
    LOSE_RESPONSE = "lose_response"
    DUPLICATE = "duplicate"


@dataclass
class Stats:
    forwarded: int = 0
    refused: int = 0
    lost_responses: int = 0
    duplicated: int = 0


def _read_message(sock: socket.socket) -> bytes:
    data = b""
    while _HEADER_END not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(_HEADER_END)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + _HEADER_END + body


def _close_after(request: bytes) -> bytes:
    """One request per upstream connection: ask the hub to close, so reads end cleanly."""
    head, _, body = request.partition(_HEADER_END)
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + _HEADER_END + body


class FaultProxy:
    """Listens on a loopback port and forwards to `upstream` (host, port)."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.mode = Mode.PASS
        self.delay_seconds = 0.0
        self.stats = Stats()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def set(self, mode: Mode, delay: float = 0.0) -> None:
        self.mode = mode
        self.delay_seconds = delay

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as upstream:
            upstream.sendall(_close_after(request))
            response = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    return response
                response += chunk

    def _handle(self, client: socket.socket) -> None:
        mode = self.mode
        if mode is Mode.REFUSE:
            self.stats.refused += 1
            client.close()
            return
        request = _read_message(client)
        if not request:
            return
        if mode is Mode.DELAY:
            time.sleep(self.delay_seconds)
        try:
            response = self._forward(request)
        except OSError:  # the hub is down: the counter sees a dropped connection
            self.stats.refused += 1
            client.close()
            return
        self.stats.forwarded += 1
        if mode is Mode.DUPLICATE:
            self._forward(request)
            self.stats.duplicated += 1
        if mode is Mode.LOSE_RESPONSE:
            self.stats.lost_responses += 1
            client.close()
            return
        client.sendall(response)
        client.close()
