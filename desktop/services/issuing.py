"""Issuing a bill: the one transaction that turns it into a tax invoice.

Inside one IMMEDIATE transaction: re-check every piece is still in stock and the payments,
cash and PAN rules against the kernel's figures; take the next gapless number of the terminal's
series for the financial year; write the invoice, its lines, the old-gold vouchers (each with
its own voucher number), the payments, the pieces now sold and their movements, the audit events
(the issue and any price override) and, through the unit of work, an outbox record for each row.
A crash before COMMIT leaves none of it; after COMMIT, all of it.

Before any of that, the licence (`desktop.services.licence.require_licence`): past the grace
period, suspended or absent, the invoice is refused with the reason and whom to call, and the
transaction writes nothing. This is the one place invoices are made, so the window, `sell` and
anything else are all held to it.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.services.audit import canonical_json
from desktop.services.context import UnitOfWork
from desktop.services.licence import LicenceRefusal, observe_time, require_licence
from desktop.services.series import DocumentKind, allocate
from shared.counter_rules import PaymentMode, check_payments
from shared.errors import InvalidInput
from shared.exchange import ExchangeVoucher
from shared.ids import new_id
from shared.invoice_calc import InvoiceComputation, compute_invoice
from shared.money import Paise
from shared.pricing import MakingMode, PricedLine, weight_times_rate
from shared.tables import (
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    StockMovement,
    StockPiece,
    Terminal,
)
from shared.tables.vocabulary import MovementKind, PaymentDirection, PieceStatus

if TYPE_CHECKING:
    from desktop.services.billing import Bill


@dataclass(frozen=True, slots=True)
class IssuedInvoice:
    invoice_id: uuid.UUID
    number: str
    computation: InvoiceComputation


def _bp(percent: Decimal) -> int:
    return int(percent * 100)


def document_hash(values: dict[str, object]) -> str:
    """Seal of an issued document's stored figures (its `hash` column)."""
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def issue_bill(bill: Bill) -> IssuedInvoice:
    """Issue `bill` (see the module docstring); on success the bill is cleared."""
    ctx = bill.ctx
    try:
        with ctx.write() as work:
            # The licence first: when it stops invoices, that is what the clerk must hear.
            require_licence(work)
            computation = _checked(bill)
            cash = bill.paid_by_mode().get(PaymentMode.CASH, Paise(0))
            if cash:
                bill.check_cash(cash, work.session)
            invoice = _write(work, bill, computation)
            issued = IssuedInvoice(invoice.id, invoice.number, computation)
    except LicenceRefusal:
        # The refusal rolled back the time it was judged at; the never-back clock keeps it.
        observe_time(ctx)
        raise
    bill.clear()
    return issued


def _checked(bill: Bill) -> InvoiceComputation:
    """The bill computed as the invoice, after the checks that refuse it."""
    if not bill.lines:
        raise InvalidInput("the bill has no lines", "lines")
    computation = compute_invoice(bill.draft(with_payments=True))
    if not bill.payments and computation.net_payable.value > 0:
        check_payments({}, computation.net_payable)
    flags = computation.flags
    if flags.pan_missing:
        raise InvalidInput(
            "PAN or Form 60 is required for a sale above Rs 2,00,000 (Rule 114B): add the "
            "customer's PAN or mark Form 60",
            "buyer.pan",
        )
    if flags.recipient_details_missing:
        raise InvalidInput(
            "for a sale of Rs 50,000 or more the buyer's name, address and state are required "
            "(Rule 46): pick or create the customer",
            "buyer",
        )
    return computation


