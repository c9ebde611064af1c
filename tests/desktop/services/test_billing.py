"""Billing: scan to a kernel-priced line, the rules at the moment the clerk acts, and issue as
one transaction with gapless numbers, stock, payments, audit and outbox all agreeing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.services import audit, customers, invoices, stock
from desktop.services.billing import Bill, ExchangeInput
from desktop.services.errors import NotAllowed
from desktop.storage.local_tables import OutboxRecord
from shared.errors import InvalidInput
from shared.money import Milligrams, Paise
from shared.tables import Invoice, InvoiceLine, OldGoldVoucher, Payment, StockMovement, StockPiece
from tests.desktop.licences import install_test_licence
from tests.desktop.services.conftest import Shop, bangle, with_buyer


def test_a_scan_prices_the_piece_with_the_kernel_at_todays_rate(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    bill = Bill(shop.ctx, shop.sales)
    line = bill.scan("t0001")
    priced = line.priced
    # 12.150 g x 6450 = 78 367.50; wastage 2.5 % = 1 959.19; making 12.150 x 450 = 5 467.50
    assert priced.metal_value == Paise(78_367_50)
    assert priced.wastage_value == Paise(1_959_19)
    assert priced.making_value == Paise(5_467_50)
    assert priced.stone_value == Paise(2_000_00)
    assert priced.taxable_value == Paise(78_367_50 + 1_959_19 + 5_467_50 + 2_000_00 + 45_00)
    assert line.draft.huid == "AB12CD"
    # The HUID and the barcode find the same piece.
    with pytest.raises(InvalidInput, match="already on this bill"):
        bill.scan("AB12CD")


def test_unknown_sold_and_rateless_pieces_are_refused_with_a_clear_message(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    stock.add_piece(
        shop.ctx,
        shop.owner,
        bangle(
            "P1",
            None,
            metal="platinum",
            purity="950",
            stone_weight=Milligrams(0),
            stone_value=Paise(0),
        ),
    )
    bill = Bill(shop.ctx, shop.owner)
    with pytest.raises(InvalidInput, match="no piece has"):
        bill.scan("NOPE")
    with pytest.raises(InvalidInput, match="no sale rate for platinum Pt950"):
        bill.scan("P1")
    bill.scan("T0001")
    with_buyer(bill).add_payment("upi", bill.summary().balance)
    bill.issue()
    with pytest.raises(InvalidInput, match="T0001 is sold, not in stock") as caught:
        Bill(shop.ctx, shop.owner).scan("T0001")
    assert caught.value.field == "code"


def test_sales_discount_is_limited_and_the_owner_is_not(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    bill = Bill(shop.ctx, shop.sales)
    value = bill.scan("T0001").priced.taxable_value
    allowed = value.percent(Decimal(5))
    bill.set_discount(0, allowed)
    with pytest.raises(NotAllowed, match="at most 5%"):
        bill.set_discount(0, allowed + Paise(1))
    with pytest.raises(NotAllowed):
        bill.set_making(0, "per_gram", "0")
    assert bill.lines[0].priced.discount == allowed  # the refused change left the line alone
    owner_bill = Bill(shop.ctx, shop.owner)
    owner_bill.scan("T0001")
    owner_bill.set_making(0, "per_gram", "0")
    assert owner_bill.lines[0].priced.making_value == Paise(0)
    assert owner_bill.lines[0].making_overridden


def test_accounts_cannot_bill(shop: Shop) -> None:
    with pytest.raises(NotAllowed, match="may not issue invoices"):
        Bill(shop.ctx, shop.accounts)


def test_cash_limit_counts_the_customers_earlier_cash_today(shop: Shop) -> None:
    for n in range(4):
        stock.add_piece(shop.ctx, shop.owner, bangle(f"T{n}", f"AB12C{n}"))
    buyer = customers.create_customer(
        shop.ctx,
        shop.owner,
        customers.CustomerInput(
            "Asha", "9845012345", state_code="29", address="MG Road", pan="ABCPE1234F"
        ),
    )
    first = Bill(shop.ctx, shop.owner)
    first.scan("T0")
    first.scan("T1")
    first.set_customer(buyer.id)
    due = first.summary().balance
    first.add_payment("cash", Paise(1_50_000_00))
    with pytest.raises(InvalidInput, match=r"s\.269ST") as caught:
        first.add_payment("cash", Paise(50_000_00))
    assert caught.value.field == "payments.cash"
    first.add_payment("card", due - Paise(1_50_000_00))
    first.issue()
    second = Bill(shop.ctx, shop.owner)
    second.scan("T2")
    second.set_customer(buyer.id)
    with pytest.raises(InvalidInput, match="already paid in cash today"):
        second.add_payment("cash", Paise(50_000_00))


def test_pan_is_required_above_two_lakh(shop: Shop) -> None:
    for n in range(3):
        stock.add_piece(shop.ctx, shop.owner, bangle(f"T{n}", f"AB12C{n}"))
    bill = Bill(shop.ctx, shop.owner)
    for n in range(3):
        bill.scan(f"T{n}")
    bill.add_payment("bank", bill.summary().balance)
    summary = bill.summary()
    assert summary.flags is not None
    assert summary.flags.pan_missing
    with pytest.raises(InvalidInput, match="PAN or Form 60"):
        bill.issue()
    bill.form60 = True
    # Form 60 alone still leaves the Rule 46 recipient details for an anonymous buyer.
    with pytest.raises(InvalidInput, match="Rule 46"):
        bill.issue()


def test_issue_writes_everything_in_one_transaction_with_gapless_numbers(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    stock.add_piece(shop.ctx, shop.owner, bangle("T0002", "ZX98YW"))
    numbers = []
    for tag in ("T0001", "T0002"):
        bill = with_buyer(Bill(shop.ctx, shop.owner))
        bill.scan(tag)
        bill.add_exchange(ExchangeInput("916", Milligrams(1_000), deduction_percent="2"))
        due = bill.summary().balance
        bill.add_payment("cash", Paise(20_000_00))
        bill.add_payment("upi", due - Paise(20_000_00), "UPI123")
        assert bill.summary().problems == []
        issued = bill.issue()
        numbers.append(issued.number)
        assert bill.lines == []  # cleared for the next customer
    assert numbers == ["A1/25-26/00001", "A1/25-26/00002"]
    with shop.ctx.session() as session:
        invoice = session.scalar(select(Invoice).where(Invoice.number == numbers[0]))
        assert invoice is not None
        # 1 g x 6300 x 98 % = 6 174.00
        assert invoice.old_gold_value_paise == 6_174_00
        assert invoice.net_payable_paise == invoice.grand_total_paise - 6_174_00
        paid = session.scalar(
            select(func.sum(Payment.amount_paise)).where(Payment.invoice_id == invoice.id)
        )
        assert paid == invoice.net_payable_paise
        piece = session.scalar(select(StockPiece).where(StockPiece.tag_code == "T0001"))
        assert piece is not None
        assert piece.status == "sold"
        kinds = session.scalars(
            select(StockMovement.kind).where(StockMovement.stock_piece_id == piece.id)
        ).all()
        assert sorted(kinds) == ["received", "sold"]
        vouchers = session.scalars(select(OldGoldVoucher.number)).all()
        assert sorted(vouchers) == ["V1/25-26/00001", "V1/25-26/00002"]
        line_count = session.scalar(select(func.count()).select_from(InvoiceLine))
        assert line_count == 2
        queued = dict(
            session.execute(
                select(OutboxRecord.entity, func.count()).group_by(OutboxRecord.entity)
            ).all()
        )
        assert queued["invoice"] == 2
        assert queued["invoice_line"] == 2
        assert queued["payment"] == 4
        assert queued["old_gold_voucher"] == 2
    assert audit.verify(shop.ctx).ok


def test_old_gold_worth_more_than_the_bill_records_the_payout(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    bill = with_buyer(Bill(shop.ctx, shop.owner))
    bill.scan("T0001")
    bill.add_exchange(ExchangeInput("916", Milligrams(200_000), deduction_percent="2"))
    issued = bill.issue()
    with shop.ctx.session() as session:
        invoice = session.scalar(select(Invoice).where(Invoice.number == issued.number))
        assert invoice is not None
        assert invoice.net_payable_paise < 0
        payout = session.scalars(select(Payment).where(Payment.invoice_id == invoice.id)).one()
    assert payout.direction == "refunded"
    assert payout.mode == "cash"
    assert payout.amount_paise == -invoice.net_payable_paise


def test_invoice_date_and_financial_year_follow_the_shop_clock(shop: Shop) -> None:
    # Months after set-up: the local trial is over, so the shop holds a hub licence.
    install_test_licence(shop.ctx, valid_until=dt.date(2027, 3, 31))
    stock.add_piece(shop.ctx, shop.owner, bangle())
    # 31 March 2026, 23:59 in Bengaluru is still 2025-26 ...
    shop.clock.set(dt.datetime(2026, 3, 31, 18, 29, tzinfo=dt.UTC))
    bill = with_buyer(Bill(shop.ctx, shop.owner))
    bill.scan("T0001")
    bill.add_payment("card", bill.summary().balance)
    assert bill.issue().number == "A1/25-26/00001"
    stock.add_piece(shop.ctx, shop.owner, bangle("T0002", "ZX98YW"))
    # ... and a minute later a new financial year starts again at 1.
    shop.clock.set(dt.datetime(2026, 3, 31, 18, 31, tzinfo=dt.UTC))
    bill = with_buyer(Bill(shop.ctx, shop.owner))
    bill.scan("T0002")
    bill.add_payment("card", bill.summary().balance)
    assert bill.issue().number == "A1/26-27/00001"


def test_a_return_issues_a_credit_note_and_puts_the_piece_back(shop: Shop) -> None:
    stock.add_piece(shop.ctx, shop.owner, bangle())
    stock.add_piece(shop.ctx, shop.owner, bangle("T0002", "ZX98YW"))
    bill = with_buyer(Bill(shop.ctx, shop.owner))
    bill.scan("T0001")
    bill.scan("T0002")
    bill.add_payment("card", bill.summary().balance)
    issued = bill.issue()
    with pytest.raises(NotAllowed):
        invoices.create_return(shop.ctx, shop.sales, issued.number, ["T0002"])
    note = invoices.create_return(shop.ctx, shop.accounts, issued.number, ["t0002"])
    assert note.number == "C1/25-26/00001"
    assert note.taxable == issued.computation.lines[1].taxable_value
    assert stock.find_piece(shop.ctx, "T0002").status == "in_stock"  # type: ignore[union-attr]
    assert stock.find_piece(shop.ctx, "T0001").status == "sold"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="already returned"):
        invoices.create_return(shop.ctx, shop.accounts, issued.number, ["T0002"])
    detail = invoices.get_invoice(shop.ctx, issued.number)
    assert detail.credit_notes == [note.number]
    assert [line.tag_code for line in detail.lines] == ["T0001", "T0002"]
    # The returned piece can be sold again.
    again = Bill(shop.ctx, shop.owner)
    again.scan("T0002")
    assert audit.verify(shop.ctx).ok
