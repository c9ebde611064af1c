"""The dashboard's sales chart, laid out in Python and drawn by the browser as SVG bars.

Why server-side: the hub must work offline and on a cheap phone, so there is no chart library to
download and no script to run. The bars are an SVG stretched to the card's width
(preserveAspectRatio="none"), while every label is ordinary HTML text placed by percentage, so
the chart is readable at a phone's width and a desktop's alike (text inside a scaled SVG would
shrink to nothing on a phone). The layout is integer arithmetic on paise: no float touches money.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from shared.money import RUPEE_SIGN, Paise

# The SVG's own units: each bar gets SLOT wide, the plot is PLOT_HEIGHT tall.
SLOT: Final = 10
BAR_WIDTH: Final = 7
PLOT_HEIGHT: Final = 1000
GRID_LINES: Final = 4
"""Four steps: the stylesheet places labels at 0, 25, 50, 75 and 100% (no inline styles)."""

_PAISE_PER_RUPEE: Final = 100
_THOUSAND: Final = 1_000
_LAKH: Final = 100_000
_CRORE: Final = 10_000_000


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One bar's input: its label under the axis, its amount, and whether to pick it out."""

    label: str
    amount: Paise
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    show_label: bool
    title: str
    highlight: bool


@dataclass(frozen=True, slots=True)
class GridLine:
    y: int
    top_percent: int
    """Where its HTML label sits, measured down from the top of the plot."""
    label: str


@dataclass(frozen=True, slots=True)
class BarChart:
    """Everything the template needs; coordinates are SVG user units of the plot."""

    plot_width: int
    plot_height: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    description: str


def short_rupees(amount: Paise) -> str:
    """A compact Indian reading for an axis: ₹950, ₹12k, ₹3.5L, ₹1.2Cr (whole rupees)."""
    rupees = amount.value // _PAISE_PER_RUPEE
    for size, suffix in ((_CRORE, "Cr"), (_LAKH, "L"), (_THOUSAND, "k")):
        if rupees >= size:
            tenths = (rupees * 10 + size // 2) // size
            whole, tenth = divmod(tenths, 10)
            text = f"{whole}" if tenth == 0 or whole >= 100 else f"{whole}.{tenth}"
            return f"{RUPEE_SIGN}{text}{suffix}"
    return f"{RUPEE_SIGN}{rupees}"


def nice_ceiling(rupees: int) -> int:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `rupees` (at least 1)."""
    if rupees <= 1:
        return 1
    power = 1
    while True:
        # 2.5 only from 25 up, so small scales stay whole rupees.
        quarter = 25 * power // 10 if power >= 10 else 0
        for candidate in (power, 2 * power, quarter, 5 * power):
            if candidate >= rupees:
                return candidate
        power *= 10


def bar_chart(points: Sequence[ChartPoint], *, label_every: int = 1) -> BarChart:
    """Lay out one bar per point, scaled to a rounded-up maximum with labelled grid lines.

    `label_every` thins the labels under the axis (a month has up to 31 days, too many to read
    on a phone); a highlighted bar (today) is always labelled.
    """
    top_rupees = max((max(p.amount.value, 0) for p in points), default=0)
    top_rupees = (top_rupees + _PAISE_PER_RUPEE - 1) // _PAISE_PER_RUPEE
    # A scale that divides into GRID_LINES round steps.
    step = nice_ceiling((top_rupees + GRID_LINES - 1) // GRID_LINES)
    scale_paise = step * GRID_LINES * _PAISE_PER_RUPEE

    grid = tuple(
        GridLine(
            y=PLOT_HEIGHT - PLOT_HEIGHT * i // GRID_LINES,
            top_percent=100 - 100 * i // GRID_LINES,
            label=short_rupees(Paise(step * i * _PAISE_PER_RUPEE)),
        )
        for i in range(GRID_LINES + 1)
    )
    gap = SLOT - BAR_WIDTH
    bars: list[Bar] = []
    for index, point in enumerate(points):
        value = max(point.amount.value, 0)
        height = PLOT_HEIGHT * value // scale_paise
        if value and height == 0:
            height = 1  # a sale, however small, is visible
        bars.append(
            Bar(
                x=index * SLOT + gap // 2,
                y=PLOT_HEIGHT - height,
                width=BAR_WIDTH,
                height=height,
                label=point.label,
                show_label=point.highlight or index % max(label_every, 1) == 0,
                title=f"{point.label}: {point.amount.format()}",
                highlight=point.highlight,
            )
        )
    total = Paise(sum(p.amount.value for p in points))
    description = (
        f"Bar chart of {len(points)} values, from {points[0].label} to {points[-1].label}; "
        f"total {total.format()}"
        if points
        else "No sales to chart yet"
    )
    return BarChart(
        plot_width=max(len(points), 1) * SLOT,
        plot_height=PLOT_HEIGHT,
        bars=tuple(bars),
        grid=grid,
        description=description,
    )
