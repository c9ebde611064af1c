"""Render an invoice or a credit note to PDF bytes on the chosen paper.

Callers (the CLI's `print`, the window's print dialog) get bytes and decide where they go: a
file, the counter's printer (`desktop.printing.printer`), or the hub's invoice archive.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from shared.printing.documents import CreditNoteDocument, GstDocument, InvoiceDocument
from shared.printing.paper import THERMAL_PRINTABLE, THERMAL_WIDTH, Paper
from shared.printing.pdf_build import build_pdf, build_pdf_counting_pages
from shared.printing.roll_layout import roll_story
from shared.printing.sheet_layout import sheet_story
from shared.printing.styles import styles_for

_SHEET_MARGIN = {Paper.A4: 11 * mm, Paper.A5: 7 * mm}
# The roll's page is sized to its content; a little slack keeps the last line off the cut.
_ROLL_SLACK = 12 * mm
_ROLL_SIDE = (THERMAL_WIDTH - THERMAL_PRINTABLE) / 2
_ROLL_ATTEMPTS = 8


def _story_height(story: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in story:
        _, height = flowable.wrap(width, 10_000 * mm)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def render_document_pdf(doc: GstDocument, paper: Paper = Paper.A4) -> bytes:
    """Any GST document on `paper`; the invoice and credit-note functions name the intent."""
    paper = Paper.parse(paper)
    st = styles_for(paper)
    title = f"{doc.title.title()} {doc.number}"
    author = doc.shop.name
    if paper.is_roll:
        width = THERMAL_PRINTABLE
        height = _story_height(roll_story(doc, st, width), width) + _ROLL_SLACK
        # The estimate ignores a few paddings; grow the roll until it is one page.
        for _ in range(_ROLL_ATTEMPTS):
            pdf, pages = build_pdf_counting_pages(
                roll_story(doc, st, width),
                page_size=(THERMAL_WIDTH, height),
                margins=(4 * mm, _ROLL_SIDE, 4 * mm, _ROLL_SIDE),
                title=title,
                author=author,
            )
            if pages == 1:
                break
            height += _ROLL_SLACK * pages
        return pdf
    margin = _SHEET_MARGIN[paper]
    page_width, _ = paper.page_size
    width = page_width - 2 * margin
    return build_pdf(
        sheet_story(doc, paper, st, width),
        page_size=paper.page_size,
        margins=(margin, margin, margin + 3 * mm, margin),
        title=title,
        author=author,
        footer_left=f"{doc.title.title()} {doc.number} · {doc.shop.name}",
    )


def render_invoice_pdf(doc: InvoiceDocument, paper: Paper = Paper.A4) -> bytes:
    """The tax invoice as PDF bytes (A4, A5 or 80 mm roll)."""
    return render_document_pdf(doc, paper)


def render_credit_note_pdf(doc: CreditNoteDocument, paper: Paper = Paper.A4) -> bytes:
    """The credit note as PDF bytes (A4, A5 or 80 mm roll)."""
    return render_document_pdf(doc, paper)
