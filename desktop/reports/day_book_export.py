"""The day book as an A4 PDF (landscape, for the wide invoice table) and as CSV.

The CSV is for the accountant's spreadsheet: one section per table, amounts as plain rupees
with two decimals (no ₹, no grouping) so a spreadsheet reads them as numbers.
"""

from __future__ import annotations

import csv
import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop.reports.day_book import DayBook
from shared.money import Paise
from shared.printing.formatting import date_text, grams, payment_mode_label, plain, rupees
from shared.printing.paper import Paper
from shared.printing.pdf_build import build_pdf
from shared.printing.sheet_layout import SHADE, grid_style
from shared.printing.styles import Styles, styles_for, text


def _table(rows: list[list[str]], st: Styles, widths: list[float], right_from: int) -> Table:
    cells: list[list[object]] = []
    for index, row in enumerate(rows):
        cell_rows: list[object] = []
        for column, value in enumerate(row):
            if index == 0:
                style = st.cell_head_right if column >= right_from else st.cell_head
            else:
                style = st.cell_right if column >= right_from else st.cell
            cell_rows.append(Paragraph(value, style))
        cells.append(cell_rows)
    table = Table(
        cells,
        colWidths=widths,
        repeatRows=1,
        style=grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE)),
    )
    table.hAlign = "LEFT"
    return table


def _bold(value: str) -> str:
    return f"<b>{value}</b>"


def render_day_book_pdf(book: DayBook) -> bytes:
    """The day book on A4 landscape with page numbers."""
    st = styles_for(Paper.A4)
    page = landscape(A4)
    margin = 10 * mm
    width = page[0] - 2 * margin
    t = book.totals
    story: list[Flowable] = [
        Paragraph(text(book.shop_name), st.shop_name),
        Paragraph(
            f"<b>Day book</b> for {date_text(book.day)} (shop time, Asia/Kolkata)"
            + (f" · GSTIN {text(book.shop_gstin)}" if book.shop_gstin else ""),
            st.body,
        ),
        Spacer(1, 3 * mm),
        Paragraph(f"Invoices ({t.invoice_count} issued)", st.heading),
    ]
    head = [
        "Time",
        "Invoice",
        "Buyer",
        "Class",
        "Taxable",
        "CGST",
        "SGST",
        "IGST",
        "Round off",
        "Total",
        "Old gold",
        "Net payable",
    ]
    rows = [head]
    for inv in book.invoices:
        mark = "" if inv.counted else " (CANCELLED)"
        rows.append(
            [
                f"{inv.issued_at_local:%H:%M}",
                text(inv.number) + mark,
                text(inv.buyer_name) + (f"<br/>{text(inv.buyer_gstin)}" if inv.buyer_gstin else ""),
                inv.classification.upper(),
                plain(inv.taxable),
                plain(inv.cgst),
                plain(inv.sgst),
                plain(inv.igst),
                plain(inv.round_off),
                plain(inv.grand_total),
                plain(inv.old_gold),
                plain(inv.net_payable),
            ]
        )
    rows.append(
        [
            "",
            _bold("Total"),
            _bold(f"{t.invoice_count} invoice(s)"),
            "",
            *(
                _bold(plain(v))
                for v in (
                    t.taxable,
                    t.cgst,
                    t.sgst,
                    t.igst,
                    t.round_off,
                    t.grand_total,
                    t.old_gold,
                    t.net_payable,
                )
            ),
        ]
    )
    fractions = [0.05, 0.11, 0.19, 0.05, 0.08, 0.07, 0.07, 0.07, 0.06, 0.09, 0.08, 0.08]
    story.append(_table(rows, st, [width * f for f in fractions], 4))
    if book.exchanges:
        rows = [["Voucher", "Against invoice", "Seller", "Old gold", "Purity", "Net g", "Value"]]
        rows += [
            [
                text(e.voucher_number) + ("" if e.status == "issued" else " (CANCELLED)"),
                text(e.invoice_number or "-"),
                text(e.seller_name),
                text(e.description),
                str(e.purity_fineness),
                grams(e.net),
                plain(e.value),
            ]
            for e in book.exchanges
        ]
        rows.append(["", "", "", "", "", _bold("Total"), _bold(plain(t.exchange_total))])
        fractions = [0.13, 0.13, 0.22, 0.24, 0.08, 0.1, 0.1]
        story.append(
            KeepTogether(
                [
                    Paragraph("Old gold taken in exchange", st.heading),
                    _table(rows, st, [width * f for f in fractions], 5),
                ]
            )
        )
    if book.credit_notes:
        rows = [["Credit note", "Against invoice", "Buyer", "Reason", "Taxable", "Tax", "Total"]]
        rows += [
            [
                text(n.number) + ("" if n.status == "issued" else " (CANCELLED)"),
                text(n.invoice_number),
                text(n.buyer_name),
                text(n.reason),
                plain(n.taxable),
                plain(n.tax),
                plain(n.grand_total),
            ]
            for n in book.credit_notes
        ]
        rows.append(["", "", "", "", "", _bold("Total"), _bold(plain(t.credit_note_total))])
        fractions = [0.13, 0.13, 0.22, 0.22, 0.1, 0.1, 0.1]
        story.append(
            KeepTogether(
                [
                    Paragraph("Credit notes", st.heading),
                    _table(rows, st, [width * f for f in fractions], 4),
                ]
            )
        )
    rows = [["Mode", "Received", "Refunded", "Net"]]
    rows += [
        [text(m.label), plain(m.received), plain(m.refunded), plain(m.net)]
        for m in book.payments_by_mode
    ]
    rows.append(
        [
            _bold("All modes"),
            _bold(plain(t.received)),
            _bold(plain(t.refunded)),
            _bold(plain(t.received - t.refunded)),
        ]
    )
    story.append(
        KeepTogether(
            [
                Paragraph("Payments by mode", st.heading),
                _table(rows, st, [width * 0.2, width * 0.12, width * 0.12, width * 0.12], 1),
            ]
        )
    )
    story.append(Paragraph("Summary", st.heading))
    summary = [
        ("Sales (invoice totals)", rupees(t.grand_total)),
        ("of which tax (CGST + SGST + IGST)", rupees(t.total_tax)),
        ("Less old gold taken in exchange", rupees(t.old_gold)),
        ("Net payable by customers", rupees(t.net_payable)),
        ("Credit notes issued", rupees(t.credit_note_total)),
        ("Money received less refunded", rupees(t.received - t.refunded)),
    ]
    story.append(
        _table(
            [["", "Amount"], *([label, value] for label, value in summary)],
            st,
            [width * 0.35, width * 0.15],
            1,
        )
    )
    story.append(Paragraph("Audit trail", st.heading))
    if book.audit_heads:
        for head_ in book.audit_heads:
            story.append(
                Paragraph(
                    f"Chain {text(str(head_.chain_id))}: event {head_.seq} at "
                    f"{head_.at_local:%H:%M:%S}, hash <b>{text(head_.hash or '(none)')}</b>",
                    st.small,
                )
            )
        story.append(
            Paragraph(
                f"Last audit hash of the day: <b>{text(book.last_audit_hash or '(none)')}</b>",
                st.body,
            )
        )
    else:
        story.append(Paragraph("No audit events were recorded on this day.", st.body))
    return build_pdf(
        story,
        page_size=page,
        margins=(margin, margin, margin + 3 * mm, margin),
        title=f"Day book {date_text(book.day)}",
        author=book.shop_name,
        footer_left=f"Day book {date_text(book.day)} · {book.shop_name}",
    )


