"""The GST document on an 80 mm thermal roll: one narrow column, every figure on its own line.

A roll is 72 mm printable, too narrow for the article table, so each article becomes a small
block (description; HSN, purity and HUID; the three weights; rate, metal, making and value).
The page is as long as its content: the printer cuts after the signature line.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from shared.printing.documents import (
    CreditNoteDocument,
    DocumentLine,
    GstDocument,
    InvoiceDocument,
)
from shared.printing.formatting import grams, half_percent_bp, percent_bp, plain, rupees
from shared.printing.logo import logo_flowable
from shared.printing.sheet_layout import buyer_lines, charges_note, document_meta, shop_lines
from shared.printing.styles import Styles, text


class Rule(Flowable):
    """A dashed line across the roll, as receipt printers separate sections."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 2.5 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setDash(1.5, 1.5)
        canvas.setLineWidth(0.6)
        canvas.line(0, self.height / 2, self.width, self.height / 2)
        canvas.restoreState()


def _pairs(
    rows: list[tuple[str, str]],
    st: Styles,
    width: float,
    *,
    bold: bool = False,
    split: float = 0.55,
) -> Table:
    left = st.total if bold else st.body
    right = st.total_right if bold else st.cell_right
    return Table(
        [[Paragraph(text(label), left), Paragraph(text(value), right)] for label, value in rows],
        colWidths=[width * split, width * (1 - split)],
        style=TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    )


def _article(line: DocumentLine, st: Styles, width: float, *, is_note: bool) -> list[Flowable]:
    block: list[Flowable] = [
        Paragraph(f"<b>{line.line_no}. {text(line.description)}</b>", st.body),
    ]
    facts = [f"HSN {text(line.hsn)}", f"GST {percent_bp(line.gst_rate_bp)}"]
    if line.purity_label:
        facts.append(text(line.purity_label))
    if line.huid:
        facts.append(f"HUID <b>{text(line.huid)}</b>")
    block.append(Paragraph(" · ".join(facts), st.small))
    weights = f"Gross {grams(line.gross)} · Stone {grams(line.stone)}"
    block.append(Paragraph(f"{weights} · Net <b>{grams(line.net)}</b> g", st.small))
    rows = []
    if line.rate_per_gram:
        rows.append(("Rate per gram", rupees(line.rate_per_gram)))
    if not is_note:
        rows.append(("Metal value", rupees(line.metal_value)))
        rows.append(("Making", rupees(line.making)))
    note = charges_note(line)
    if note:
        block.append(Paragraph(note, st.small))
    rows.append(("Taxable value", rupees(line.taxable)))
    block.append(_pairs(rows, st, width))
    block.append(Spacer(1, 1.2 * mm))
    return block


def roll_story(doc: GstDocument, st: Styles, width: float) -> list[Flowable]:
    """The whole document for a roll of printable `width` points."""
    story: list[Flowable] = []
    logo = logo_flowable(doc.profile.logo, max_width=width * 0.5, max_height=14 * mm)
    if logo is not None:
        logo.hAlign = "CENTER"
        story.append(logo)
    story.append(Paragraph(text(doc.shop.name), st.shop_name))
    story.extend(Paragraph(line, st.centered) for line in shop_lines(doc))
    story += [Rule(width), Paragraph(doc.title, st.title)]
    if doc.is_cancelled:
        reason = f": {text(doc.cancel_reason)}" if doc.cancel_reason else ""
        story.append(Paragraph(f"CANCELLED{reason}", st.banner))
    story.append(_pairs(document_meta(doc), st, width, split=0.36))
    story.append(Rule(width))
    story.extend(Paragraph(line, st.body) for line in buyer_lines(doc))
    if isinstance(doc, CreditNoteDocument) and doc.reason:
        story.append(Paragraph(f"<b>Reason:</b> {text(doc.reason)}", st.body))
    story.append(Rule(width))
    is_note = isinstance(doc, CreditNoteDocument)
    for line in doc.lines:
        story.extend(_article(line, st, width, is_note=is_note))
    story.append(Rule(width))
    for row in doc.tax_rows:
        if doc.is_inter_state:
            tax = [(f"IGST {row.rate_label} on {plain(row.taxable)}", rupees(row.igst))]
        else:
            half = half_percent_bp(row.rate_bp) if row.rate_bp is not None else ""
            base = plain(row.taxable)
            tax = [
                (f"CGST {half} on {base}", rupees(row.cgst)),
                (f"SGST {half} on {base}", rupees(row.sgst)),
            ]
        story.append(_pairs(tax, st, width))
    totals = doc.totals
    story.append(Rule(width))
    foot = [("Taxable value", rupees(totals.taxable)), ("Total tax", rupees(totals.total_tax))]
    foot.append(("Round off", rupees(totals.round_off)))
    story.append(_pairs(foot, st, width))
    total_label = "CREDIT TOTAL" if is_note else "INVOICE TOTAL"
    story.append(_pairs([(total_label, rupees(totals.grand_total))], st, width, bold=True))
    if isinstance(doc, InvoiceDocument) and doc.exchange:
        story.append(Rule(width))
        story.append(Paragraph("<b>Old gold (exchange)</b>", st.body))
        for item in doc.exchange:
            story.append(
                Paragraph(
                    f"{text(item.voucher_number)} · {text(item.description)} · "
                    f"{text(item.purity_label)} · Net {grams(item.net)} g @ "
                    f"{rupees(item.rate_per_gram)}/g less {percent_bp(item.deduction_bp)}",
                    st.small,
                )
            )
            story.append(_pairs([("Voucher value", f"-{rupees(item.value)}")], st, width))
        story.append(_pairs([("NET PAYABLE", rupees(doc.net_payable))], st, width, bold=True))
    if doc.payments:
        story.append(Rule(width))
        story.append(Paragraph("<b>Refunds</b>" if is_note else "<b>Payments</b>", st.body))
        story.append(
            _pairs(
                [
                    (p.mode_label + (f" ({p.reference})" if p.reference else ""), rupees(p.amount))
                    for p in doc.payments
                ],
                st,
                width,
            )
        )
    story.append(Rule(width))
    story.append(Paragraph(text(doc.amount_in_words), st.small))
    if doc.profile.terms:
        story.append(Spacer(1, 1.5 * mm))
        story.extend(
            Paragraph(f"{index}. {text(term)}", st.small)
            for index, term in enumerate(doc.profile.terms, start=1)
        )
    story += [
        Spacer(1, 9 * mm),
        Table(
            [[Paragraph(f"For {text(doc.shop.name)}<br/>{text(doc.profile.signatory)}", st.small)]],
            colWidths=[width],
            style=TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black)]),
        ),
    ]
    if doc.profile.footer:
        story += [Spacer(1, 2 * mm), Paragraph(text(doc.profile.footer), st.centered)]
    return story
