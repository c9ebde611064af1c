"""Worked invoices: drafts run through the same path as `boolagold quote`, every figure checked
by hand. The arithmetic for each is written out beside it; "->" marks a half-up rounding.

Shop: Maharashtra (27) unless the case says otherwise. Intra-state 3% = CGST 1.5% + SGST 1.5%.
"""

from __future__ import annotations

from typing import Any

import pytest

from shared.errors import InvalidInput
from tests.shared.worked_support import (
    KARNATAKA_BUYER,
    LADAKH_SHOP,
    MAHARASHTRA_BUYER,
    MAHARASHTRA_SHOP,
    OTHER_TERRITORY_BUYER,
    quote,
)


def gold_line(**fields: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"metal": "gold", "purity": "916", "huid": "AB12CD"}
    line.update(fields)
    return line


def silver_line(**fields: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"metal": "silver", "purity": "925"}
    line.update(fields)
    return line


def draft(*lines: dict[str, Any], **top: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "invoice_date": "2025-06-02",
        "seller_gstin": MAHARASHTRA_SHOP,
        "lines": list(lines),
    }
    result.update(top)
    return result


def test_walk_in_making_per_gram_round_off_up() -> None:
    # 4.560 g x 6450.00         = 29412.00
    # wastage 2% of 29412.00    =   588.24
    # making 4.560 g x 450.00   =  2052.00
    # line taxable              = 32052.24
    # CGST = SGST 1.5%          = 480.7836 -> 480.78 each; tax 961.56
    # total 33013.80 -> 33014.00, round-off +0.20
    out = quote(
        draft(
            gold_line(
                gross_weight="4.560",
                rate="6450.00",
                wastage_percent="2",
                making={"mode": "per_gram", "value": "450.00"},
            )
        )
    )
    line = out["lines"][0]
    assert (line["metal_value"], line["wastage_value"], line["making_value"]) == (
        "29412.00",
        "588.24",
        "2052.00",
    )
    assert line["taxable_value"] == "32052.24"
    assert out["supply_type"] == "INTRA"
    assert (out["cgst"], out["sgst"], out["igst"]) == ("480.78", "480.78", "0.00")
    assert (out["round_off"], out["grand_total"]) == ("0.20", "33014.00")
    assert out["classification"] == "B2CS"
    assert out["amount_in_words"] == "Rupees Thirty-Three Thousand Fourteen Only"


def test_making_percent_round_off_down_and_recipient_details() -> None:
    # 10.123 g x 7000.00         = 70861.00
    # making 12.5% of 70861.00   = 8857.625 -> 8857.63
    # line taxable               = 79718.63
    # CGST = SGST 1.5%           = 1195.77945 -> 1195.78 each; tax 2391.56
    # total 82110.19 -> 82110.00, round-off -0.19
    # unregistered and taxable >= 50,000: recipient details required (given here)
    out = quote(
        draft(
            gold_line(
                gross_weight="10.123",
                rate="7000.00",
                making={"mode": "percent", "value": "12.5"},
            ),
            buyer={"name": "Asha Patil", "address": "12 MG Road, Pune", "state": "27"},
        )
    )
    assert out["lines"][0]["making_value"] == "8857.63"
    assert out["taxable_value"] == "79718.63"
    assert (out["cgst"], out["sgst"]) == ("1195.78", "1195.78")
    assert (out["round_off"], out["grand_total"]) == ("-0.19", "82110.00")
    assert out["flags"]["recipient_details_required"] is True
    assert out["flags"]["recipient_details_missing"] is False


