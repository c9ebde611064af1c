"""The tax summary by rate agrees with the stored totals, or falls back to them."""

from __future__ import annotations

from shared.money import Paise
from shared.printing.documents import DocumentTotals
from shared.printing.loaders import tax_rows


def _totals(taxable: int, cgst: int, sgst: int, igst: int) -> DocumentTotals:
    exact = taxable + cgst + sgst + igst
    grand = (exact + 50) // 100 * 100
    return DocumentTotals(
        Paise(taxable), Paise(cgst), Paise(sgst), Paise(igst), Paise(grand - exact), Paise(grand)
    )


def test_two_rates_split_the_way_the_kernel_taxed_them() -> None:
    # 1,00,000.00 at 3% (1,500.00 + 1,500.00) and 20,134.50 at 1.5% (151.01 + 151.01).
    lines = [(300, Paise(1_00_000_00)), (150, Paise(20_134_50))]
    rows = tax_rows(lines, _totals(1_20_134_50, 1_651_01, 1_651_01, 0), "intra")
    assert [(r.rate_label, r.taxable, r.cgst, r.sgst) for r in rows] == [
        ("1.5%", Paise(20_134_50), Paise(151_01), Paise(151_01)),
        ("3%", Paise(1_00_000_00), Paise(1_500_00), Paise(1_500_00)),
    ]


def test_one_rate_prints_the_stored_tax_itself() -> None:
    totals = _totals(3_07_921_86, 0, 0, 9_237_66)
    [row] = tax_rows([(300, Paise(3_07_921_86))], totals, "inter")
    assert (row.rate_bp, row.igst, row.total_tax) == (300, Paise(9_237_66), Paise(9_237_66))


def test_stored_tax_that_disagrees_with_the_lines_is_printed_as_stored() -> None:
    lines = [(300, Paise(1_00_000_00)), (150, Paise(20_134_50))]
    [row] = tax_rows(lines, _totals(1_20_134_50, 1_651_02, 1_651_02, 0), "intra")
    assert (row.rate_bp, row.rate_label, row.cgst) == (None, "1.5% + 3%", Paise(1_651_02))
