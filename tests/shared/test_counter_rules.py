import datetime as dt

import pytest

from shared.counter_rules import (
    Classification,
    PaymentMode,
    check_cash,
    check_payments,
    classify,
    counter_flags,
)
from shared.errors import InvalidInput
from shared.gst import SupplyType
from shared.money import Paise

AFTER = dt.date(2024, 8, 1)
BEFORE = dt.date(2024, 7, 31)


def rupees(amount: int) -> Paise:
    return Paise(amount * 100)


@pytest.mark.parametrize(
    ("registered", "kind", "value", "day", "expected"),
    [
        (True, SupplyType.INTER, rupees(10**7), AFTER, Classification.B2B),
        (True, SupplyType.INTRA, rupees(1), AFTER, Classification.B2B),
        (False, SupplyType.INTRA, rupees(10**7), AFTER, Classification.B2CS),
        (False, SupplyType.INTER, rupees(100_000), AFTER, Classification.B2CS),
        (False, SupplyType.INTER, Paise(100_000_01), AFTER, Classification.B2CL),
        (False, SupplyType.INTER, rupees(150_000), BEFORE, Classification.B2CS),
        (False, SupplyType.INTER, rupees(250_000), BEFORE, Classification.B2CS),
        (False, SupplyType.INTER, rupees(250_001), BEFORE, Classification.B2CL),
    ],
)
def test_classification(
    registered: bool, kind: SupplyType, value: Paise, day: dt.date, expected: Classification
) -> None:
    got = classify(buyer_registered=registered, kind=kind, invoice_value=value, invoice_date=day)
    assert got is expected


def flags(**overrides: object) -> dict[str, bool]:
    fields: dict[str, object] = {
        "grand_total": rupees(1_000),
        "taxable_value": rupees(970),
        "buyer_registered": False,
        "buyer_has_pan": False,
        "buyer_has_details": False,
        "seller_turnover": None,
    }
    fields.update(overrides)
    result = counter_flags(**fields)  # type: ignore[arg-type]
    return {
        "pan_required": result.pan_required,
        "pan_missing": result.pan_missing,
        "details_required": result.recipient_details_required,
        "details_missing": result.recipient_details_missing,
        "e_invoice": result.e_invoice_required,
    }


def test_pan_is_required_strictly_above_two_lakh() -> None:
    assert flags(grand_total=rupees(200_000))["pan_required"] is False
    assert flags(grand_total=rupees(200_001))["pan_required"] is True
    assert flags(grand_total=rupees(200_001))["pan_missing"] is True
    assert flags(grand_total=rupees(200_001), buyer_has_pan=True)["pan_missing"] is False


def test_recipient_details_from_fifty_thousand_taxable_for_unregistered_only() -> None:
    assert flags(taxable_value=Paise(49_999_99))["details_required"] is False
    assert flags(taxable_value=rupees(50_000))["details_required"] is True
    assert flags(taxable_value=rupees(50_000))["details_missing"] is True
    assert flags(taxable_value=rupees(50_000), buyer_has_details=True)["details_missing"] is False
    assert flags(taxable_value=rupees(50_000), buyer_registered=True)["details_required"] is False


def test_e_invoice_for_b2b_above_five_crore() -> None:
    five_crore = rupees(5_00_00_000)
    assert flags(buyer_registered=True, seller_turnover=five_crore)["e_invoice"] is False
    assert flags(buyer_registered=True, seller_turnover=five_crore + Paise(1))["e_invoice"] is True
    assert flags(buyer_registered=False, seller_turnover=rupees(10**9))["e_invoice"] is False
    assert flags(buyer_registered=True, seller_turnover=None)["e_invoice"] is False


def test_cash_limit_is_two_lakh_or_more() -> None:
    check_cash(rupees(199_999))
    check_cash(Paise(199_999_99))
    with pytest.raises(InvalidInput) as error:
        check_cash(rupees(200_000))
    assert error.value.field == "payments.cash"
    with pytest.raises(InvalidInput, match="already paid"):
        check_cash(rupees(100_000), earlier_today=rupees(100_000))


def test_payments_must_settle_the_net_payable_exactly() -> None:
    check_payments({PaymentMode.CARD: rupees(500), PaymentMode.CASH: rupees(500)}, rupees(1_000))
    with pytest.raises(InvalidInput) as error:
        check_payments({PaymentMode.UPI: rupees(999)}, rupees(1_000))
    assert error.value.field == "payments"
    with pytest.raises(InvalidInput) as negative:
        check_payments({PaymentMode.UPI: Paise(-1)}, Paise(-1))
    assert negative.value.field == "payments.upi"


def test_when_the_shop_owes_the_customer_nothing_is_paid_in() -> None:
    check_payments({PaymentMode.CASH: Paise(0)}, rupees(-6_405))
    with pytest.raises(InvalidInput, match=r"amount payable is 0\.00"):
        check_payments({PaymentMode.CASH: rupees(6_405)}, rupees(-6_405))
