"""Starting a server as its own process group on a free loopback port, and stopping it by pid.

Servers run under `setsid` (a new session) so that a Ctrl-C in the terminal reaches pytest only,
and pytest stops them in order; we stop the whole group so no helper child is left behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

LOOPBACK: Final = "127.0.0.1"
# Generous: a cold CI machine can be slow to start MariaDB the first time.
START_TIMEOUT_SECONDS: Final = 90.0
STOP_TIMEOUT_SECONDS: Final = 30.0


class ServerFailedToStart(RuntimeError):
    """A server process exited or never answered; the message carries its log's tail."""


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def log_tail(log: Path, lines: int = 30) -> str:
    """The last lines of a server log, for error messages."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no log written)"
    return "\n".join(text.splitlines()[-lines:])


def _is_zombie(pid: int) -> bool:
    """True when `pid` has exited and waits for its parent (not us) to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


@dataclass
class ServerProcess:
    """A server we started (then `process` is set) or one a `start` command left running."""

    name: str
    pid: int
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def running(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return not _is_zombie(self.pid)

    def stop(self) -> None:
        """SIGTERM the process group, wait, then SIGKILL whatever is left."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, sig)
            if self._wait_gone(STOP_TIMEOUT_SECONDS):
                return

    def _wait_gone(self, timeout: float) -> bool:
        if self.process is not None:
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return False
            return True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                return True
            time.sleep(0.05)
        return False


def launch(name: str, argv: Sequence[str], *, log: Path, cwd: Path) -> ServerProcess:
    """Start `argv` in a new session with stdout and stderr appended to `log`."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return ServerProcess(name=name, pid=process.pid, log=log, process=process)


def wait_until_ready(server: ServerProcess, ready: Callable[[], bool]) -> None:
    """Poll `ready()` until it is true; fail early, with the log, if the server exits."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if not server.running():
            raise ServerFailedToStart(
                f"{server.name} exited while starting; its log ({server.log}):\n"
                + log_tail(server.log)
            )
        if ready():
            return
        if time.monotonic() > deadline:
            server.stop()
            raise ServerFailedToStart(
                f"{server.name} did not answer within {START_TIMEOUT_SECONDS:.0f} s; "
                f"its log ({server.log}):\n" + log_tail(server.log)
            )
        time.sleep(0.1)


@dataclass
class RunningServer:
    """A started server: where it listens, what it says it is, and how to get rid of it."""

    kind: str
    product: str
    version: str
    url: str
    process: ServerProcess
    folder: Path
    stopped: bool = False

    def describe(self) -> str:
        """Product, version and address, without the password the URL may carry."""
        where = urlsplit(self.url)
        return f"{self.product} {self.version} on {where.hostname}:{where.port}"

    def stop(self) -> None:
        """Stop the process, then delete its data folder (once; later calls do nothing)."""
        if self.stopped:
            return
        self.stopped = True
        try:
            self.process.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_on_free_port(
    name: str, start: Callable[[int], RunningServer], *, attempts: int = 3
) -> RunningServer:
    """Start with a fresh free port, retrying when another process grabbed the port first."""
    failure: ServerFailedToStart | None = None
    for _ in range(attempts):
        try:
            return start(free_port())
        except ServerFailedToStart as error:
            if "in use" not in str(error).lower():
                raise
            failure = error
    raise ServerFailedToStart(f"{name}: no free port after {attempts} tries") from failure