def _amount(value: Paise) -> str:
    return value.decimal_text()


def day_book_csv(book: DayBook) -> str:
    """The day book as CSV text (write it with newline="" and UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    t = book.totals
    writer.writerow(["Day book", book.shop_name, book.day.isoformat()])
    writer.writerow([])
    writer.writerow(
        [
            "section",
            "time",
            "invoice",
            "buyer",
            "buyer_gstin",
            "class",
            "status",
            "taxable",
            "cgst",
            "sgst",
            "igst",
            "round_off",
            "grand_total",
            "old_gold",
            "net_payable",
        ]
    )
    for inv in book.invoices:
        writer.writerow(
            [
                "invoice",
                f"{inv.issued_at_local:%H:%M}",
                inv.number,
                inv.buyer_name,
                inv.buyer_gstin or "",
                inv.classification,
                inv.status,
                *(
                    _amount(v)
                    for v in (
                        inv.taxable,
                        inv.cgst,
                        inv.sgst,
                        inv.igst,
                        inv.round_off,
                        inv.grand_total,
                        inv.old_gold,
                        inv.net_payable,
                    )
                ),
            ]
        )
    writer.writerow(
        [
            "invoice_total",
            "",
            "",
            f"{t.invoice_count} issued",
            "",
            "",
            "",
            *(
                _amount(v)
                for v in (
                    t.taxable,
                    t.cgst,
                    t.sgst,
                    t.igst,
                    t.round_off,
                    t.grand_total,
                    t.old_gold,
                    t.net_payable,
                )
            ),
        ]
    )
    writer.writerow([])
    writer.writerow(
        [
            "section",
            "voucher",
            "invoice",
            "seller",
            "description",
            "purity",
            "net_g",
            "value",
            "status",
        ]
    )
    for e in book.exchanges:
        writer.writerow(
            [
                "exchange",
                e.voucher_number,
                e.invoice_number or "",
                e.seller_name,
                e.description,
                e.purity_fineness,
                e.net.decimal_text(),
                _amount(e.value),
                e.status,
            ]
        )
    writer.writerow(["exchange_total", "", "", "", "", "", "", _amount(t.exchange_total), ""])
    writer.writerow([])
    writer.writerow(
        [
            "section",
            "credit_note",
            "invoice",
            "buyer",
            "reason",
            "taxable",
            "tax",
            "grand_total",
            "status",
        ]
    )
    for n in book.credit_notes:
        writer.writerow(
            [
                "credit_note",
                n.number,
                n.invoice_number,
                n.buyer_name,
                n.reason,
                _amount(n.taxable),
                _amount(n.tax),
                _amount(n.grand_total),
                n.status,
            ]
        )
    writer.writerow(["credit_note_total", "", "", "", "", "", "", _amount(t.credit_note_total), ""])
    writer.writerow([])
    writer.writerow(["section", "mode", "received", "refunded", "net"])
    for m in book.payments_by_mode:
        writer.writerow(
            ["payment_mode", m.mode, _amount(m.received), _amount(m.refunded), _amount(m.net)]
        )
    writer.writerow(
        [
            "payment_total",
            "",
            _amount(t.received),
            _amount(t.refunded),
            _amount(t.received - t.refunded),
        ]
    )
    writer.writerow([])
    writer.writerow(["section", "time", "mode", "direction", "document", "reference", "amount"])
    for p in book.payments:
        writer.writerow(
            [
                "payment",
                f"{p.received_at_local:%H:%M}",
                payment_mode_label(p.mode),
                p.direction,
                p.document_number or "",
                p.reference or "",
                _amount(p.amount),
            ]
        )
    writer.writerow([])
    writer.writerow(["section", "chain", "seq", "hash"])
    for head in book.audit_heads:
        writer.writerow(["audit_head", str(head.chain_id), head.seq, head.hash or ""])
    writer.writerow(["last_audit_hash", book.last_audit_hash or ""])
    return out.getvalue()
