"""One invoice computed from its draft: the single function the counter, the hub and
`boolagold quote` all call, so they agree to the paisa because they run the same code.

Order of work: price each line; tax per rate on the summed taxable values; round the grand total
to the rupee; value the old-gold voucher on its own and net it from the grand total only; then
classify the invoice, raise the counter's flags and check the payments against what is payable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from shared.counter_rules import (
    Classification,
    CounterFlags,
    PaymentMode,
    check_payments,
    classify,
    counter_flags,
)
from shared.errors import InvalidInput
from shared.exchange import ExchangeLine, ExchangeVoucher
from shared.gst import InvoiceTotals, SupplyType, TaxAtRate, supply_type, tax_by_rate
from shared.money import Paise
from shared.numbering import financial_year
from shared.pricing import LineDraft, PricedLine, price_line
from shared.states import validate_state_code
from shared.validators import (
    gstin_state_code,
    validate_gstin,
    validate_invoice_number,
    validate_pan,
)
from shared.words import amount_in_words

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Buyer:
    """The recipient; a walk-in customer may be anonymous. A GSTIN makes the buyer registered.

    The PAN inside a GSTIN counts as the buyer's PAN; a PAN given beside a GSTIN must match it.
    """

    name: str = ""
    gstin: str | None = None
    pan: str | None = None
    state: str | None = None
    address: str = ""
    form60: bool = False

    def __post_init__(self) -> None:
        if self.gstin is not None:
            gstin = _at(validate_gstin, self.gstin, "gstin")
            if self.pan is not None and _at(validate_pan, self.pan, "pan") != gstin[2:12]:
                raise InvalidInput("the PAN does not match the one inside the GSTIN", "pan")
            if (
                self.state is not None
                and _at(validate_state_code, self.state, "state") != (gstin[:2])
            ):
                raise InvalidInput(
                    f"the buyer's GSTIN is registered in state {gstin[:2]}, not {self.state}",
                    "state",
                )
        elif self.pan is not None:
            _at(validate_pan, self.pan, "pan")
        if self.state is not None:
            _at(validate_state_code, self.state, "state")

    @property
    def registered(self) -> bool:
        return self.gstin is not None

    @property
    def has_pan_or_form60(self) -> bool:
        return self.pan is not None or self.gstin is not None or self.form60

    @property
    def state_code(self) -> str | None:
        if self.gstin is not None:
            return self.gstin[:2]
        return validate_state_code(self.state) if self.state is not None else None

    @property
    def has_recipient_details(self) -> bool:
        """Rule 46: name, address and state for an unregistered buyer of Rs 50,000 or more."""
        return bool(self.name.strip() and self.address.strip() and self.state is not None)


def _at(check: Callable[[str], _T], value: str, where: str) -> _T:
    try:
        return check(value)
    except InvalidInput as error:
        raise error.at(where) from None


@dataclass(frozen=True, slots=True)
class InvoiceDraft:
    """Everything needed to compute an invoice; place of supply defaults to the seller's state."""

    invoice_date: dt.date
    seller_gstin: str
    lines: Sequence[LineDraft]
    buyer: Buyer = field(default_factory=Buyer)
    place_of_supply: str | None = None
    invoice_number: str | None = None
    seller_turnover: Paise | None = None
    old_gold: Sequence[ExchangeLine] = field(default_factory=tuple)
    payments: Mapping[PaymentMode, Paise] | None = None

    def __post_init__(self) -> None:
        _at(validate_gstin, self.seller_gstin, "seller_gstin")
        if self.invoice_number is not None:
            _at(validate_invoice_number, self.invoice_number, "invoice_number")
        if self.place_of_supply is not None:
            try:
                validate_state_code(self.place_of_supply, allow_other_country=True)
            except InvalidInput as error:
                raise error.at("place_of_supply") from None
        if self.seller_turnover is not None and self.seller_turnover.value < 0:
            raise InvalidInput("turnover cannot be negative", "seller_turnover")

    @property
    def seller_state(self) -> str:
        return gstin_state_code(self.seller_gstin)

    @property
    def effective_place_of_supply(self) -> str:
        if self.place_of_supply is None:
            return self.seller_state
        return validate_state_code(self.place_of_supply, allow_other_country=True)


@dataclass(frozen=True, slots=True)
class InvoiceComputation:
    """The computed invoice: priced lines, tax table, totals, voucher, class and flags."""

    draft: InvoiceDraft
    place_of_supply: str
    supply_type: SupplyType
    lines: Sequence[PricedLine]
    tax_rows: Sequence[TaxAtRate]
    totals: InvoiceTotals
    voucher: ExchangeVoucher
    net_payable: Paise
    classification: Classification
    flags: CounterFlags
    amount_in_words: str

    @property
    def financial_year(self) -> str:
        return financial_year(self.draft.invoice_date)


def compute_invoice(draft: InvoiceDraft) -> InvoiceComputation:
    """Compute the whole invoice, raising InvalidInput with a JSON-style field path on bad input.

    Payments are checked only when given (a quote may be asked before the customer pays); when
    given they must settle the net payable exactly and keep cash under Rs 2,00,000.
    """
    seller_state = draft.seller_state
    place = draft.effective_place_of_supply
    if not draft.lines:
        raise InvalidInput("an invoice needs at least one line", "lines")
    kind = supply_type(seller_state, place)
    priced: list[PricedLine] = []
    for index, line in enumerate(draft.lines):
        try:
            priced.append(price_line(line))
        except InvalidInput as error:
            raise error.at(f"lines[{index}]") from None
    rows = tax_by_rate(((p.gst_rate, p.taxable_value) for p in priced), kind)
    totals = InvoiceTotals.from_rows(rows)
    voucher = ExchangeVoucher(tuple(draft.old_gold))
    net_payable = totals.grand_total - voucher.value
    buyer = draft.buyer
    classification = classify(
        buyer_registered=buyer.registered,
        kind=kind,
        invoice_value=totals.grand_total,
        invoice_date=draft.invoice_date,
    )
    flags = counter_flags(
        grand_total=totals.grand_total,
        taxable_value=totals.taxable_value,
        buyer_registered=buyer.registered,
        buyer_has_pan=buyer.has_pan_or_form60,
        buyer_has_details=buyer.has_recipient_details,
        seller_turnover=draft.seller_turnover,
    )
    if draft.payments:
        check_payments(draft.payments, net_payable)
    return InvoiceComputation(
        draft=draft,
        place_of_supply=place,
        supply_type=kind,
        lines=tuple(priced),
        tax_rows=tuple(rows),
        totals=totals,
        voucher=voucher,
        net_payable=net_payable,
        classification=classification,
        flags=flags,
        amount_in_words=amount_in_words(totals.grand_total),
    )
