"""The counter's licence over time, driven by a clock the test controls (never the wall clock).

trial -> AMC -> expiring -> grace -> lapsed -> renewed, with what the counter does at each step:
issue or refuse (writing nothing), the status-bar words and the warning; returns, estimates,
reprints and the day book keep working when invoices stop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import printing
from desktop.licensing.policy import Level, LicenceSource
from desktop.reports import build_day_book
from desktop.services import invoices, stock
from desktop.services.billing import Bill
from desktop.services.clock import FixedClock
from desktop.services.licence import LicenceRefusal, Outcome, accept_licence, licence_status
from desktop.storage.local_tables import OutboxRecord
from shared.licence import LicenceState, Standing, sign_licence
from shared.tables import AuditEvent, Invoice
from tests.desktop.licences import SUPPORT, amc_licence, suite_key
from tests.desktop.services.conftest import START, Shop, bangle, make_shop, with_buyer


def at(day: dt.date, hour_utc: int = 5) -> dt.datetime:
    """10:30 in Bengaluru on `day`."""
    return dt.datetime.combine(day, dt.time(hour_utc), tzinfo=dt.UTC)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    made = make_shop(tmp_path / "data", FixedClock(START))
    yield made
    made.ctx.close()


class Pieces:
    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self.count = 0

    def sell(self) -> str:
        """Add a fresh piece and issue an invoice for it; the invoice number."""
        self.count += 1
        tag = f"T{self.count:04d}"
        stock.add_piece(self.shop.ctx, self.shop.owner, bangle(tag, huid=f"HU{self.count:04d}"))
        bill = with_buyer(Bill(self.shop.ctx, self.shop.sales))
        bill.scan(tag)
        bill.add_payment("card", bill.summary().balance)
        return bill.issue().number


def counts(shop: Shop) -> tuple[int, int, int]:
    with shop.ctx.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Invoice)) or 0,
            session.scalar(select(func.count()).select_from(OutboxRecord)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def refused(shop: Shop, pieces: Pieces) -> str:
    """Try to sell and expect the licence to refuse, with nothing written; the message."""
    pieces.count += 1
    tag = f"T{pieces.count:04d}"
    stock.add_piece(shop.ctx, shop.owner, bangle(tag, huid=f"HU{pieces.count:04d}"))
    before = counts(shop)
    bill = with_buyer(Bill(shop.ctx, shop.sales))
    bill.scan(tag)
    bill.add_payment("card", bill.summary().balance)
    with pytest.raises(LicenceRefusal) as caught:
        bill.issue()
    assert counts(shop) == before
    assert bill.lines, "a refused bill stays open"
    assert bill.estimate().totals.grand_total.value > 0  # estimates keep working
    return caught.value.reason


def test_trial_amc_expiring_grace_lapsed_renewed(shop: Shop) -> None:
    pieces = Pieces(shop)
    ctx, clock, key = shop.ctx, shop.clock, suite_key()

    # Day 1 of the local trial (never enrolled): bills, and shows the days left.
    status = licence_status(ctx)
    assert status.source is LicenceSource.LOCAL_TRIAL
    assert status.state is LicenceState.EXPIRING
    assert status.verdict.days_left == 30
    assert status.status_line() == "Licence: 30 days left (trial)"
    first = pieces.sell()

    # The day after the trial: refused, saying why and whom to call.
    clock.set(at(dt.date(2025, 7, 3)))
    message = refused(shop, pieces)
    assert "trial of this counter ended on 02-07-2025" in message
    assert "Call BoolaGold support +91 80 4718 2000" in message
    status = licence_status(ctx)
    assert (status.source, status.state) == (LicenceSource.LOCAL_TRIAL, LicenceState.LAPSED)
    assert status.status_line() == "Licence lapsed: invoices stopped"

    # A return on an invoice issued earlier still works: it protects the customer.
    note = invoices.create_return(ctx, shop.owner, first, None, "customer changed mind", "card")
    assert note.number

    # The shop buys an AMC; the hub's licence arrives with a sync.
    amc = amc_licence(
        ctx.shop_id, valid_until=dt.date(2026, 6, 30), issued_at=clock.now(), grace_days=15
    )
    assert accept_licence(ctx, sign_licence(amc, key)).outcome is Outcome.STORED
    status = licence_status(ctx)
    assert (status.source, status.state, status.level) == (
        LicenceSource.HUB,
        LicenceState.OK,
        Level.QUIET,
    )
    assert status.status_line() == "Licence: AMC until 30-06-2026"
    pieces.sell()

    # Twenty days before the end: bills, and the status bar counts down.
    clock.set(at(dt.date(2026, 6, 10)))
    status = licence_status(ctx)
    assert status.state is LicenceState.EXPIRING
    assert status.status_line() == "Licence: 20 days left"
    assert status.level is Level.NOTICE
    pieces.sell()

    # Five days after the end: grace. Bills, with a warning naming the last day and the contact.
    clock.set(at(dt.date(2026, 7, 5)))
    status = licence_status(ctx)
    assert status.state is LicenceState.GRACE
    assert status.level is Level.WARNING
    assert status.verdict.days_left == 10
    assert status.status_line() == "Licence ended: 10 days of grace left, renew now"
    warning = status.explain()
    assert "ended on 30-06-2026" in warning
    assert "billing stops after 15-07-2026" in warning
    assert f"Call {SUPPORT}." in warning
    pieces.sell()

    # The last day of grace still bills; the day after does not.
    clock.set(at(dt.date(2026, 7, 15)))
    pieces.sell()
    clock.set(at(dt.date(2026, 7, 16)))
    status = licence_status(ctx)
    assert status.state is LicenceState.LAPSED
    assert status.status_line() == "Licence lapsed: invoices stopped"
    message = refused(shop, pieces)
    assert "the grace period is over" in message
    assert f"Call {SUPPORT}." in message

    # Every record stays readable, printable and exportable.
    with ctx.session() as session:
        document = printing.load_invoice_document(session, ctx.shop_id, first)
        book = build_day_book(session, ctx.shop_id, dt.date(2026, 7, 15))
    assert printing.render_invoice_pdf(document, printing.Paper.A4).startswith(b"%PDF")
    assert book.totals.invoice_count == 1

    # Renewed on the hub: the next sync brings a newer licence and billing resumes at once.
    renewed = amc_licence(
        ctx.shop_id, valid_until=dt.date(2027, 6, 30), issued_at=clock.now(), grace_days=15
    )
    assert accept_licence(ctx, sign_licence(renewed, key)).outcome is Outcome.STORED
    assert licence_status(ctx).state is LicenceState.OK
    pieces.sell()

    # The old, expired licence replayed later does not replace the renewal.
    assert accept_licence(ctx, sign_licence(amc, key)).outcome is Outcome.OLDER
    assert licence_status(ctx).licence == renewed


def test_a_suspended_shop_stops_at_once(shop: Shop) -> None:
    pieces = Pieces(shop)
    suspended = amc_licence(
        shop.ctx.shop_id,
        valid_until=dt.date(2026, 3, 31),
        issued_at=shop.clock.now(),
        standing=Standing.SUSPENDED,
    )
    assert accept_licence(shop.ctx, sign_licence(suspended, suite_key())).outcome is Outcome.STORED
    status = licence_status(shop.ctx)
    assert status.state is LicenceState.SUSPENDED
    assert status.status_line() == "Licence suspended: invoices stopped"
    assert "suspended" in refused(shop, pieces)
    assert "reactivated on the hub" in status.next_step()


def test_a_lifetime_licence_never_ends(shop: Shop) -> None:
    pieces = Pieces(shop)
    lifetime = amc_licence(shop.ctx.shop_id, valid_until=None, issued_at=shop.clock.now())
    accept_licence(shop.ctx, sign_licence(lifetime, suite_key()))
    shop.clock.set(at(dt.date(2031, 1, 1)))
    status = licence_status(shop.ctx)
    assert status.state is LicenceState.OK
    assert status.status_line() == "Licence: lifetime"
    pieces.sell()
