"""GSTR-1 and 3B of the seeded July 2025 (pure functions on the kernel-made documents)."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest

from hub.reports import Figures, ReturnPeriod, gstr1_from_documents
from hub.reports.gstr1_json import gstr1_json
from hub.reports.sections import Gstr1Return
from hub.reports.service import Gstr1
from shared.errors import InvalidInput
from shared.money import Paise
from tests.hub.reports.seed import SELLER_GSTIN, july_2025
from tests.hub.reports.support import differences, expected, report_documents

JULY = ReturnPeriod(2025, 7)


@pytest.fixture(scope="module")
def report() -> Gstr1:
    return gstr1_from_documents(SELLER_GSTIN, JULY, report_documents(july_2025(uuid.uuid4())))


def test_the_json_matches_the_hand_written_file_field_by_field(report: Gstr1) -> None:
    actual = json.loads(report.to_json(), parse_float=Decimal)
    assert list(differences(actual, expected("gstr1-2025-07.json"))) == []


def test_amounts_are_written_with_two_decimals_and_rates_as_numbers(report: Gstr1) -> None:
    text = report.to_json()
    assert '"val":108150.00' in text
    assert '"qty":0.40' in text
    assert '"rt":1.5' in text
    assert '"rt":3,' in text
    assert '"idt":"01-07-2025"' in text


def test_sections_reconcile_with_the_sales_register_and_3b(report: Gstr1) -> None:
    # Worked by hand from the table in seed.py: invoices less credit notes of July.
    by_hand = Figures(
        taxable=Paise(7_14_745_27),
        igst=Paise(9_680_18),
        cgst=Paise(4_371_01),
        sgst=Paise(4_371_01),
    )
    assert report.register == by_hand
    assert report.returned.outward == by_hand
    assert report.gstr3b.outward_taxable == by_hand
    assert report.reconciles


def test_the_hsn_summary_adds_up_to_the_register(report: Gstr1) -> None:
    returned = report.returned
    hsn = Figures.sum(row.figures for row in (*returned.hsn_b2b, *returned.hsn_b2c))
    assert hsn == report.register


def test_every_section_total_by_hand(report: Gstr1) -> None:
    returned: Gstr1Return = report.returned
    assert Figures.sum(returned.b2b) == Figures(
        Paise(5_68_845_00), Paise(9_320_18), Paise(2_362_50), Paise(2_362_50)
    )
    assert Figures.sum(returned.b2cl) == Figures(Paise(2_70_000_00), Paise(8_100_00))
    assert Figures.sum(returned.b2cs) == Figures(
        Paise(2_50_900_27), Paise(360_00), Paise(3_583_51), Paise(3_583_51)
    )
    assert Figures.sum(returned.cdnr) == Figures(
        Paise(1_05_000_00), Paise(0), Paise(1_575_00), Paise(1_575_00)
    )
    assert Figures.sum(returned.cdnur) == Figures(Paise(2_70_000_00), Paise(8_100_00))


def test_3b_inter_state_unregistered_by_place_of_supply(report: Gstr1) -> None:
    # Gujarat: the B2CS anklet; Karnataka's B2CL necklace was returned in full, so no row.
    rows = report.gstr3b.inter_state_unregistered
    assert [(r.place_of_supply, r.taxable, r.igst) for r in rows] == [
        ("24", Paise(12_000_00), Paise(360_00))
    ]


def test_cancelled_and_other_months_stay_out_but_cancelled_counts_as_issued(
    report: Gstr1,
) -> None:
    text = report.to_json()
    assert "A1/25-26/00005" not in text
    assert "C1/" not in text
    invoices = report.returned.documents[0]
    assert (invoices.series, invoices.total, invoices.cancelled, invoices.net_issued) == (
        "A1",
        6,
        1,
        5,
    )
    assert report.returned.warnings == ()


def test_an_exchange_does_not_reduce_the_invoice_value(report: Gstr1) -> None:
    # A1/25-26/00002: grand total 44 290, old gold 18 000 netted off -> still 44 290 reported.
    month = july_2025(uuid.uuid4())
    invoice = month.invoice("A1/25-26/00002")
    assert invoice.old_gold_value_paise == 18_000_00
    assert invoice.net_payable_paise == 26_290_00
    b2cs_intra = next(row for row in report.returned.b2cs if row.place_of_supply == "27")
    assert b2cs_intra.figures.taxable == Paise(2_38_900_27)


def test_a_seller_gstin_with_a_wrong_check_character_is_refused() -> None:
    documents = report_documents(july_2025(uuid.uuid4()))
    with pytest.raises(InvalidInput, match="GSTIN"):
        gstr1_json(gstr1_from_documents("27AAAPL1234C1ZX", JULY, documents).returned)


def test_the_csv_templates_carry_the_same_month(report: Gstr1) -> None:
    b2b = report.to_csv("b2b").splitlines()
    assert len(b2b) == 5  # the header and one row per invoice per rate
    assert b2b[3] == (
        "29AAACR5055K1Z3,Rao Gems LLP,A1/25-26/00006,14-Jul-2025,420665.00,29-Karnataka,N,,"
        "Regular B2B,,1.5,201345.00,0.00"
    )
    assert report.to_csv("cdnr").splitlines()[1] == (
        "27AABCS1429B1ZU,Sharma Jewels Pvt Ltd,CA1/25-26/00001,20-Jul-2025,C,27-Maharashtra,N,"
        "Regular,108150.00,,3,105000.00,0.00"
    )
    assert report.to_csv("hsn(b2c)").splitlines()[2] == (
        "711319,Jewellery of precious metal,GMS-GRAMMES,22.00,246067.29,3,238900.27,0.00,"
        "3583.51,3583.51,0.00"
    )
    assert report.to_csv("docs").splitlines()[1:] == [
        "Invoices for outward supply,A1/25-26/00001,A1/25-26/00006,6,1",
        "Invoices for outward supply,B1/25-26/00001,B1/25-26/00003,3,0",
        "Credit Note,CA1/25-26/00001,CA1/25-26/00002,2,0",
        "Credit Note,CB1/25-26/00001,CB1/25-26/00001,1,0",
    ]
    assert [section.value for section in report.csv_sections()] == [
        "b2b", "b2cl", "b2cs", "cdnr", "cdnur", "hsn(b2b)", "hsn(b2c)", "docs",
    ]  # fmt: skip
