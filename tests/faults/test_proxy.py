"""The fault proxy itself: it passes, refuses, loses responses and duplicates as told."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.faults.proxy import FaultProxy, Mode

pytestmark = pytest.mark.integration


class Counting(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def proxy() -> Iterator[FaultProxy]:
    Counting.hits = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    proxy = FaultProxy((str(host), int(port))).start()
    yield proxy
    proxy.stop()
    server.shutdown()
    server.server_close()


def test_pass_through(proxy: FaultProxy) -> None:
    response = httpx.post(proxy.url + "/echo", content=b"x" * 100_000)
    assert response.content == b"x" * 100_000
    assert Counting.hits == 1


def test_refuse_means_the_hub_is_unreachable(proxy: FaultProxy) -> None:
    proxy.set(Mode.REFUSE)
    with pytest.raises(httpx.TransportError):
        httpx.post(proxy.url + "/echo", content=b"hello")
    assert Counting.hits == 0


def test_a_lost_response_still_reached_the_hub(proxy: FaultProxy) -> None:
    proxy.set(Mode.LOSE_RESPONSE)
    with pytest.raises(httpx.TransportError):
        httpx.post(proxy.url + "/echo", content=b"hello")
    assert Counting.hits == 1


def test_duplicate_delivers_twice(proxy: FaultProxy) -> None:
    proxy.set(Mode.DUPLICATE)
    assert httpx.post(proxy.url + "/echo", content=b"hello").content == b"hello"
    assert Counting.hits == 2
