"""The GST document laid out on a cut sheet (A4 or A5), as platypus flowables.

Top to bottom: supplier and document header, buyer and supply details, the article table (its
header row repeats on every page), tax summary by rate, totals with round-off, old gold netted
off, payments, amount in words, terms and the signature block. A5 stacks weights and purity into
fewer columns so nothing is cut; long names wrap inside their cells.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from shared.money import Milligrams, Paise
from shared.printing.documents import (
    CreditNoteDocument,
    DocumentLine,
    GstDocument,
    InvoiceDocument,
    TaxRow,
)
from shared.printing.formatting import (
    date_text,
    grams,
    half_percent_bp,
    percent_bp,
    plain,
    rupees,
)
from shared.printing.logo import logo_flowable
from shared.printing.paper import Paper
from shared.printing.styles import Styles, text

GRID = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)


def grid_style(*extra: tuple[Any, ...]) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
            *extra,
        ]
    )


def shop_lines(doc: GstDocument) -> list[str]:
    """The supplier's address and registration lines, as markup."""
    shop = doc.shop
    address = text(shop.address) + (f" - {text(shop.pincode)}" if shop.pincode else "")
    lines = [address]
    contact = " · ".join(
        part for part in (f"Ph: {text(shop.phone)}" if shop.phone else "", text(shop.email)) if part
    )
    if contact:
        lines.append(contact)
    ids = [f"<b>GSTIN:</b> {text(shop.gstin)}" if shop.gstin else "<b>GSTIN:</b> unregistered"]
    if shop.pan:
        ids.append(f"<b>PAN:</b> {text(shop.pan)}")
    ids.append(f"<b>State:</b> {text(shop.state_name)} ({text(shop.state_code)})")
    lines.append("  ".join(ids))
    if shop.legal_name and shop.legal_name != shop.name:
        lines.insert(0, text(shop.legal_name))
    return lines


def document_meta(doc: GstDocument) -> list[tuple[str, str]]:
    """Number, date and supply facts, as label/value pairs."""
    kind = "Credit note no." if isinstance(doc, CreditNoteDocument) else "Invoice no."
    rows = [
        (kind, doc.number),
        ("Date", f"{date_text(doc.document_date)} {doc.issued_at_local:%H:%M}"),
        ("Place of supply", f"{doc.place_of_supply_name} ({doc.place_of_supply_code})"),
        ("Supply", "Inter-state (IGST)" if doc.is_inter_state else "Intra-state (CGST + SGST)"),
        ("Reverse charge", "Yes" if doc.reverse_charge else "No"),
    ]
    if isinstance(doc, CreditNoteDocument):
        against = doc.against_invoice_number
        if doc.against_invoice_date is not None:
            against += f" dated {date_text(doc.against_invoice_date)}"
        rows.insert(2, ("Against invoice", against))
    if doc.prepared_by:
        rows.append(("Billed by", doc.prepared_by))
    return rows


