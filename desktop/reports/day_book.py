"""The day book: one shop day's invoices, exchanges, credit notes and money, to the paisa.

The counter closes the day by matching the drawer against this page, so every figure is read
from the stored rows and the totals are plain sums of the invoices listed (cancelled invoices
are listed, marked, and left out of the totals). The day is the shop's Asia/Kolkata date, the
one printed on the documents; the audit heads are the last link of each audit chain written
that day, so a later edit of the day's records shows as a hash that no longer matches.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise
from shared.printing.formatting import SHOP_ZONE, payment_mode_label
from shared.tables import AuditEvent, CreditNote, Invoice, OldGoldVoucher, Payment, Shop
from shared.tables.vocabulary import PaymentMode

ISSUED = "issued"


@dataclass(frozen=True, slots=True)
class DayBookInvoice:
    number: str
    issued_at_local: dt.datetime
    buyer_name: str
    buyer_gstin: str | None
    classification: str
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    round_off: Paise
    grand_total: Paise
    old_gold: Paise
    net_payable: Paise
    status: str

    @property
    def counted(self) -> bool:
        return self.status == ISSUED


@dataclass(frozen=True, slots=True)
class DayBookExchange:
    voucher_number: str
    invoice_number: str | None
    seller_name: str
    description: str
    purity_fineness: int
    net: Milligrams
    value: Paise
    status: str


@dataclass(frozen=True, slots=True)
class DayBookCreditNote:
    number: str
    invoice_number: str
    buyer_name: str
    reason: str
    taxable: Paise
    tax: Paise
    grand_total: Paise
    status: str


@dataclass(frozen=True, slots=True)
class DayBookPayment:
    mode: str
    direction: str
    amount: Paise
    document_number: str | None
    reference: str | None
    received_at_local: dt.datetime


@dataclass(frozen=True, slots=True)
class ModeTotal:
    mode: str
    label: str
    received: Paise
    refunded: Paise

    @property
    def net(self) -> Paise:
        return self.received - self.refunded


@dataclass(frozen=True, slots=True)
class DayBookTotals:
    invoice_count: int
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    round_off: Paise
    grand_total: Paise
    old_gold: Paise
    net_payable: Paise
    exchange_total: Paise
    credit_note_total: Paise
    received: Paise
    refunded: Paise

    @property
    def total_tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The last audit event of one chain (a terminal's, or the hub's) on the day."""

    chain_id: uuid.UUID
    seq: int
    hash: str | None
    at_local: dt.datetime


@dataclass(frozen=True, slots=True)
class DayBook:
    shop_name: str
    shop_gstin: str | None
    day: dt.date
    invoices: tuple[DayBookInvoice, ...]
    exchanges: tuple[DayBookExchange, ...]
    credit_notes: tuple[DayBookCreditNote, ...]
    payments: tuple[DayBookPayment, ...]
    payments_by_mode: tuple[ModeTotal, ...]
    totals: DayBookTotals
    audit_heads: tuple[AuditHead, ...]

    @property
    def last_audit_hash(self) -> str | None:
        """The hash of the day's latest audit event across chains (None on a day without any)."""
        if not self.audit_heads:
            return None
        return max(self.audit_heads, key=lambda head: (head.at_local, head.seq)).hash


def _sum(values: Iterable[Paise]) -> Paise:
    return sum(values, Paise(0))


def day_bounds_utc(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where the shop's date `day` begins and the next one begins."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=SHOP_ZONE)
    end = start + dt.timedelta(days=1)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _audit_heads(session: Session, shop_id: uuid.UUID, day: dt.date) -> tuple[AuditHead, ...]:
    start, end = day_bounds_utc(day)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.shop_id == shop_id, AuditEvent.at >= start, AuditEvent.at < end)
        .order_by(AuditEvent.chain_id, AuditEvent.seq)
    ).all()
    last: dict[uuid.UUID, AuditEvent] = {}
    for event in events:
        last[event.chain_id] = event
    return tuple(
        AuditHead(e.chain_id, e.seq, e.hash, e.at.astimezone(SHOP_ZONE))
        for e in sorted(last.values(), key=lambda e: (e.at, e.seq))
    )


