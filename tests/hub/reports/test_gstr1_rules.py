"""The rules around the month's figures: periods, HSN layout by period, series gaps, bad rows,
CSV templates and the JSON writer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest

from hub.reports import (
    DocumentKind,
    LineGroup,
    ReportDocument,
    ReturnPeriod,
    UnreportableDocument,
    build_gstr1,
)
from hub.reports.gstr1_csv import HEADERS, CsvSection, gstr1_csv, sections_for
from hub.reports.gstr1_json import dumps, to_portal
from hub.reports.hsn import shared_out
from shared.errors import InvalidInput
from shared.gst import SupplyType, TaxAtRate
from shared.money import Milligrams, Paise
from tests.hub.reports.seed import SELLER_GSTIN


def document(
    number: str,
    day: dt.date,
    groups: tuple[LineGroup, ...],
    *,
    kind: DocumentKind = DocumentKind.INVOICE,
    classification: str = "b2cs",
    supply: SupplyType = SupplyType.INTRA,
    cancelled: bool = False,
    cgst: int | None = None,
) -> ReportDocument:
    """A document whose stored totals are the kernel's tax on its groups (unless `cgst`)."""
    rows = [TaxAtRate.compute(Decimal(g.rate_bp) / 100, g.taxable, supply) for g in groups]
    taxable = sum(g.taxable.value for g in groups)
    central = sum(r.cgst.value for r in rows) if cgst is None else cgst
    state = sum(r.sgst.value for r in rows)
    integrated = sum(r.igst.value for r in rows)
    total = Paise(taxable + central + state + integrated).to_nearest_rupee()
    return ReportDocument(
        kind=kind,
        series=number.split("/", maxsplit=1)[0],
        number=number,
        document_date=day,
        cancelled=cancelled,
        classification=classification,
        supply_type=supply,
        place_of_supply="27" if supply is SupplyType.INTRA else "29",
        reverse_charge=False,
        buyer_gstin=None,
        buyer_name="Walk-in customer",
        taxable=Paise(taxable),
        cgst=Paise(central),
        sgst=Paise(state),
        igst=Paise(integrated),
        grand_total=total,
        groups=groups,
    )


def gold(taxable: int, grams_mg: int = 10_000, hsn: str = "711319") -> LineGroup:
    return LineGroup(hsn, 300, Paise(taxable), Milligrams(grams_mg), 1)