def _header(doc: GstDocument, st: Styles, width: float) -> list[Flowable]:
    left: list[Flowable] = []
    logo = logo_flowable(doc.profile.logo, max_width=width * 0.22, max_height=18 * mm)
    if logo is not None:
        left.append(logo)
    left.append(Paragraph(text(doc.shop.name), st.shop_name))
    left.extend(Paragraph(line, st.small) for line in shop_lines(doc))
    meta = Table(
        [
            [Paragraph(text(label), st.cell_head), Paragraph(text(value), st.cell)]
            for label, value in document_meta(doc)
        ],
        colWidths=[width * 0.16, width * 0.28],
        style=grid_style(("BACKGROUND", (0, 0), (0, -1), SHADE)),
    )
    right: list[Flowable] = [Paragraph(doc.title, st.title), Spacer(1, 2 * mm), meta]
    header = Table(
        [[left, right]],
        colWidths=[width * 0.56, width * 0.44],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story: list[Flowable] = [header]
    if doc.is_cancelled:
        reason = f": {text(doc.cancel_reason)}" if doc.cancel_reason else ""
        story.append(Paragraph(f"CANCELLED{reason}", st.banner))
    return story


def buyer_lines(doc: GstDocument) -> list[str]:
    buyer = doc.buyer
    lines = [f"<b>{text(buyer.name) or 'Walk-in customer'}</b>"]
    if buyer.address:
        lines.append(text(buyer.address))
    if buyer.phone:
        lines.append(f"Ph: {text(buyer.phone)}")
    if buyer.gstin:
        lines.append(f"<b>GSTIN:</b> {text(buyer.gstin)}")
    if buyer.pan:
        lines.append(f"<b>PAN:</b> {text(buyer.pan)}")
    if buyer.state_code:
        lines.append(f"<b>State:</b> {text(buyer.state_name)} ({text(buyer.state_code)})")
    return lines


def _buyer(doc: GstDocument, st: Styles, width: float) -> Flowable:
    heading = "Credit to" if isinstance(doc, CreditNoteDocument) else "Bill to"
    cell: list[Flowable] = [Paragraph(heading, st.cell_head)]
    cell.extend(
        Paragraph(line, st.body if i == 0 else st.small) for i, line in enumerate(buyer_lines(doc))
    )
    if isinstance(doc, CreditNoteDocument) and doc.reason:
        cell.append(Paragraph(f"<b>Reason:</b> {text(doc.reason)}", st.body))
    return Table([[cell]], colWidths=[width], style=grid_style())


def charges_note(line: DocumentLine) -> str:
    """Parts of the value that have no column: wastage, stones, hallmarking, discount."""
    parts = []
    if line.wastage:
        parts.append(f"Wastage {rupees(line.wastage)}")
    if line.stone_value:
        parts.append(f"Stones {rupees(line.stone_value)}")
    if line.hallmark:
        parts.append(f"Hallmarking {rupees(line.hallmark)}")
    if line.discount:
        parts.append(f"Discount -{rupees(line.discount)}")
    return " · ".join(parts)


def _description(line: DocumentLine, st: Styles, *, with_purity: bool) -> list[Flowable]:
    cell: list[Flowable] = [Paragraph(text(line.description), st.cell)]
    extra = []
    if with_purity and line.purity_label:
        extra.append(text(line.purity_label))
    if line.huid:
        extra.append(f"HUID <b>{text(line.huid)}</b>")
    if extra:
        cell.append(Paragraph(" · ".join(extra), st.cell))
    note = charges_note(line)
    if note:
        cell.append(Paragraph(note, st.cell))
    return cell


def _lines_table(doc: GstDocument, st: Styles, width: float, paper: Paper) -> Table:
    head, right = st.cell_head, st.cell_head_right
    is_note = isinstance(doc, CreditNoteDocument)
    value_head = "Taxable ₹"
    if paper is Paper.A4:
        fractions = [0.035, 0.235, 0.065, 0.07, 0.07, 0.065, 0.07, 0.08, 0.095, 0.09, 0.125]
        header: list[object] = [
            Paragraph("#", head),
            Paragraph("Description", head),
            Paragraph("HSN", head),
            Paragraph("Purity", head),
            Paragraph("Gross g", right),
            Paragraph("Stone g", right),
            Paragraph("Net g", right),
            Paragraph("Rate ₹/g", right),
            Paragraph("Metal ₹", right),
            Paragraph("Making ₹", right),
            Paragraph(value_head, right),
        ]
        rows: list[list[object]] = [header]
        for line in doc.lines:
            rows.append(
                [
                    Paragraph(str(line.line_no), st.cell),
                    _description(line, st, with_purity=False),
                    Paragraph(text(line.hsn), st.cell),
                    Paragraph(text(line.purity_label or "-"), st.cell),
                    Paragraph(grams(line.gross), st.cell_right),
                    Paragraph(grams(line.stone), st.cell_right),
                    Paragraph(grams(line.net), st.cell_right),
                    Paragraph(_or_dash(line.rate_per_gram), st.cell_right),
                    Paragraph("-" if is_note else plain(line.metal_value), st.cell_right),
                    Paragraph("-" if is_note else plain(line.making), st.cell_right),
                    Paragraph(plain(line.taxable), st.cell_right),
                ]
            )
    else:
        fractions = [0.035, 0.305, 0.075, 0.11, 0.1, 0.13, 0.11, 0.135]
        header = [
            Paragraph("#", head),
            Paragraph("Description · purity · HUID", head),
            Paragraph("HSN", head),
            Paragraph("Weight g", right),
            Paragraph("Rate ₹/g", right),
            Paragraph("Metal ₹", right),
            Paragraph("Making ₹", right),
            Paragraph(value_head, right),
        ]
        rows = [header]
        for line in doc.lines:
            weights = (
                f"G {grams(line.gross)}<br/>S {grams(line.stone)}<br/>N <b>{grams(line.net)}</b>"
            )
            rows.append(
                [
                    Paragraph(str(line.line_no), st.cell),
                    _description(line, st, with_purity=True),
                    Paragraph(text(line.hsn), st.cell),
                    Paragraph(weights, st.cell_right),
                    Paragraph(_or_dash(line.rate_per_gram), st.cell_right),
                    Paragraph("-" if is_note else plain(line.metal_value), st.cell_right),
                    Paragraph("-" if is_note else plain(line.making), st.cell_right),
                    Paragraph(plain(line.taxable), st.cell_right),
                ]
            )
    gross = sum((line.gross.value for line in doc.lines), 0)
    net = sum((line.net.value for line in doc.lines), 0)
    total_row: list[object] = [""] * len(fractions)
    total_row[1] = Paragraph(f"<b>{len(doc.lines)} article(s)</b>", st.cell)
    if paper is Paper.A4:
        total_row[4] = Paragraph(f"<b>{grams(Milligrams(gross))}</b>", st.cell_right)
        total_row[6] = Paragraph(f"<b>{grams(Milligrams(net))}</b>", st.cell_right)
    total_row[-1] = Paragraph(f"<b>{plain(doc.totals.taxable)}</b>", st.cell_right)
    rows.append(total_row)
    return Table(
        rows,
        colWidths=[width * f for f in fractions],
        repeatRows=1,
        style=grid_style(
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ),
    )


def _or_dash(amount: Paise) -> str:
    return plain(amount) if amount else "-"


def tax_table(doc: GstDocument, st: Styles, width: float) -> Table:
    """Tax by rate: CGST and SGST (half the rate each) or IGST, and the tax in all."""
    head, right = st.cell_head, st.cell_head_right
    if doc.is_inter_state:
        header = ["GST rate", "Taxable ₹", "IGST ₹", "Total tax ₹"]
        rows: list[list[object]] = [
            [Paragraph(header[0], head), *(Paragraph(h, right) for h in header[1:])]
        ]
        for row in doc.tax_rows:
            rows.append(
                [
                    Paragraph(text(row.rate_label), st.cell),
                    Paragraph(plain(row.taxable), st.cell_right),
                    Paragraph(plain(row.igst), st.cell_right),
                    Paragraph(plain(row.total_tax), st.cell_right),
                ]
            )
        fractions = [0.25, 0.25, 0.25, 0.25]
    else:
        header = ["GST rate", "Taxable ₹", "CGST", "CGST ₹", "SGST", "SGST ₹", "Total tax ₹"]
        rows = [[Paragraph(header[0], head), *(Paragraph(h, right) for h in header[1:])]]
        for row in doc.tax_rows:
            half = _half_label(row)
            rows.append(
                [
                    Paragraph(text(row.rate_label), st.cell),
                    Paragraph(plain(row.taxable), st.cell_right),
                    Paragraph(half, st.cell_right),
                    Paragraph(plain(row.cgst), st.cell_right),
                    Paragraph(half, st.cell_right),
                    Paragraph(plain(row.sgst), st.cell_right),
                    Paragraph(plain(row.total_tax), st.cell_right),
                ]
            )
        fractions = [0.14, 0.17, 0.1, 0.16, 0.1, 0.16, 0.17]
    return Table(
        rows,
        colWidths=[width * f for f in fractions],
        style=grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE)),
    )


