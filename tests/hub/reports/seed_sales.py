"""The GSTR-1 month (tests/hub/reports/seed.py) with what the sales reports need on top: the
payments the counters recorded, and documents that test the register's edges.

Added to July 2025 (every amount still the kernel's, through `MonthBuilder`):

| document | date | what |
|---|---|---|
| B1/25-26/00004 | 18-07 | silver ring, walk-in, old gold worth more: balance paid out in cash |
| CC1/25-26/00001 | 04-07 | C1 returns C1's invoice of 30-06 (the invoice is outside July) |
| CB1/25-26/00002 | 25-07 | B1 returns the loose diamond of A1/25-26/00006 (A1's invoice) |
| CA1/25-26/00003 | 02-08 | A1 returns A1/25-26/00004 in August (must stay out of July) |

Payments: every issued invoice is settled exactly (`counter_rules.check_payments`), by the mode
in `_SETTLEMENT`; notes are refunded as in `_REFUNDS` (the diamond note is kept as credit, no
refund); an advance of Rs 5,000 in cash is taken at A1 on 09-07 with no invoice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Final

from hub.reports.tabular import Builder, Report, ReportFilter
from shared.exchange import ExchangeLine
from shared.ids import new_id
from shared.money import Paise
from shared.tables import Base, CreditNote, Invoice, Payment
from shared.tables.vocabulary import PaymentDirection, PaymentMode
from tests.hub.reports.database import (
    ReportResources,
    bulk_write,
    create_tables,
    run_with_sessions,
)
from tests.hub.reports.seed import (
    GOLD_22K,
    MonthBuilder,
    SeededMonth,
    flat,
    grams,
    july,
    july_2025,
    silver,
)

CASH, CARD, UPI, BANK, CREDIT = (
    PaymentMode.CASH,
    PaymentMode.CARD,
    PaymentMode.UPI,
    PaymentMode.BANK,
    PaymentMode.CREDIT,
)

_SETTLEMENT: Final[dict[str, tuple[tuple[PaymentMode, int | None], ...]]] = {
    # invoice number: (mode, paise) parts; None takes the rest of the net payable.
    "A1/25-26/00001": ((BANK, None),),
    "A1/25-26/00002": ((CASH, None),),
    "A1/25-26/00003": ((CARD, 1_00_000_00), (UPI, None)),
    "A1/25-26/00004": ((UPI, None),),
    "A1/25-26/00006": ((BANK, None),),
    "B1/25-26/00001": ((CASH, 10_000_00), (CARD, None)),
    "B1/25-26/00002": ((CREDIT, None),),
    "B1/25-26/00003": ((CASH, 50_000_00), (UPI, None)),
    "C1/25-26/00001": ((CASH, None),),
    "C1/25-26/00002": ((CASH, None),),
}
_REFUNDS: Final[dict[str, PaymentMode]] = {
    "CA1/25-26/00001": BANK,
    "CA1/25-26/00002": CARD,
    "CB1/25-26/00001": CASH,
    "CC1/25-26/00001": CASH,
    "CA1/25-26/00003": UPI,
}
ADVANCE: Final = Paise(5_000_00)


@dataclass
class SalesMonth:
    month: SeededMonth
    payments: list[Payment] = field(default_factory=list)

    def rows(self) -> list[Base]:
        return [*self.month.rows(), *self.payments]

    def note(self, number: str) -> CreditNote:
        return next(row for row in self.month.notes if row.number == number)


def _continue(month: SeededMonth) -> MonthBuilder:
    """A builder that goes on issuing into `month`, numbering after its documents."""
    builder = MonthBuilder(month.shop.id)
    builder.month = month
    for terminal in month.terminals:
        builder._terminals[terminal.invoice_series] = terminal
    documents: list[Invoice | CreditNote] = [*month.invoices, *month.notes]
    for document in documents:
        key = f"{document.series}/{document.financial_year}"
        builder._next[key] = max(builder._next.get(key, 0), int(document.number[-5:]))
    return builder


def _payment(
    row: Invoice | CreditNote, mode: PaymentMode, amount: int, *, refunded: bool, day: dt.date
) -> Payment:
    """Every column set: a bulk insert takes the same keys for every row."""
    is_invoice = isinstance(row, Invoice)
    return Payment(
        id=new_id(),
        shop_id=row.shop_id,
        terminal_id=row.terminal_id,
        invoice_id=row.id if is_invoice else None,
        credit_note_id=None if is_invoice else row.id,
        customer_id=None,
        user_id=None,
        mode=mode.value,
        direction=(PaymentDirection.REFUNDED if refunded else PaymentDirection.RECEIVED).value,
        amount_paise=amount,
        reference=None,
        received_at=dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC),
        payment_date=day,
        origin_terminal_id=row.terminal_id,
    )


def _settle(invoice: Invoice) -> list[Payment]:
    due = invoice.net_payable_paise
    day = invoice.invoice_date
    if due < 0:
        return [_payment(invoice, CASH, -due, refunded=True, day=day)]
    payments, left = [], due
    for mode, amount in _SETTLEMENT[invoice.number]:
        part = left if amount is None else amount
        assert part > 0, invoice.number
        payments.append(_payment(invoice, mode, part, refunded=False, day=day))
        left -= part
    assert left == 0, invoice.number
    return payments


def sales_month(shop_id: uuid.UUID) -> SalesMonth:
    """The month described in the module docstring."""
    month = july_2025(shop_id)
    b = _continue(month)
    b.invoice(
        "B1",
        july(18),
        [silver("10.000", flat(200_00), "silver ring")],
        old_gold=[ExchangeLine(GOLD_22K, grams("5.000"), Paise(9_000_00))],
    )
    june = next(i for i in month.invoices if i.invoice_date == dt.date(2025, 6, 30))
    b.credit_note("C1", july(4), june)
    diamond_invoice = month.invoice("A1/25-26/00006")
    b.credit_note("B1", july(25), diamond_invoice, line_numbers=[2])
    b.credit_note("A1", dt.date(2025, 8, 2), month.invoice("A1/25-26/00004"))
    seeded = SalesMonth(month)
    for invoice in month.invoices:
        if invoice.status == "issued":
            seeded.payments.extend(_settle(invoice))
    for note in month.notes:
        mode = _REFUNDS.get(note.number)
        if mode is not None:
            seeded.payments.append(
                _payment(note, mode, note.grand_total_paise, refunded=True, day=note.note_date)
            )
    advance = _payment(
        month.invoice("A1/25-26/00001"), CASH, ADVANCE.value, refunded=False, day=july(9)
    )
    advance.invoice_id = None  # an advance: money in with no invoice yet
    seeded.payments.append(advance)
    return seeded


@dataclass(frozen=True, slots=True)
class TwoShops:
    """Our shop's month and another shop's identical month, in the same database."""

    url: str
    ours: SalesMonth
    theirs: SalesMonth

    @property
    def shop_id(self) -> uuid.UUID:
        return self.ours.month.shop.id

    def terminal(self, prefix: str) -> uuid.UUID:
        return next(t.id for t in self.ours.month.terminals if t.invoice_series == prefix)


def write_two_shops(url: str) -> TwoShops:
    ours, theirs = sales_month(uuid.uuid4()), sales_month(uuid.uuid4())
    engine = create_tables(url)
    try:
        for seeded in (ours, theirs):
            bulk_write(engine, [seeded.month.shop, *seeded.rows()])
    finally:
        engine.dispose()
    return TwoShops(url, ours, theirs)


def build_report(shops: TwoShops, build: Builder, flt: ReportFilter) -> Report:
    """Build a report for our shop on a read-only tenant session, as the web layer does."""

    async def work(resources: ReportResources) -> Report:
        async with resources.sessions.tenant(shops.shop_id, read_only=True) as session:
            return await build(session, flt)

    return run_with_sessions(shops.url, None, work)


__all__ = ["ADVANCE", "SalesMonth", "TwoShops", "build_report", "sales_month", "write_two_shops"]
