"""Send a PDF to the operating system's printer, and say clearly when that cannot work.

The counter does not drive printers itself: CUPS (`lp`) on Linux and macOS and the shell's
"print" verb on Windows already know every installed printer and its driver. What matters at the
counter is the message when there is no printer, so the clerk knows to save the PDF instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_TIMEOUT_SECONDS = 30


class PrinterError(RuntimeError):
    """The document could not be handed to a printer; the message says why, for the clerk."""


def _lp() -> str:
    found = shutil.which("lp")
    if found is None:
        raise PrinterError(
            "no print system found (the `lp` command of CUPS is missing); "
            "save the PDF and print it from another program"
        )
    return found


def list_printers() -> list[str]:
    """Printer names CUPS knows (`lpstat -e`), or [] where there is none (and on Windows)."""
    if sys.platform == "win32":
        return []
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return []
    result = subprocess.run(
        [lpstat, "-e"], capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
    )
    if result.returncode != 0:
        return []
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def default_printer() -> str | None:
    """The system default printer's name (`lpstat -d`), or None when none is set."""
    if sys.platform == "win32":
        return None
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    result = subprocess.run(
        [lpstat, "-d"], capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
    )
    _, sep, name = result.stdout.partition(":")
    return name.strip() or None if sep and result.returncode == 0 else None


def send_to_printer(pdf_path: Path, printer_name: str | None = None) -> None:
    """Queue `pdf_path` on `printer_name` (or the default printer); raise PrinterError if not."""
    path = Path(pdf_path)
    if not path.is_file():
        raise PrinterError(f"there is no file to print at {path}")
    if sys.platform == "win32":
        _print_windows(path, printer_name)
        return
    command = [_lp()]
    if printer_name:
        command += ["-d", printer_name]
    command.append(str(path))
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise PrinterError("the print system did not answer within 30 seconds") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip() or f"exit code {result.returncode}"
        target = f"printer {printer_name!r}" if printer_name else "the default printer"
        raise PrinterError(f"could not print on {target}: {detail}")


def _print_windows(path: Path, printer_name: str | None) -> None:
    if printer_name:
        raise PrinterError(
            "on Windows the PDF goes to the default printer; make "
            f"{printer_name!r} the default printer in Windows settings, or leave it unset"
        )
    startfile = getattr(os, "startfile", None)
    if startfile is None:  # pragma: no cover - always present on Windows
        raise PrinterError("this Windows Python cannot hand files to the shell")
    try:
        startfile(str(path), "print")
    except OSError as error:
        raise PrinterError(
            f"Windows could not print the PDF ({error.strerror or error}); "
            "is a PDF reader installed and a default printer set?"
        ) from None
