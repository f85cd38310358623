"""A small line chart of a currency's rates, as data for an inline SVG (no JS, no library).

Pure Python and integer arithmetic: coordinates are whole SVG units; the rates stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 12, 28


@dataclass(frozen=True)
class RateChart:
    """Everything the SVG template needs: the polyline and the labels."""

    width: int
    height: int
    points: str
    low: Decimal
    high: Decimal
    first_day: date
    last_day: date
    last: Decimal
    count: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    plot_right: int


def rate_chart(series: list[tuple[date, int]]) -> RateChart | None:
    """Chart ``(day, millionths)`` pairs (oldest first); None when there is nothing to draw."""
    if not series:
        return None
    first_day, last_day = series[0][0], series[-1][0]
    low = min(value for _day, value in series)
    high = max(value for _day, value in series)
    span_days = max((last_day - first_day).days, 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    coords = []
    for day, value in series:
        x = LEFT + (day - first_day).days * plot_w // span_days
        y = TOP + plot_h // 2 if high == low else TOP + (high - value) * plot_h // (high - low)
        coords.append(f"{x},{y}")
    return RateChart(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(coords),
        low=Decimal(low).scaleb(-6),
        high=Decimal(high).scaleb(-6),
        first_day=first_day,
        last_day=last_day,
        last=Decimal(series[-1][1]).scaleb(-6),
        count=len(series),
        plot_top=TOP,
        plot_bottom=TOP + plot_h,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
    )