def test_flat_making_stones_hallmark_discount_and_half_paisa_tax() -> None:
    # 18K ring: gross 5.250, stones 0.400 g (2.00 ct), net 4.850 g
    # metal 4.850 x 5400.00            = 26190.00
    # making flat                      =  3500.00
    # diamond 0.50 ct x 65000.00       = 32500.00
    # ruby 1.50 ct x 1333.33           = 1999.995 -> 2000.00 (half-paisa, per stone)
    # all stones                     = 34500.00
    # plus hallmarking                 =    45.00
    # less discount                    = -1000.00
    # line taxable                     = 63235.00
    # CGST = SGST 1.5%                 = 948.525 -> 948.53 each (half-paisa up); tax 1897.06
    # total 65132.06 -> 65132.00, round-off -0.06
    out = quote(
        draft(
            gold_line(
                purity="750",
                gross_weight="5.250",
                stone_weight="0.400",
                net_weight="4.850",
                rate="5400.00",
                making={"mode": "flat", "value": "3500.00"},
                stones=[
                    {"description": "diamond", "carats": "0.50", "rate_per_carat": "65000.00"},
                    {"description": "ruby", "carats": "1.50", "rate_per_carat": "1333.33"},
                ],
                hallmark_charge="45.00",
                discount="1000.00",
            )
        )
    )
    line = out["lines"][0]
    assert [s["value"] for s in line["stones"]] == ["32500.00", "2000.00"]
    assert line["stone_value"] == "34500.00"
    assert line["purity"] == "18K750"
    assert (line["hallmark_charge"], line["discount"]) == ("45.00", "1000.00")
    assert line["taxable_value"] == "63235.00"
    assert (out["cgst"], out["sgst"]) == ("948.53", "948.53")
    assert (out["round_off"], out["grand_total"]) == ("-0.06", "65132.00")


def loose_diamond(**top: Any) -> dict[str, Any]:
    return draft(
        {
            "description": "loose diamond, cut and polished",
            "hsn": "7102",
            "gross_weight": "2.000",
            "stones": [{"description": "10 ct solitaire lot", "value": "201345.00"}],
        },
        **top,
    )


def test_half_paisa_intra_state_on_201345_at_one_and_a_half_percent() -> None:
    # HSN 7102 -> 1.5%; taxable 201345.00
    # CGST = SGST = 201345 x 0.75% = 1510.0875 -> 1510.09 each; tax 3020.18
    # total 204365.18 -> 204365.00, round-off -0.18
    # 204365 > 2,00,000: PAN required, and none given
    out = quote(loose_diamond())
    assert out["lines"][0]["gst_rate"] == "1.5"
    assert out["tax_by_rate"] == [
        {
            "rate": "1.5",
            "taxable": "201345.00",
            "cgst": "1510.09",
            "sgst": "1510.09",
            "igst": "0.00",
        }
    ]
    assert (out["round_off"], out["grand_total"]) == ("-0.18", "204365.00")
    assert out["flags"]["pan_required"] is True
    assert out["flags"]["pan_missing"] is True
    assert out["classification"] == "B2CS"


def test_half_paisa_inter_state_igst_and_b2cl() -> None:
    # place of supply 29 (shipped to Karnataka): IGST = 201345 x 1.5% = 3020.175 -> 3020.18
    # total 204365.18 -> 204365.00; inter-state B2C above 1,00,000 after 1-8-2024: B2CL
    out = quote(loose_diamond(place_of_supply="29", buyer={"name": "R. Rao", "pan": "ABCPR1234K"}))
    assert out["supply_type"] == "INTER"
    assert (out["cgst"], out["sgst"], out["igst"]) == ("0.00", "0.00", "3020.18")
    assert out["grand_total"] == "204365.00"
    assert out["classification"] == "B2CL"
    assert out["flags"]["pan_required"] is True
    assert out["flags"]["pan_missing"] is False


def test_b2b_intra_state_gold_coin_with_e_invoice() -> None:
    # 24K999 coin (HSN 7118, 3%): 10.000 g x 7500.00 = 75000.00; making flat 500.00
    # taxable 75500.00; CGST = SGST 1.5% = 1132.50 each; total 77765.00, round-off 0.00
    # registered buyer: B2B; seller turnover 6 crore > 5 crore: e-invoice required
    out = quote(
        draft(
            gold_line(
                purity="999",
                hsn="7118",
                gross_weight="10.000",
                rate="7500.00",
                making={"mode": "flat", "value": "500.00"},
            ),
            buyer={"name": "Mehta Jewels", "gstin": MAHARASHTRA_BUYER},
            seller_turnover="60000000.00",
        )
    )
    assert out["taxable_value"] == "75500.00"
    assert (out["cgst"], out["sgst"], out["round_off"]) == ("1132.50", "1132.50", "0.00")
    assert out["grand_total"] == "77765.00"
    assert out["classification"] == "B2B"
    assert out["flags"]["e_invoice_required"] is True
    assert out["flags"]["recipient_details_required"] is False


