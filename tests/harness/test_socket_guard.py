"""Unit tests cannot reach the network; local (AF_UNIX) sockets stay usable."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import SocketGuard, UnitTestOpenedSocket


def test_a_tcp_connect_in_a_unit_test_is_refused(no_network_in_unit_tests: SocketGuard) -> None:
    with pytest.raises(UnitTestOpenedSocket, match="integration"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert no_network_in_unit_tests.attempts == [("127.0.0.1", 9)]
    # Seen and recorded; clear it so this test's own teardown check passes.
    no_network_in_unit_tests.attempts.clear()


def test_connect_ex_is_refused_too(no_network_in_unit_tests: SocketGuard) -> None:
    with (
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock,
        pytest.raises(UnitTestOpenedSocket),
    ):
        sock.connect_ex(("::1", 9))
    assert len(no_network_in_unit_tests.attempts) == 1
    no_network_in_unit_tests.attempts.clear()


def test_unix_sockets_are_allowed(tmp_path: Path) -> None:
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            peer, _ = server.accept()
            with peer:
                client.sendall("₹".encode())
                assert peer.recv(16).decode() == "₹"


@pytest.mark.integration
def test_integration_tests_may_connect(no_network_in_unit_tests: SocketGuard) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        with socket.create_connection(listener.getsockname(), timeout=5):
            pass
    assert no_network_in_unit_tests.attempts == []
