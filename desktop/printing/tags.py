"""Jewellery tags: the tag code as Code128, HUID, purity, weights, and an optional QR code.

Two kinds of stock are common in Indian showrooms: dumbbell ("butterfly") tags, a continuous
roll of 95 x 12 mm tags whose two end flaps are printed and folded round the string, and
50 x 25 mm labels on A4 sheets. Both are `TagStock` presets, and any other size is a
`TagStock.custom(...)`. Text is shrunk to fit its box down to a legible minimum and then cut
with an ellipsis, so a long description never runs over the barcode.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128Auto
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from shared.errors import InvalidInput
from shared.money import Milligrams
from shared.printing.fonts import CONDENSED, CONDENSED_BOLD, register_fonts
from shared.printing.formatting import grams

# Below this a 300 dpi tag printer smears condensed type; text is cut instead of shrunk further.
MIN_FONT_SIZE = 4.6
# The narrowest Code128 module that 300 dpi printers and counter scanners handle (about 0.17 mm).
MIN_MODULE = 0.17 * mm
MAX_MODULE = 0.33 * mm


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Labels on a cut sheet: a grid of `columns` x `rows` from the top-left corner."""

    columns: int
    rows: int
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    left_mm: float = 5.0
    top_mm: float = 11.0
    gap_x_mm: float = 0.0
    gap_y_mm: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True, slots=True)
class TagStock:
    """A tag or label size in millimetres.

    `flap_mm` set: a dumbbell tag, printed on its two end flaps of that width (the middle is the
    string loop). `sheet` set: labels on sheets; otherwise a continuous roll, one tag per page.
    """

    name: str
    width_mm: float
    height_mm: float
    flap_mm: float | None = None
    sheet: SheetLayout | None = None

    DUMBBELL_95X12: ClassVar[TagStock]
    LABEL_50X25: ClassVar[TagStock]

    def __post_init__(self) -> None:
        if not (15 <= self.width_mm <= 150 and 8 <= self.height_mm <= 100):
            raise InvalidInput(
                f"a tag of {self.width_mm:g} x {self.height_mm:g} mm is outside what we print "
                "(15 to 150 mm wide, 8 to 100 mm high)"
            )
        if self.flap_mm is not None and not 12 <= self.flap_mm <= self.width_mm / 2:
            raise InvalidInput(
                f"a dumbbell flap of {self.flap_mm:g} mm does not fit a {self.width_mm:g} mm tag"
            )
        sheet = self.sheet
        if sheet is not None:
            across = sheet.left_mm + sheet.columns * (self.width_mm + sheet.gap_x_mm)
            down = sheet.top_mm + sheet.rows * (self.height_mm + sheet.gap_y_mm)
            if sheet.columns < 1 or sheet.rows < 1:
                raise InvalidInput("a label sheet needs at least one row and one column")
            if across - sheet.gap_x_mm > sheet.page_width_mm + 0.01 or (
                down - sheet.gap_y_mm > sheet.page_height_mm + 0.01
            ):
                raise InvalidInput(
                    f"{sheet.columns} x {sheet.rows} labels of {self.width_mm:g} x "
                    f"{self.height_mm:g} mm do not fit the sheet"
                )

    @classmethod
    def custom(
        cls,
        width_mm: float,
        height_mm: float,
        *,
        flap_mm: float | None = None,
        sheet: SheetLayout | None = None,
        name: str = "custom",
    ) -> TagStock:
        return cls(name, width_mm, height_mm, flap_mm, sheet)

    @classmethod
    def parse(cls, text: str) -> TagStock:
        """ "dumbbell", "butterfly", "label", or a size "WxH" in mm (a continuous roll)."""
        key = text.strip().lower()
        if key in {"dumbbell", "butterfly", "95x12"}:
            return cls.DUMBBELL_95X12
        if key in {"label", "50x25"}:
            return cls.LABEL_50X25
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)", key)
        if match is None:
            raise InvalidInput(
                f"{text!r} is not a tag stock; choose dumbbell, label, or a size such as 60x30"
            )
        return cls.custom(float(match[1]), float(match[2]))