def test_b2b_inter_state_silver_igst() -> None:
    # silver 925 (HSN 711311 by default), 250.000 g x 95.50 = 23875.00
    # making 250.000 g x 12.75 = 3187.50; taxable 27062.50
    # IGST 3% = 811.875 -> 811.88; total 27874.38 -> 27874.00, round-off -0.38
    # turnover 4 crore: no e-invoice
    out = quote(
        draft(
            silver_line(
                gross_weight="250.000",
                rate="95.50",
                making={"mode": "per_gram", "value": "12.75"},
            ),
            buyer={"name": "Rao Silver", "gstin": KARNATAKA_BUYER},
            place_of_supply="29",
            seller_turnover="40000000.00",
        )
    )
    assert out["lines"][0]["hsn"] == "711311"
    assert out["supply_type"] == "INTER"
    assert (out["igst"], out["cgst"], out["round_off"]) == ("811.88", "0.00", "-0.38")
    assert out["grand_total"] == "27874.00"
    assert out["classification"] == "B2B"
    assert out["flags"]["e_invoice_required"] is False


def test_fifty_paise_goes_up() -> None:
    # silver 10.000 g x 85.00 = 850.00; making flat 150.48; taxable 1000.48
    # CGST = SGST 1.5% = 15.0072 -> 15.01 each; total 1030.50 -> 1031.00, round-off +0.50
    out = quote(
        draft(
            silver_line(
                gross_weight="10.000", rate="85.00", making={"mode": "flat", "value": "150.48"}
            )
        )
    )
    assert out["taxable_value"] == "1000.48"
    assert (out["round_off"], out["grand_total"]) == ("0.50", "1031.00")
    assert out["amount_in_words"] == "Rupees One Thousand Thirty-One Only"


def test_old_gold_exchange_netted_from_payable_only() -> None:
    # new: 20.000 g x 6500.00 = 130000.00; wastage 8% = 10400.00; taxable 140400.00
    # CGST = SGST 1.5% = 2106.00 each; grand total 144612.00 (GST on the full new value)
    # old: 15.500 g x 6300.00 = 97650.00 x (1 - 2%) = 95697.00 -> voucher 95697.00
    # net payable 144612.00 - 95697.00 = 48915.00, paid by UPI
    out = quote(
        draft(
            gold_line(gross_weight="20.000", rate="6500.00", wastage_percent="8"),
            old_gold=[
                {
                    "purity": "916",
                    "net_weight": "15.500",
                    "rate": "6300.00",
                    "deduction_percent": "2",
                }
            ],
            payments={"upi": "48915.00"},
        )
    )
    assert out["taxable_value"] == "140400.00"
    assert out["grand_total"] == "144612.00"
    assert out["old_gold"][0]["value"] == "95697.00"
    assert out["old_gold_value"] == "95697.00"
    assert out["net_payable"] == "48915.00"
    assert out["payments"] == {"upi": "48915.00"}


def test_old_gold_rounds_to_the_paisa_then_the_rupee_and_can_exceed_the_bill() -> None:
    # new: silver 30.000 g x 95.00 = 2850.00; making flat 650.00; taxable 3500.00
    # CGST = SGST 52.50; grand total 3605.00
    # old: 1.001 g x 9999.50 = 10009.4995 -> 10009.50 (paisa) -> 10010.00 (rupee)
    #      (rounding straight to the rupee would give 10009: the convention's order matters)
    # net payable 3605.00 - 10010.00 = -6405.00: the shop pays the customer
    out = quote(
        draft(
            silver_line(
                gross_weight="30.000", rate="95.00", making={"mode": "flat", "value": "650.00"}
            ),
            old_gold=[{"purity": "999", "net_weight": "1.001", "rate": "9999.50"}],
        )
    )
    assert out["grand_total"] == "3605.00"
    assert out["old_gold_exact_value"] == "10009.50"
    assert out["old_gold_round_off"] == "0.50"
    assert out["old_gold_value"] == "10010.00"
    assert out["net_payable"] == "-6405.00"


def b2c_inter_state(date: str) -> dict[str, Any]:
    # 24K995 bar (HSN 7108): 20.000 g x 7281.55 = 145631.00; taxable 145631.00
    # IGST 3% = 4368.93; total 149999.93 -> 150000.00, round-off +0.07
    return draft(
        gold_line(purity="995", hsn="7108", gross_weight="20.000", rate="7281.55"),
        invoice_date=date,
        place_of_supply="07",
        buyer={"name": "S. Gupta", "address": "Karol Bagh, Delhi", "state": "07"},
    )


