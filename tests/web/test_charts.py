"""The dashboard chart's layout: exact integer geometry from paise."""

from __future__ import annotations

import pytest

from hub.web.charts import PLOT_HEIGHT, SLOT, ChartPoint, bar_chart, nice_ceiling, short_rupees
from shared.money import Paise


@pytest.mark.parametrize(
    ("rupees", "expected"),
    [
        (0, 1),
        (1, 1),
        (2, 2),
        (3, 5),
        (7, 10),
        (11, 20),
        (21, 25),
        (26, 50),
        (51, 100),
        (101, 200),
        (2_400, 2_500),
        (2_600, 5_000),
        (99_999, 100_000),
    ],
)
def test_nice_ceiling_rounds_up_to_a_readable_step(rupees: int, expected: int) -> None:
    assert nice_ceiling(rupees) == expected


@pytest.mark.parametrize(
    ("paise", "text"),
    [
        (0, "₹0"),
        (95_000, "₹950"),
        (1_200_000, "₹12k"),
        (35_000_000, "₹3.5L"),
        (120_000_000, "₹12L"),
        (1_200_000_000, "₹1.2Cr"),
        (10_000_000, "₹1L"),
        (150_000_000_000, "₹150Cr"),
    ],
)
def test_short_rupees_reads_the_indian_way(paise: int, text: str) -> None:
    assert short_rupees(Paise(paise)) == text


def test_bars_scale_to_the_rounded_maximum() -> None:
    chart = bar_chart(
        [
            ChartPoint("1", Paise(100_000_00)),
            ChartPoint("2", Paise(50_000_00)),
            ChartPoint("3", Paise(0)),
        ]
    )
    # Largest bar 1,00,000 -> step 25,000 x 4 grid lines = exactly the top.
    assert chart.grid[-1].label == "₹1L"
    tallest, half, empty = chart.bars
    assert tallest.height == PLOT_HEIGHT
    assert half.height == PLOT_HEIGHT // 2
    assert empty.height == 0
    assert tallest.y + tallest.height == chart.plot_height
    assert chart.plot_width == 3 * SLOT
    assert all(bar.x >= 0 and bar.x + bar.width <= chart.plot_width for bar in chart.bars)
    assert [line.top_percent for line in chart.grid] == [100, 75, 50, 25, 0]


def test_a_tiny_sale_is_still_visible_and_today_is_labelled() -> None:
    points = [ChartPoint(str(day), Paise(1_000_000_00 if day == 1 else 1)) for day in range(1, 31)]
    points[29] = ChartPoint("30", Paise(1), highlight=True)
    chart = bar_chart(points, label_every=5)
    assert chart.bars[1].height == 1
    assert chart.bars[29].show_label
    assert chart.bars[29].highlight
    assert [bar.show_label for bar in chart.bars[:6]] == [True, False, False, False, False, True]
    assert "total ₹10,00,000.29" in chart.description


def test_no_points_draws_an_empty_axis() -> None:
    chart = bar_chart([])
    assert chart.bars == ()
    assert chart.description == "No sales to chart yet"
    assert chart.grid[0].y == chart.plot_height
