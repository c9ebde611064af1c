"""The operator's "record a payment" form: what was typed, turned into the licensing service's
structs, and the service's refusals put back beside the box they are about.

Amounts are typed in rupees ("10,000" or "₹10,000.00") and parsed by the kernel's
`parse_rupees` (a fraction of a paisa is refused, never rounded); dates come from
<input type=date> as ISO text. Every box is checked here before the service is called, and the
service checks again (it also serves the JSON API): a refusal on either side saves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from hub.domain.licence.schemas import AmcPaymentCreate, LifetimePurchaseCreate
from hub.domain.licence.validation import add_months
from hub.web.pages import form_values
from hub.web.roles import Choice
from shared.errors import InvalidInput
from shared.money import Paise, parse_rupees

PAYMENT_FIELDS: Final = (
    "kind",
    "amount",
    "paid_on",
    "reference",
    "period_from",
    "period_to",
    "note",
)
KIND_CHOICES: Final = (
    Choice("amc", "AMC period (extends the AMC)"),
    Choice("lifetime", "Lifetime licence"),
)
# The service names its fields after the struct; the form after what the operator sees.
_SERVICE_FIELDS: Final = {"amount_paise": "amount"}


@dataclass(frozen=True, slots=True)
class PaymentDefaults:
    """What the form shows before anything is typed: the next AMC period at the shop's fee."""

    amount: str
    paid_on: str
    period_from: str
    period_to: str


def next_period(
    *,
    amc_valid_until: date | None,
    trial_ends_on: date | None,
    amc_months: int,
    today: date,
) -> tuple[date, date]:
    """The period an "extend the AMC" payment covers by default, for the plan's AMC months:
    from the day after the AMC is paid until (also when it has run out: the renewal closes the
    gap, as the service's own default does; the operator may start it today instead); for a shop
    that never paid, from the day after its trial, or today once the trial is over."""
    if amc_valid_until is not None:
        start = amc_valid_until + timedelta(days=1)
    elif trial_ends_on is not None and trial_ends_on >= today:
        start = trial_ends_on + timedelta(days=1)
    else:
        start = today
    return start, add_months(start, amc_months) - timedelta(days=1)


def payment_defaults(
    *,
    yearly_fee_paise: int,
    amc_valid_until: date | None,
    trial_ends_on: date | None,
    amc_months: int,
    today: date,
) -> PaymentDefaults:
    start, end = next_period(
        amc_valid_until=amc_valid_until,
        trial_ends_on=trial_ends_on,
        amc_months=amc_months,
        today=today,
    )
    return PaymentDefaults(
        amount=Paise(yearly_fee_paise).decimal_text() if yearly_fee_paise else "",
        paid_on=today.isoformat(),
        period_from=start.isoformat(),
        period_to=end.isoformat(),
    )


def typed_payment(form: Mapping[str, Any]) -> dict[str, str]:
    return form_values(form, *PAYMENT_FIELDS)


def _day(text: str, field: str, *, required: bool) -> date | None:
    if not text:
        if required:
            raise InvalidInput("give a date", field)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("give a date like 25-11-2026", field) from None


def _amount(text: str) -> int:
    if not text:
        raise InvalidInput("give the amount received, in rupees", "amount")
    try:
        paise = parse_rupees(text)
    except InvalidInput as problem:
        raise InvalidInput(problem.reason, "amount") from None
    if paise.value <= 0:
        raise InvalidInput("the amount must be more than zero", "amount")
    return paise.value


def parse_payment(typed: Mapping[str, str]) -> AmcPaymentCreate | LifetimePurchaseCreate:
    """The struct for the licensing service; InvalidInput naming the form's box when a box is
    wrong (the first wrong box, top to bottom)."""
    kind = typed.get("kind", "")
    if kind not in {"amc", "lifetime"}:
        raise InvalidInput("choose what the payment is for", "kind")
    amount = _amount(typed.get("amount", ""))
    paid_on = _day(typed.get("paid_on", ""), "paid_on", required=True)
    if paid_on is None:  # required=True never answers None; this keeps the type exact
        raise InvalidInput("give a date", "paid_on")
    reference = typed.get("reference", "")
    if not reference:
        raise InvalidInput("give the bank, UPI or cheque reference", "reference")
    note = typed.get("note") or None
    if kind == "lifetime":
        return LifetimePurchaseCreate(
            amount_paise=amount, paid_on=paid_on, reference=reference, note=note
        )
    return AmcPaymentCreate(
        amount_paise=amount,
        paid_on=paid_on,
        reference=reference,
        period_from=_day(typed.get("period_from", ""), "period_from", required=False),
        period_to=_day(typed.get("period_to", ""), "period_to", required=False),
        note=note,
    )


def form_field(problem: InvalidInput) -> str:
    """Which box of the form a refusal belongs beside ("form": above the button)."""
    field = _SERVICE_FIELDS.get(problem.field or "", problem.field or "")
    return field if field in PAYMENT_FIELDS else "form"
