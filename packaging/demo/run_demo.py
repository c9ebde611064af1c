"""`make demo`: the hub on its embedded defaults with the demo shop, and a counter enrolled to
it that syncs in the background, then the counter's window.

Everything lives under `var/demo/` in the checkout (remove it to start over). The demo uses only
the two public command lines (`boolagold hub`, `boolagold counter`) and the hub's JSON API, as
an operator and a shop would: nothing here reaches into either program's internals.

Licences: the embedded hub signs with the key it generates into its data folder
(`licence-signing.key`); the counters started here trust that key's public half through
BOOLAGOLD_LICENCE_TRUST, as a development counter is configured to trust a development hub.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

import httpx

from shared.licence import load_signing_key

ROOT: Final = Path(__file__).resolve().parents[2]
DEMO: Final = ROOT / "var" / "demo"
HUB_DIR: Final = DEMO / "hub"
COUNTER_DIR: Final = DEMO / "counter"
PORT: Final = int(os.environ.get("BOOLAGOLD_DEMO_PORT", "8600"))
URL: Final = f"http://127.0.0.1:{PORT}"
BOOLAGOLD: Final = str(Path(sys.executable).parent / "boolagold")
HUB_KEY_FILE: Final = HUB_DIR / "licence-signing.key"
TRUST_ENV: Final = "BOOLAGOLD_LICENCE_TRUST"
# The demo shop's logins (printed by the hub as it starts; fixed so the demo can enrol).
SHOP_CODE: Final = "demo"
OWNER: Final = ("owner", os.environ.get("BOOLAGOLD_DEMO_OWNER_PASSWORD", "demo-owner-pass"))


def say(text: str) -> None:
    sys.stdout.write(f"==> {text}\n")
    sys.stdout.flush()


def start_hub() -> subprocess.Popen[bytes]:
    HUB_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BOOLAGOLD_HUB_DATA_DIR": str(HUB_DIR)}
    for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT_URL", "LICENCE_SIGNING_KEY"):
        env.pop(name, None)  # the embedded defaults, whatever this shell has set
    hub = subprocess.Popen(
        [BOOLAGOLD, "hub", "serve", "--seed-demo", "--data-dir", str(HUB_DIR), "--port", str(PORT)],
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            if httpx.get(f"{URL}/api/health", timeout=1).status_code in {200, 503}:
                return hub
        except httpx.HTTPError:
            pass
        if hub.poll() is not None:
            sys.exit(f"the hub stopped while starting (exit {hub.returncode}); see above")
        time.sleep(0.5)
    hub.terminate()
    sys.exit(f"the hub did not answer on {URL} within a minute")


def counter_env() -> dict[str, str]:
    """This shell's environment plus trust in the demo hub's own licence key."""
    if not HUB_KEY_FILE.is_file():
        sys.exit(f"the hub made no licence key at {HUB_KEY_FILE}")
    public = load_signing_key(HUB_KEY_FILE.read_text(encoding="ascii")).public_text()
    trusted = [entry for entry in os.environ.get(TRUST_ENV, "").split(",") if entry.strip()]
    return {**os.environ, TRUST_ENV: ",".join([*trusted, public])}


def enrolment_code() -> str:
    with httpx.Client(base_url=URL, timeout=30) as web:
        web.get("/api/auth/csrf")
        token = web.cookies.get("csrftoken") or ""
        login = web.post(
            "/api/auth/login",
            json={"shop": SHOP_CODE, "username": OWNER[0], "password": OWNER[1]},
            headers={"x-csrftoken": token},
        )
        if login.status_code != 200:
            sys.exit(f"could not sign in as the demo owner: {login.text}")
        for terminal in web.get("/api/terminals").json():
            # The demo's sample terminals count against its plan: make room for this counter.
            if terminal["status"] == "active" and terminal["name"].startswith("Counter "):
                web.post(f"/api/terminals/{terminal['id']}/revoke", headers={"x-csrftoken": token})
        issued = web.post(
            "/api/enrolment-codes",
            json={"terminal_name": "Demo counter"},
            headers={"x-csrftoken": token},
        )
        if issued.status_code != 201:
            sys.exit(f"could not create an enrolment code: {issued.text}")
        code: str = issued.json()["code"]
        return code


def counter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BOOLAGOLD, "counter", "--data-dir", str(COUNTER_DIR), *args],
        capture_output=True,
        text=True,
        check=False,
        env=counter_env(),
    )


def enrol_counter() -> None:
    if (COUNTER_DIR / "counter.db").exists() and counter("sync").returncode in {0, 3}:
        say(f"the demo counter in {COUNTER_DIR} is already enrolled")
        return
    shutil.rmtree(COUNTER_DIR, ignore_errors=True)
    code = enrolment_code()
    say(f"enrolling a counter with code {code}")
    done = counter("enroll", "--hub", URL, code)
    sys.stdout.write(done.stdout + done.stderr)
    sys.stdout.flush()
    if done.returncode != 0:
        sys.exit("the demo counter could not enrol")
    say("tagging 300 demo pieces and adding demo customers on the counter")
    stocked = counter("demo-stock", "--pieces", "300")
    if stocked.returncode != 0:
        sys.exit(f"could not add demo stock: {stocked.stderr}")
    counter("sync")  # the new stock and customers reach the hub now, not in 15 s


_STOPPING: list[bool] = []


def _interrupt(_signum: int, _frame: object) -> None:
    """Stop once: a second SIGTERM or Ctrl-C (process managers send more than one) must not
    break off the cleanup that stops the hub and the sync."""
    if _STOPPING:
        return
    _STOPPING.append(True)
    raise KeyboardInterrupt


def main() -> int:
    say(f"starting the hub on embedded defaults ({HUB_DIR})")
    hub = start_hub()
    background: list[subprocess.Popen[bytes]] = [hub]
    try:
        enrol_counter()
        say("syncing the counter in the background every 15 s (boolagold counter sync --loop)")
        background.append(
            subprocess.Popen(
                [
                    BOOLAGOLD,
                    "counter",
                    "--data-dir",
                    str(COUNTER_DIR),
                    "sync",
                    "--loop",
                    "--interval",
                    "15",
                ],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
                env=counter_env(),
            )
        )
        say(f"hub: {URL}  (logins above; the owner is {OWNER[0]} / {OWNER[1]}, shop {SHOP_CODE})")
        if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
            say(f"opening the counter window (sign in as {OWNER[0]} / {OWNER[1]})")
            return subprocess.run(
                [BOOLAGOLD, "counter", "--data-dir", str(COUNTER_DIR)],
                check=False,
                env=counter_env(),
            ).returncode
        say(
            "no display here, so no counter window: the hub and the sync keep running;"
            " press Ctrl-C to stop"
        )
        # SIGTERM ends the demo as Ctrl-C does. (Setting an Event from a signal handler while
        # the main thread waits on that Event deadlocks on its lock: the handler raises instead.)
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the cleanup
        say("stopping the hub and the sync")
        for process in reversed(background):
            with_group = process.pid
            try:
                os.killpg(with_group, signal.SIGTERM)
            except ProcessLookupError:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(with_group, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
