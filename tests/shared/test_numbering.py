import datetime as dt

import pytest

from shared.errors import InvalidInput
from shared.numbering import (
    InvoiceSeries,
    financial_year,
    financial_year_bounds,
    parse_invoice_number,
    validate_series_prefix,
)
from shared.validators import INVOICE_NUMBER_PATTERN


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2025, 4, 1), "2025-26"),
        (dt.date(2026, 3, 31), "2025-26"),
        (dt.date(2026, 4, 1), "2026-27"),
        (dt.date(1999, 12, 31), "1999-00"),
    ],
)
def test_financial_year_runs_april_to_march(day: dt.date, label: str) -> None:
    assert financial_year(day) == label


def test_financial_year_bounds() -> None:
    assert financial_year_bounds("2025-26") == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    with pytest.raises(InvalidInput):
        financial_year_bounds("2025-27")


def test_series_numbers_are_gapless_and_valid() -> None:
    series = InvoiceSeries.for_date("a1", dt.date(2025, 11, 24))
    numbers = []
    last = 0
    for _ in range(3):
        last, number = series.next_after(last)
        numbers.append(number)
    assert numbers == ["A1/25-26/00001", "A1/25-26/00002", "A1/25-26/00003"]
    assert all(INVOICE_NUMBER_PATTERN.match(n) for n in numbers)
    assert parse_invoice_number("A1/25-26/00042") == (series, 42)


def test_series_never_exceeds_sixteen_characters() -> None:
    series = InvoiceSeries("HOB2", "2025-26")
    last_number = series.format(series.capacity)
    assert len(last_number) == 16
    with pytest.raises(InvalidInput, match="is full"):
        series.format(series.capacity + 1)


def test_bad_prefixes() -> None:
    for bad in ["0A", "A/1", "ABCDE", ""]:
        with pytest.raises(InvalidInput):
            validate_series_prefix(bad)
