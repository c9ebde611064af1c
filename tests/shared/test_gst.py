from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from shared.gst import (
    InvoiceTotals,
    SupplyType,
    TaxAtRate,
    cgst_sgst,
    igst,
    supply_type,
    tax_by_rate,
)
from shared.money import Paise
from shared.pricing import GST_SLABS

PAISA = Decimal("0.01")
rates = st.sampled_from(sorted(GST_SLABS))
taxables = st.integers(min_value=0, max_value=10**13).map(Paise)


def exact(taxable: Paise, percent: Decimal) -> Decimal:
    """Tax in rupees with no rounding at all."""
    return Decimal(taxable.value) / 100 * percent / 100


def rupees(amount: Paise) -> Decimal:
    return Decimal(amount.value) / 100


def test_supply_type_depends_only_on_place_of_supply() -> None:
    assert supply_type("27", "27") is SupplyType.INTRA
    assert supply_type("27", "29") is SupplyType.INTER
    assert supply_type("38", "96") is SupplyType.INTER


def test_the_domain_half_paisa_case() -> None:
    # 201 345 x 1.5% = 3 020.175 -> 3 020.18; each half 1 510.0875 -> 1 510.09
    assert igst(Paise(201_345_00), Decimal("1.5")) == Paise(3_020_18)
    assert cgst_sgst(Paise(201_345_00), Decimal("1.5")) == (Paise(1_510_09), Paise(1_510_09))


@given(taxables, rates)
def test_igst_never_off_by_more_than_half_a_paisa(taxable: Paise, rate: Decimal) -> None:
    tax = igst(taxable, rate)
    assert abs(rupees(tax) - exact(taxable, rate)) <= Decimal("0.005")
    assert rupees(tax) == exact(taxable, rate).quantize(PAISA, rounding=ROUND_HALF_UP)


@given(taxables, rates)
def test_each_half_is_the_exact_half_rounded(taxable: Paise, rate: Decimal) -> None:
    central, state = cgst_sgst(taxable, rate)
    assert central == state
    half = exact(taxable, rate) / 2
    assert rupees(central) == half.quantize(PAISA, rounding=ROUND_HALF_UP)
    assert abs(rupees(central) - half) <= Decimal("0.005")


@given(taxables, rates)
def test_cgst_plus_sgst_and_igst_agree_within_a_paisa(taxable: Paise, rate: Decimal) -> None:
    central, state = cgst_sgst(taxable, rate)
    integrated = igst(taxable, rate)
    assert abs((central + state).value - integrated.value) <= 1
    assert abs(rupees(central + state) - exact(taxable, rate)) <= PAISA


@given(st.lists(st.tuples(rates, taxables), min_size=1, max_size=8), st.sampled_from(SupplyType))
def test_tax_is_per_rate_on_the_sum(lines: list[tuple[Decimal, Paise]], kind: SupplyType) -> None:
    rows = tax_by_rate(lines, kind)
    assert [r.rate for r in rows] == sorted({rate for rate, _ in lines})
    for row in rows:
        summed = sum((t for r, t in lines if r == row.rate), Paise(0))
        assert row == TaxAtRate.compute(row.rate, summed, kind)
        assert abs(rupees(row.total_tax) - exact(summed, row.rate)) <= PAISA
        if kind is SupplyType.INTRA:
            assert row.igst == Paise(0)
        else:
            assert row.cgst == row.sgst == Paise(0)


@given(st.lists(st.tuples(rates, taxables), min_size=1, max_size=8), st.sampled_from(SupplyType))
def test_grand_total_is_the_nearest_rupee(
    lines: list[tuple[Decimal, Paise]], kind: SupplyType
) -> None:
    totals = InvoiceTotals.from_rows(tax_by_rate(lines, kind))
    before = totals.taxable_value + totals.total_tax
    assert totals.grand_total.value % 100 == 0
    assert totals.grand_total - before == totals.round_off
    assert -50 < totals.round_off.value <= 50
    assert totals.taxable_value == sum((t for _, t in lines), Paise(0))


def test_round_off_both_ways_and_fifty_paise_up() -> None:
    def total(taxable: int) -> InvoiceTotals:
        return InvoiceTotals.from_rows(
            [TaxAtRate.compute(Decimal(3), Paise(taxable), SupplyType.INTRA)]
        )

    # 1000.48: 15.0072 -> 15.01 each; 1030.50 -> 1031.00 (+0.50)
    assert (total(1_000_48).grand_total, total(1_000_48).round_off) == (Paise(1_031_00), Paise(50))
    # 1000.47: 15.00705 -> 15.01 each; 1030.49 -> 1030.00 (-0.49)
    assert (total(1_000_47).grand_total, total(1_000_47).round_off) == (Paise(1_030_00), Paise(-49))
