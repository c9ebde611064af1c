"""Invoices and credit notes print every stored figure, on every paper, with ₹ embedded."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.printing import (
    Paper,
    PrintProfile,
    load_credit_note_document,
    load_invoice_document,
    render_credit_note_pdf,
    render_invoice_pdf,
)
from desktop.printing.sample_data import (
    IST,
    add_piece,
    issue_invoice,
    line_for_piece,
    load_sample_shop,
)
from desktop.printing.samples import RATE_22K, SampleSet
from shared.counter_rules import PaymentMode
from shared.errors import InvalidInput
from shared.invoice_calc import Buyer
from shared.money import Milligrams, Paise
from shared.printing.formatting import grams, plain
from shared.tables import (
    CreditNote,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    User,
)
from shared.words import amount_in_words
from tests.desktop.printing.pdf_support import embedded_fonts, page_count, page_texts, pdf_text

Sample = tuple[Session, SampleSet]


def _invoice(session: Session, s: SampleSet, number: str) -> Invoice:
    return session.scalars(
        select(Invoice).where(Invoice.shop_id == s.shop_id, Invoice.number == number)
    ).one()


def _stored_figures(session: Session, invoice: Invoice) -> list[str]:
    """Every amount and fact the invoice's rows hold, as they must appear in print."""
    figures = [
        invoice.number,
        Paise(invoice.taxable_paise).format(),
        Paise(invoice.grand_total_paise).format(),
        Paise(invoice.round_off_paise).format(),
        amount_in_words(Paise(invoice.grand_total_paise)),
    ]
    for name in ("cgst_paise", "sgst_paise", "igst_paise"):
        if getattr(invoice, name):
            figures.append(Paise(getattr(invoice, name)).format())
    lines = session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
    for line in lines:
        figures += [line.hsn, Paise(line.taxable_paise).format(sign=False)]
        figures += [grams(Milligrams(line.gross_mg)), grams(Milligrams(line.net_mg))]
        if line.huid:
            figures.append(line.huid)
    payments = session.scalars(select(Payment).where(Payment.invoice_id == invoice.id))
    figures += [Paise(p.amount_paise).format(sign=False) for p in payments]
    vouchers = session.scalars(
        select(OldGoldVoucher).where(OldGoldVoucher.invoice_id == invoice.id)
    )
    for voucher in vouchers:
        figures += [voucher.number, Paise(voucher.value_paise).format(sign=False)]
    if invoice.old_gold_value_paise:
        figures.append(Paise(invoice.net_payable_paise).format())
    return figures


@pytest.mark.parametrize("paper", list(Paper))
def test_every_stored_figure_of_an_intra_state_invoice_is_printed(
    sample: Sample, paper: Paper
) -> None:
    session, s = sample
    invoice = _invoice(session, s, s.intra_invoice)
    pdf = render_invoice_pdf(load_invoice_document(session, s.shop_id, s.intra_invoice), paper)
    text = pdf_text(pdf)
    missing = [figure for figure in _stored_figures(session, invoice) if figure not in text]
    assert missing == []
    assert "TAX INVOICE" in text
    assert "₹" in text
    assert "22K916" in text
    assert "Karnataka (29)" in text  # place of supply with its state code
    assert "IGST ₹" not in text
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(pdf)


def test_the_thermal_roll_is_one_page_sized_to_its_content(sample: Sample) -> None:
    session, s = sample
    doc = load_invoice_document(session, s.shop_id, s.intra_invoice)
    pdf = render_invoice_pdf(doc, Paper.THERMAL_80)
    assert page_count(pdf) == 1
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 80
    assert float(box.height) > float(box.width)


def test_an_inter_state_invoice_charges_igst_only(sample: Sample) -> None:
    session, s = sample
    invoice = _invoice(session, s, s.inter_invoice)
    doc = load_invoice_document(session, s.shop_id, s.inter_invoice)
    assert doc.is_inter_state
    assert [row.igst for row in doc.tax_rows] == [Paise(invoice.igst_paise)]
    text = pdf_text(render_invoice_pdf(doc, Paper.A4))
    assert [f for f in _stored_figures(session, invoice) if f not in text] == []
    assert "IGST" in text
    assert "Inter-state (IGST)" in text
    assert "Maharashtra (27)" in text
    assert invoice.buyer_gstin is not None
    assert invoice.buyer_gstin in text
    assert "CGST ₹" not in text