def _half_label(row: TaxRow) -> str:
    """The CGST/SGST share of the row's rate ("3%" -> "1.5%"); "-" on a combined row."""
    return half_percent_bp(row.rate_bp) if row.rate_bp is not None else "-"


def totals_rows(doc: GstDocument) -> list[tuple[str, str, bool]]:
    """(label, amount, emphasised) lines of the foot, in print order."""
    totals = doc.totals
    rows = [("Taxable value", rupees(totals.taxable), False)]
    if doc.is_inter_state:
        rows.append(("IGST", rupees(totals.igst), False))
    else:
        rows.append(("CGST", rupees(totals.cgst), False))
        rows.append(("SGST", rupees(totals.sgst), False))
    rows.append(("Round off", rupees(totals.round_off), False))
    label = "Credit note total" if isinstance(doc, CreditNoteDocument) else "Invoice total"
    rows.append((label, rupees(totals.grand_total), True))
    if isinstance(doc, InvoiceDocument) and doc.exchange:
        rows.append(("Less: old gold (exchange)", f"-{rupees(doc.old_gold_value)}", False))
        rows.append(("Net payable", rupees(doc.net_payable), True))
    return rows


def _totals(doc: GstDocument, st: Styles, width: float) -> Table:
    rows = [
        [
            Paragraph(f"<b>{label}</b>" if strong else label, st.total if strong else st.cell),
            Paragraph(amount, st.total_right if strong else st.cell_right),
        ]
        for label, amount, strong in totals_rows(doc)
    ]
    emphasised = [i for i, (_, _, strong) in enumerate(totals_rows(doc)) if strong]
    return Table(
        rows,
        colWidths=[width * 0.6, width * 0.4],
        style=grid_style(*(("BACKGROUND", (0, i), (-1, i), SHADE) for i in emphasised)),
    )


