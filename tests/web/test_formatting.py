"""How the pages print money, weight and time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hub.web import formatting
from shared.money import Milligrams, Paise


def test_rupees_are_grouped_the_indian_way() -> None:
    assert formatting.rupees(Paise(12_345_678_90)) == "₹1,23,45,678.90"
    assert formatting.rupees(5) == "₹0.05"
    assert formatting.rupees(None) == "—"


def test_weights_and_rates() -> None:
    assert formatting.grams(Milligrams(12_345)) == "12.345 g"
    assert formatting.grams(500) == "0.500 g"
    assert formatting.grams(1_220_637) == "1,220.637 g"
    assert formatting.grams(123_456_789) == "1,23,456.789 g"
    assert formatting.rate_per_gram(7_250_00) == "₹7,250.00/g"
    assert formatting.rupees_input(7_250_05) == "7250.05"
    assert formatting.rupees_input(None) == ""


def test_times_are_shown_in_india_standard_time() -> None:
    # 18:40 UTC is 00:10 the next day in Kolkata.
    moment = datetime(2025, 3, 31, 18, 40, tzinfo=UTC)
    assert formatting.shop_datetime(moment) == "1 Apr 2025, 12:10 am"
    assert formatting.shop_date(moment) == "1 Apr 2025"
    # SQLite hands back naive datetimes: they are UTC by the storage rule.
    naive = datetime(2025, 3, 31, 8, 5)  # noqa: DTZ001
    assert formatting.shop_datetime(naive) == "31 Mar 2025, 1:35 pm"
    assert formatting.shop_date(date(2025, 12, 5)) == "5 Dec 2025"
    assert formatting.shop_datetime(None) == "never"


def test_time_ago() -> None:
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert formatting.time_ago(None, now) == "never"
    assert formatting.time_ago(now - timedelta(seconds=10), now) == "just now"
    assert formatting.time_ago(now - timedelta(minutes=1), now) == "1 minute ago"
    assert formatting.time_ago(now - timedelta(hours=5), now) == "5 hours ago"
    assert formatting.time_ago(now - timedelta(days=3, hours=2), now) == "3 days ago"


def test_count() -> None:
    assert formatting.count(1, "terminal") == "1 terminal"
    assert formatting.count(0, "invoice") == "0 invoices"
    assert formatting.count(2, "person", "people") == "2 people"
