"""Counter budgets (DESIGN.md section 8) with 200 000 pieces in stock: scan-to-priced-line,
issuing an invoice with its outbox records, and cold start (open the data folder and check the
schema; the GUI's own start is measured in test_bench_gui.py). Prints figures, asserts none.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import insert

from desktop.services.billing import Bill
from desktop.services.clock import FixedClock
from desktop.services.context import CounterContext, open_counter
from shared.ids import new_id
from shared.invoice_calc import Buyer
from shared.tables import StockPiece
from tests.desktop.services.conftest import START, make_shop

PIECES = 200_000
SCANS = 1_000
INVOICES = 200
BUDGET_SCAN_MS = 20.0
BUDGET_ISSUE_MS = 30.0
BUDGET_COLD_START_S = 2.5


def _bulk_stock(ctx: CounterContext, count: int) -> None:
    """Load pieces straight into the table (a benchmark fixture, not a business write: no audit
    or outbox for 200 000 rows we only need to search among). Every fourth piece has no HUID."""
    rows = [
        {
            "shop_id": ctx.shop_id,
            "id": new_id(),
            "tag_code": f"B{n:06d}",
            "barcode": f"89{n:010d}",
            "huid": f"{n:06X}".replace("0", "Z")[:6] if n % 4 else None,
            "description": "22K bangle",
            "metal": "gold",
            "purity_fineness": 916,
            "gross_mg": 10_000 + n % 5_000,
            "stone_mg": 0,
            "net_mg": 10_000 + n % 5_000,
            "stone_carats_mct": 0,
            "stone_value_paise": 0,
            "making_mode": "per_gram",
            "making_rate": 450_00,
            "wastage_bp": 250,
            "hallmark_fee_paise": 45_00,
            "hsn": "711319",
            "gst_rate_bp": 300,
            "status": "in_stock",
            "hlc": "0000000000000-00000-" + "0" * 32,
            "created_at": START,
            "updated_at": START,
        }
        for n in range(count)
    ]
    with ctx.engine.begin() as connection:
        connection.execute(insert(StockPiece), rows)


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1000, p99 * 1000


@pytest.mark.benchmark
@pytest.mark.timeout(300)
def test_counter_budgets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    clock = FixedClock(START)
    shop = make_shop(folder, clock)
    started = time.perf_counter()
    _bulk_stock(shop.ctx, PIECES)
    seeded = time.perf_counter() - started
    rng = random.Random(7)
    scans: list[float] = []
    bill = Bill(shop.ctx, shop.owner)
    for n in range(SCANS):
        code = f"B{rng.randrange(PIECES):06d}" if n % 2 else f"89{rng.randrange(PIECES):010d}"
        if code in {line.piece.tag_code for line in bill.lines if line.piece}:
            continue
        begin = time.perf_counter()
        bill.scan(code)
        scans.append(time.perf_counter() - begin)
        if len(bill.lines) >= 5:
            bill.clear()
    issues: list[float] = []
    for n in range(INVOICES):
        clock.advance(dt.timedelta(seconds=30))
        bill = Bill(shop.ctx, shop.owner)
        bill.buyer_override = Buyer(
            name="K. Das", address="Jayanagar", state="29", pan="ABCPD1234K"
        )
        bill.scan(f"B{150_000 + n:06d}")
        bill.add_payment("card", bill.summary().balance)
        begin = time.perf_counter()
        bill.issue()
        issues.append(time.perf_counter() - begin)
    shop.ctx.close()
    starts: list[float] = []
    for _ in range(5):
        begin = time.perf_counter()
        ctx = open_counter(folder, clock)
        ctx.close()
        starts.append(time.perf_counter() - begin)
    fresh: list[float] = []
    script = (
        "import sys, pathlib; from desktop.services.context import open_counter; "
        "open_counter(pathlib.Path(sys.argv[1])).close()"
    )
    for _ in range(3):
        begin = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", script, str(folder)],
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        fresh.append(time.perf_counter() - begin)
    scan_p50, scan_p99 = _ms(scans)
    issue_p50, issue_p99 = _ms(issues)
    cold = statistics.median(starts)
    with capsys.disabled():
        print(f"\n[bench counter] {PIECES} pieces bulk-loaded in {seeded:.1f} s")
        print(
            f"[bench counter] scan -> priced line: p50 {scan_p50:.2f} ms, p99 {scan_p99:.2f} ms"
            f" (budget p99 < {BUDGET_SCAN_MS:.0f} ms; {scan_p99 / BUDGET_SCAN_MS:.0%} of it)"
        )
        print(
            f"[bench counter] issue invoice + outbox: p50 {issue_p50:.2f} ms, p99 "
            f"{issue_p99:.2f} ms (budget p99 < {BUDGET_ISSUE_MS:.0f} ms; "
            f"{issue_p99 / BUDGET_ISSUE_MS:.0%} of it)"
        )
        new_process = statistics.median(fresh)
        print(
            f"[bench counter] open + schema check in a warm process: {cold * 1000:.0f} ms; "
            f"in a new Python process (imports included, no GUI): {new_process * 1000:.0f} ms "
            f"(budget to billing screen < {BUDGET_COLD_START_S} s; "
            f"{new_process / BUDGET_COLD_START_S:.0%} of it)"
        )
    assert len(scans) > SCANS * 0.9
    assert len(issues) == INVOICES