TagStock.DUMBBELL_95X12 = TagStock("dumbbell 95x12", 95, 12, flap_mm=30)
TagStock.LABEL_50X25 = TagStock("label 50x25", 50, 25, sheet=SheetLayout(columns=4, rows=11))


@dataclass(frozen=True, slots=True)
class TagPiece:
    """What a BIS-compliant tag shows for one piece (DOMAIN.md, "A tag shows")."""

    tag_code: str
    description: str
    metal: str
    purity_label: str
    gross: Milligrams
    stone: Milligrams
    net: Milligrams
    huid: str | None = None


def _fit(text: str, font: str, width: float, size: float) -> tuple[str, float]:
    """Shrink to fit `width` down to MIN_FONT_SIZE, then cut with an ellipsis."""
    while size > MIN_FONT_SIZE and stringWidth(text, font, size) > width:
        size -= 0.2
    size = max(size, MIN_FONT_SIZE)
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def _line(
    canvas: Canvas, text: str, x: float, y: float, width: float, *, bold: bool, size: float
) -> None:
    font = CONDENSED_BOLD if bold else CONDENSED
    fitted, fitted_size = _fit(text, font, width, size)
    canvas.setFont(font, fitted_size)
    canvas.drawString(x, y, fitted)


def _barcode(canvas: Canvas, code: str, box: tuple[float, float, float, float]) -> None:
    """Code128 of `code` in `box` (x, y, width, height), as wide as the box allows within
    scanner-friendly module sizes."""
    x, y, width, height = box
    probe = Code128Auto(code, barWidth=1, barHeight=height, quiet=1, lquiet=10, rquiet=10)
    module = max(MIN_MODULE, min(MAX_MODULE, width / probe.width))
    quiet = 10 * module
    barcode = Code128Auto(
        code, barWidth=module, barHeight=height, quiet=1, lquiet=quiet, rquiet=quiet
    )
    barcode.drawOn(canvas, x + max(0.0, (width - barcode.width) / 2), y)


def _qr(canvas: Canvas, value: str, x: float, y: float, side: float) -> None:
    widget = QrCodeWidget(value, barLevel="M", barBorder=0)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _mark(piece: TagPiece) -> str:
    """ "22K916" for gold; other metals say which ("Silver 925")."""
    if piece.metal == "gold":
        return piece.purity_label
    return f"{piece.metal.title()} {piece.purity_label}"


def _lines(piece: TagPiece, *, narrow: bool) -> list[tuple[str, bool]]:
    """The text lines of a tag, bold or not; a narrow box gets one fact per line."""
    huid = f"HUID {piece.huid}" if piece.huid else ""
    stone = f"S {grams(piece.stone)}" if piece.stone else ""
    if narrow:
        lines = [(_mark(piece), True), (huid, True), (f"G {grams(piece.gross)}", False)]
        if stone:
            lines.append((stone, False))
        lines.append((f"N {grams(piece.net)} g", False))
        return [(line, bold) for line, bold in lines if line]
    first = "  ".join(part for part in (_mark(piece), huid) if part)
    weights = "  ".join(part for part in (f"G {grams(piece.gross)}", stone) if part)
    return [
        (first, True),
        (f"{weights}  N {grams(piece.net)} g", False),
        (piece.description, False),
    ]


def _draw_dumbbell(
    canvas: Canvas,
    piece: TagPiece,
    stock: TagStock,
    origin: tuple[float, float],
    *,
    with_qr: bool,
) -> None:
    x0, y0 = origin
    assert stock.flap_mm is not None
    flap = stock.flap_mm * mm
    height = stock.height_mm * mm
    pad = 0.8 * mm
    # Left flap: the barcode over the tag code.
    code_size = 5.6
    bars = (
        x0 + pad,
        y0 + pad + code_size + 0.6,
        flap - 2 * pad,
        height - 2 * pad - code_size - 0.8,
    )
    _barcode(canvas, piece.tag_code, bars)
    canvas.setFont(CONDENSED_BOLD, code_size)
    canvas.drawCentredString(x0 + flap / 2, y0 + pad + 0.6, piece.tag_code)
    # Right flap: purity and HUID, weights, description (and the QR on its outer end).
    right_x = x0 + stock.width_mm * mm - flap + pad
    text_width = flap - 2 * pad
    if with_qr:
        side = height - 2 * pad
        _qr(canvas, piece.tag_code, x0 + stock.width_mm * mm - pad - side, y0 + pad, side)
        text_width -= side + pad
    lines = _lines(piece, narrow=text_width < 22 * mm)
    step = (height - 2 * pad) / len(lines)
    size = min(6.4, step / 1.12)
    for index, (line, bold) in enumerate(lines):
        baseline = y0 + height - pad - step * (index + 1) + step * 0.22
        _line(canvas, line, right_x, baseline, text_width, bold=bold, size=size)


