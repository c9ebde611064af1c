"""Server processes start in their own group, fail loudly, and stop with all their children."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.harness.processes import ServerFailedToStart, launch, wait_until_ready


def _gone(pid: int) -> bool:
    """True once `pid` has exited (a zombie awaiting its new parent's reaping counts)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"


def _wait_gone(pid: int) -> bool:
    # A timeout for a hung kill, not a speed check.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_server_that_exits_while_starting_fails_with_its_log(tmp_path: Path) -> None:
    server = launch(
        "broken",
        ["sh", "-c", "echo port already taken >&2; exit 3"],
        log=tmp_path / "broken.log",
        cwd=tmp_path,
    )
    with pytest.raises(ServerFailedToStart, match="port already taken"):
        wait_until_ready(server, lambda: False)


def test_stop_ends_the_whole_process_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    server = launch(
        "parent",
        ["sh", "-c", f"sleep 300 & echo $! > {pid_file}.tmp; mv {pid_file}.tmp {pid_file}; wait"],
        log=tmp_path / "parent.log",
        cwd=tmp_path,
    )
    wait_until_ready(server, pid_file.exists)
    child = int(pid_file.read_text())
    # Its own session and group: the terminal's Ctrl-C goes to pytest, which stops it in order.
    assert os.getsid(server.pid) == server.pid
    assert os.getpgid(child) == server.pid
    server.stop()
    assert not server.running()
    assert _wait_gone(child)
