"""The day book's totals equal the sum of the day's stored invoices to the paisa."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.printing.sample_data import (
    IST,
    add_piece,
    append_audit,
    issue_invoice,
    line_for_piece,
    load_sample_shop,
)
from desktop.printing.samples import RATE_22K, SampleSet
from desktop.reports import build_day_book, day_book_csv, day_bounds_utc, render_day_book_pdf
from shared.errors import InvalidInput
from shared.money import Paise
from shared.tables import AuditEvent, CreditNote, Invoice, OldGoldVoucher, Payment
from tests.desktop.printing.pdf_support import embedded_fonts, pdf_text

Sample = tuple[Session, SampleSet]


def _sum(
    session: Session, column: InstrumentedAttribute[int], *where: ColumnElement[bool]
) -> Paise:
    total = session.scalar(select(func.coalesce(func.sum(column), 0)).where(*where))
    return Paise(int(total or 0))


def test_totals_match_the_stored_invoices_to_the_paisa(sample: Sample) -> None:
    session, s = sample
    book = build_day_book(session, s.shop_id, s.day)
    on_day = (
        Invoice.shop_id == s.shop_id,
        Invoice.invoice_date == s.day,
        Invoice.status == "issued",
    )
    t = book.totals
    assert t.invoice_count == 3
    assert t.taxable == _sum(session, Invoice.taxable_paise, *on_day)
    assert t.cgst == _sum(session, Invoice.cgst_paise, *on_day)
    assert t.sgst == _sum(session, Invoice.sgst_paise, *on_day)
    assert t.igst == _sum(session, Invoice.igst_paise, *on_day)
    assert t.round_off == _sum(session, Invoice.round_off_paise, *on_day)
    assert t.grand_total == _sum(session, Invoice.grand_total_paise, *on_day)
    assert t.net_payable == _sum(session, Invoice.net_payable_paise, *on_day)
    assert t.old_gold == _sum(
        session, OldGoldVoucher.value_paise, OldGoldVoucher.voucher_date == s.day
    )
    assert t.credit_note_total == _sum(
        session, CreditNote.grand_total_paise, CreditNote.note_date == s.day
    )
    assert t.taxable + t.total_tax + t.round_off == t.grand_total
    for mode in ("cash", "card", "upi", "bank"):
        stored = _sum(
            session, Payment.amount_paise, Payment.mode == mode, Payment.direction == "received"
        )
        [row] = [m for m in book.payments_by_mode if m.mode == mode]
        assert row.received == stored
    [cash] = [m for m in book.payments_by_mode if m.mode == "cash"]
    assert cash.refunded == t.credit_note_total
    assert t.received == t.net_payable  # every bill of the day was settled in full
    assert [e.invoice_number for e in book.exchanges] == [s.intra_invoice]
    assert [n.invoice_number for n in book.credit_notes] == [s.multi_rate_invoice]


def test_the_day_is_the_shop_date_and_the_last_audit_hash_is_printed(sample: Sample) -> None:
    session, s = sample
    shop = load_sample_shop(session, s.shop_id)
    next_day = s.day + dt.timedelta(days=1)
    piece = add_piece(
        session,
        shop,
        tag_code="LATE0001",
        description="22K ring",
        gross_mg=5_000,
        huid="LATE01",
        making_rate=500_00,
    )
    # 00:10 in Bengaluru is still the previous day in UTC: it belongs to the next shop day.
    late = dt.datetime.combine(next_day, dt.time(0, 10), tzinfo=IST)
    issue_invoice(session, shop, issued_at=late, lines=[(line_for_piece(piece, RATE_22K), piece)])
    last_of_day = append_audit(
        session,
        shop,
        at=dt.datetime.combine(s.day, dt.time(23, 59), tzinfo=IST),
        action="day_closed",
        entity="shop",
        entity_id=s.shop_id,
    )
    append_audit(session, shop, at=late, action="invoice_issued", entity="invoice", entity_id=None)
    book = build_day_book(session, s.shop_id, s.day)
    assert book.totals.invoice_count == 3
    assert book.last_audit_hash == last_of_day.hash
    events = session.scalars(select(AuditEvent)).all()
    start, end = day_bounds_utc(s.day)
    assert start == dt.datetime(2025, 6, 13, 18, 30, tzinfo=dt.UTC)
    assert book.audit_heads[-1].seq == max(e.seq for e in events if e.at < end)
    tomorrow = build_day_book(session, s.shop_id, next_day)
    assert tomorrow.totals.invoice_count == 1
    assert tomorrow.invoices[0].issued_at_local.hour == 0


def test_cancelled_invoices_are_listed_but_not_counted(sample: Sample) -> None:
    session, s = sample
    before = build_day_book(session, s.shop_id, s.day).totals
    invoice = session.scalars(select(Invoice).where(Invoice.number == s.inter_invoice)).one()
    invoice.status = "cancelled"
    invoice.cancelled_at = invoice.issued_at + dt.timedelta(minutes=5)
    invoice.cancel_reason = "Wrong buyer"
    session.flush()
    book = build_day_book(session, s.shop_id, s.day)
    assert [i.number for i in book.invoices if not i.counted] == [s.inter_invoice]
    assert book.totals.invoice_count == 2
    assert book.totals.grand_total == before.grand_total - Paise(invoice.grand_total_paise)
    assert "(CANCELLED)" in pdf_text(render_day_book_pdf(book))


def test_pdf_and_csv_show_the_same_figures(sample: Sample) -> None:
    session, s = sample
    book = build_day_book(session, s.shop_id, s.day)
    pdf = render_day_book_pdf(book)
    text = pdf_text(pdf)
    t = book.totals
    for figure in (t.grand_total, t.net_payable, t.old_gold, t.credit_note_total):
        assert figure.format() in text
    for invoice in book.invoices:
        assert invoice.number in text
        assert invoice.grand_total.format(sign=False) in text
    assert book.last_audit_hash is not None
    assert book.last_audit_hash in text
    assert "DejaVuSans" in embedded_fonts(pdf)
    rows = list(csv.reader(io.StringIO(day_book_csv(book))))
    invoices = [r for r in rows if r and r[0] == "invoice"]
    [total] = [r for r in rows if r and r[0] == "invoice_total"]
    grand_total_at = rows[2].index("grand_total")
    assert sum(Paise.from_rupees(r[grand_total_at]).value for r in invoices) == (
        t.grand_total.value
    )
    assert total[grand_total_at] == t.grand_total.decimal_text()
    assert ["last_audit_hash", book.last_audit_hash] in rows


def test_an_empty_day_and_bad_input(sample: Sample) -> None:
    session, s = sample
    book = build_day_book(session, s.shop_id, dt.date(2025, 1, 1))
    assert book.invoices == ()
    assert book.totals.grand_total == Paise(0)
    assert book.last_audit_hash is None
    assert "No audit events" in pdf_text(render_day_book_pdf(book))
    with pytest.raises(InvalidInput, match="for a date"):
        build_day_book(session, s.shop_id, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
