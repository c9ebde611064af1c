"""Turn a story of flowables into PDF bytes, with "Page n of m" and the number on every page.

A multi-page A4 invoice must say on each page which invoice it belongs to and how many pages
there are (a loose second page is otherwise useless to an auditor), which needs the page count
before the footers are drawn: the canvas keeps each page's state and draws footers at save.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from shared.printing.fonts import REGULAR, register_fonts

# SimpleDocTemplate's frame pads its content by 6 pt on every side.
FRAME_PADDING = 6.0


def _canvas_class(footer_left: str, font_size: float, bottom: float) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - Canvas's own
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's, not in the stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if footer_left:
                    self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            width = self._pagesize[0]  # type: ignore[attr-defined]  # reportlab's
            self.saveState()
            self.setFont(REGULAR, font_size)
            self.setFillGray(0.35)
            self.drawString(10 * mm, bottom, footer_left)
            self.drawRightString(width - 10 * mm, bottom, f"Page {number} of {total}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    story: Sequence[Flowable],
    *,
    page_size: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    author: str,
    footer_left: str = "",
    footer_size: float = 6.5,
) -> bytes:
    """Lay `story` out on `page_size` (margins top, right, bottom, left, in points)."""
    pdf, _ = build_pdf_counting_pages(
        story,
        page_size=page_size,
        margins=margins,
        title=title,
        author=author,
        footer_left=footer_left,
        footer_size=footer_size,
    )
    return pdf


def build_pdf_counting_pages(
    story: Sequence[Flowable],
    *,
    page_size: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    author: str,
    footer_left: str = "",
    footer_size: float = 6.5,
) -> tuple[bytes, int]:
    """`build_pdf`, also returning how many pages the story took.

    The margins are the printable box exactly: platypus' frame adds 6 pt of padding inside
    the margins, so it is taken back here and a table of the full width lines up with text.
    `invariant` makes the bytes reproducible (no timestamp or random id), so a reprint of the
    same invoice is the same file.
    """
    register_fonts()
    buffer = io.BytesIO()
    top, right, bottom, left = (m - FRAME_PADDING for m in margins)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
        title=title,
        author=author,
        creator="BoolaGold POS",
        invariant=1,
    )
    document.build(
        list(story),
        canvasmaker=_canvas_class(footer_left, footer_size, max(margins[2] / 2, 2 * mm)),
    )
    return buffer.getvalue(), int(document.page)