def exchange_table(doc: InvoiceDocument, st: Styles, width: float) -> Table:
    head, right = st.cell_head, st.cell_head_right
    header: list[object] = [
        Paragraph("Voucher", head),
        Paragraph("Old gold", head),
        Paragraph("Purity", head),
        Paragraph("Gross g", right),
        Paragraph("Net g", right),
        Paragraph("Rate ₹/g", right),
        Paragraph("Deduction", right),
        Paragraph("Value ₹", right),
    ]
    rows: list[list[object]] = [header]
    for item in doc.exchange:
        rows.append(
            [
                Paragraph(text(item.voucher_number), st.cell),
                Paragraph(text(item.description), st.cell),
                Paragraph(text(item.purity_label), st.cell),
                Paragraph(grams(item.gross), st.cell_right),
                Paragraph(grams(item.net), st.cell_right),
                Paragraph(plain(item.rate_per_gram), st.cell_right),
                Paragraph(
                    f"{percent_bp(item.deduction_bp)} ({plain(item.deduction)})", st.cell_right
                ),
                Paragraph(plain(item.value), st.cell_right),
            ]
        )
    fractions = [0.17, 0.19, 0.09, 0.09, 0.09, 0.11, 0.14, 0.12]
    return Table(
        rows,
        colWidths=[width * f for f in fractions],
        style=grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE)),
    )


def payments_table(doc: GstDocument, st: Styles, width: float) -> Table:
    head, right = st.cell_head, st.cell_head_right
    rows: list[list[object]] = [
        [Paragraph("Mode", head), Paragraph("Reference", head), Paragraph("Amount ₹", right)]
    ]
    for payment in doc.payments:
        label = payment.mode_label + (" (refund)" if payment.refunded else "")
        rows.append(
            [
                Paragraph(text(label), st.cell),
                Paragraph(text(payment.reference or ""), st.cell),
                Paragraph(plain(payment.amount), st.cell_right),
            ]
        )
    return Table(
        rows,
        colWidths=[width * 0.3, width * 0.4, width * 0.3],
        style=grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE)),
    )


def _signature(doc: GstDocument, st: Styles, width: float) -> Table:
    left = [Spacer(1, 12 * mm), Paragraph("Customer's signature", st.small)]
    right = [
        Paragraph(f"For <b>{text(doc.shop.name)}</b>", st.body),
        Spacer(1, 10 * mm),
        Paragraph(text(doc.profile.signatory), st.small),
    ]
    return Table(
        [[left, right]],
        colWidths=[width * 0.5, width * 0.5],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LINEABOVE", (0, 0), (0, 0), 0, colors.white),
            ]
        ),
    )


def sheet_story(doc: GstDocument, paper: Paper, st: Styles, width: float) -> list[Flowable]:
    """The whole document for a cut sheet of printable `width` points."""
    gap = 2.5 * mm if paper is Paper.A4 else 1.8 * mm
    story: list[Flowable] = [*_header(doc, st, width), Spacer(1, gap), _buyer(doc, st, width)]
    story += [Spacer(1, gap), _lines_table(doc, st, width, paper), Spacer(1, gap)]
    if paper is Paper.A4:
        side = width * 0.58
        foot: list[Flowable] = [
            Table(
                [[tax_table(doc, st, side - 3 * mm), _totals(doc, st, width - side)]],
                colWidths=[side, width - side],
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
            )
        ]
    else:
        # A5 is too narrow for both side by side: the tax table, then the totals on the right.
        totals = _totals(doc, st, width * 0.55)
        totals.hAlign = "RIGHT"
        foot = [tax_table(doc, st, width), Spacer(1, gap), totals]
    story.append(KeepTogether(foot))
    story.append(Spacer(1, gap))
    story.append(Paragraph(f"<b>Amount in words:</b> {text(doc.amount_in_words)}", st.body))
    if isinstance(doc, InvoiceDocument) and doc.exchange:
        story.append(
            KeepTogether(
                [
                    Paragraph("Old gold taken in exchange (purchase voucher)", st.heading),
                    exchange_table(doc, st, width),
                ]
            )
        )
    if doc.payments:
        heading = "Refunds" if isinstance(doc, CreditNoteDocument) else "Payments received"
        story.append(KeepTogether([Paragraph(heading, st.heading), payments_table(doc, st, width)]))
    closing: list[Flowable] = []
    if doc.profile.terms:
        closing.append(Paragraph("Terms and conditions", st.heading))
        closing.extend(
            Paragraph(f"{index}. {text(term)}", st.small)
            for index, term in enumerate(doc.profile.terms, start=1)
        )
    closing.append(Spacer(1, gap))
    closing.append(_signature(doc, st, width))
    if doc.profile.footer:
        closing.append(Paragraph(text(doc.profile.footer), st.centered))
    story.append(KeepTogether(closing))
    return story
