"""The Debian packages the suite needs, and the decision whether we may install them ourselves.

A fresh CI machine has none of them, so `make test` installs them when it runs as root on Debian
or Ubuntu; anywhere else we stop with the exact command to run, because guessing at another
distribution's package manager (or asking for a sudo password mid-run) helps nobody.
The decision is a pure function of PATH, uid and /etc/os-release so it can be tested without
uninstalling anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# Servers run from /usr/sbin, which a non-root PATH often lacks.
SYSTEM_DIRS: Final = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


@dataclass(frozen=True)
class DebianPackage:
    """A package and the programs or files whose presence proves it is installed."""

    name: str
    provides: tuple[str, ...]
    why: str


MARIADB_SERVER: Final = DebianPackage(
    "mariadb-server", ("mariadbd", "mariadb-install-db"), "the MariaDB the integration tests use"
)
REDIS_SERVER: Final = DebianPackage(
    "redis-server", ("redis-server",), "the Redis the integration tests use"
)
POPPLER_UTILS: Final = DebianPackage(
    "poppler-utils", ("pdftotext",), "reads back the invoice PDFs the tests render"
)
FONTS_DEJAVU: Final = DebianPackage(
    "fonts-dejavu-core",
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
    "a font with the rupee sign for PDFs and the offscreen counter",
)

# Debian's multiarch folder for this machine's libraries (x86_64-linux-gnu, aarch64-linux-gnu).
_MULTIARCH: Final = sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu"

# The shared libraries PySide6's wheels link against but do not ship (GL, EGL, fontconfig, glib,
# xkbcommon, D-Bus): without them `import PySide6.QtGui` fails even offscreen on a bare Debian.
QT_RUNTIME: Final = tuple(
    DebianPackage(name, (f"/usr/lib/{_MULTIARCH}/{library}",), "the counter's Qt windows")
    for name, library in (
        ("libegl1", "libEGL.so.1"),
        ("libgl1", "libGL.so.1"),
        ("libfontconfig1", "libfontconfig.so.1"),
        ("libglib2.0-0", "libglib-2.0.so.0"),
        ("libxkbcommon0", "libxkbcommon.so.0"),
        ("libdbus-1-3", "libdbus-1.so.3"),
    )
)

ZBAR_TOOLS: Final = DebianPackage(
    "zbar-tools", ("zbarimg",), "decodes the barcodes and QR codes on printed jewellery tags"
)

CHROMIUM: Final = DebianPackage(
    "chromium", ("/usr/bin/chromium",), "the real browser the hub's web tests drive (Playwright)"
)

FAKETIME: Final = DebianPackage(
    "faketime", ("faketime",), "runs a counter with its clock a day behind or ahead (fault suite)"
)

SYSTEMD: Final = DebianPackage(
    "systemd", ("systemd-analyze",), "verifies the hub's systemd units (packaging/hub/systemd)"
)
MARIADB_CLIENT: Final = DebianPackage(
    "mariadb-client", ("mariadb-dump",), "`boolagold hub backup` dumps the hub's database with it"
)

BINUTILS: Final = DebianPackage(
    "binutils", ("objdump",), "PyInstaller reads the counter bundle's library dependencies with it"
)
# Qt's xcb platform plugin links these; installed where the bundle is built, they travel in it,
# so the Linux bundle opens its window on an X11 desktop that lacks them. Xvfb is that desktop
# in the bundle's smoke test.
BUNDLE_X11: Final = (
    *(
        DebianPackage(name, (f"/usr/lib/{_MULTIARCH}/{library}",), "the counter bundle on X11")
        for name, library in (
            ("libxcb-icccm4", "libxcb-icccm.so.4"),
            ("libxcb-keysyms1", "libxcb-keysyms.so.1"),
        )
    ),
    DebianPackage("xvfb", ("Xvfb",), "an X server for the counter bundle's window test"),
)

DESKTOP_FILE_UTILS: Final = DebianPackage(
    "desktop-file-utils", ("desktop-file-validate",), "checks the counter's Linux menu entry"
)

# A real Secret Service (GNOME Keyring on a private D-Bus session) for the counter bundle's
# keyring test: the backend a frozen app is known to lose.
SECRET_SERVICE: Final = (
    DebianPackage("dbus-daemon", ("dbus-run-session",), "a private D-Bus session for one test"),
    DebianPackage(
        "gnome-keyring", ("gnome-keyring-daemon",), "the Secret Service the counter bundle uses"
    ),
)

# The one list `make test` installs from.
DEBIAN_PACKAGES: Final = (
    MARIADB_SERVER,
    REDIS_SERVER,
    POPPLER_UTILS,
    FONTS_DEJAVU,
    *QT_RUNTIME,
    CHROMIUM,
    ZBAR_TOOLS,
    FAKETIME,
    SYSTEMD,
    MARIADB_CLIENT,
    BINUTILS,
    DESKTOP_FILE_UTILS,
    *BUNDLE_X11,
    *SECRET_SERVICE,
)


class PackagesMissing(RuntimeError):
    """Packages the suite needs are absent and we may not (or cannot) install them."""


def search_path(path: str | None) -> str:
    """The PATH to search for programs: the caller's, then the usual system folders."""
    dirs = [d for d in (path or "").split(os.pathsep) if d]
    dirs += [d for d in SYSTEM_DIRS if d not in dirs]
    return os.pathsep.join(dirs)