def test_b2cl_limit_before_and_after_1_august_2024() -> None:
    before = quote(b2c_inter_state("2024-07-31"))
    after = quote(b2c_inter_state("2024-08-01"))
    for out in (before, after):
        assert (out["igst"], out["round_off"], out["grand_total"]) == (
            "4368.93",
            "0.07",
            "150000.00",
        )
        assert out["place_of_supply_name"] == "Delhi"
    # 1,50,000 is not above 2,50,000 (before) but is above 1,00,000 (from 1-8-2024)
    assert before["classification"] == "B2CS"
    assert after["classification"] == "B2CL"
    assert before["financial_year"] == "2024-25"


def pan_case(making: str, **top: Any) -> dict[str, Any]:
    # 25.000 g x 7000.00 = 175000.00 plus flat making
    return draft(
        gold_line(gross_weight="25.000", rate="7000.00", making={"mode": "flat", "value": making}),
        **top,
    )


def test_pan_flag_at_two_lakh_exactly_and_one_rupee_more() -> None:
    # making 19174.76 -> taxable 194174.76; 1.5% = 2912.6214 -> 2912.62 each; tax 5825.24
    # total 200000.00 exactly: not above 2,00,000, no PAN needed
    at_limit = quote(pan_case("19174.76"))
    assert (at_limit["grand_total"], at_limit["round_off"]) == ("200000.00", "0.00")
    assert at_limit["flags"]["pan_required"] is False
    # making 19175.73 -> taxable 194175.73; 1.5% = 2912.63595 -> 2912.64 each; tax 5825.28
    # total 200001.01 -> 200001.00, round-off -0.01: PAN (or Form 60) required
    above = quote(pan_case("19175.73"))
    assert (above["grand_total"], above["round_off"]) == ("200001.00", "-0.01")
    assert above["flags"]["pan_required"] is True
    assert above["flags"]["pan_missing"] is True
    with_form60 = quote(pan_case("19175.73", buyer={"name": "K. Das", "form60": True}))
    assert with_form60["flags"]["pan_missing"] is False


def test_cash_199999_allowed_200000_refused() -> None:
    # the 200001.00 invoice above: cash 199999.00 + card 2.00 settles it
    ok = quote(pan_case("19175.73", payments={"cash": "199999.00", "card": "2.00"}))
    assert ok["net_payable"] == "200001.00"
    assert ok["payments"] == {"cash": "199999.00", "card": "2.00"}
    # cash 200000.00 + card 1.00 also settles it, but s.269ST refuses that much cash
    with pytest.raises(InvalidInput) as refused:
        quote(pan_case("19175.73", payments={"cash": "200000.00", "card": "1.00"}))
    assert refused.value.field == "payments.cash"
    assert "269ST" in refused.value.reason


def test_job_work_at_five_percent_half_paisa() -> None:
    # customer's own 12.000 g; SAC 998892 at 5%: making 12.000 x 350.00 = 4200.00
    # hallmarking 45.00 -> taxable 4245.00; no metal value
    # CGST = SGST 2.5% = 106.125 -> 106.13 each; tax 212.26
    # total 4457.26 -> 4457.00, round-off -0.26
    out = quote(
        draft(
            {
                "kind": "job_work",
                "description": "making a chain from customer's gold",
                "metal": "gold",
                "purity": "916",
                "gross_weight": "12.000",
                "making": {"mode": "per_gram", "value": "350.00"},
                "hallmark_charge": "45.00",
            },
            buyer={"name": "Shah Ornaments", "gstin": MAHARASHTRA_BUYER},
        )
    )
    line = out["lines"][0]
    assert (line["hsn"], line["gst_rate"], line["metal_value"]) == ("998892", "5", "0.00")
    assert line["hallmarked"] is False
    assert line["taxable_value"] == "4245.00"
    assert (out["cgst"], out["sgst"]) == ("106.13", "106.13")
    assert (out["round_off"], out["grand_total"]) == ("-0.26", "4457.00")


