"""Issued invoices: list and search, fetch for reprint, and sales returns as credit notes.

A return never edits the invoice (it is immutable once issued): it issues a credit note in the
terminal's own credit-note series (gapless, like invoices), reverses the returned lines at the
invoice's own figures and tax rate, puts the pieces back in stock with a movement, and is
audited and queued for sync, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.services.actor import Actor, Permission
from desktop.services.context import CounterContext
from desktop.services.invoice_views import InvoiceDetail, InvoiceSummary, detail, summary
from desktop.services.issuing import document_hash
from desktop.services.series import DocumentKind, allocate
from shared.counter_rules import PaymentMode
from shared.errors import InvalidInput
from shared.gst import InvoiceTotals, SupplyType, tax_by_rate
from shared.ids import new_id
from shared.money import Paise
from shared.tables import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    StockMovement,
    StockPiece,
    Terminal,
)
from shared.tables.vocabulary import CreditNoteClass, MovementKind, PaymentDirection, PieceStatus


@dataclass(frozen=True, slots=True)
class InvoiceQuery:
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    customer_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class IssuedCreditNote:
    id: uuid.UUID
    number: str
    invoice_number: str
    taxable: Paise
    total: Paise
    tag_codes: list[str]


def list_invoices(
    ctx: CounterContext, query: InvoiceQuery | None = None, limit: int = 200
) -> list[InvoiceSummary]:
    """Newest first; `text` matches the number or the buyer's name."""
    wanted = query or InvoiceQuery()
    statement = select(Invoice).where(Invoice.shop_id == ctx.shop_id)
    if wanted.date_from is not None:
        statement = statement.where(Invoice.invoice_date >= wanted.date_from)
    if wanted.date_to is not None:
        statement = statement.where(Invoice.invoice_date <= wanted.date_to)
    if wanted.customer_id is not None:
        statement = statement.where(Invoice.customer_id == wanted.customer_id)
    text = wanted.text.strip().replace("%", "").replace("_", "")
    if text:
        statement = statement.where(
            or_(Invoice.number.ilike(f"%{text}%"), Invoice.buyer_name.ilike(f"%{text}%"))
        )
    statement = statement.order_by(Invoice.issued_at.desc()).limit(limit)
    with ctx.session() as session:
        return [summary(session, row) for row in session.scalars(statement)]


def _by_number(ctx: CounterContext, session: Session, number: str) -> Invoice:
    cleaned = (number or "").strip().upper()
    row = session.scalar(
        select(Invoice).where(Invoice.shop_id == ctx.shop_id, Invoice.number == cleaned)
    )
    if row is None:
        raise InvalidInput(f"no invoice numbered {cleaned!r}", "invoice_number")
    return row


def get_invoice(ctx: CounterContext, number: str) -> InvoiceDetail:
    with ctx.session() as session:
        return detail(session, _by_number(ctx, session, number))