def _draw_label(
    canvas: Canvas,
    piece: TagPiece,
    stock: TagStock,
    origin: tuple[float, float],
    *,
    with_qr: bool,
) -> None:
    x0, y0 = origin
    width = stock.width_mm * mm
    height = stock.height_mm * mm
    pad = 1.5 * mm
    inner = width - 2 * pad
    first, weights, description = (line for line, _ in _lines(piece, narrow=False))
    text_lines = [(description, True, 7.0), (first, True, 7.0), (weights, False, 6.6)]
    line_step = min(3.1 * mm, (height * 0.5) / len(text_lines))
    text_block = line_step * len(text_lines)
    code_size = 6.4
    code_height = height - 2 * pad - text_block - code_size - 1.2
    bar_width = inner
    if with_qr:
        side = min(height - 2 * pad, inner * 0.4)
        _qr(canvas, piece.tag_code, x0 + width - pad - side, y0 + height - pad - side, side)
        bar_width = inner - side - pad
    top = y0 + height - pad
    _barcode(canvas, piece.tag_code, (x0 + pad, top - code_height, bar_width, code_height))
    canvas.setFont(CONDENSED_BOLD, code_size)
    canvas.drawCentredString(
        x0 + pad + bar_width / 2, top - code_height - code_size, piece.tag_code
    )
    text_width = bar_width if with_qr else inner
    for index, (line, bold, size) in enumerate(text_lines):
        baseline = y0 + pad + line_step * (len(text_lines) - 1 - index) + 0.4
        _line(
            canvas,
            line,
            x0 + pad,
            baseline,
            text_width if index < 2 else inner,
            bold=bold,
            size=size,
        )


def _draw(
    canvas: Canvas,
    piece: TagPiece,
    stock: TagStock,
    origin: tuple[float, float],
    *,
    with_qr: bool,
) -> None:
    if stock.flap_mm is not None:
        _draw_dumbbell(canvas, piece, stock, origin, with_qr=with_qr)
    else:
        _draw_label(canvas, piece, stock, origin, with_qr=with_qr)


def render_tags_pdf(
    pieces: Sequence[TagPiece],
    stock: TagStock = TagStock.DUMBBELL_95X12,
    with_qr: bool = False,
) -> bytes:
    """Tags for `pieces` in order: one page per tag on a roll, or filled sheets of labels."""
    if not pieces:
        raise InvalidInput("choose at least one piece to print tags for")
    register_fonts()
    buffer = io.BytesIO()
    tag_size = (stock.width_mm * mm, stock.height_mm * mm)
    sheet = stock.sheet
    page_size = (sheet.page_width_mm * mm, sheet.page_height_mm * mm) if sheet else tag_size
    canvas = Canvas(buffer, pagesize=page_size, invariant=1)
    canvas.setTitle(f"Tags ({len(pieces)})")
    canvas.setCreator("BoolaGold POS")
    if sheet is None:
        for piece in pieces:
            _draw(canvas, piece, stock, (0, 0), with_qr=with_qr)
            canvas.showPage()
    else:
        for index, piece in enumerate(pieces):
            slot = index % sheet.per_sheet
            if index and slot == 0:
                canvas.showPage()
            row, column = divmod(slot, sheet.columns)
            x = (sheet.left_mm + column * (stock.width_mm + sheet.gap_x_mm)) * mm
            y = (
                page_size[1]
                - (sheet.top_mm + (row + 1) * stock.height_mm + row * sheet.gap_y_mm) * mm
            )
            _draw(canvas, piece, stock, (x, y), with_qr=with_qr)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
