"""Small pure parts of the operator and licence pages: the payment form's parsing and defaults,
the owner's licence panel words, and the month labels under the chart."""

from __future__ import annotations

from datetime import date

import pytest

from hub.domain.licence.schemas import AmcPaymentCreate, LicenceStatus, LifetimePurchaseCreate
from hub.web.licence_look import licence_look
from hub.web.operator_overview import month_label
from hub.web.payment_form import form_field, next_period, parse_payment, payment_defaults
from shared.errors import InvalidInput

TODAY = date(2026, 11, 25)


def typed(**values: str) -> dict[str, str]:
    form = {"kind": "amc", "amount": "10,000", "paid_on": "2026-11-25", "reference": "UPI 1"}
    form.update(values)
    return form


def test_an_amc_payment_in_rupees_becomes_paise_and_dates() -> None:
    payment = parse_payment(typed(amount="₹12,000.50", period_from="2026-12-01", period_to=""))
    assert isinstance(payment, AmcPaymentCreate)
    assert payment.amount_paise == 1_200_050
    assert payment.period_from == date(2026, 12, 1)
    assert payment.period_to is None
    lifetime = parse_payment(typed(kind="lifetime", period_from="2026-12-01"))
    assert isinstance(lifetime, LifetimePurchaseCreate)


@pytest.mark.parametrize(
    ("values", "box"),
    [
        ({"kind": ""}, "kind"),
        ({"amount": ""}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.234"}, "amount"),
        ({"paid_on": ""}, "paid_on"),
        ({"paid_on": "25/11/2026"}, "paid_on"),
        ({"reference": ""}, "reference"),
        ({"period_to": "2027-02-30"}, "period_to"),
    ],
)
def test_each_wrong_box_is_named(values: dict[str, str], box: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_payment(typed(**values))
    assert form_field(refused.value) == box


def test_service_fields_map_to_the_form() -> None:
    assert form_field(InvalidInput("too much", "amount_paise")) == "amount"
    assert form_field(InvalidInput("no", "payment_id")) == "form"
    assert form_field(InvalidInput("no")) == "form"


def test_the_next_period_follows_what_is_paid() -> None:
    # Paid until 31 Mar 2027: the next year runs 1 Apr 2027 - 31 Mar 2028.
    assert next_period(
        amc_valid_until=date(2027, 3, 31), trial_ends_on=None, amc_months=12, today=TODAY
    ) == (date(2027, 4, 1), date(2028, 3, 31))
    # Lapsed on 31 Jan 2026: the renewal closes the gap from 1 Feb 2026.
    assert next_period(
        amc_valid_until=date(2026, 1, 31), trial_ends_on=None, amc_months=12, today=TODAY
    ) == (date(2026, 2, 1), date(2027, 1, 31))
    # Never paid, trial until 5 Dec 2026: from 6 Dec.
    assert next_period(
        amc_valid_until=None, trial_ends_on=date(2026, 12, 5), amc_months=12, today=TODAY
    ) == (date(2026, 12, 6), date(2027, 12, 5))
    # Never paid, trial over: from today.
    assert next_period(
        amc_valid_until=None, trial_ends_on=date(2026, 10, 1), amc_months=6, today=TODAY
    ) == (date(2026, 11, 25), date(2027, 5, 24))


def test_defaults_show_the_fee_in_plain_rupees() -> None:
    defaults = payment_defaults(
        yearly_fee_paise=1_000_000,
        amc_valid_until=None,
        trial_ends_on=None,
        amc_months=12,
        today=TODAY,
    )
    assert defaults.amount == "10000.00"
    assert defaults.paid_on == "2026-11-25"
    free = payment_defaults(
        yearly_fee_paise=0, amc_valid_until=None, trial_ends_on=None, amc_months=12, today=TODAY
    )
    assert free.amount == ""


def status(state: str, **values: object) -> LicenceStatus:
    fields: dict[str, object] = {
        "plan_code": "standard",
        "plan_name": "Standard",
        "state": state,
        "trial_ends_on": None,
        "amc_valid_until": None,
        "grace_days": 15,
        "days_left": None,
        "terminal_limit": 3,
        "terminals_in_use": 1,
        "message": "the licence says so",
    }
    fields.update(values)
    return LicenceStatus(**fields)  # type: ignore[arg-type]


def test_the_owner_panel_counts_days_to_the_amc() -> None:
    soon = licence_look(status("active", amc_valid_until=date(2026, 12, 15)), TODAY)
    assert soon.due_line == "AMC paid until 15 Dec 2026 (20 days left)"
    assert soon.needs_attention  # within 30 days
    far = licence_look(status("active", amc_valid_until=date(2027, 3, 31)), TODAY)
    assert far.due_line == "AMC paid until 31 Mar 2027 (126 days left)"
    assert not far.needs_attention
    # A lifetime licence never ends, but its AMC still gets the reminder.
    lifetime = licence_look(status("lifetime", amc_valid_until=date(2026, 12, 1)), TODAY)
    assert (lifetime.label, lifetime.needs_attention) == ("Lifetime licence", True)
    grace = licence_look(
        status("grace", amc_valid_until=date(2026, 11, 20), grace_ends_on=date(2026, 12, 5)),
        TODAY,
    )
    assert grace.due_line == (
        "AMC paid until 20 Nov 2026 (ended 5 days ago); counters keep billing until 5 Dec 2026"
    )
    assert grace.badge == "warn"
    trial = licence_look(status("trial", trial_ends_on=date(2026, 11, 26)), TODAY)
    assert trial.due_line == "Trial until 26 Nov 2026 (1 day left)"
    assert licence_look(status("suspended"), TODAY).badge == "bad"
    assert licence_look(status("lapsed"), TODAY).due_line == "No AMC paid yet"


def test_month_labels_mark_last_year() -> None:
    assert month_label(date(2025, 12, 1), TODAY) == "Dec 25"
    assert month_label(date(2026, 3, 1), TODAY) == "Mar"