def find_program(name: str, path: str | None = None) -> str | None:
    """Where `name` is, searching PATH and the system folders (absolute names are checked as is)."""
    if Path(name).is_absolute():
        return name if os.access(name, os.X_OK) else None
    return shutil.which(name, path=search_path(os.environ.get("PATH") if path is None else path))


def missing_packages(
    packages: Iterable[DebianPackage],
    *,
    which: Callable[[str], str | None] = find_program,
    exists: Callable[[str], bool] = os.path.exists,
) -> list[DebianPackage]:
    """The packages of which some program or file is absent."""
    missing: list[DebianPackage] = []
    for package in packages:
        for item in package.provides:
            present = exists(item) if Path(item).is_absolute() else which(item) is not None
            if not present:
                missing.append(package)
                break
    return missing


def parse_os_release(text: str) -> dict[str, str]:
    """The KEY=value pairs of /etc/os-release, quotes removed."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            fields[key] = value.strip().strip("\"'")
    return fields


def is_debian_like(os_release: Mapping[str, str]) -> bool:
    """True on Debian, Ubuntu and their derivatives (apt and the same package names)."""
    ids = {os_release.get("ID", ""), *os_release.get("ID_LIKE", "").split()}
    return bool(ids & {"debian", "ubuntu"})


def install_plan(
    missing: Sequence[DebianPackage],
    *,
    uid: int,
    os_release: Mapping[str, str],
    apt_get: str | None,
) -> list[list[str]]:
    """The commands that install `missing`, or PackagesMissing saying what the user must install.

    We install only as root on Debian or Ubuntu with apt-get present; `apt-get update` comes
    first because a fresh image has empty package lists.
    """
    if not missing:
        return []
    names = sorted({package.name for package in missing})
    command = "apt-get install " + " ".join(names)
    detail = "; ".join(
        f"{package.name} ({', '.join(package.provides)}: {package.why})" for package in missing
    )
    if not is_debian_like(os_release):
        raise PackagesMissing(
            f"The test suite needs these Debian packages, which are missing: {detail}. "
            "This machine is not Debian or Ubuntu, so install their equivalents with your "
            f"package manager (on Debian: `{command}`), or point BOOLAGOLD_TEST_MARIADB_URL, "
            "BOOLAGOLD_TEST_REDIS_URL and BOOLAGOLD_TEST_S3_URL at servers you run yourself."
        )
    if uid != 0:
        raise PackagesMissing(
            f"The test suite needs these Debian packages, which are missing: {detail}. "
            f"Install them as root: `sudo {command}` (or run `make test` as root, "
            "which installs them itself)."
        )
    if apt_get is None:
        raise PackagesMissing(
            f"The test suite needs: {detail}, and apt-get is not on this machine. "
            f"Install them with `{command}` once apt-get is available."
        )
    return [
        [apt_get, "update"],
        [apt_get, "install", "-y", "--no-install-recommends", *names],
    ]


def read_os_release() -> dict[str, str]:
    """This machine's /etc/os-release (empty when there is none)."""
    for candidate in (Path("/etc/os-release"), Path("/usr/lib/os-release")):
        if candidate.exists():
            return parse_os_release(candidate.read_text(encoding="utf-8"))
    return {}


def ensure_packages(
    packages: Iterable[DebianPackage] = DEBIAN_PACKAGES,
    *,
    announce: Callable[[str], None] = print,
) -> None:
    """Install whichever of `packages` are missing, or raise PackagesMissing saying how to."""
    wanted = list(packages)
    missing = missing_packages(wanted)
    commands = install_plan(
        missing,
        uid=os.geteuid(),
        os_release=read_os_release(),
        apt_get=find_program("apt-get"),
    )
    if not commands:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in commands:
        announce("+ " + " ".join(command))
        result = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, check=False)
        if result.returncode != 0:
            raise PackagesMissing(
                f"`{' '.join(command)}` failed with exit code {result.returncode}"
            )
    still_missing = missing_packages(wanted)
    if still_missing:
        names = ", ".join(package.name for package in still_missing)
        raise PackagesMissing(f"apt-get ran but these are still missing: {names}")
