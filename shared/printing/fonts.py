"""The fonts every PDF uses: DejaVu Sans, embedded, so ₹ and long names print everywhere.

reportlab's standard fonts have no rupee sign and are not embedded, so a PDF written with them
shows a box on paper. The TTFs ship inside the package (shared.printing.assets.fonts) and are
found via importlib.resources, so a wheel, a bundle, the hub's container and a checkout behave
the same.
"""

from __future__ import annotations

import io
import threading
from importlib import resources
from pathlib import Path
from typing import Final

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR: Final = "DejaVuSans"
BOLD: Final = "DejaVuSans-Bold"
CONDENSED: Final = "DejaVuSansCondensed"
CONDENSED_BOLD: Final = "DejaVuSansCondensed-Bold"

_FILES: Final = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_PACKAGE: Final = "shared.printing.assets.fonts"
_lock = threading.Lock()


def font_paths() -> dict[str, Path]:
    """Where each shipped TTF is on disk (for the window's QFontDatabase; installed packages
    and bundles keep package data as real files)."""
    root = resources.files(_PACKAGE)
    return {name: Path(str(root.joinpath(filename))) for name, filename in _FILES.items()}


def _is_registered(name: str) -> bool:
    return name in pdfmetrics.getRegisteredFontNames()


def register_fonts() -> None:
    """Register the DejaVu faces with reportlab once per process (safe from any thread).

    Families are mapped so `<b>` in a Paragraph picks the bold face instead of faking it.
    """
    with _lock:
        if all(_is_registered(name) for name in _FILES):
            return
        root = resources.files(_PACKAGE)
        for name, filename in _FILES.items():
            if not _is_registered(name):
                data = root.joinpath(filename).read_bytes()
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        for family, bold in ((REGULAR, BOLD), (CONDENSED, CONDENSED_BOLD)):
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, family)
            addMapping(family, 1, 1, bold)
