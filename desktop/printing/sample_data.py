"""A small, lawful sample shop in a SQLite database: the rows behind the sample prints.

The screenshots in docs/, the render benchmark and the printing tests need issued invoices,
exchanges, credit notes and an audit chain before the counter's services exist on a machine.
Every figure is computed by the kernel (`shared.invoice_calc`, `shared.gst`, `shared.exchange`)
and written to the shared tables exactly as an issue would store it, so the CHECK constraints
hold and a print of these rows is a print of a real invoice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.counter_rules import PaymentMode
from shared.exchange import ExchangeLine
from shared.gst import InvoiceTotals, SupplyType, tax_by_rate
from shared.ids import new_id
from shared.invoice_calc import Buyer, InvoiceComputation, InvoiceDraft, compute_invoice
from shared.money import Milligrams, Paise
from shared.numbering import InvoiceSeries, financial_year
from shared.pricing import LineDraft, LineKind, MakingCharge, MakingMode, StoneCharge
from shared.purity import Metal, default_catalogue
from shared.tables import (
    AuditEvent,
    CreditNote,
    CreditNoteLine,
    Customer,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    Shop,
    StockMovement,
    StockPiece,
    Terminal,
    User,
)
from shared.validators import gstin_check_character

_CATALOGUE: Final = default_catalogue()
NO_PAISE: Final = Paise(0)
_HLC: Final = "0000000000000000-0000-sample"
IST: Final = dt.timezone(dt.timedelta(hours=5, minutes=30))


def make_gstin(first14: str) -> str:
    """A GSTIN with its check character (for sample shops and buyers)."""
    return first14 + gstin_check_character(first14)


@dataclass(frozen=True, slots=True)
class SampleShop:
    shop_id: uuid.UUID
    terminal_id: uuid.UUID
    user_id: uuid.UUID
    gstin: str
    state_code: str


def create_sample_shop(
    session: Session,
    *,
    name: str = "Sri Lakshmi Jewellers",
    gstin_first14: str = "29AAKFS4321M1Z",
    address: str = "No. 14, 2nd Cross, Avenue Road, Chickpet, Bengaluru",
    series: str = "A1",
) -> SampleShop:
    """A shop, its terminal with series `series`, and the owner who bills."""
    gstin = make_gstin(gstin_first14)
    shop = Shop(
        name=name,
        legal_name=f"{name} LLP",
        gstin=gstin,
        pan=gstin[2:12],
        state_code=gstin[:2],
        address=address,
        pincode="560053",
        phone="+91 80 2222 3333",
        email="accounts@srilakshmi.example",
        hlc=_HLC,
    )
    session.add(shop)
    session.flush()
    terminal = Terminal(
        shop_id=shop.id,
        name="Counter 1",
        invoice_series=series,
        credit_note_series=f"C{series}"[:4],
        voucher_series=f"V{series}"[:4],
        hlc=_HLC,
    )
    user = User(
        shop_id=shop.id,
        username="ravi",
        display_name="Ravi Kumar",
        role="owner",
        password_hash="sample-no-sign-in",  # noqa: S106 - not a hash: sample users cannot sign in
        hlc=_HLC,
    )
    session.add_all([terminal, user])
    session.flush()
    return SampleShop(shop.id, terminal.id, user.id, gstin, gstin[:2])


def load_sample_shop(session: Session, shop_id: uuid.UUID) -> SampleShop:
    """The SampleShop of an existing shop (its first terminal and first user)."""
    shop = session.get(Shop, shop_id)
    terminal = session.scalars(select(Terminal).where(Terminal.shop_id == shop_id)).first()
    user = session.scalars(select(User).where(User.shop_id == shop_id)).first()
    if shop is None or shop.gstin is None or terminal is None or user is None:
        raise ValueError("not a sample shop: it needs a GSTIN, a terminal and a user")
    return SampleShop(shop_id, terminal.id, user.id, shop.gstin, shop.state_code)


def add_piece(
    session: Session,
    shop: SampleShop,
    *,
    tag_code: str,
    description: str,
    metal: str = "gold",
    fineness: int = 916,
    gross_mg: int,
    stone_mg: int = 0,
    huid: str | None = None,
    making_mode: str = "per_gram",
    making_rate: int = 0,
    wastage_bp: int = 0,
    stone_value_paise: int = 0,
    hallmark_fee_paise: int = 0,
    hsn: str | None = None,
) -> StockPiece:
    """A tagged piece in stock; net weight is gross less stones."""
    piece = StockPiece(
        shop_id=shop.shop_id,
        tag_code=tag_code,
        barcode=tag_code,
        huid=huid,
        description=description,
        metal=metal,
        purity_fineness=fineness,
        gross_mg=gross_mg,
        stone_mg=stone_mg,
        net_mg=gross_mg - stone_mg,
        stone_carats_mct=stone_mg * 5,
        stone_value_paise=stone_value_paise,
        making_mode=making_mode,
        making_rate=making_rate,
        wastage_bp=wastage_bp,
        hallmark_fee_paise=hallmark_fee_paise,
        hsn=hsn or ("711311" if metal == "silver" else "711319"),
        gst_rate_bp=300,
        hlc=_HLC,
    )
    session.add(piece)
    session.flush()
    return piece


def line_for_piece(piece: StockPiece, rate: Paise, *, discount: Paise = NO_PAISE) -> LineDraft:
    """The kernel's draft for billing `piece` at `rate` per gram."""
    purity = _CATALOGUE.find(piece.metal, piece.purity_fineness)
    mode = MakingMode(piece.making_mode)
    making = (
        MakingCharge(mode, percent=Decimal(piece.making_rate) / 100)
        if mode is MakingMode.PERCENT
        else MakingCharge(mode, amount=Paise(piece.making_rate))
    )
    stones = (StoneCharge(stated_value=Paise(piece.stone_value_paise)),)
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn=piece.hsn,
        gst_rate=Decimal(piece.gst_rate_bp) / 100,
        gross_weight=Milligrams(piece.gross_mg),
        net_weight=Milligrams(piece.net_mg),
        stone_weight=Milligrams(piece.stone_mg),
        metal=Metal(piece.metal),
        purity=purity,
        rate=rate,
        description=piece.description,
        hallmarked=piece.huid is not None,
        huid=piece.huid,
        wastage_percent=Decimal(piece.wastage_bp) / 100,
        making=making,
        stones=stones if piece.stone_value_paise else (),
        hallmark_charge=Paise(piece.hallmark_fee_paise),
        discount=discount,
    )