@pytest.mark.parametrize(
    ("year", "month", "field"),
    [(2025, 13, "month"), (2025, 0, "month"), (2017, 6, "year"), (2025, True, "month")],
)
def test_a_period_outside_gst_months_is_refused(year: int, month: int, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        ReturnPeriod(year, month)
    assert error.value.field == field


def test_period_bounds_and_filing_period() -> None:
    december = ReturnPeriod(2025, 12)
    assert december.fp == "122025"
    assert december.next_first_day == dt.date(2026, 1, 1)
    assert december.last_day == dt.date(2025, 12, 31)
    assert december.label() == "December 2025"
    assert december.contains(dt.date(2025, 12, 31))
    assert not december.contains(dt.date(2026, 1, 1))
    assert ReturnPeriod(2025, 5).splits_hsn
    assert not ReturnPeriod(2025, 4).splits_hsn


def test_before_may_2025_the_hsn_summary_is_one_table() -> None:
    april = ReturnPeriod(2025, 4)
    docs = [
        document("A1/25-26/00002", dt.date(2025, 4, 3), (gold(50_000_00, 4_000),)),
        document("A1/25-26/00003", dt.date(2025, 4, 4), (gold(20_000_00, 2_000),)),
    ]
    portal = to_portal(build_gstr1(SELLER_GSTIN, april, docs))
    hsn = portal["hsn"]
    assert isinstance(hsn, dict)
    assert list(hsn) == ["data"]
    (row,) = hsn["data"]
    assert row["qty"] == Decimal("6.00")
    assert row["txval"] == Decimal("70000.00")
    assert CsvSection.HSN in sections_for(build_gstr1(SELLER_GSTIN, april, docs))


def test_from_may_2025_the_hsn_summary_is_split() -> None:
    may = ReturnPeriod(2025, 5)
    docs = [document("A1/25-26/00001", dt.date(2025, 5, 2), (gold(50_000_00),))]
    returned = build_gstr1(SELLER_GSTIN, may, docs)
    hsn = to_portal(returned)["hsn"]
    assert isinstance(hsn, dict)
    assert list(hsn) == ["hsn_b2c"]
    assert sections_for(returned)[5:7] == (CsvSection.HSN_B2B, CsvSection.HSN_B2C)
    with pytest.raises(InvalidInput, match="not used for this period"):
        gstr1_csv(returned, "hsn")


def test_a_number_missing_from_a_series_is_warned_about() -> None:
    july = ReturnPeriod(2025, 7)
    docs = [
        document("B1/25-26/00007", dt.date(2025, 7, 1), (gold(10_000_00),)),
        document("B1/25-26/00010", dt.date(2025, 7, 9), (gold(10_000_00),)),
    ]
    returned = build_gstr1(SELLER_GSTIN, july, docs)
    (only,) = returned.documents
    assert (only.first, only.last, only.total) == ("B1/25-26/00007", "B1/25-26/00010", 2)
    (warning,) = returned.warnings
    assert "2 number(s) between B1/25-26/00007 and B1/25-26/00010" in warning


def test_series_sort_naturally_outside_our_number_pattern() -> None:
    july = ReturnPeriod(2025, 7)
    docs = [document(f"A1/{n}", dt.date(2025, 7, n), (gold(10_000_00),)) for n in (9, 10, 11)]
    (only,) = build_gstr1(SELLER_GSTIN, july, docs).documents
    assert (only.first, only.last) == ("A1/9", "A1/11")


def test_a_document_whose_totals_disagree_with_its_lines_stops_the_return() -> None:
    july = ReturnPeriod(2025, 7)
    diamond = LineGroup("7102", 150, Paise(2_01_345_00), Milligrams(400), 1)
    two_rates = document(
        "A1/25-26/00001", dt.date(2025, 7, 1), (diamond, gold(10_000_00)), cgst=1_00_000
    )
    with pytest.raises(UnreportableDocument, match=r"invoice A1/25-26/00001 .* CGST"):
        build_gstr1(SELLER_GSTIN, july, [two_rates])
    one_rate = document("A1/25-26/00002", dt.date(2025, 7, 1), (gold(10_000_00),))
    short = dataclasses.replace(one_rate, taxable=Paise(9_999_00))
    with pytest.raises(UnreportableDocument, match="taxable value"):
        build_gstr1(SELLER_GSTIN, july, [short])


def test_an_unknown_class_is_refused_with_its_name() -> None:
    july = ReturnPeriod(2025, 7)
    odd = document("A1/25-26/00001", dt.date(2025, 7, 1), (gold(1_000_00),), classification="exp")
    with pytest.raises(InvalidInput, match="exp"):
        build_gstr1(SELLER_GSTIN, july, [odd])


def test_two_codes_at_one_rate_share_its_tax_to_the_paisa() -> None:
    # 100.27 + 100.27 at 3 % intra: each half alone is 1.50405 -> 1.50, the sum's half 3.0081
    # -> 3.01, so one paisa goes to the larger group and the parts still add up.
    groups = [gold(100_27, hsn="711319"), gold(100_26, hsn="711311")]
    row = TaxAtRate.compute(Decimal(3), Paise(200_53), SupplyType.INTRA)
    parts = shared_out(row, groups, SupplyType.INTRA)
    assert [p.cgst for p in parts] == [Paise(1_51), Paise(1_50)]
    assert sum((p.cgst for p in parts), Paise(0)) == row.cgst


def test_b2c_notes_can_take_a_b2cs_row_below_zero() -> None:
    july = ReturnPeriod(2025, 7)
    note = document(
        "CA1/25-26/00001",
        dt.date(2025, 7, 3),
        (gold(10_000_00),),
        kind=DocumentKind.CREDIT_NOTE,
    )
    returned = build_gstr1(SELLER_GSTIN, july, [note])
    (row,) = returned.b2cs
    assert row.figures.taxable == Paise(-10_000_00)
    (hsn,) = returned.hsn_b2c
    assert (hsn.quantity, hsn.figures.cgst) == (-10_000, Paise(-150_00))
    text = dumps(to_portal(returned))
    assert '"typ":"OE","rt":3,"txval":-10000.00' in text
    assert '"qty":-10.00' in text


def test_every_csv_template_has_its_headings() -> None:
    july = ReturnPeriod(2025, 7)
    returned = build_gstr1(SELLER_GSTIN, july, [])
    for section in sections_for(returned):
        assert gstr1_csv(returned, section).splitlines() == [",".join(HEADERS[section])]
    with pytest.raises(InvalidInput, match="not a GSTR-1 CSV section"):
        gstr1_csv(returned, "exp")


def test_the_writer_keeps_decimals_exact_and_text_as_json() -> None:
    text = dumps({"a": Decimal("0.10"), "b": ['₹ "x"', 3, None, True], "c": Decimal("-1.50")})
    assert text == '{"a":0.10,"b":["₹ \\"x\\"",3,null,true],"c":-1.50}'
    assert json.loads(text, parse_float=Decimal)["a"] == Decimal("0.10")
    with pytest.raises(ValueError, match="not a number"):
        dumps(Decimal("NaN"))


def test_an_empty_month_has_only_its_header() -> None:
    returned = build_gstr1(SELLER_GSTIN, ReturnPeriod(2025, 7), [])
    assert to_portal(returned) == {"gstin": SELLER_GSTIN, "fp": "072025"}
