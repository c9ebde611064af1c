"""The counter's one-folder bundle, started as a jeweller's PC would start it.

The bundle is built once per run (only when a source is newer than it: packaging/counter/build.py)
and every command runs with a bare environment: no PYTHONPATH, no virtualenv, no checkout on the
path, the current folder a temporary one, Qt offscreen and a temporary data folder. What a frozen
app typically loses (lazily imported modules, entry points, package metadata, data files such as
the Alembic scripts and the fonts, keyring's backends) each has a check below.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

import httpx
import pytest

from tests.hub.fixtures import LiveHub, embedded_settings, start_live_hub

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(sys.platform != "linux", reason="the bundle is built and tested on Linux"),
]

ROOT: Final = Path(__file__).resolve().parents[2]
BUILD: Final = ROOT / "packaging" / "counter" / "build.py"
SAVED: Final = ROOT / "tests" / "desktop" / "migrations" / "saved"
GSTIN: Final = "29AABCB1234C1ZA"
COMMAND_TIMEOUT: Final = 180


@dataclass(frozen=True)
class Bundle:
    """The built bundle's command and a way to run it in a bare environment."""

    command: Path
    home: Path

    @property
    def folder(self) -> Path:
        return self.command.parent

    def env(self, data_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """What a freshly logged-in user has: no Python anywhere, and no keyring session bus
        (so the terminal secret takes the private-file path a headless counter uses)."""
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "BOOLAGOLD_DATA_DIR": str(data_dir),
        }
        return {**env, **(extra or {})}

    def run(
        self,
        data_dir: Path,
        *args: str,
        extra: Mapping[str, str] | None = None,
        expect: int = 0,
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.command), *args],
            env=self.env(data_dir, extra),
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        assert done.returncode == expect, (
            f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def counter(self, data_dir: Path, *args: str) -> Any:
        """`boolagold-counter counter ARGS` and its JSON answer."""
        return json.loads(self.run(data_dir, "counter", *args).stdout)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    built = subprocess.run(
        [sys.executable, str(BUILD), "--if-stale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, f"the bundle did not build:\n{built.stdout}\n{built.stderr}"
    folder = Path(built.stdout.strip().splitlines()[-1])
    command = folder / "boolagold-counter"
    assert command.is_file(), built.stdout
    return Bundle(command=command, home=tmp_path_factory.mktemp("home"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "counter-data"


def _init(bundle: Bundle, data_dir: Path) -> None:
    bundle.counter(
        data_dir,
        "init",
        "--name",
        "Lakshmi Jewellers",
        "--address",
        "Avenue Road, Bengaluru",
        "--state-code",
        "29",
        "--gstin",
        GSTIN,
        "--owner-username",
        "owner",
        "--owner-secret",
        "1234",
    )


def test_version_and_the_parts_it_carries(bundle: Bundle, data_dir: Path) -> None:
    shown = bundle.run(data_dir, "--version").stdout
    assert shown.strip() == f"boolagold, version {version('boolagold')}"
    listed = bundle.run(data_dir, "--help").stdout
    assert "counter " in listed
    assert "quote " in listed
    # The hub is left out on purpose: asking for it says so instead of crashing.
    hub = bundle.run(data_dir, "hub", expect=1)
    assert "this installation cannot load `hub`" in hub.stderr
    internal = {path.name for path in (bundle.folder / "_internal").iterdir()}
    assert not internal & {"hub", "litestar", "uvicorn", "playwright", "pytest", "boto3"}
    assert not data_dir.exists()  # --version and --help touch no data


def test_a_scripted_day_init_rates_stock_sell_print(
    bundle: Bundle, data_dir: Path, tmp_path: Path
) -> None:
    _init(bundle, data_dir)
    assert (data_dir / "counter.db").is_file()
    bundle.counter(data_dir, "rates", "set", "gold", "916", "6450.00")
    bundle.counter(data_dir, "rates", "set", "silver", "925", "90")
    bundle.counter(
        data_dir,
        *("stock", "add", "G10001", "--metal", "gold", "--purity", "916", "--gross", "10.000"),
        *("--huid", "AB12CD", "--making", "450"),
    )
    bundle.counter(
        data_dir,
        *("stock", "add", "S20001", "--metal", "silver", "--purity", "925", "--gross", "50"),
        *("--making-mode", "flat", "--making", "500"),
    )
    draft = tmp_path / "sale.json"
    sale = {
        "buyer": {"name": "K. Das", "address": "Jayanagar", "state": "29"},
        "lines": [{"tag_code": "G10001"}, {"tag_code": "S20001"}],
        "payments": {"upi": "1.00"},
    }
    draft.write_text(json.dumps(sale), encoding="utf-8")
    estimate = bundle.counter(data_dir, "estimate", str(draft))
    payable = estimate["net_payable"]
    # 10 g of 22K at 6450 + 450/g making, 50 g of silver at 90 + 500 flat, 3 % GST.
    assert estimate["grand_total"] == "76220.00"
    sale["payments"] = {"upi": payable}
    draft.write_text(json.dumps(sale), encoding="utf-8")
    sold = bundle.counter(data_dir, "sell", str(draft))
    number = sold["invoice_number"]
    assert number.startswith("A1/")
    assert number.endswith("/00001")

    pdf = tmp_path / "invoice.pdf"
    bundle.run(data_dir, "counter", "print", number, "--out", str(pdf))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("TAX INVOICE", "Lakshmi Jewellers", number, GSTIN, "AB12CD", "76,220.00"):
        assert expected in text, f"{expected!r} is not on the printed invoice"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "DejaVuSans" in fonts.stdout  # the shipped fonts came along (the ₹ sign prints)
    roll = tmp_path / "roll.pdf"
    bundle.run(data_dir, "counter", "print", number, "--out", str(roll), "--paper", "thermal")
    assert roll.read_bytes().startswith(b"%PDF")
    verified = bundle.run(data_dir, "counter", "audit", "verify")
    assert "intact" in verified.stdout


def test_a_newer_bundle_upgrades_an_older_data_folder_with_a_backup_first(
    bundle: Bundle, data_dir: Path
) -> None:
    oldest = SAVED / "e8cae49d7c29.sqlite3"
    data_dir.mkdir()
    shutil.copyfile(oldest, data_dir / "counter.db")
    with closing(sqlite3.connect(oldest)) as saved:
        numbers = sorted(row[0] for row in saved.execute("SELECT number FROM invoice"))
    assert numbers, "the saved database has invoices to carry over"
    listed = bundle.counter(data_dir, "invoices", "list", "--json")
    assert sorted(item["number"] for item in listed) == numbers
    backups = list((data_dir / "backups").glob("counter-before-upgrade-e8cae49d7c29-*.db"))
    assert len(backups) == 1
    with closing(sqlite3.connect(data_dir / "counter.db")) as upgraded:
        (revision,) = upgraded.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision != "e8cae49d7c29"


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private X server (Xvfb on the first free display), as a Linux desktop would have."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()
    try:
        assert number, f"Xvfb did not start (exit {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("qt_platform", ["offscreen", "xcb"])
def test_the_window_starts_and_waits_for_sign_in(
    qt_platform: str,
    request: pytest.FixtureRequest,
    bundle: Bundle,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    extra = {"QT_QPA_PLATFORM": qt_platform}
    if qt_platform == "xcb":  # the bundled X11 plugin and the libraries it needs
        extra["DISPLAY"] = request.getfixturevalue("x_display")
    _init(bundle, data_dir)
    backups = data_dir / "backups"
    log = tmp_path / "window.log"
    with log.open("w", encoding="utf-8") as output:
        window = subprocess.Popen(
            [str(bundle.command)],
            env=bundle.env(data_dir, extra),
            cwd=bundle.home,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            # The window opens the folder after Qt is up, and takes the day's first backup
            # before it asks anyone to sign in: that file is the sign that it got that far.
            deadline = time.monotonic() + COMMAND_TIMEOUT
            while not any(backups.glob("counter-*.db")):
                if window.poll() is not None:
                    pytest.fail(
                        f"the window stopped (exit {window.returncode}):\n{log.read_text()}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail(f"the window took no backup:\n{log.read_text()}")
                time.sleep(0.2)
            with pytest.raises(subprocess.TimeoutExpired):
                window.wait(timeout=3)  # still up: the sign-in dialog waits for a person
        finally:
            window.terminate()
            window.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text
    assert "Could not load the Qt platform plugin" not in text, text


@pytest.fixture
def live_hub(tmp_path: Path) -> Iterator[LiveHub]:
    live = start_live_hub(embedded_settings(tmp_path / "hub"), tmp_path / "hub.log")
    try:
        yield live
    finally:
        live.process.stop()


def _enrolment_code(hub: LiveHub) -> str:
    """What the shop owner does on the hub's pages: sign in, free a seat, issue a code."""
    with httpx.Client(base_url=hub.url, timeout=30) as web:
        web.get("/api/auth/csrf")
        token = {"x-csrftoken": web.cookies.get("csrftoken") or ""}
        owner = hub.demo.owner
        login = web.post(
            "/api/auth/login",
            json={
                "shop": hub.demo.shop_code,
                "username": owner.username,
                "password": owner.password,
            },
            headers=token,
        )
        assert login.status_code == 200, login.text
        for terminal in web.get("/api/terminals").json():
            if terminal["status"] == "active":  # the demo's sample counters fill its plan
                web.post(f"/api/terminals/{terminal['id']}/revoke", headers=token)
        issued = web.post(
            "/api/enrolment-codes", json={"terminal_name": "Bundle counter"}, headers=token
        )
        assert issued.status_code == 201, issued.text
        code: str = issued.json()["code"]
        return code


@pytest.mark.integration
def test_enrol_stores_the_terminal_secret_and_sync_reads_it_back(
    bundle: Bundle, data_dir: Path, live_hub: LiveHub
) -> None:
    trust = {"BOOLAGOLD_LICENCE_TRUST": os.environ["BOOLAGOLD_LICENCE_TRUST"]}
    code = _enrolment_code(live_hub)
    enrolled = bundle.run(data_dir, "counter", "enroll", "--hub", live_hub.url, code, extra=trust)
    answer = json.loads(enrolled.stdout)
    # No D-Bus session here: the explicitly chosen Secret Service backend is not usable, so the
    # secret goes to the counter's private file, with the warning a person would see.
    secret_file = data_dir / "terminal-secret"
    assert answer["secret_stored_in"] == str(secret_file)
    assert "no system keyring is available" in enrolled.stderr
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    terminal_id, secret = secret_file.read_text(encoding="utf-8").splitlines()
    assert terminal_id == answer["terminal_id"]
    assert len(secret) >= 32
    # A sync authenticates with the stored secret: the hub accepting it proves the read-back.
    synced = bundle.run(data_dir, "counter", "sync", extra=trust)
    status = json.loads(synced.stdout)
    assert status["online"] is True
    assert status["refused"] is False
    # The hub's licence came with the enrolment; the bundle verifies its signature (Ed25519),
    # trusting the suite's key only because the environment says so: its shipped keys alone
    # refuse it.
    trusted = json.loads(bundle.run(data_dir, "counter", "licence", extra=trust).stdout)
    assert (trusted["state"], trusted["may_issue"], trusted["source"]) == ("ok", True, "hub")
    shipped_only = json.loads(bundle.run(data_dir, "counter", "licence").stdout)
    assert shipped_only["may_issue"] is False
    assert "unknown key" in shipped_only["problem"]
    # And a wrong secret is refused by the same hub (the check above can fail).
    secret_file.write_text(f"{terminal_id}\n{'x' * len(secret)}\n", encoding="utf-8")
    refused = bundle.run(data_dir, "counter", "sync", extra=trust, expect=4)
    assert json.loads(refused.stdout)["refused"] is True


SESSION_SCRIPT: Final = """
set -eu
printf '%s' bundle-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$BUNDLE" counter enroll --hub "$HUB" "$CODE" >"$OUT/enroll.json" 2>"$OUT/enroll.err"
"$BUNDLE" counter sync >"$OUT/sync.json" 2>"$OUT/sync.err"
"""


@pytest.mark.integration
def test_with_a_secret_service_the_terminal_secret_lives_in_the_keyring(
    bundle: Bundle, data_dir: Path, live_hub: LiveHub, tmp_path: Path
) -> None:
    # A desktop session's keyring: GNOME Keyring on a private D-Bus session bus.
    out = tmp_path / "out"
    out.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    extra = {
        "BOOLAGOLD_LICENCE_TRUST": os.environ["BOOLAGOLD_LICENCE_TRUST"],
        "HOME": str(home),
        "BUNDLE": str(bundle.command),
        "HUB": live_hub.url,
        "CODE": _enrolment_code(live_hub),
        "OUT": str(out),
    }
    session = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SESSION_SCRIPT],
        env=bundle.env(data_dir, extra),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    errors = "".join(path.read_text() for path in sorted(out.glob("*.err")))
    assert session.returncode == 0, f"{session.stderr}\n{errors}"
    enrolled = json.loads((out / "enroll.json").read_text())
    assert enrolled["secret_stored_in"].startswith("the system keyring (")
    assert "SecretService" in enrolled["secret_stored_in"]
    assert "warning" not in errors
    assert not (data_dir / "terminal-secret").exists()  # nothing on disk: the keyring has it
    status = json.loads((out / "sync.json").read_text())
    assert status["online"] is True  # the hub took the secret read back from the keyring
    assert status["refused"] is False


def test_the_linux_install_puts_a_menu_entry_and_keeps_data_on_uninstall(
    bundle: Bundle, tmp_path: Path
) -> None:
    install = ROOT / "packaging" / "counter" / "linux" / "install.sh"
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["sh", str(install), *args], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done

    sh(str(bundle.folder))
    program = home / ".local" / "opt" / "boolagold-counter" / "boolagold-counter"
    entry = home / ".local" / "share" / "applications" / "boolagold-counter.desktop"
    assert (home / ".local" / "bin" / "boolagold-counter").resolve() == program
    assert f"Exec={program}\n" in entry.read_text(encoding="utf-8")
    icon = home / ".local/share/icons/hicolor/256x256/apps/boolagold-counter.png"
    assert icon.read_bytes().startswith(b"\x89PNG")
    for desktop_file in (entry, ROOT / "packaging" / "counter" / "boolagold-counter.desktop"):
        checked = subprocess.run(
            ["desktop-file-validate", str(desktop_file)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    # The installed program keeps its data in the user's data folder, not beside itself.
    run_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    created = subprocess.run(
        [
            *(str(program), "counter", "init", "--name", "Shop", "--address", "Road"),
            *("--state-code", "29", "--owner-username", "owner", "--owner-secret", "1234"),
        ],
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    data = home / ".local" / "share" / "BoolaGold" / "counter.db"
    assert json.loads(created.stdout)["data_dir"] == str(data.parent)
    assert data.is_file()
    assert not list(program.parent.rglob("counter.db"))

    sh(str(bundle.folder))  # installing again (an upgrade) keeps the data too
    sh("--uninstall")
    assert not program.parent.exists()
    assert not entry.exists()
    assert data.is_file()