def build_day_book(session: Session, shop_id: uuid.UUID, day: dt.date) -> DayBook:
    """Gather the day's documents and money for `shop_id` on the shop date `day`."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInput("the day book is for a date, such as 2025-06-14", "day")
    shop = session.get(Shop, shop_id)
    if shop is None:
        raise InvalidInput("this counter has no shop profile yet; run `boolagold counter init`")
    invoice_rows = session.scalars(
        select(Invoice)
        .where(Invoice.shop_id == shop_id, Invoice.invoice_date == day)
        .order_by(Invoice.issued_at, Invoice.number)
    ).all()
    numbers = {row.id: row.number for row in invoice_rows}
    voucher_rows = session.scalars(
        select(OldGoldVoucher)
        .where(OldGoldVoucher.shop_id == shop_id, OldGoldVoucher.voucher_date == day)
        .order_by(OldGoldVoucher.issued_at, OldGoldVoucher.number)
    ).all()
    note_rows = session.scalars(
        select(CreditNote)
        .where(CreditNote.shop_id == shop_id, CreditNote.note_date == day)
        .order_by(CreditNote.issued_at, CreditNote.number)
    ).all()
    payment_rows = session.scalars(
        select(Payment)
        .where(Payment.shop_id == shop_id, Payment.payment_date == day)
        .order_by(Payment.received_at, Payment.id)
    ).all()
    referenced = [v.invoice_id for v in voucher_rows] + [n.invoice_id for n in note_rows]
    referenced += [p.invoice_id for p in payment_rows]
    numbers.update(
        _numbers_of(session, shop_id, Invoice, [i for i in referenced if i not in numbers])
    )
    note_numbers = {row.id: row.number for row in note_rows}
    invoices = tuple(
        DayBookInvoice(
            number=row.number,
            issued_at_local=row.issued_at.astimezone(SHOP_ZONE),
            buyer_name=row.buyer_name,
            buyer_gstin=row.buyer_gstin,
            classification=row.classification,
            taxable=Paise(row.taxable_paise),
            cgst=Paise(row.cgst_paise),
            sgst=Paise(row.sgst_paise),
            igst=Paise(row.igst_paise),
            round_off=Paise(row.round_off_paise),
            grand_total=Paise(row.grand_total_paise),
            old_gold=Paise(row.old_gold_value_paise),
            net_payable=Paise(row.net_payable_paise),
            status=row.status,
        )
        for row in invoice_rows
    )
    exchanges = tuple(
        DayBookExchange(
            voucher_number=row.number,
            invoice_number=numbers.get(row.invoice_id) if row.invoice_id else None,
            seller_name=row.seller_name,
            description=row.description,
            purity_fineness=row.purity_fineness,
            net=Milligrams(row.net_mg),
            value=Paise(row.value_paise),
            status=row.status,
        )
        for row in voucher_rows
    )
    notes = tuple(
        DayBookCreditNote(
            number=row.number,
            invoice_number=numbers.get(row.invoice_id, ""),
            buyer_name=row.buyer_name,
            reason=row.reason,
            taxable=Paise(row.taxable_paise),
            tax=Paise(row.cgst_paise + row.sgst_paise + row.igst_paise),
            grand_total=Paise(row.grand_total_paise),
            status=row.status,
        )
        for row in note_rows
    )
    missing_notes = [
        p.credit_note_id
        for p in payment_rows
        if p.credit_note_id and p.credit_note_id not in note_numbers
    ]
    note_numbers.update(_numbers_of(session, shop_id, CreditNote, missing_notes))
    payments = tuple(
        DayBookPayment(
            mode=row.mode,
            direction=row.direction,
            amount=Paise(row.amount_paise),
            document_number=(
                numbers.get(row.invoice_id)
                if row.invoice_id
                else note_numbers.get(row.credit_note_id)
                if row.credit_note_id
                else None
            ),
            reference=row.reference,
            received_at_local=row.received_at.astimezone(SHOP_ZONE),
        )
        for row in payment_rows
    )
    counted = [inv for inv in invoices if inv.counted]
    by_mode = _by_mode(payments)
    totals = DayBookTotals(
        invoice_count=len(counted),
        taxable=_sum(i.taxable for i in counted),
        cgst=_sum(i.cgst for i in counted),
        sgst=_sum(i.sgst for i in counted),
        igst=_sum(i.igst for i in counted),
        round_off=_sum(i.round_off for i in counted),
        grand_total=_sum(i.grand_total for i in counted),
        old_gold=_sum(i.old_gold for i in counted),
        net_payable=_sum(i.net_payable for i in counted),
        exchange_total=_sum(e.value for e in exchanges if e.status == ISSUED),
        credit_note_total=_sum(n.grand_total for n in notes if n.status == ISSUED),
        received=_sum(m.received for m in by_mode),
        refunded=_sum(m.refunded for m in by_mode),
    )
    return DayBook(
        shop_name=shop.name,
        shop_gstin=shop.gstin,
        day=day,
        invoices=invoices,
        exchanges=exchanges,
        credit_notes=notes,
        payments=payments,
        payments_by_mode=by_mode,
        totals=totals,
        audit_heads=_audit_heads(session, shop_id, day),
    )


def _numbers_of(
    session: Session,
    shop_id: uuid.UUID,
    model: type[Invoice] | type[CreditNote],
    ids: Iterable[uuid.UUID | None],
) -> dict[uuid.UUID, str]:
    """Numbers of documents from other days that today's rows point at (a late payment)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(model.id, model.number).where(model.shop_id == shop_id, model.id.in_(wanted))
    ).all()
    return dict(rows)


def _by_mode(payments: Iterable[DayBookPayment]) -> tuple[ModeTotal, ...]:
    """Money in and out per mode, in the order modes appear on the counter's payment screen."""
    received: dict[str, Paise] = {}
    refunded: dict[str, Paise] = {}
    for payment in payments:
        bucket = refunded if payment.direction == "refunded" else received
        bucket[payment.mode] = bucket.get(payment.mode, Paise(0)) + payment.amount
    order = [mode.value for mode in PaymentMode]
    modes = sorted(
        set(received) | set(refunded),
        key=lambda mode: (order.index(mode) if mode in order else len(order), mode),
    )
    return tuple(
        ModeTotal(
            mode=mode,
            label=payment_mode_label(mode),
            received=received.get(mode, Paise(0)),
            refunded=refunded.get(mode, Paise(0)),
        )
        for mode in modes
    )
