"""Where a finished PDF goes: a file the clerk chose, or the shop's printer.

Every screen that prints (invoices, credit notes, tags, the day book) ends the same way, so the
choice and its errors live here once. Printer trouble (no CUPS, no default printer, the spooler
refusing) is a message for the clerk, not a crash; the PDF is kept so nothing is lost.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.printing import PrinterError, list_printers, send_to_printer
from shared.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """What happened to a PDF: where it was written and whether it went to a printer."""

    path: Path
    printer: str | None
    sent: bool

    def describe(self) -> str:
        if self.sent:
            return f"Sent to {self.printer or 'the default printer'} (PDF kept at {self.path})."
        return f"Saved {self.path}"


def save_pdf(pdf: bytes, target: Path) -> PrintOutcome:
    """Write `pdf` to `target` (creating its folder); a refusal becomes InvalidInput."""
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
    except OSError as error:
        raise InvalidInput(f"could not save {target}: {error.strerror or error}", "path") from None
    return PrintOutcome(target, None, sent=False)


def print_pdf(
    pdf: bytes, name: str, printer: str | None, spool_dir: Path | None = None
) -> PrintOutcome:
    """Write `pdf` to a spool file and send it to `printer` (None: the system default)."""
    folder = spool_dir or Path(tempfile.gettempdir()) / "boolagold-print"
    outcome = save_pdf(pdf, folder / name)
    try:
        send_to_printer(outcome.path, printer)
    except PrinterError as error:
        raise InvalidInput(f"{error} The PDF is saved at {outcome.path}.", "printer") from None
    return PrintOutcome(outcome.path, printer, sent=True)


def printers() -> list[str]:
    """The printers the system knows ([] when there is no print system)."""
    return list_printers()
