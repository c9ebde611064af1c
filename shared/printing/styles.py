"""Paragraph styles for each paper, built from one scale so A4, A5 and the roll stay alike.

Sizes were chosen by looking at 300 dpi renders: 7.5 pt table text on A4 and 6.5 pt on A5 stay
legible on an office laser; the roll uses 7.5 pt because thermal heads blur fine strokes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from shared.printing.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from shared.printing.paper import Paper


@dataclass(frozen=True, slots=True)
class Styles:
    """The styles one document uses; `cell*` are for table cells, `body` for running text."""

    shop_name: ParagraphStyle
    title: ParagraphStyle
    body: ParagraphStyle
    body_bold: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    total: ParagraphStyle
    total_right: ParagraphStyle
    centered: ParagraphStyle
    banner: ParagraphStyle
    table_font: str
    table_bold: str
    table_size: float


Alignment = Literal[0, 1, 2, 4]


def _style(
    name: str,
    font: str,
    size: float,
    align: Alignment = TA_LEFT,
    *,
    space_before: float = 0,
    space_after: float = 0,
    color: str = "#000000",
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * 1.22,
        alignment=align,
        spaceBefore=space_before,
        spaceAfter=space_after,
        textColor=HexColor(color),
    )


def styles_for(paper: Paper) -> Styles:
    """The style set for `paper` (fonts are registered on first use)."""
    register_fonts()
    base = {Paper.A4: 8.5, Paper.A5: 7.0, Paper.THERMAL_80: 7.5}[paper]
    cell_size = {Paper.A4: 7.5, Paper.A5: 6.3, Paper.THERMAL_80: 7.5}[paper]
    table_font = CONDENSED if paper is not Paper.THERMAL_80 else REGULAR
    table_bold = CONDENSED_BOLD if paper is not Paper.THERMAL_80 else BOLD
    centered_roll: Alignment = TA_CENTER if paper.is_roll else TA_LEFT
    title_align: Alignment = TA_CENTER if paper.is_roll else TA_RIGHT
    return Styles(
        shop_name=_style("shop", BOLD, base * 1.9, centered_roll),
        title=_style("title", BOLD, base * 1.5, title_align),
        body=_style("body", REGULAR, base),
        body_bold=_style("body_bold", BOLD, base),
        small=_style("small", REGULAR, base * 0.88),
        heading=_style("heading", BOLD, base * 1.05, space_before=base * 0.6, space_after=1),
        cell=_style("cell", table_font, cell_size),
        cell_right=_style("cell_r", table_font, cell_size, TA_RIGHT),
        cell_center=_style("cell_c", table_font, cell_size, TA_CENTER),
        cell_head=_style("cell_h", table_bold, cell_size),
        cell_head_right=_style("cell_hr", table_bold, cell_size, TA_RIGHT),
        total=_style("total", BOLD, base * 1.15),
        total_right=_style("total_r", BOLD, base * 1.15, TA_RIGHT),
        centered=_style("centered", REGULAR, base, TA_CENTER),
        banner=_style("banner", BOLD, base * 1.3, TA_CENTER, color="#b00020"),
        table_font=table_font,
        table_bold=table_bold,
        table_size=cell_size,
    )


def text(value: str | None) -> str:
    """User text made safe for a Paragraph (names may hold '&' or '<'), newlines kept."""
    return escape(value or "").replace("\n", "<br/>")