def _making_fields(draft: LineDraft) -> tuple[str | None, int]:
    if draft.making is None:
        return None, 0
    if draft.making.mode is MakingMode.PERCENT:
        return draft.making.mode.value, int(draft.making.percent * 100)
    return draft.making.mode.value, draft.making.amount.value


def _next_sequence(
    session: Session,
    model: type[Invoice] | type[CreditNote],
    shop_id: uuid.UUID,
    series: str,
    year: str,
) -> int:
    count = session.scalar(
        select(func.count()).where(
            model.shop_id == shop_id, model.series == series, model.financial_year == year
        )
    )
    return int(count or 0) + 1


def issue_invoice(
    session: Session,
    shop: SampleShop,
    *,
    issued_at: dt.datetime,
    lines: Sequence[tuple[LineDraft, StockPiece | None]],
    buyer: Buyer | None = None,
    buyer_phone: str | None = None,
    place_of_supply: str | None = None,
    old_gold: Sequence[ExchangeLine] = (),
    pay: Callable[[Paise], Mapping[PaymentMode, Paise]] | None = None,
    references: Mapping[PaymentMode, str] | None = None,
) -> Invoice:
    """Compute the invoice with the kernel and store it as the counter would issue it.

    `pay` splits the net payable into payments (default: all cash); the kernel checks the
    split (it must settle the bill, cash under the s.269ST limit). At most one old-gold line,
    stored as one voucher.
    """
    if len(old_gold) > 1:
        raise ValueError("the sample writer stores at most one old-gold line per invoice")
    terminal = session.get(Terminal, (shop.shop_id, shop.terminal_id))
    assert terminal is not None
    day = issued_at.astimezone(IST).date()
    year = financial_year(day)
    series = InvoiceSeries.for_date(terminal.invoice_series, day)
    number = series.format(_next_sequence(session, Invoice, shop.shop_id, series.prefix, year))
    who = buyer or Buyer()
    draft = InvoiceDraft(
        invoice_date=day,
        seller_gstin=shop.gstin,
        lines=[line for line, _ in lines],
        buyer=who,
        place_of_supply=place_of_supply,
        invoice_number=number,
        old_gold=tuple(old_gold),
    )
    net_payable = compute_invoice(draft).net_payable
    settled = dict(pay(net_payable)) if pay else {PaymentMode.CASH: net_payable}
    comp: InvoiceComputation = compute_invoice(replace(draft, payments=settled))
    customer_id = None
    if who.name:
        customer = Customer(
            shop_id=shop.shop_id,
            name=who.name,
            phone=buyer_phone,
            gstin=who.gstin,
            pan=who.pan,
            state_code=who.state_code,
            address=who.address or None,
            hlc=_HLC,
        )
        session.add(customer)
        session.flush()
        customer_id = customer.id
    invoice = Invoice(
        shop_id=shop.shop_id,
        terminal_id=shop.terminal_id,
        customer_id=customer_id,
        user_id=shop.user_id,
        series=series.prefix,
        financial_year=year,
        number=number,
        issued_at=issued_at,
        invoice_date=day,
        supply_type=comp.supply_type.value.lower(),
        place_of_supply=comp.place_of_supply,
        classification=comp.classification.value.lower(),
        buyer_name=who.name or "Walk-in customer",
        buyer_gstin=who.gstin,
        buyer_pan=who.pan,
        buyer_state_code=who.state_code,
        buyer_address=who.address or None,
        buyer_phone=buyer_phone,
        taxable_paise=comp.totals.taxable_value.value,
        cgst_paise=comp.totals.cgst.value,
        sgst_paise=comp.totals.sgst.value,
        igst_paise=comp.totals.igst.value,
        round_off_paise=comp.totals.round_off.value,
        grand_total_paise=comp.totals.grand_total.value,
        old_gold_value_paise=comp.voucher.value.value,
        net_payable_paise=comp.net_payable.value,
    )
    session.add(invoice)
    session.flush()
    for line_no, (priced, (_, piece)) in enumerate(zip(comp.lines, lines, strict=True), start=1):
        line_draft = priced.draft
        mode, rate = _making_fields(line_draft)
        session.add(
            InvoiceLine(
                shop_id=shop.shop_id,
                invoice_id=invoice.id,
                line_no=line_no,
                stock_piece_id=piece.id if piece is not None else None,
                description=line_draft.description,
                hsn=line_draft.hsn,
                gst_rate_bp=int(line_draft.gst_rate * 100),
                metal=line_draft.metal.value if line_draft.metal else None,
                purity_fineness=line_draft.purity.fineness if line_draft.purity else None,
                huid=line_draft.huid,
                gross_mg=line_draft.gross_weight.value,
                stone_mg=line_draft.stone_weight.value,
                net_mg=line_draft.net_weight.value,
                rate_paise_per_gram=line_draft.rate.value if line_draft.rate else 0,
                metal_value_paise=priced.metal_value.value,
                wastage_bp=int(line_draft.wastage_percent * 100),
                wastage_paise=priced.wastage_value.value,
                making_mode=mode,
                making_rate=rate,
                making_paise=priced.making_value.value,
                stone_paise=priced.stone_value.value,
                hallmark_paise=priced.hallmark_charge.value,
                discount_paise=priced.discount.value,
                taxable_paise=priced.taxable_value.value,
            )
        )
        if piece is not None:
            piece.status = "sold"
            session.add(
                StockMovement(
                    shop_id=shop.shop_id,
                    stock_piece_id=piece.id,
                    kind="sold",
                    status_after="sold",
                    invoice_id=invoice.id,
                    occurred_at=issued_at,
                )
            )
    for index, item in enumerate(old_gold, start=1):
        value = comp.voucher.value
        gross = Milligrams(item.net_weight.value + 250)
        exact = item.net_weight.value * item.rate.value
        metal_value = Paise((exact + 500) // 1000)
        session.add(
            OldGoldVoucher(
                shop_id=shop.shop_id,
                terminal_id=shop.terminal_id,
                invoice_id=invoice.id,
                customer_id=customer_id,
                user_id=shop.user_id,
                series=terminal.voucher_series,
                financial_year=year,
                number=f"{terminal.voucher_series}/{series.short_year}/{index:05d}",
                issued_at=issued_at,
                voucher_date=day,
                seller_name=invoice.buyer_name,
                seller_phone=buyer_phone,
                description=item.description or "Old gold ornaments",
                metal=item.purity.metal.value,
                purity_fineness=item.purity.fineness,
                gross_mg=gross.value,
                net_mg=item.net_weight.value,
                rate_paise_per_gram=item.rate.value,
                deduction_bp=int(item.deduction_percent * 100),
                metal_value_paise=metal_value.value,
                deduction_paise=(metal_value - item.value).value,
                value_paise=value.value,
            )
        )
    for mode, amount in settled.items():
        if amount.value <= 0:
            continue
        session.add(
            Payment(
                shop_id=shop.shop_id,
                terminal_id=shop.terminal_id,
                invoice_id=invoice.id,
                customer_id=customer_id,
                user_id=shop.user_id,
                mode=mode.value,
                amount_paise=amount.value,
                reference=(references or {}).get(mode),
                received_at=issued_at,
                payment_date=day,
            )
        )
    session.flush()
    return invoice


def issue_credit_note(
    session: Session,
    shop: SampleShop,
    invoice: Invoice,
    *,
    issued_at: dt.datetime,
    line_numbers: Sequence[int],
    reason: str = "Sales return",
    refund_mode: PaymentMode = PaymentMode.CASH,
) -> CreditNote:
    """A sales return of the given invoice lines: tax by the kernel, pieces back in stock."""
    terminal = session.get(Terminal, (shop.shop_id, shop.terminal_id))
    assert terminal is not None
    day = issued_at.astimezone(IST).date()
    year = financial_year(day)
    series = InvoiceSeries.for_date(terminal.credit_note_series, day)
    seq = _next_sequence(session, CreditNote, shop.shop_id, series.prefix, year)
    returned = [line for line in invoice.lines if line.line_no in set(line_numbers)]
    kind = SupplyType.INTER if invoice.supply_type == "inter" else SupplyType.INTRA
    rows = tax_by_rate(
        ((Decimal(line.gst_rate_bp) / 100, Paise(line.taxable_paise)) for line in returned), kind
    )
    totals = InvoiceTotals.from_rows(rows)
    note = CreditNote(
        shop_id=shop.shop_id,
        invoice_id=invoice.id,
        terminal_id=shop.terminal_id,
        customer_id=invoice.customer_id,
        user_id=shop.user_id,
        series=series.prefix,
        financial_year=year,
        number=series.format(seq),
        issued_at=issued_at,
        note_date=day,
        reason=reason,
        supply_type=invoice.supply_type,
        place_of_supply=invoice.place_of_supply,
        classification="cdnr" if invoice.buyer_gstin else "b2cs",
        buyer_name=invoice.buyer_name,
        buyer_gstin=invoice.buyer_gstin,
        taxable_paise=totals.taxable_value.value,
        cgst_paise=totals.cgst.value,
        sgst_paise=totals.sgst.value,
        igst_paise=totals.igst.value,
        round_off_paise=totals.round_off.value,
        grand_total_paise=totals.grand_total.value,
    )
    session.add(note)
    session.flush()
    for line_no, line in enumerate(returned, start=1):
        session.add(
            CreditNoteLine(
                shop_id=shop.shop_id,
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
            )
        )
        if line.stock_piece_id is not None:
            piece = session.get(StockPiece, (shop.shop_id, line.stock_piece_id))
            if piece is not None:
                piece.status = "in_stock"
            session.add(
                StockMovement(
                    shop_id=shop.shop_id,
                    stock_piece_id=line.stock_piece_id,
                    kind="returned",
                    status_after="in_stock",
                    credit_note_id=note.id,
                    occurred_at=issued_at,
                )
            )
    session.add(
        Payment(
            shop_id=shop.shop_id,
            terminal_id=shop.terminal_id,
            credit_note_id=note.id,
            customer_id=invoice.customer_id,
            user_id=shop.user_id,
            mode=refund_mode.value,
            direction="refunded",
            amount_paise=totals.grand_total.value,
            received_at=issued_at,
            payment_date=day,
        )
    )
    session.flush()
    return note


def append_audit(
    session: Session,
    shop: SampleShop,
    *,
    at: dt.datetime,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
) -> AuditEvent:
    """One link of the terminal's audit chain: sha256 over the event and the previous hash."""
    last = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.shop_id == shop.shop_id, AuditEvent.chain_id == shop.terminal_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq = last.seq + 1 if last else 1
    prev_hash = last.hash if last else None
    body = {
        "seq": seq,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id) if entity_id else None,
        "at": at.isoformat(),
        "prev_hash": prev_hash,
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    event = AuditEvent(
        id=new_id(),
        shop_id=shop.shop_id,
        chain_id=shop.terminal_id,
        seq=seq,
        terminal_id=shop.terminal_id,
        actor_user_id=shop.user_id,
        actor_label="Ravi Kumar",
        action=action,
        entity=entity,
        entity_id=entity_id,
        at=at,
        prev_hash=prev_hash,
        hash=digest,
    )
    session.add(event)
    session.flush()
    return event
