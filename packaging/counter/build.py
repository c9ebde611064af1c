"""Build the counter's one-folder bundle: what `make package-counter` and the bundle's smoke
test run, so the two never build it differently.

    python packaging/counter/build.py             # build (PyInstaller reuses build/counter/)
    python packaging/counter/build.py --if-stale  # only when a source is newer than the bundle
    python packaging/counter/build.py --archive   # and the one file a shop downloads (Linux)

The bundle goes to dist/boolagold-counter/, PyInstaller's work files to build/counter/ (both
git-ignored); its path is the last line printed. Run it with the project's environment and the
`package` dependency group (`uv sync --frozen --group package`). The build copies this machine's
shared libraries into the bundle, so build each platform's bundle on that platform.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
ROOT: Final = HERE.parents[1]
SPEC: Final = HERE / "counter.spec"
DIST: Final = ROOT / "dist"
WORK: Final = ROOT / "build" / "counter"
NAME: Final = "boolagold-counter"
BUNDLE: Final = DIST / NAME
# What the bundle is made of: a change to any of these makes it stale.
SOURCES: Final = (
    ROOT / "shared",
    ROOT / "sync",
    ROOT / "desktop",
    HERE,
    ROOT / "pyproject.toml",
    ROOT / "uv.lock",
)


def executable(bundle: Path = BUNDLE) -> Path:
    """The bundle's command (`boolagold-counter`, `.exe` on Windows)."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle / f"{NAME}{suffix}"


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (
                item
                for item in path.rglob("*")
                if item.is_file() and "__pycache__" not in item.parts
            )


def is_stale(bundle: Path = BUNDLE) -> bool:
    """True when there is no bundle or a source file changed after it was built."""
    built = executable(bundle)
    if not built.exists():
        return True
    stamp = built.stat().st_mtime
    return any(source.stat().st_mtime > stamp for source in _files(SOURCES))


def folder_size(folder: Path) -> int:
    """Bytes of every file in `folder` (what an installer unpacks); a symlink (PyInstaller links
    a library into the folder its package expects) counts once, as the file it points to."""
    return sum(
        item.stat().st_size
        for item in folder.rglob("*")
        if item.is_file() and not item.is_symlink()
    )


def build() -> Path:
    """Run PyInstaller on counter.spec and return the bundle folder."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    # PyInstaller keeps the timestamps of what it copies; mark the moment the bundle was made.
    executable().touch()
    return BUNDLE


def archive(bundle: Path = BUNDLE) -> Path:
    """The Linux download: one .tar.gz holding the bundle folder and linux/install.sh.

    (Windows has its Inno Setup installer, macOS its .app: see docs/packaging-counter.md.)
    """
    machine = platform.machine().lower() or "unknown"
    target = DIST / f"{NAME}-{version('boolagold')}-linux-{machine}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(bundle, arcname=f"{NAME}-{version('boolagold')}/{NAME}")
        tar.add(HERE / "linux" / "install.sh", arcname=f"{NAME}-{version('boolagold')}/install.sh")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--if-stale", action="store_true", help="build only when a source is newer than the bundle"
    )
    parser.add_argument(
        "--archive", action="store_true", help="also write the Linux .tar.gz with install.sh"
    )
    options = parser.parse_args(argv)
    if options.if_stale and not is_stale():
        sys.stdout.write("the bundle is up to date\n")
    else:
        started = time.monotonic()
        try:
            build()
        except subprocess.CalledProcessError as error:
            sys.stderr.write(f"error: PyInstaller failed (exit {error.returncode}); see above\n")
            return 1
        took = time.monotonic() - started
        sys.stdout.write(f"built in {took:.0f} s, {folder_size(BUNDLE) / 1_000_000:.0f} MB\n")
    if options.archive:
        packed = archive(BUNDLE)
        sys.stdout.write(f"{packed} ({packed.stat().st_size / 1_000_000:.0f} MB)\n")
    sys.stdout.write(f"{BUNDLE}\n")  # last: the smoke test reads the bundle's path from here
    return 0


if __name__ == "__main__":
    sys.exit(main())
