"""Drive the test servers by hand: `python -m tests.harness.servers install|start|stop|status`.

`install` puts the Debian packages the suite needs in place (what `make test` does first).
`start` leaves MariaDB, Redis and an S3 server running and prints the BOOLAGOLD_TEST_* variables
that make pytest use them instead of starting its own; `stop` stops them by pid and deletes
their data. The pids live in var/test-servers.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Final

from tests.harness import mariadb, redis_launcher, s3_server
from tests.harness.packages import (
    DEBIAN_PACKAGES,
    MARIADB_SERVER,
    REDIS_SERVER,
    PackagesMissing,
    ensure_packages,
)
from tests.harness.processes import RunningServer, ServerProcess

STATE_FILE: Final = Path(__file__).resolve().parents[2] / "var" / "test-servers.json"
ENVIRONMENT: Final = {
    "mariadb": "BOOLAGOLD_TEST_MARIADB_URL",
    "redis": "BOOLAGOLD_TEST_REDIS_URL",
    "s3": "BOOLAGOLD_TEST_S3_URL",
}


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _load(state_file: Path) -> dict[str, dict[str, str | int]]:
    if not state_file.exists():
        return {}
    loaded: dict[str, dict[str, str | int]] = json.loads(state_file.read_text(encoding="utf-8"))
    return loaded


def install() -> int:
    ensure_packages(DEBIAN_PACKAGES, announce=_say)
    _say("Debian packages in place: " + ", ".join(p.name for p in DEBIAN_PACKAGES))
    return 0


def start(state_file: Path = STATE_FILE) -> int:
    if _load(state_file):
        _say(f"servers already started (see {state_file}); run `stop` first")
        return 1
    ensure_packages([MARIADB_SERVER, REDIS_SERVER], announce=_say)
    started: list[RunningServer] = []
    try:
        for launcher in (mariadb.start_mariadb, redis_launcher.start_redis, s3_server.start_s3):
            started.append(launcher())
    except BaseException:
        for server in started:
            server.stop()
        raise
    state = {
        server.kind: {
            "pid": server.process.pid,
            "url": server.url,
            "folder": str(server.folder),
            "log": str(server.process.log),
            "product": server.product,
            "version": server.version,
        }
        for server in started
    }
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(state, indent=2), encoding="utf-8")
    state_file.chmod(0o600)
    for server in started:
        _say(f"# {server.describe()} (pid {server.process.pid})")
    for server in started:
        _say(f"export {ENVIRONMENT[server.kind]}='{server.url}'")
    return 0


def stop(state_file: Path = STATE_FILE) -> int:
    state = _load(state_file)
    for kind, entry in state.items():
        process = ServerProcess(name=kind, pid=int(entry["pid"]), log=Path(str(entry["log"])))
        RunningServer(
            kind=kind,
            product=str(entry["product"]),
            version=str(entry["version"]),
            url=str(entry["url"]),
            process=process,
            folder=Path(str(entry["folder"])),
        ).stop()
        _say(f"stopped {entry['product']} (pid {entry['pid']})")
    state_file.unlink(missing_ok=True)
    return 0


def status(state_file: Path = STATE_FILE) -> int:
    state = _load(state_file)
    if not state:
        _say("no servers started by `start`")
        return 1
    for kind, entry in state.items():
        alive = ServerProcess(name=kind, pid=int(entry["pid"]), log=Path(str(entry["log"])))
        word = "running" if alive.running() else "gone"
        _say(f"{entry['product']} {entry['version']} pid {entry['pid']} {word}: {entry['url']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.servers", description=__doc__)
    parser.add_argument("command", choices=["install", "start", "stop", "status"])
    parser.add_argument("--state-file", type=Path, default=STATE_FILE)
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            return install()
        command = {"start": start, "stop": stop, "status": status}[args.command]
        return command(args.state_file)
    except PackagesMissing as error:
        sys.stderr.write(f"error: {error}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