def test_the_document_carries_the_stored_rows_unchanged(sample: Sample) -> None:
    session, s = sample
    invoice = _invoice(session, s, s.intra_invoice)
    doc = load_invoice_document(session, s.shop_id, s.intra_invoice)
    assert doc.totals.grand_total == Paise(invoice.grand_total_paise)
    assert doc.totals.round_off == Paise(invoice.round_off_paise)
    assert doc.net_payable == Paise(invoice.net_payable_paise)
    assert doc.old_gold_value == Paise(invoice.old_gold_value_paise)
    assert sum((p.amount for p in doc.payments), Paise(0)) == doc.net_payable
    assert {p.mode for p in doc.payments} == {"upi", "card", "cash"}
    assert doc.tax_rows[0].cgst == Paise(invoice.cgst_paise)
    user = session.scalars(select(User)).one()
    assert doc.prepared_by == user.display_name
    assert doc.issued_at_local.utcoffset() == dt.timedelta(hours=5, minutes=30)


def test_a_long_invoice_runs_over_pages_with_the_header_row_repeated(
    sample: Sample, tmp_path: Path
) -> None:
    session, s = sample
    shop = load_sample_shop(session, s.shop_id)
    pieces = [
        add_piece(
            session,
            shop,
            tag_code=f"LONG{index:04d}",
            description=f"22K bangle number {index} with filigree work and a long name that wraps",
            gross_mg=10_000 + index,
            huid=f"L{index:05d}",
            making_rate=400_00,
        )
        for index in range(30)
    ]
    invoice = issue_invoice(
        session,
        shop,
        issued_at=dt.datetime(2025, 6, 14, 16, 0, tzinfo=IST),
        lines=[(line_for_piece(piece, RATE_22K), piece) for piece in pieces],
        buyer=Buyer(
            name="Buyer " + "with a very long name " * 6,
            state="29",
            pan="ABCPV1234K",
            address="Somewhere in Bengaluru",
        ),
        pay=lambda due: {PaymentMode.BANK: due},
    )
    pdf = render_invoice_pdf(load_invoice_document(session, s.shop_id, invoice.number))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Gross g" in page  # the article table's header row
        assert f"Page {number} of {len(pages)}" in page
        assert invoice.number in page
    text = pdf_text(pdf)
    assert all(f"L{index:05d}" in text for index in range(30))
    assert ("with a very long name " * 6).strip() in text
    assert Paise(invoice.grand_total_paise).format() in text


def test_a_credit_note_prints_its_figures_and_the_invoice_it_corrects(sample: Sample) -> None:
    session, s = sample
    note = session.scalars(select(CreditNote).where(CreditNote.number == s.credit_note)).one()
    doc = load_credit_note_document(session, s.shop_id, s.credit_note)
    for paper in Paper:
        text = pdf_text(render_credit_note_pdf(doc, paper))
        assert "CREDIT NOTE" in text
        assert s.multi_rate_invoice in text
        assert note.reason in text
        for figure in (
            note.taxable_paise,
            note.cgst_paise,
            note.sgst_paise,
            note.grand_total_paise,
        ):
            assert Paise(figure).format() in text
        assert "A9K3ZP" in text  # the returned ring's HUID, from the invoice line it reverses


def test_an_unknown_number_is_a_clear_error(sample: Sample) -> None:
    session, s = sample
    with pytest.raises(InvalidInput, match="no invoice numbered 'A1/25-26/09999'"):
        load_invoice_document(session, s.shop_id, "A1/25-26/09999")
    with pytest.raises(InvalidInput, match="no credit note numbered"):
        load_credit_note_document(session, s.shop_id, "CA1/25-26/00042")


def test_the_logo_prints_when_readable_and_is_skipped_when_not(
    sample: Sample, tmp_path: Path
) -> None:
    session, s = sample
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 120), (180, 140, 20)).save(logo)
    terms = ("No exchange without this bill.",)
    with_logo = load_invoice_document(
        session, s.shop_id, s.intra_invoice, profile=PrintProfile(logo_path=logo, terms=terms)
    )
    pdf = render_invoice_pdf(with_logo)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert "No exchange without this bill." in pdf_text(pdf)
    broken = load_invoice_document(
        session,
        s.shop_id,
        s.intra_invoice,
        profile=PrintProfile(logo_path=tmp_path / "gone.png"),
    )
    assert len(PdfReader(io.BytesIO(render_invoice_pdf(broken))).pages[0].images) == 0


def test_reprints_are_byte_identical(sample: Sample) -> None:
    session, s = sample
    doc = load_invoice_document(session, s.shop_id, s.intra_invoice)
    assert render_invoice_pdf(doc) == render_invoice_pdf(doc)


def test_paper_names_are_parsed_and_bad_ones_refused() -> None:
    assert Paper.parse("A4") is Paper.A4
    assert Paper.parse(" thermal80 ") is Paper.THERMAL_80
    assert Paper.parse("80mm") is Paper.THERMAL_80
    with pytest.raises(InvalidInput, match="choose a4, a5 or thermal"):
        Paper.parse("letter")


def test_plain_amounts_group_the_indian_way() -> None:
    assert plain(Paise(1_01_555_94)) == "1,01,555.94"
    assert grams(Milligrams(1_234_567)) == "1,234.567"
