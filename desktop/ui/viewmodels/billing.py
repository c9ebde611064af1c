"""The bill being built at the counter: scan, adjust, exchange, customer, payments, issue.

This is a thin layer over `desktop.services.billing.Bill`: it turns what the clerk typed into
kernel values (rupees, grams, percentages), passes each action to the bill, and tells the screen
what changed or why the action was refused. Every figure shown comes from `Bill.summary()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.licensing.policy import LicenceStatus
from desktop.services.actor import Actor
from desktop.services.billing import Bill, BillLine, BillSummary, ExchangeInput
from desktop.services.context import CounterContext
from desktop.services.customers import CustomerView
from desktop.services.issuing import IssuedInvoice
from desktop.services.licence import licence_status
from desktop.services.rates import rates_missing_today
from desktop.ui.viewmodels.base import Event, ViewModel
from shared.errors import InvalidInput
from shared.invoice_calc import InvoiceComputation
from shared.money import Paise, parse_grams, parse_rupees

PAYMENT_MODES: tuple[tuple[str, str], ...] = (
    ("cash", "Cash"),
    ("card", "Card"),
    ("upi", "UPI"),
    ("bank", "Bank transfer"),
    ("credit", "Credit (pay later)"),
)


@dataclass(frozen=True, slots=True)
class LineRow:
    """One bill line as the table shows it (all text, already formatted)."""

    tag: str
    description: str
    purity: str
    net: str
    rate: str
    making: str
    wastage: str
    stones: str
    discount: str
    value: str
    huid: str


def line_row(line: BillLine) -> LineRow:
    priced = line.priced
    draft = priced.draft
    piece = line.piece
    stones = priced.stone_value + priced.hallmark_charge
    return LineRow(
        tag=piece.tag_code if piece else "",
        description=(piece.description if piece else "") or draft.description,
        purity=piece.purity_label if piece else (draft.purity.label if draft.purity else ""),
        net=draft.net_weight.format(),
        rate=(draft.rate.format() + "/g") if draft.rate is not None else "",
        making=priced.making_value.format() + (" *" if line.making_overridden else ""),
        wastage=priced.wastage_value.format() if priced.wastage_value else "",
        stones=stones.format() if stones else "",
        discount=priced.discount.format() if priced.discount else "",
        value=priced.taxable_value.format(),
        huid=draft.huid or (piece.huid if piece and piece.huid else ""),
    )


class BillingViewModel(ViewModel):
    """The open bill and the actions the billing screen offers on it."""

    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor
        self.issued: Event[IssuedInvoice] = Event()
        self.customer: CustomerView | None = None
        self.bill = self._new_bill()

    def _new_bill(self) -> Bill:
        return Bill(self._ctx, self._actor)

    # --- the state the screen shows -------------------------------------------------------

    def rates_warning(self) -> str | None:
        """The red banner's text when today's sale rates are missing, else None."""
        missing = rates_missing_today(self._ctx)
        if not missing:
            return None
        return (
            "Today's rates are not entered for "
            + ", ".join(missing)
            + ". Enter them on the Rates screen (F3) before billing these purities."
        )

    def licence(self) -> LicenceStatus:
        """The licence now: in grace the screen warns, and once invoices stop it says why and
        whom to call (issuing itself is refused by the service whatever the screen shows)."""
        return licence_status(self._ctx)

    def rows(self) -> list[LineRow]:
        return [line_row(line) for line in self.bill.lines]

    def summary(self) -> BillSummary:
        return self.bill.summary()

    def start_new(self) -> None:
        """Drop the open bill (after an issue, or when the clerk starts over)."""
        self.bill = self._new_bill()
        self.customer = None
        self.changed.emit(None)

    # --- actions ---------------------------------------------------------------------------

    def scan(self, code: str) -> bool:
        """Add the piece with this tag code, barcode or HUID as a priced line."""
        text = code.strip()
        if not text:
            return False
        added = self.attempt(lambda: self.bill.scan(text))
        if added is None:
            return False
        self.changed.emit(None)
        return True

    def remove_line(self, index: int) -> None:
        self.perform(lambda: self.bill.remove_line(index), None)

    def set_discount(self, index: int, text: str) -> bool:
        return self.perform(
            lambda: self.bill.set_discount(index, parse_rupees(text.strip() or "0")), "discount"
        )

    def set_making(self, index: int, mode: str, text: str) -> bool:
        return self.perform(
            lambda: self.bill.set_making(index, mode, text.strip() or "0"), "making"
        )

    def set_customer(self, customer: CustomerView | None) -> bool:
        if not self.perform(
            lambda: self.bill.set_customer(customer.id if customer else None), None
        ):
            return False
        self.customer = customer
        self.changed.emit(None)
        return True

    def add_exchange(
        self, purity: str, net_weight: str, deduction_percent: str, rate: str = ""
    ) -> bool:
        """Add an old-gold line; an empty rate means today's purchase rate for the purity."""

        def act() -> None:
            self.bill.add_exchange(
                ExchangeInput(
                    purity=_required(purity, "purity", "Choose the purity of the old gold."),
                    net_weight=parse_grams(_required(net_weight, "net_weight", "Type the weight.")),
                    rate=parse_rupees(rate) if rate.strip() else None,
                    deduction_percent=deduction_percent.strip() or "0",
                )
            )

        return self.perform(act, None)

    def remove_exchange(self, index: int) -> None:
        self.perform(lambda: self.bill.remove_exchange(index), None)

    def add_payment(self, mode: str, amount: str, reference: str = "") -> bool:
        """Take a payment; the cash limit is checked now, as the clerk tries it."""

        def act() -> None:
            value = parse_rupees(_required(amount, "amount", "Type the amount."))
            if not value:
                raise InvalidInput("type an amount above zero", "amount")
            self.bill.add_payment(mode, value, reference.strip() or None)

        return self.perform(act, None)

    def remove_payment(self, index: int) -> None:
        self.perform(lambda: self.bill.remove_payment(index), None)

    def set_form60(self, received: bool) -> None:
        """Form 60 stands in for a PAN the buyer does not have (Rule 114B)."""
        self.bill.form60 = received
        self.changed.emit(None)

    def balance(self) -> Paise:
        return self.bill.summary().balance

    def issue(self) -> IssuedInvoice | None:
        """Issue the invoice (one transaction); on success a fresh bill is started."""
        issued = self.attempt(self.bill.issue)
        if issued is None:
            return None
        self.issued.emit(issued)
        self.start_new()
        return issued

    def estimate(self) -> InvoiceComputation | None:
        """The bill computed as an invoice would be, with no number and nothing stored (a
        quotation); the bill stays open."""
        return self.attempt(self.bill.estimate)


def _required(text: str, field: str, reason: str) -> str:
    if not text.strip():
        raise InvalidInput(reason, field)
    return text.strip()
