"""Kill the counter at random instants while it bills: every invoice is whole or absent.

A subprocess issues invoices in a loop and is SIGKILLed ~20 times at random points. After each
kill the database must open, and for every invoice its lines, payments, voucher, sold pieces,
movements, outbox records and audit event must all be there (or, for a bill that did not
commit, none of them), with invoice numbers gapless and the series counter in step.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.services import audit, stock
from desktop.services.clock import FixedClock, SystemClock
from desktop.services.context import CounterContext, open_counter
from desktop.services.series import DocumentKind, last_sequence
from desktop.storage.local_tables import OutboxRecord
from shared.money import Milligrams
from shared.numbering import InvoiceSeries, parse_invoice_number
from shared.tables import (
    AuditEvent,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    StockMovement,
    StockPiece,
)
from tests.desktop.services.conftest import make_shop

WORKER = Path(__file__).with_name("crash_worker.py")
KILLS = 20


def _seed(folder: Path, count: int) -> None:
    shop = make_shop(folder, FixedClock(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)))
    with shop.ctx.write() as work:
        for n in range(count):
            piece = stock.PieceInput(
                f"K{n:05d}", "gold", "916", Milligrams(2_000), huid=f"H{n:05d}", making_value="400"
            )
            stock.insert_piece(work, shop.owner, stock.normalise(piece))
    shop.ctx.close()


def _check(ctx: CounterContext) -> int:
    with ctx.session() as session:
        invoices = session.scalars(select(Invoice).order_by(Invoice.number)).all()
        sequences = sorted(parse_invoice_number(inv.number)[1] for inv in invoices)
        assert sequences == list(range(1, len(sequences) + 1)), "invoice numbers have a gap"
        if invoices:
            series = InvoiceSeries(invoices[0].series, invoices[0].financial_year)
            assert last_sequence(session, DocumentKind.INVOICE, series) == len(invoices)
        queued = {
            (entity, entity_id)
            for entity, entity_id in session.execute(
                select(OutboxRecord.entity, OutboxRecord.entity_id)
            )
        }
        for inv in invoices:
            lines = session.scalars(
                select(InvoiceLine).where(InvoiceLine.invoice_id == inv.id)
            ).all()
            assert len(lines) == 1
            assert lines[0].taxable_paise == inv.taxable_paise
            paid = session.scalar(
                select(func.sum(Payment.amount_paise)).where(Payment.invoice_id == inv.id)
            )
            assert paid == inv.net_payable_paise
            voucher = session.scalar(
                select(func.sum(OldGoldVoucher.value_paise)).where(
                    OldGoldVoucher.invoice_id == inv.id
                )
            )
            assert voucher == inv.old_gold_value_paise
            piece = session.get(StockPiece, (inv.shop_id, lines[0].stock_piece_id))
            assert piece is not None
            assert piece.status == "sold"
            sold = session.scalar(
                select(func.count())
                .select_from(StockMovement)
                .where(StockMovement.invoice_id == inv.id, StockMovement.kind == "sold")
            )
            assert sold == 1
            assert ("invoice", inv.id) in queued
            assert ("invoice_line", lines[0].id) in queued
            assert (
                session.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.entity_id == inv.id, AuditEvent.action == "invoice.issue")
                )
                == 1
            )
        sold_pieces = session.scalar(
            select(func.count()).select_from(StockPiece).where(StockPiece.status == "sold")
        )
        assert sold_pieces == len(invoices), "a piece is sold without its invoice"
    assert audit.verify(ctx).ok
    return len(invoices)


@pytest.mark.timeout(240)
def test_killing_the_counter_mid_bill_never_leaves_half_an_invoice(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _seed(folder, 600)
    rng = random.Random(20250602)
    issued: list[int] = []
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WORKER), str(folder)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.35))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        ctx = open_counter(folder, SystemClock())
        try:
            issued.append(_check(ctx))
        finally:
            ctx.close()
    assert issued[-1] > 0, "the worker was killed before it billed anything"
    assert issued == sorted(issued)
