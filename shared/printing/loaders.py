"""Read an issued invoice or credit note from the shared tables into a printable document.

Only reads, never writes. Every figure comes from the stored rows; the one thing not stored is
the split of tax by rate, which is derived from the stored line values with the kernel's own
`tax_by_rate` (the function that computed the invoice) and checked against the stored totals.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.gst import SupplyType, tax_by_rate
from shared.money import Milligrams, Paise
from shared.printing.documents import (
    BuyerDetails,
    CreditNoteDocument,
    DocumentLine,
    DocumentTotals,
    ExchangeItem,
    InvoiceDocument,
    PaymentItem,
    PrintProfile,
    ShopHeader,
    TaxRow,
)
from shared.printing.formatting import local_time, payment_mode_label, percent_bp, purity_label
from shared.states import state_name
from shared.tables import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    Shop,
    User,
)
from shared.words import amount_in_words


def load_shop_header(session: Session, shop_id: uuid.UUID) -> ShopHeader:
    shop = session.get(Shop, shop_id)
    if shop is None:
        raise InvalidInput(
            "this shop has no profile yet (on a counter: run `boolagold counter init`)"
        )
    return ShopHeader(
        name=shop.name,
        legal_name=shop.legal_name,
        address=shop.address,
        pincode=shop.pincode,
        gstin=shop.gstin,
        pan=shop.pan,
        state_code=shop.state_code,
        state_name=_state_name(shop.state_code),
        phone=shop.phone,
        email=shop.email,
    )


def _state_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return state_name(code)
    except InvalidInput:
        return code


def _user_name(session: Session, shop_id: uuid.UUID, user_id: uuid.UUID | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, (shop_id, user_id))
    return user.display_name if user is not None else None


def _totals(row: Invoice | CreditNote) -> DocumentTotals:
    return DocumentTotals(
        taxable=Paise(row.taxable_paise),
        cgst=Paise(row.cgst_paise),
        sgst=Paise(row.sgst_paise),
        igst=Paise(row.igst_paise),
        round_off=Paise(row.round_off_paise),
        grand_total=Paise(row.grand_total_paise),
    )


def tax_rows(
    line_values: Sequence[tuple[int, Paise]], totals: DocumentTotals, supply_type: str
) -> tuple[TaxRow, ...]:
    """The tax summary by rate, consistent with the stored totals.

    With one rate the row *is* the stored totals. With several, the kernel splits the stored
    line values by rate; should that ever disagree with the stored tax (a row written by other
    code), one combined row with the stored amounts is printed rather than a figure that was
    never charged.
    """
    rates = sorted({bp for bp, _ in line_values})
    stored = TaxRow(
        rates[0] if len(rates) == 1 else None,
        " + ".join(percent_bp(bp) for bp in rates) or "-",
        totals.taxable,
        totals.cgst,
        totals.sgst,
        totals.igst,
    )
    if len(rates) <= 1:
        return (stored,)
    kind = SupplyType.INTER if supply_type == "inter" else SupplyType.INTRA
    rows = tax_by_rate(((Decimal(bp) / 100, value) for bp, value in line_values), kind)
    derived = tuple(
        TaxRow(
            int(row.rate * 100),
            percent_bp(int(row.rate * 100)),
            row.taxable,
            row.cgst,
            row.sgst,
            row.igst,
        )
        for row in rows
    )
    sums = (
        sum((r.taxable for r in derived), Paise(0)),
        sum((r.cgst for r in derived), Paise(0)),
        sum((r.sgst for r in derived), Paise(0)),
        sum((r.igst for r in derived), Paise(0)),
    )
    if sums != (totals.taxable, totals.cgst, totals.sgst, totals.igst):
        return (stored,)
    return derived


def _invoice_line(line: InvoiceLine) -> DocumentLine:
    return DocumentLine(
        line_no=line.line_no,
        description=line.description,
        hsn=line.hsn,
        gst_rate_bp=line.gst_rate_bp,
        taxable=Paise(line.taxable_paise),
        purity_label=purity_label(line.metal, line.purity_fineness),
        huid=line.huid,
        gross=Milligrams(line.gross_mg),
        stone=Milligrams(line.stone_mg),
        net=Milligrams(line.net_mg),
        rate_per_gram=Paise(line.rate_paise_per_gram),
        metal_value=Paise(line.metal_value_paise),
        wastage=Paise(line.wastage_paise),
        making=Paise(line.making_paise),
        stone_value=Paise(line.stone_paise),
        hallmark=Paise(line.hallmark_paise),
        discount=Paise(line.discount_paise),
    )


def _payment(row: Payment) -> PaymentItem:
    return PaymentItem(
        mode=row.mode,
        mode_label=payment_mode_label(row.mode),
        amount=Paise(row.amount_paise),
        reference=row.reference,
        refunded=row.direction == "refunded",
    )


def _voucher(row: OldGoldVoucher) -> ExchangeItem:
    return ExchangeItem(
        voucher_number=row.number,
        description=row.description,
        purity_label=purity_label(row.metal, row.purity_fineness) or str(row.purity_fineness),
        gross=Milligrams(row.gross_mg),
        net=Milligrams(row.net_mg),
        rate_per_gram=Paise(row.rate_paise_per_gram),
        deduction_bp=row.deduction_bp,
        metal_value=Paise(row.metal_value_paise),
        deduction=Paise(row.deduction_paise),
        value=Paise(row.value_paise),
    )


def find_invoice(session: Session, shop_id: uuid.UUID, number: str) -> Invoice:
    """The invoice printed with `number` (the latest financial year's, if a number repeats)."""
    wanted = number.strip().upper()
    row = session.scalars(
        select(Invoice)
        .where(Invoice.shop_id == shop_id, Invoice.number == wanted)
        .order_by(Invoice.financial_year.desc())
        .limit(1)
    ).first()
    if row is None:
        raise InvalidInput(f"no invoice numbered {number.strip()!r} in this shop", "invoice_number")
    return row


def load_invoice_document(
    session: Session,
    shop_id: uuid.UUID,
    invoice_number: str,
    *,
    profile: PrintProfile | None = None,
) -> InvoiceDocument:
    """Everything an invoice prints, read from its stored rows."""
    invoice = find_invoice(session, shop_id, invoice_number)
    return _invoice_document(session, shop_id, invoice, profile)


def load_invoice_document_by_id(
    session: Session,
    shop_id: uuid.UUID,
    invoice_id: uuid.UUID,
    *,
    profile: PrintProfile | None = None,
) -> InvoiceDocument:
    """The invoice with this id (the hub's archive addresses documents by id, since a number
    is only unique within its financial year)."""
    invoice = session.get(Invoice, (shop_id, invoice_id))
    if invoice is None:
        raise InvalidInput("no such invoice in this shop", "invoice_id")
    return _invoice_document(session, shop_id, invoice, profile)


def _invoice_document(
    session: Session, shop_id: uuid.UUID, invoice: Invoice, profile: PrintProfile | None
) -> InvoiceDocument:
    lines = session.scalars(
        select(InvoiceLine)
        .where(InvoiceLine.shop_id == shop_id, InvoiceLine.invoice_id == invoice.id)
        .order_by(InvoiceLine.line_no)
    ).all()
    vouchers = session.scalars(
        select(OldGoldVoucher)
        .where(
            OldGoldVoucher.shop_id == shop_id,
            OldGoldVoucher.invoice_id == invoice.id,
            OldGoldVoucher.status == "issued",
        )
        .order_by(OldGoldVoucher.issued_at, OldGoldVoucher.number)
    ).all()
    payments = session.scalars(
        select(Payment)
        .where(Payment.shop_id == shop_id, Payment.invoice_id == invoice.id)
        .order_by(Payment.received_at, Payment.id)
    ).all()
    totals = _totals(invoice)
    document_lines = tuple(_invoice_line(line) for line in lines)
    return InvoiceDocument(
        title="TAX INVOICE",
        shop=load_shop_header(session, shop_id),
        profile=profile or PrintProfile(),
        number=invoice.number,
        financial_year=invoice.financial_year,
        document_date=invoice.invoice_date,
        issued_at_local=local_time(invoice.issued_at),
        supply_type=invoice.supply_type,
        place_of_supply_code=invoice.place_of_supply,
        place_of_supply_name=_state_name(invoice.place_of_supply),
        reverse_charge=invoice.reverse_charge,
        buyer=BuyerDetails(
            name=invoice.buyer_name,
            address=invoice.buyer_address,
            gstin=invoice.buyer_gstin,
            pan=invoice.buyer_pan,
            state_code=invoice.buyer_state_code,
            state_name=_state_name(invoice.buyer_state_code) or None,
            phone=invoice.buyer_phone,
        ),
        lines=document_lines,
        tax_rows=tax_rows(
            [(line.gst_rate_bp, line.taxable) for line in document_lines],
            totals,
            invoice.supply_type,
        ),
        totals=totals,
        payments=tuple(_payment(p) for p in payments),
        amount_in_words=amount_in_words(totals.grand_total),
        status=invoice.status,
        cancel_reason=invoice.cancel_reason,
        prepared_by=_user_name(session, shop_id, invoice.user_id),
        exchange=tuple(_voucher(v) for v in vouchers),
        old_gold_value=Paise(invoice.old_gold_value_paise),
        net_payable=Paise(invoice.net_payable_paise),
    )


def _credit_line(line: CreditNoteLine, source: InvoiceLine | None) -> DocumentLine:
    """A returned article; purity, HUID and stone weight are facts of the invoice line it
    reverses (the credit-note line stores only what GSTR-1 needs)."""
    return DocumentLine(
        line_no=line.line_no,
        description=line.description,
        hsn=line.hsn,
        gst_rate_bp=line.gst_rate_bp,
        taxable=Paise(line.taxable_paise),
        purity_label=purity_label(source.metal, source.purity_fineness) if source else None,
        huid=source.huid if source else None,
        gross=Milligrams(line.gross_mg),
        stone=Milligrams(source.stone_mg if source and line.net_mg else 0),
        net=Milligrams(line.net_mg),
        rate_per_gram=Paise(source.rate_paise_per_gram if source else 0),
    )


def load_credit_note_document(
    session: Session,
    shop_id: uuid.UUID,
    credit_note_number: str,
    *,
    profile: PrintProfile | None = None,
) -> CreditNoteDocument:
    """Everything a credit note prints, with the invoice it corrects."""
    wanted = credit_note_number.strip().upper()
    note = session.scalars(
        select(CreditNote)
        .where(CreditNote.shop_id == shop_id, CreditNote.number == wanted)
        .order_by(CreditNote.financial_year.desc())
        .limit(1)
    ).first()
    if note is None:
        raise InvalidInput(
            f"no credit note numbered {credit_note_number.strip()!r} in this shop",
            "credit_note_number",
        )
    return _credit_note_document(session, shop_id, note, profile)


def load_credit_note_document_by_id(
    session: Session,
    shop_id: uuid.UUID,
    credit_note_id: uuid.UUID,
    *,
    profile: PrintProfile | None = None,
) -> CreditNoteDocument:
    """The credit note with this id (see `load_invoice_document_by_id`)."""
    note = session.get(CreditNote, (shop_id, credit_note_id))
    if note is None:
        raise InvalidInput("no such credit note in this shop", "credit_note_id")
    return _credit_note_document(session, shop_id, note, profile)


def _credit_note_document(
    session: Session, shop_id: uuid.UUID, note: CreditNote, profile: PrintProfile | None
) -> CreditNoteDocument:
    invoice = session.get(Invoice, (shop_id, note.invoice_id))
    lines = session.scalars(
        select(CreditNoteLine)
        .where(CreditNoteLine.shop_id == shop_id, CreditNoteLine.credit_note_id == note.id)
        .order_by(CreditNoteLine.line_no)
    ).all()
    source_ids = [line.invoice_line_id for line in lines if line.invoice_line_id is not None]
    sources = {
        row.id: row
        for row in session.scalars(
            select(InvoiceLine).where(
                InvoiceLine.shop_id == shop_id, InvoiceLine.id.in_(source_ids)
            )
        )
    }
    refunds = session.scalars(
        select(Payment)
        .where(Payment.shop_id == shop_id, Payment.credit_note_id == note.id)
        .order_by(Payment.received_at, Payment.id)
    ).all()
    totals = _totals(note)
    document_lines = tuple(
        _credit_line(line, sources.get(line.invoice_line_id) if line.invoice_line_id else None)
        for line in lines
    )
    return CreditNoteDocument(
        title="CREDIT NOTE",
        shop=load_shop_header(session, shop_id),
        profile=profile or PrintProfile(),
        number=note.number,
        financial_year=note.financial_year,
        document_date=note.note_date,
        issued_at_local=local_time(note.issued_at),
        supply_type=note.supply_type,
        place_of_supply_code=note.place_of_supply,
        place_of_supply_name=_state_name(note.place_of_supply),
        reverse_charge=False,
        buyer=BuyerDetails(
            name=note.buyer_name,
            address=invoice.buyer_address if invoice else None,
            gstin=note.buyer_gstin,
            pan=invoice.buyer_pan if invoice else None,
            state_code=invoice.buyer_state_code if invoice else None,
            state_name=(_state_name(invoice.buyer_state_code) or None) if invoice else None,
            phone=invoice.buyer_phone if invoice else None,
        ),
        lines=document_lines,
        tax_rows=tax_rows(
            [(line.gst_rate_bp, line.taxable) for line in document_lines],
            totals,
            note.supply_type,
        ),
        totals=totals,
        payments=tuple(_payment(p) for p in refunds),
        amount_in_words=amount_in_words(totals.grand_total),
        status=note.status,
        cancel_reason=note.cancel_reason,
        prepared_by=_user_name(session, shop_id, note.user_id),
        against_invoice_number=invoice.number if invoice else "",
        against_invoice_date=invoice.invoice_date if invoice else None,
        reason=note.reason,
    )