def _write(work: UnitOfWork, bill: Bill, computation: InvoiceComputation) -> Invoice:
    ctx, session, now = work.ctx, work.session, work.now
    terminal = session.get(Terminal, (ctx.shop_id, ctx.terminal_id))
    assert terminal is not None
    day = computation.draft.invoice_date
    pieces: list[StockPiece] = []
    for line in bill.lines:
        if line.piece is None:
            continue
        row = session.get(StockPiece, (ctx.shop_id, line.piece.id))
        if row is None or row.status != PieceStatus.IN_STOCK.value:
            status = "gone" if row is None else row.status.replace("_", " ")
            raise InvalidInput(
                f"piece {line.piece.tag_code} is {status} now: remove it from the bill", "lines"
            )
        pieces.append(row)
    series, _, number = allocate(session, DocumentKind.INVOICE, terminal.invoice_series, day)
    buyer = computation.draft.buyer
    totals = computation.totals
    customer = bill.customer
    invoice = Invoice(
        id=new_id(),
        shop_id=ctx.shop_id,
        terminal_id=ctx.terminal_id,
        customer_id=None if customer is None else customer.id,
        user_id=bill.actor.user_id,
        series=series.prefix,
        financial_year=series.financial_year,
        number=number,
        issued_at=now,
        invoice_date=day,
        supply_type=computation.supply_type.value.lower(),
        place_of_supply=computation.place_of_supply,
        classification=computation.classification.value.lower(),
        reverse_charge=False,
        buyer_name=(buyer.name or "")[:200],
        buyer_gstin=buyer.gstin,
        buyer_pan=buyer.pan,
        buyer_state_code=buyer.state_code,
        buyer_address=buyer.address or None,
        buyer_phone=None if customer is None else customer.phone,
        taxable_paise=totals.taxable_value.value,
        cgst_paise=totals.cgst.value,
        sgst_paise=totals.sgst.value,
        igst_paise=totals.igst.value,
        round_off_paise=totals.round_off.value,
        grand_total_paise=totals.grand_total.value,
        old_gold_value_paise=computation.voucher.value.value,
        net_payable_paise=computation.net_payable.value,
        status="issued",
        origin_terminal_id=ctx.terminal_id,
        created_at=now,
    )
    invoice.hash = document_hash(_seal(invoice))
    work.add(invoice)
    by_piece = {row.id: row for row in pieces}
    for index, (line, priced) in enumerate(zip(bill.lines, computation.lines, strict=True), 1):
        piece_row = None if line.piece is None else by_piece[line.piece.id]
        work.add(_line_row(work, invoice, index, priced, piece_row))
        if piece_row is not None:
            _sell(work, bill, invoice, piece_row)
        if line.making_overridden or priced.discount:
            work.audit(
                bill.actor,
                "price.override",
                "invoice_line",
                invoice.id,
                before=None
                if line.original_making is None
                else {
                    "making_mode": line.original_making[0],
                    "making_rate": line.original_making[1],
                },
                after={
                    "invoice": number,
                    "line_no": index,
                    "tag_code": None if line.piece is None else line.piece.tag_code,
                    "making_paise": priced.making_value.value,
                    "discount_paise": priced.discount.value,
                },
            )
    _vouchers(work, bill, invoice, computation.voucher)
    _payments(work, bill, invoice)
    work.audit(
        bill.actor,
        "invoice.issue",
        "invoice",
        invoice.id,
        after={
            "number": number,
            "grand_total_paise": invoice.grand_total_paise,
            "net_payable_paise": invoice.net_payable_paise,
            "lines": len(bill.lines),
            "hash": invoice.hash,
        },
    )
    return invoice


def _seal(invoice: Invoice) -> dict[str, object]:
    return {
        "id": str(invoice.id),
        "number": invoice.number,
        "invoice_date": invoice.invoice_date.isoformat(),
        "buyer_name": invoice.buyer_name,
        "buyer_gstin": invoice.buyer_gstin,
        "taxable_paise": invoice.taxable_paise,
        "cgst_paise": invoice.cgst_paise,
        "sgst_paise": invoice.sgst_paise,
        "igst_paise": invoice.igst_paise,
        "round_off_paise": invoice.round_off_paise,
        "grand_total_paise": invoice.grand_total_paise,
        "old_gold_value_paise": invoice.old_gold_value_paise,
        "net_payable_paise": invoice.net_payable_paise,
    }


def _line_row(
    work: UnitOfWork, invoice: Invoice, line_no: int, priced: PricedLine, piece: StockPiece | None
) -> InvoiceLine:
    draft = priced.draft
    making = draft.making
    making_rate = 0
    if making is not None:
        making_rate = (
            _bp(making.percent) if making.mode is MakingMode.PERCENT else making.amount.value
        )
    return InvoiceLine(
        id=new_id(),
        shop_id=invoice.shop_id,
        invoice_id=invoice.id,
        line_no=line_no,
        stock_piece_id=None if piece is None else piece.id,
        description=(draft.description or "jewellery")[:200],
        hsn=draft.hsn,
        gst_rate_bp=_bp(draft.gst_rate),
        metal=None if draft.metal is None else draft.metal.value,
        purity_fineness=None if draft.purity is None else draft.purity.fineness,
        huid=draft.huid,
        gross_mg=draft.gross_weight.value,
        stone_mg=draft.stone_weight.value,
        net_mg=draft.net_weight.value,
        rate_paise_per_gram=0 if draft.rate is None else draft.rate.value,
        metal_value_paise=priced.metal_value.value,
        wastage_bp=_bp(draft.wastage_percent),
        wastage_paise=priced.wastage_value.value,
        making_mode=None if making is None else making.mode.value,
        making_rate=making_rate,
        making_paise=priced.making_value.value,
        stone_paise=priced.stone_value.value,
        hallmark_paise=priced.hallmark_charge.value,
        discount_paise=priced.discount.value,
        taxable_paise=priced.taxable_value.value,
        origin_terminal_id=work.ctx.terminal_id,
        created_at=work.now,
    )