def test_tax_is_on_the_sum_per_rate_not_per_line() -> None:
    # two silver lines, each 10.000 g x 85.00 = 850.00 + flat 151.00 = 1001.00 at 3%
    #   per line 1001.00 x 1.5% = 15.015 -> 15.02 (x2 = 30.04), but the rule taxes the sum:
    #   2002.00 x 1.5% = 30.03 each of CGST and SGST
    # job work flat 1000.00 at 5%: 2.5% = 25.00 each
    # taxable 3002.00; CGST = SGST = 55.03; total 3112.06 -> 3112.00, round-off -0.06
    silver = silver_line(
        gross_weight="10.000", rate="85.00", making={"mode": "flat", "value": "151.00"}
    )
    job = {
        "kind": "job_work",
        "metal": "silver",
        "gross_weight": "40.000",
        "making": {"mode": "flat", "value": "1000.00"},
    }
    out = quote(draft(silver, silver, job))
    assert out["tax_by_rate"] == [
        {"rate": "3", "taxable": "2002.00", "cgst": "30.03", "sgst": "30.03", "igst": "0.00"},
        {"rate": "5", "taxable": "1000.00", "cgst": "25.00", "sgst": "25.00", "igst": "0.00"},
    ]
    assert (out["taxable_value"], out["cgst"], out["sgst"]) == ("3002.00", "55.03", "55.03")
    assert (out["round_off"], out["grand_total"]) == ("-0.06", "3112.00")


def test_ladakh_shop_counter_sale_is_intra_state() -> None:
    # Ladakh (38) shop: 8.000 g x 6800.00 = 54400.00; making 10% = 5440.00; taxable 59840.00
    # CGST = SGST 1.5% = 897.60 each; total 61635.20 -> 61635.00, round-off -0.20
    # a visitor from Karnataka buying at the counter: place of supply is still Ladakh
    out = quote(
        draft(
            gold_line(
                gross_weight="8.000", rate="6800.00", making={"mode": "percent", "value": "10"}
            ),
            seller_gstin=LADAKH_SHOP,
            buyer={"name": "Tourist", "state": "29"},
        )
    )
    assert (out["seller_state"], out["place_of_supply"]) == ("38", "38")
    assert out["place_of_supply_name"] == "Ladakh"
    assert out["supply_type"] == "INTRA"
    assert (out["cgst"], out["sgst"], out["grand_total"]) == ("897.60", "897.60", "61635.00")
    assert out["round_off"] == "-0.20"
    assert out["flags"]["recipient_details_required"] is True
    assert out["flags"]["recipient_details_missing"] is True


def test_other_territory_buyer_b2b_inter_state() -> None:
    # buyer registered in Other Territory (97), goods delivered there (place of supply 97)
    # 18K750: 3.000 g x 5500.00 = 16500.00; making 3.000 x 600.00 = 1800.00; taxable 18300.00
    # IGST 3% = 549.00; total 18849.00, round-off 0.00
    out = quote(
        draft(
            gold_line(
                purity="750",
                gross_weight="3.000",
                rate="5500.00",
                making={"mode": "per_gram", "value": "600.00"},
            ),
            buyer={"name": "Offshore Rig Stores", "gstin": OTHER_TERRITORY_BUYER},
            place_of_supply="97",
        )
    )
    assert out["buyer"]["state"] == "97"
    assert out["place_of_supply_name"] == "Other Territory"
    assert (out["supply_type"], out["igst"], out["grand_total"]) == ("INTER", "549.00", "18849.00")
    assert out["classification"] == "B2B"


def test_coloured_stones_default_to_a_quarter_percent() -> None:
    # HSN 7103 -> 0.25%: 5.00 ct x 2345.67 = 11728.35
    # CGST = SGST 0.125% = 14.6604375 -> 14.66 each; total 11757.67 -> 11758.00, round-off +0.33
    out = quote(
        draft(
            {
                "description": "emeralds",
                "hsn": "7103",
                "gross_weight": "1.000",
                "stones": [{"carats": "5.00", "rate_per_carat": "2345.67"}],
            }
        )
    )
    assert out["tax_by_rate"][0]["rate"] == "0.25"
    assert out["taxable_value"] == "11728.35"
    assert (out["cgst"], out["sgst"]) == ("14.66", "14.66")
    assert (out["round_off"], out["grand_total"]) == ("0.33", "11758.00")
