"""Suite-wide set-up: the real-server fixtures, and the guard that keeps unit tests off the network.

A unit test that quietly reaches for a server is an integration test in disguise: it passes on a
developer's machine and hangs or fails in CI. The guard makes that a loud failure instead.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

import pytest

from shared.licence import generate_signing_key, signing_key_text

pytest_plugins = ["tests.harness.fixtures"]

_NETWORK_FAMILIES: Final = (socket.AF_INET, socket.AF_INET6)


class UnitTestOpenedSocket(Exception):
    """A test not marked `integration` tried to connect an AF_INET/AF_INET6 socket."""


@dataclass
class SocketGuard:
    """The connections a unit test attempted (each was refused)."""

    attempts: list[Any] = field(default_factory=list)


@pytest.fixture(autouse=True)
def no_network_in_unit_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SocketGuard]:
    """Refuse TCP/UDP connects in tests not marked `integration` (AF_UNIX stays allowed).

    The attempt raises at once, and the test also fails at teardown, so code that swallows
    the exception cannot hide it.
    """
    guard = SocketGuard()
    if request.node.get_closest_marker("integration") is not None:
        yield guard
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(sock: socket.socket, address: Any) -> None:
        guard.attempts.append(address)
        # Closed here because callers such as socket.create_connection only close on OSError.
        sock.close()
        raise UnitTestOpenedSocket(
            f"{request.node.nodeid} connected a network socket to {address!r}; "
            "mark it @pytest.mark.integration if it needs a server"
        )

    def connect(sock: socket.socket, address: Any) -> None:
        if sock.family in _NETWORK_FAMILIES:
            refuse(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        if sock.family in _NETWORK_FAMILIES:
            refuse(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield guard
    if guard.attempts:
        pytest.fail(
            f"unit test opened network sockets to {guard.attempts!r}; "
            "mark it @pytest.mark.integration",
            pytrace=False,
        )


TEST_LICENCE_KID: Final = "test-suite"


def pytest_configure(config: pytest.Config) -> None:
    """One licence key pair for the whole run, in the environment so child processes see it.

    The hub (in process or as a subprocess) signs with LICENCE_SIGNING_KEY and every counter
    trusts BOOLAGOLD_LICENCE_TRUST, as a real deployment's hub and counters are configured;
    tests of rotation or of an untrusted key make their own keys on top of this.
    """
    if "LICENCE_SIGNING_KEY" in os.environ and "BOOLAGOLD_LICENCE_TRUST" in os.environ:
        return
    key = generate_signing_key(TEST_LICENCE_KID)
    os.environ["LICENCE_SIGNING_KEY"] = signing_key_text(key)
    os.environ["BOOLAGOLD_LICENCE_TRUST"] = key.public_text()