def _sell(work: UnitOfWork, bill: Bill, invoice: Invoice, piece: StockPiece) -> None:
    piece.status = PieceStatus.SOLD.value
    piece.updated_at = work.now
    work.changed(piece)
    work.add(
        StockMovement(
            id=new_id(),
            shop_id=invoice.shop_id,
            stock_piece_id=piece.id,
            kind=MovementKind.SOLD.value,
            status_after=PieceStatus.SOLD.value,
            invoice_id=invoice.id,
            user_id=bill.actor.user_id,
            occurred_at=work.now,
            origin_terminal_id=work.ctx.terminal_id,
            created_at=work.now,
        )
    )


def _vouchers(work: UnitOfWork, bill: Bill, invoice: Invoice, voucher: ExchangeVoucher) -> None:
    """One voucher row per old piece. Each row's whole-rupee value is the step of the running
    total rounded to the rupee, so the rows add up exactly to the invoice's voucher value
    (which the kernel rounds once, on the sum)."""
    terminal = work.session.get(Terminal, (invoice.shop_id, invoice.terminal_id))
    assert terminal is not None
    running, counted = Paise(0), Paise(0)
    customer = bill.customer
    for item in bill.exchanges:
        line = item.line
        running = running + line.value
        value = running.to_nearest_rupee() - counted
        counted = counted + value
        series, _, number = allocate(
            work.session, DocumentKind.VOUCHER, terminal.voucher_series, invoice.invoice_date
        )
        metal_value = weight_times_rate(line.net_weight, line.rate)
        work.add(
            OldGoldVoucher(
                id=new_id(),
                shop_id=invoice.shop_id,
                terminal_id=invoice.terminal_id,
                invoice_id=invoice.id,
                customer_id=invoice.customer_id,
                user_id=bill.actor.user_id,
                series=series.prefix,
                financial_year=series.financial_year,
                number=number,
                issued_at=work.now,
                voucher_date=invoice.invoice_date,
                seller_name=invoice.buyer_name,
                seller_phone=None if customer is None else customer.phone,
                seller_pan=invoice.buyer_pan,
                seller_address=invoice.buyer_address,
                description=line.description or "old gold",
                metal=line.purity.metal.value,
                purity_fineness=line.purity.fineness,
                gross_mg=item.gross_weight.value,
                net_mg=line.net_weight.value,
                rate_paise_per_gram=line.rate.value,
                deduction_bp=_bp(line.deduction_percent),
                metal_value_paise=metal_value.value,
                deduction_paise=max(metal_value - line.value, Paise(0)).value,
                value_paise=value.value,
                status="issued",
                origin_terminal_id=work.ctx.terminal_id,
                created_at=work.now,
            )
        )


def _payments(work: UnitOfWork, bill: Bill, invoice: Invoice) -> None:
    if invoice.net_payable_paise < 0:
        # The old gold is worth more than the purchase: the shop pays the balance out, and the
        # payout is recorded so the day book's money in and out agree with the invoice.
        work.add(
            Payment(
                id=new_id(),
                shop_id=invoice.shop_id,
                terminal_id=invoice.terminal_id,
                invoice_id=invoice.id,
                customer_id=invoice.customer_id,
                user_id=bill.actor.user_id,
                mode="cash",
                direction=PaymentDirection.REFUNDED.value,
                amount_paise=-invoice.net_payable_paise,
                reference="old gold balance paid to the customer",
                received_at=work.now,
                payment_date=invoice.invoice_date,
                origin_terminal_id=work.ctx.terminal_id,
                created_at=work.now,
            )
        )
    for entry in bill.payments:
        work.add(
            Payment(
                id=new_id(),
                shop_id=invoice.shop_id,
                terminal_id=invoice.terminal_id,
                invoice_id=invoice.id,
                customer_id=invoice.customer_id,
                user_id=bill.actor.user_id,
                mode=entry.mode.value,
                direction=PaymentDirection.RECEIVED.value,
                amount_paise=entry.amount.value,
                reference=entry.reference,
                received_at=work.now,
                payment_date=invoice.invoice_date,
                origin_terminal_id=work.ctx.terminal_id,
                created_at=work.now,
            )
        )
