"""The chart of one indicator's path: baseline, the linear path to the target, the actual values
and the target line, as coordinates for the SVG template (the ``charts`` macro of ``templates/_macros.html.j2``).

Only geometry is computed here; the template draws it, with a title and a text alternative, and
the page shows the same numbers in a table. No value is drawn that was not stated: a bound target
(≥95) is drawn at its number, and an indicator without a numeric baseline and target, or with a
five-year total (〔〕, a sum, not a level), has no chart.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..values import Value, parse_value

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 14, 28  # margins: the axis labels sit in the left and bottom ones


class Point(NamedTuple):  # a tuple: a national report draws half a million of them
    x: float
    y: float
    year: int
    value: str


class Axis(NamedTuple):
    """A chart's bottom axis: the same for every chart of one period."""

    id: str
    ticks: tuple[tuple[float, int], ...]  # x, year
    y: float = HEIGHT - BOTTOM  # the axis line; tick marks run 4 below it, the years 18 below
    left: float = LEFT
    right: float = WIDTH - RIGHT


class Chart(NamedTuple):  # a tuple: a frozen dataclass's __init__ was a tenth of drawing a chart
    width: int
    height: int
    baseline: Point
    target: Point
    actuals: tuple[Point, ...]
    target_line_y: float
    #: The same for every chart of a period: a page draws it once and each chart refers to it
    #: (it was a third of a chart's markup).
    axis: Axis
    levels: tuple[tuple[float, str], ...]  # y, value: ticks on the left axis
    polyline: str  # the actual values joined, as SVG points


@lru_cache(maxsize=1 << 14)
def level(text: str) -> Decimal | None:
    """The level a printed value states (a bound at its number), or None: a qualitative or
    missing value, or a five-year total (〔〕, a sum, not a level). Once per text: a national
    report reads the same few thousand values a hundred thousand times."""
    try:
        value: Value = parse_value(text)
    except ValueError:
        return None
    if value.cumulative or value.number is None:
        return None
    return value.number


@lru_cache(maxsize=64)
def _axis(base_year: int, target_year: int) -> Axis:
    span = target_year - base_year
    ticks = tuple(
        (round(LEFT + (WIDTH - LEFT - RIGHT) * (year - base_year) / span, 1), year)
        for year in range(base_year, target_year + 1)
    )
    return Axis(f"axis-{base_year}-{target_year}", ticks)


def _tick(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def chart(
    baseline: str, target: str, base_year: int, target_year: int, actuals: tuple[tuple[int, str], ...] | None
) -> Chart | None:
    """The chart of an indicator, or None when its values cannot be drawn."""
    start, goal = level(baseline), level(target)
    if start is None or goal is None or target_year <= base_year:
        return None
    observed = [
        (year, text, number)
        for year, text in actuals or ()
        if base_year <= year <= target_year and (number := level(text)) is not None
    ]
    low, high = min(start, goal), max(start, goal)
    for _year, _text, number in observed:
        if number < low:
            low = number
        elif number > high:
            high = number
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    # Differences in Decimal (a value may have 20 digits, beyond a float's 16), then floats: a
    # position is rounded to a tenth of a pixel, far coarser than a float's error.
    scale = (HEIGHT - TOP - BOTTOM) / float(high - low)
    x_span, years = WIDTH - LEFT - RIGHT, target_year - base_year
    points = tuple(
        Point(
            round(LEFT + x_span * (year - base_year) / years, 1),
            round(TOP + float(high - number) * scale, 1),
            year,
            text,
        )
        for year, text, number in observed
    )
    start_y, goal_y = round(TOP + float(high - start) * scale, 1), round(TOP + float(high - goal) * scale, 1)
    y_of = {start: start_y, goal: goal_y}  # one entry where the baseline is the target
    return Chart(
        WIDTH,
        HEIGHT,
        Point(float(LEFT), start_y, base_year, baseline),
        Point(float(LEFT + x_span), goal_y, target_year, target),
        points,
        goal_y,
        _axis(base_year, target_year),
        tuple((y_of[n], _tick(n)) for n in sorted(y_of)),
        " ".join([f"{p.x},{p.y}" for p in points]),
    )
