"""The operator's figures on hand-made shops and payments, each expected value worked out by hand
in the comment beside it (not by calling the function under test another way)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from hub.domain.operator import metrics as m
from hub.domain.operator.metrics import PaymentFacts, Ratio, ShopFacts

TODAY = date(2026, 11, 25)
FEE = 1_000_000  # Rs 10,000 a year


def shop(
    name: str,
    state: str,
    *,
    trial_ends_on: date | None = None,
    amc_valid_until: date | None = None,
    fee: int = FEE,
    suspended: bool = False,
) -> ShopFacts:
    return ShopFacts(
        shop_id=uuid.uuid4(),
        name=name,
        login_code=name.lower().replace(" ", "-"),
        phone=None,
        state=state,
        trial_ends_on=trial_ends_on,
        amc_valid_until=amc_valid_until,
        yearly_fee_paise=fee,
        suspended=suspended,
    )


def paid(
    owner: ShopFacts,
    paid_on: date,
    amount: int = FEE,
    period: tuple[date, date] | None = None,
    kind: str = "amc",
) -> PaymentFacts:
    return PaymentFacts(
        payment_id=uuid.uuid4(),
        shop_id=owner.shop_id,
        kind=kind,
        amount_paise=amount,
        paid_on=paid_on,
        period_from=period[0] if period else None,
        period_to=period[1] if period else None,
        receipt_number=f"RCPT/{paid_on.isoformat()}",
    )


def test_ratio_rounds_half_up_to_one_decimal() -> None:
    assert Ratio(2, 3).percent == Decimal("66.7")  # 66.666...
    assert Ratio(1, 8).percent == Decimal("12.5")
    assert Ratio(1, 16).text == "6.3%"  # 6.25 rounds half up
    assert Ratio(0, 0).percent is None
    assert Ratio(0, 0).text == "—"
    assert Ratio(3, 3).text == "100.0%"


def test_active_shops_counts_live_states_but_never_suspended() -> None:
    shops = [
        shop("A", m.TRIAL),
        shop("B", m.ACTIVE),
        shop("C", m.GRACE),
        shop("D", m.LIFETIME),
        shop("E", m.LAPSED),
        shop("F", m.SUSPENDED, suspended=True),
        shop("G", m.ACTIVE, suspended=True),  # suspended wins even if the dates are fine
    ]
    assert m.active_shops(shops) == 4  # A, B, C, D


def test_shops_by_state_lists_every_state_sorted_by_name() -> None:
    shops = [shop("zeta", m.ACTIVE), shop("Alpha", m.ACTIVE), shop("Mid", m.LAPSED)]
    groups = m.shops_by_state(shops)
    assert list(groups) == list(m.STATES)
    assert [s.name for s in groups[m.ACTIVE]] == ["Alpha", "zeta"]
    assert [s.name for s in groups[m.LAPSED]] == ["Mid"]
    assert groups[m.TRIAL] == []


def test_trial_conversion_counts_decided_shops_only() -> None:
    ended_paid = shop("ended paid", m.ACTIVE, trial_ends_on=date(2026, 10, 1))
    ended_unpaid = shop("ended unpaid", m.LAPSED, trial_ends_on=date(2026, 11, 24))
    paid_during = shop("paid during trial", m.ACTIVE, trial_ends_on=date(2026, 12, 10))
    still_trying = shop("still on trial", m.TRIAL, trial_ends_on=date(2026, 11, 25))  # last day
    no_trial_unpaid = shop("no trial", m.LAPSED)
    payments = [
        paid(ended_paid, date(2026, 10, 1), period=(date(2026, 10, 2), date(2027, 10, 1))),
        paid(ended_paid, date(2026, 11, 1), period=(date(2027, 10, 2), date(2028, 10, 1))),
        paid(paid_during, date(2026, 11, 20), period=(date(2026, 12, 11), date(2027, 12, 10))),
    ]
    ratio = m.trial_conversion(
        [ended_paid, ended_unpaid, paid_during, still_trying, no_trial_unpaid], payments, TODAY
    )
    # Decided: ended paid, ended unpaid, paid during trial = 3; of them paid: 2 (two payments of
    # one shop count once). Still on trial (ends today) and never-trialled unpaid: not counted.
    assert (ratio.part, ratio.whole) == (2, 3)
    assert ratio.text == "66.7%"


def test_renewal_rate_over_periods_ended_in_the_last_twelve_months() -> None:
    renewed = shop("renewed", m.ACTIVE)
    renewed_late = shop("renewed after a gap", m.ACTIVE)
    dropped = shop("dropped", m.LAPSED)
    in_grace = shop("in grace", m.GRACE)
    old = shop("ended long ago", m.LAPSED)
    payments = [
        # ended 2026-03-31 (in window), followed by the next year: renewed
        paid(renewed, date(2025, 4, 1), period=(date(2025, 4, 1), date(2026, 3, 31))),
        paid(renewed, date(2026, 3, 30), period=(date(2026, 4, 1), date(2027, 3, 31))),
        # ended 2026-01-10, renewed a month after the end (a gap still renews)
        paid(renewed_late, date(2025, 1, 11), period=(date(2025, 1, 11), date(2026, 1, 10))),
        paid(renewed_late, date(2026, 2, 15), period=(date(2026, 2, 15), date(2027, 2, 14))),
        # ended 2026-06-30, never renewed
        paid(dropped, date(2025, 7, 1), period=(date(2025, 7, 1), date(2026, 6, 30))),
        # ended yesterday, not renewed yet: counts against the rate today
        paid(in_grace, date(2025, 11, 25), period=(date(2025, 11, 25), date(2026, 11, 24))),
        # ended 2025-11-24: one day before the window (window starts 2025-11-25)
        paid(old, date(2024, 11, 25), period=(date(2024, 11, 25), date(2025, 11, 24))),
    ]
    ratio = m.amc_renewal_rate(payments, TODAY)
    # In the window: renewed 2026-03-31 (yes), renewed_late 2026-01-10 (yes), dropped (no),
    # in grace (no). The follow-up periods end in 2027: not ended. Old one: outside.
    assert (ratio.part, ratio.whole) == (2, 4)
    assert ratio.text == "50.0%"


def test_renewal_window_includes_the_same_day_a_year_ago_and_excludes_today() -> None:
    a = shop("a", m.LAPSED)
    b = shop("b", m.ACTIVE)
    payments = [
        paid(a, date(2024, 11, 25), period=(date(2024, 11, 26), date(2025, 11, 25))),
        paid(b, date(2025, 11, 26), period=(date(2025, 11, 26), date(2026, 11, 25))),
    ]
    # a's period ended 2025-11-25 = today minus 12 months: in. b's ends today: not ended yet.
    ratio = m.amc_renewal_rate(payments, TODAY)
    assert (ratio.part, ratio.whole) == (0, 1)


def test_mrr_counts_valid_amcs_only_and_floors_the_total() -> None:
    shops = [
        shop("active", m.ACTIVE, amc_valid_until=date(2027, 3, 31)),  # 10,000.00
        shop("custom fee", m.ACTIVE, amc_valid_until=TODAY, fee=1_200_005),  # 12,000.05
        shop("lifetime current", m.LIFETIME, amc_valid_until=date(2027, 1, 1), fee=500_000),
        shop("lifetime lapsed amc", m.LIFETIME, amc_valid_until=date(2026, 1, 1)),
        shop("grace", m.GRACE, amc_valid_until=date(2026, 11, 20)),
        shop("suspended", m.SUSPENDED, amc_valid_until=date(2027, 5, 1), suspended=True),
        shop("trial", m.TRIAL, trial_ends_on=date(2026, 12, 1)),
    ]
    # 1,000,000 + 1,200,005 + 500,000 = 2,700,005 paise a year; / 12 = 225,000.41... -> 225,000
    mrr = m.monthly_recurring_revenue(shops, TODAY)
    assert mrr == 225_000
    assert m.annual_recurring_revenue(mrr) == 2_700_000


def test_payments_by_month_fills_twelve_months_ending_this_one() -> None:
    a = shop("a", m.ACTIVE)
    payments = [
        paid(a, date(2026, 11, 3), amount=1_000_000),
        paid(a, date(2026, 11, 25), amount=250_000),
        paid(a, date(2026, 2, 28), amount=700_000),
        paid(a, date(2025, 12, 1), amount=100),  # first month of the window
        paid(a, date(2025, 11, 30), amount=999),  # before the window
        paid(a, date(2026, 11, 26), amount=999),  # after today
    ]
    months = m.payments_by_month(payments, TODAY)
    assert [month.month for month in months][:2] == [date(2025, 12, 1), date(2026, 1, 1)]
    assert months[-1].month == date(2026, 11, 1)
    assert len(months) == 12
    totals = {month.month: (month.amount_paise, month.payments) for month in months}
    assert totals[date(2026, 11, 1)] == (1_250_000, 2)
    assert totals[date(2026, 2, 1)] == (700_000, 1)
    assert totals[date(2025, 12, 1)] == (100, 1)
    assert totals[date(2026, 5, 1)] == (0, 0)
    assert sum(month.amount_paise for month in months) == 1_950_100


def test_months_before_clamps_to_the_end_of_a_short_month() -> None:
    assert m.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert m.months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert m.months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)
    assert m.months_before(date(2026, 12, 31), 0) == date(2026, 12, 31)


def test_due_lists_and_their_windows() -> None:
    trial_today = shop("Trial ends today", m.TRIAL, trial_ends_on=TODAY)
    trial_week = shop("Trial ends in 7", m.TRIAL, trial_ends_on=date(2026, 12, 2))
    trial_later = shop("Trial ends in 8", m.TRIAL, trial_ends_on=date(2026, 12, 3))
    trial_paid = shop("Paid in trial", m.ACTIVE, trial_ends_on=date(2026, 11, 27),
                      amc_valid_until=date(2027, 11, 27))  # fmt: skip
    due_30 = shop("AMC in 30", m.ACTIVE, amc_valid_until=date(2026, 12, 25))
    due_31 = shop("AMC in 31", m.ACTIVE, amc_valid_until=date(2026, 12, 26))
    due_today = shop("AMC ends today", m.ACTIVE, amc_valid_until=TODAY)
    grace = shop("In grace", m.GRACE, amc_valid_until=date(2026, 11, 20))
    lapsed = shop("Lapsed", m.LAPSED, amc_valid_until=date(2026, 1, 31))
    shops = [trial_today, trial_week, trial_later, trial_paid, due_30, due_31, due_today, grace,
             lapsed]  # fmt: skip

    trials = m.trials_ending(shops, TODAY)
    assert [(i.shop.name, i.days) for i in trials] == [
        ("Trial ends today", 0),
        ("Trial ends in 7", 7),
    ]
    due = m.amcs_due(shops, TODAY)
    assert [(i.shop.name, i.days) for i in due] == [("AMC ends today", 0), ("AMC in 30", 30)]
    overdue = m.amcs_overdue(shops, TODAY)
    # 2026-01-31 is 298 days before 2026-11-25 (Feb..Oct = 28+31+30+31+30+31+31+30+31 = 273,
    # plus Nov 25 = 298); grace: 5 days.
    assert [(i.shop.name, i.days) for i in overdue] == [("Lapsed", -298), ("In grace", -5)]

    calls = m.due_list(shops, TODAY)
    assert [(i.shop.name, i.what) for i in calls] == [
        ("Lapsed", "AMC overdue"),
        ("In grace", "AMC overdue"),
        ("AMC ends today", "AMC due"),
        ("Trial ends today", "trial ends"),
        ("Trial ends in 7", "trial ends"),
        ("AMC in 30", "AMC due"),
    ]


def test_payments_this_month_marks_renewals() -> None:
    first = shop("First payer", m.ACTIVE)
    renewer = shop("Renewer", m.ACTIVE)
    lifetime = shop("Lifetime buyer", m.LIFETIME)
    payments = [
        paid(first, date(2026, 11, 2), period=(date(2026, 11, 2), date(2027, 11, 1))),
        paid(renewer, date(2025, 12, 1), period=(date(2025, 12, 1), date(2026, 11, 30))),
        paid(renewer, date(2026, 11, 20), period=(date(2026, 12, 1), date(2027, 11, 30))),
        paid(lifetime, date(2026, 11, 10), amount=5_000_000, kind="lifetime"),
        paid(first, date(2026, 10, 31), amount=1),  # last month: not listed
    ]
    lines = m.payments_this_month([first, renewer, lifetime], payments, TODAY)
    assert [(line.shop.name if line.shop else None, line.renewal) for line in lines] == [
        ("Renewer", True),
        ("Lifetime buyer", False),
        ("First payer", False),
    ]


@pytest.mark.parametrize("state", m.STATES)
def test_every_state_has_a_place_on_the_page(state: str) -> None:
    assert state in m.shops_by_state([shop("x", state)])
