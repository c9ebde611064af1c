"""The receipt PDF the operator gives a shop for an AMC or lifetime payment (A5, one page).

Rendered on demand from the payment row (insert-only, so the same payment always renders the
same receipt) in DejaVu Sans, so the rupee sign prints. Amounts are Indian-grouped and spelt
out in words by the kernel (`shared.words`), as on the shop's own invoices.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hub.domain.licence.fonts import BOLD, REGULAR, register_fonts
from hub.domain.licence.standing import SHOP_TIME_ZONE
from shared.money import Paise
from shared.words import amount_in_words

ISSUER_NAME: Final = "BoolaGold POS"
GREY: Final = Color(0.4, 0.4, 0.4)
MARGIN: Final = 14 * mm


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """Everything printed on a receipt (built from the payment and the shop)."""

    receipt_number: str
    kind: str
    amount: Paise
    paid_on: date
    reference: str
    period_from: date | None
    period_to: date | None
    shop_name: str
    shop_legal_name: str | None
    shop_address: str
    shop_gstin: str | None
    login_code: str | None
    recorded_by: str
    recorded_at: datetime
    note: str | None
    reverses_receipt: str | None
    """Set on a reversing entry: the receipt it cancels."""
    support_contact: str

    @property
    def title(self) -> str:
        return "Reversal of payment" if self.reverses_receipt else "Payment receipt"

    @property
    def what(self) -> str:
        if self.kind == "lifetime":
            return "Lifetime licence"
        if self.period_from and self.period_to:
            return (
                f"Annual maintenance (AMC) {self.period_from:%d-%m-%Y} to {self.period_to:%d-%m-%Y}"
            )
        return "Annual maintenance (AMC)"


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Split `text` into lines no wider than `width` (words kept whole where they fit)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and canvas.stringWidth(trial, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def render_receipt_pdf(doc: ReceiptDocument) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    width, height = A5
    canvas = Canvas(buffer, pagesize=A5, invariant=True)
    canvas.setTitle(f"{doc.title} {doc.receipt_number}")
    canvas.setAuthor(ISSUER_NAME)
    y = height - MARGIN
    canvas.setFont(BOLD, 15)
    canvas.drawString(MARGIN, y - 4 * mm, ISSUER_NAME)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, y - 9 * mm, doc.support_contact)
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 12)
    canvas.drawRightString(width - MARGIN, y - 4 * mm, doc.title.upper())
    canvas.setFont(REGULAR, 9)
    canvas.drawRightString(width - MARGIN, y - 9 * mm, f"No. {doc.receipt_number}")
    y -= 14 * mm
    canvas.line(MARGIN, y, width - MARGIN, y)
    y -= 7 * mm
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, y, "For the account of" if doc.reverses_receipt else "Received from")
    canvas.setFillColor(black)
    y -= 5 * mm
    canvas.setFont(BOLD, 11)
    canvas.drawString(MARGIN, y, doc.shop_legal_name or doc.shop_name)
    canvas.setFont(REGULAR, 9)
    details = [doc.shop_address]
    if doc.shop_gstin:
        details.append(f"GSTIN {doc.shop_gstin}")
    if doc.login_code:
        details.append(f"Shop code {doc.login_code}")
    for line in _fit(canvas, "\n".join(details), REGULAR, 9, width - 2 * MARGIN):
        y -= 4.5 * mm
        canvas.drawString(MARGIN, y, line)
    y -= 9 * mm
    rows = [
        ("For", doc.what),
        (
            "Date of reversal" if doc.reverses_receipt else "Date of payment",
            f"{doc.paid_on:%d-%m-%Y}",
        ),
        ("Reference", doc.reference),
    ]
    if doc.reverses_receipt:
        rows.append(("Cancels receipt", doc.reverses_receipt))
    if doc.note:
        rows.append(("Note", doc.note))
    label_width = 32 * mm
    for label, value in rows:
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, y, label)
        canvas.setFillColor(black)
        canvas.setFont(REGULAR, 9.5)
        lines = _fit(canvas, value, REGULAR, 9.5, width - 2 * MARGIN - label_width)
        for index, line in enumerate(lines):
            canvas.drawString(MARGIN + label_width, y - index * 4.5 * mm, line)
        y -= len(lines) * 4.5 * mm + 2.5 * mm
    y -= 4 * mm
    box_height = 20 * mm
    canvas.setStrokeColor(GREY)
    canvas.rect(MARGIN, y - box_height, width - 2 * MARGIN, box_height)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    sign = "Amount reversed" if doc.reverses_receipt else "Amount received"
    canvas.drawString(MARGIN + 4 * mm, y - 6 * mm, sign)
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 16)
    canvas.drawRightString(width - MARGIN - 4 * mm, y - 8 * mm, doc.amount.format())
    canvas.setFont(REGULAR, 8.5)
    words = _fit(canvas, amount_in_words(doc.amount), REGULAR, 8.5, width - 2 * MARGIN - 8 * mm)
    for index, line in enumerate(words[:2]):
        canvas.drawString(MARGIN + 4 * mm, y - 13.5 * mm - index * 4 * mm, line)
    y -= box_height + 10 * mm
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    recorded = doc.recorded_at.astimezone(SHOP_TIME_ZONE)
    canvas.drawString(MARGIN, y, f"Recorded by {doc.recorded_by} on {recorded:%d-%m-%Y %H:%M} IST")
    footer = (
        "Cancels the receipt named above; not a tax document."
        if doc.reverses_receipt
        else "A receipt for a payment received; not a tax invoice."
    )
    canvas.drawString(MARGIN, MARGIN, f"{footer} Computer generated: no signature.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


__all__ = ["ReceiptDocument", "render_receipt_pdf"]
