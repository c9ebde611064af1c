"""The TTF the hub's PDFs (payment receipts) are written in: DejaVu Sans, which has the ₹ sign.

reportlab's built-in fonts draw the rupee sign as a box. The hub does not import the counter's
packaged fonts (desktop and hub never import each other), so it uses the system's DejaVu
(Debian/Ubuntu `fonts-dejavu-core`, Fedora `dejavu-sans-fonts`, ...) or a folder named by
BOOLAGOLD_FONT_DIR holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR: Final = "DejaVuSans"
BOLD: Final = "DejaVuSans-Bold"
FONT_DIR_ENV: Final = "BOOLAGOLD_FONT_DIR"
_FILES: Final = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
SYSTEM_FONT_DIRS: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora, RHEL
    Path("/usr/share/fonts/dejavu"),  # Alpine
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_lock = threading.Lock()


class FontsMissing(RuntimeError):
    """No DejaVu Sans on this machine: receipts cannot show the rupee sign."""


def font_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The first folder holding both faces: BOOLAGOLD_FONT_DIR, then the system's."""
    env = os.environ if environ is None else environ
    configured = env.get(FONT_DIR_ENV)
    candidates = [Path(configured)] if configured else []
    for folder in [*candidates, *SYSTEM_FONT_DIRS]:
        if all((folder / name).is_file() for name in _FILES.values()):
            return folder
    raise FontsMissing(
        "DejaVu Sans is not installed: install fonts-dejavu-core (or set "
        f"{FONT_DIR_ENV} to a folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf)"
    )


def register_fonts() -> None:
    """Register both faces with reportlab once per process (safe from any thread)."""
    with _lock:
        registered = pdfmetrics.getRegisteredFontNames()
        if all(name in registered for name in _FILES):
            return
        folder = font_dir()
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


__all__ = ["BOLD", "FONT_DIR_ENV", "REGULAR", "FontsMissing", "font_dir", "register_fonts"]
