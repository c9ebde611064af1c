"""Invoice PDF render time against DESIGN.md's budget (printed, not asserted: 150 ms)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from desktop.printing import Paper, load_invoice_document, render_invoice_pdf
from desktop.printing.samples import sample_session

BUDGET_MS = 150.0
RUNS = 30


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def test_bench_render_invoice_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, s = sample_session(tmp_path)
    with session:
        doc = load_invoice_document(session, s.shop_id, s.intra_invoice)
    render_invoice_pdf(doc)  # fonts registered once per process, as in the running counter
    for paper in Paper:
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            pdf = render_invoice_pdf(doc, paper)
            timings.append((time.perf_counter() - start) * 1000)
        assert pdf.startswith(b"%PDF")
        with capsys.disabled():
            print(
                f"\nrender_invoice_pdf {paper.value:8}: p50 {statistics.median(timings):6.1f} ms"
                f"  p99 {_percentile(timings, 0.99):6.1f} ms  (budget {BUDGET_MS:.0f} ms,"
                f" {RUNS} runs)"
            )
    session.get_bind().dispose()  # type: ignore[union-attr]