def create_return(  # noqa: PLR0917 - the published call shape
    ctx: CounterContext,
    actor: Actor,
    invoice_number: str,
    tag_codes: list[str] | None = None,
    reason: str = "sales return",
    refund_mode: str | None = None,
) -> IssuedCreditNote:
    """Credit note for the returned pieces (all not yet returned when `tag_codes` is None)."""
    actor.require(Permission.RETURN)
    note_reason = (reason or "sales return").strip()[:200]
    refund = None
    if refund_mode is not None:
        try:
            refund = PaymentMode(refund_mode.strip().lower())
        except ValueError:
            raise InvalidInput(
                "the refund mode is cash, card, upi or bank", "refund_mode"
            ) from None
    with ctx.write() as work:
        session = work.session
        invoice = _by_number(ctx, session, invoice_number)
        if invoice.status != "issued":
            raise InvalidInput(f"invoice {invoice.number} is {invoice.status}", "invoice_number")
        lines = list(
            session.scalars(
                select(InvoiceLine)
                .where(InvoiceLine.shop_id == ctx.shop_id, InvoiceLine.invoice_id == invoice.id)
                .order_by(InvoiceLine.line_no)
            )
        )
        returned_ids = set(
            session.scalars(
                select(CreditNoteLine.invoice_line_id)
                .join(
                    CreditNote,
                    (CreditNote.shop_id == CreditNoteLine.shop_id)
                    & (CreditNote.id == CreditNoteLine.credit_note_id),
                )
                .where(CreditNote.shop_id == ctx.shop_id, CreditNote.invoice_id == invoice.id)
            )
        )
        pieces = {
            piece.id: piece
            for piece in session.scalars(
                select(StockPiece).where(
                    StockPiece.shop_id == ctx.shop_id,
                    StockPiece.id.in_([ln.stock_piece_id for ln in lines if ln.stock_piece_id]),
                )
            )
        }
        chosen = _choose(lines, pieces, returned_ids, tag_codes, invoice.number)
        kind = SupplyType(invoice.supply_type.upper())
        rows = tax_by_rate(
            ((Decimal(line.gst_rate_bp) / 100, Paise(line.taxable_paise)) for line in chosen), kind
        )
        totals = InvoiceTotals.from_rows(rows)
        terminal = session.get(Terminal, (ctx.shop_id, ctx.terminal_id))
        assert terminal is not None
        day = ctx.today()
        series, _, number = allocate(
            session, DocumentKind.CREDIT_NOTE, terminal.credit_note_series, day
        )
        note = CreditNote(
            id=new_id(),
            shop_id=ctx.shop_id,
            invoice_id=invoice.id,
            terminal_id=ctx.terminal_id,
            customer_id=invoice.customer_id,
            user_id=actor.user_id,
            series=series.prefix,
            financial_year=series.financial_year,
            number=number,
            issued_at=work.now,
            note_date=day,
            reason=note_reason,
            supply_type=invoice.supply_type,
            place_of_supply=invoice.place_of_supply,
            classification=_classify(invoice).value,
            buyer_name=invoice.buyer_name,
            buyer_gstin=invoice.buyer_gstin,
            taxable_paise=totals.taxable_value.value,
            cgst_paise=totals.cgst.value,
            sgst_paise=totals.sgst.value,
            igst_paise=totals.igst.value,
            round_off_paise=totals.round_off.value,
            grand_total_paise=totals.grand_total.value,
            status="issued",
            origin_terminal_id=ctx.terminal_id,
            created_at=work.now,
        )
        note.hash = document_hash(
            {
                "id": str(note.id),
                "number": number,
                "invoice": invoice.number,
                "taxable_paise": note.taxable_paise,
                "grand_total_paise": note.grand_total_paise,
            }
        )
        work.add(note)
        tags: list[str] = []
        for line_no, line in enumerate(chosen, 1):
            work.add(
                CreditNoteLine(
                    id=new_id(),
                    shop_id=ctx.shop_id,
                    credit_note_id=note.id,
                    line_no=line_no,
                    invoice_line_id=line.id,
                    stock_piece_id=line.stock_piece_id,
                    description=line.description,
                    hsn=line.hsn,
                    gst_rate_bp=line.gst_rate_bp,
                    gross_mg=line.gross_mg,
                    net_mg=line.net_mg,
                    taxable_paise=line.taxable_paise,
                    origin_terminal_id=ctx.terminal_id,
                    created_at=work.now,
                )
            )
            piece = pieces.get(line.stock_piece_id) if line.stock_piece_id else None
            if piece is not None:
                tags.append(piece.tag_code)
                piece.status = PieceStatus.IN_STOCK.value
                piece.updated_at = work.now
                work.changed(piece)
                work.add(
                    StockMovement(
                        id=new_id(),
                        shop_id=ctx.shop_id,
                        stock_piece_id=piece.id,
                        kind=MovementKind.RETURNED.value,
                        status_after=PieceStatus.IN_STOCK.value,
                        invoice_id=invoice.id,
                        credit_note_id=note.id,
                        user_id=actor.user_id,
                        reason=note_reason,
                        occurred_at=work.now,
                        origin_terminal_id=ctx.terminal_id,
                        created_at=work.now,
                    )
                )
        if refund is not None:
            work.add(
                Payment(
                    id=new_id(),
                    shop_id=ctx.shop_id,
                    terminal_id=ctx.terminal_id,
                    credit_note_id=note.id,
                    customer_id=invoice.customer_id,
                    user_id=actor.user_id,
                    mode=refund.value,
                    direction=PaymentDirection.REFUNDED.value,
                    amount_paise=totals.grand_total.value,
                    received_at=work.now,
                    payment_date=day,
                    origin_terminal_id=ctx.terminal_id,
                    created_at=work.now,
                )
            )
        work.audit(
            actor,
            "credit_note.issue",
            "credit_note",
            note.id,
            after={
                "number": number,
                "invoice": invoice.number,
                "tags": tags,
                "grand_total_paise": note.grand_total_paise,
                "hash": note.hash,
            },
        )
        return IssuedCreditNote(
            note.id, number, invoice.number, totals.taxable_value, totals.grand_total, tags
        )


def _choose(
    lines: list[InvoiceLine],
    pieces: dict[uuid.UUID, StockPiece],
    returned: set[uuid.UUID | None],
    tag_codes: list[str] | None,
    number: str,
) -> list[InvoiceLine]:
    open_lines = [line for line in lines if line.id not in returned]
    if tag_codes is None:
        if not open_lines:
            raise InvalidInput(f"everything on invoice {number} has been returned already", "tags")
        return open_lines
    by_tag = {
        pieces[line.stock_piece_id].tag_code: line
        for line in lines
        if line.stock_piece_id in pieces
    }
    chosen: list[InvoiceLine] = []
    for raw in tag_codes:
        tag = raw.strip().upper()
        line = by_tag.get(tag)
        if line is None:
            raise InvalidInput(f"piece {tag} is not on invoice {number}", "tags")
        if line.id in returned:
            raise InvalidInput(f"piece {tag} was already returned", "tags")
        if line not in chosen:
            chosen.append(line)
    if not chosen:
        raise InvalidInput("name at least one piece to return", "tags")
    return chosen


def _classify(invoice: Invoice) -> CreditNoteClass:
    """GSTR-1: registered buyer CDNR; against a B2CL invoice CDNUR; other B2C netted in B2CS."""
    if invoice.buyer_gstin:
        return CreditNoteClass.CDNR
    if invoice.classification == "b2cl":
        return CreditNoteClass.CDNUR
    return CreditNoteClass.B2CS
