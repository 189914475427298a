"""A mission's fatalities: the total, a bar chart by year, and tables by incident and
personnel type, from the UN's data set (datasets.models.fatalities)."""

import math
from dataclasses import dataclass

from datasets.figures.base import line_span
from datasets.models import Fatality

# The chart's drawing units: a viewBox this narrow keeps its labels readable at 375 px.
WIDTH = 300
HEIGHT = 140
LEFT = 26  # room for the count labels
BOTTOM = 17  # room for the year labels
TOP = 6


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float


def nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): the axis's top."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def bar_chart(by_year):
    """Bars, count ticks and year labels for [(year, count)], in drawing units."""
    plot_width, plot_height = WIDTH - LEFT, HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max(count for _, count in by_year))
    band = plot_width / len(by_year)
    gap = band * 0.15 if band > 3 else 0
    bars = [
        Bar(
            year=year,
            count=count,
            x=round(LEFT + index * band + gap / 2, 2),
            y=round(TOP + plot_height * (1 - count / top), 2),
            width=round(band - gap, 2),
            height=round(plot_height * count / top, 2),
        )
        for index, (year, count) in enumerate(by_year)
    ]
    ticks = [
        (value, round(TOP + plot_height * (1 - value / top), 2))
        for value in ((0, top // 2, top) if top > 1 else (0, 1))
    ]
    step = 1 if len(by_year) <= 8 else 5 if len(by_year) <= 30 else 10
    years = [
        (bar.year, round(bar.x + bar.width / 2, 2)) for bar in bars if bar.year % step == 0
    ] or [(bars[0].year, round(bars[0].x + bars[0].width / 2, 2))]
    return {
        "bars": bars,
        "ticks": ticks,
        "years": years,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 3,
    }


def for_mission(mission):
    """What the figure shows, in two queries; None when the data set is not imported."""
    coverage = Fatality.objects.coverage(mission)
    if coverage is None:
        return None
    summary = Fatality.objects.filter(mission=mission).summary()
    return {
        "coverage": coverage,
        "summary": summary,
        "chart": bar_chart(summary.by_year) if summary.total else None,
        "lines": line_span(summary.lines),
    }
