"""A monthly line chart drawn as inline SVG on the server: one or more series over the same
months, a y axis from zero with round ticks, years along the x axis and a legend that tells
the lines apart by dash pattern as well as colour.

A series is a list of (first day of the month, value or None); a missing month or a None
breaks its line rather than joining across the gap. The geometry is in viewBox units: the
SVG scales to its container, and the font stays readable at 375 px wide.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 62, 12, 38, 30
# In viewBox units: about 13 px on a 375 px phone, where the chart is some 340 px wide.
FONT = 16


@dataclass(frozen=True)
class Style:
    stroke: str
    width: float
    dash: str = ""  # the SVG stroke-dasharray; empty for a solid line


SOLID = Style("#0b4f8a", 2.5)
DASHED = Style("#1b1f24", 1.75, "7 4")


@dataclass
class Series:
    label: str
    points: list
    style: Style = SOLID
    paths: list = field(default_factory=list)
    dots: list = field(default_factory=list)


@dataclass
class LineChart:
    width: int
    height: int
    series: list
    y_ticks: list  # (y, label)
    x_ticks: list  # (x, label)
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    legend: list = field(default_factory=list)  # (x, series)
    font: int = FONT

    @property
    def label_x(self):
        return self.left - 6


def month_number(day):
    return day.year * 12 + day.month - 1


def nice_step(largest, count=5):
    """A round step (1, 2, 2.5 or 5 times a power of ten, at least 1) giving about `count`
    ticks up to `largest`."""
    rough = max(float(largest) / count, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= rough:
            return int(step) if float(step).is_integer() else step
    return 10 * power  # pragma: no cover - the loop always returns


def year_step(years):
    """Label every year, or every 2nd, 5th or 10th, so that at most six labels show."""
    for step in (1, 2, 5, 10, 20):
        if years / step <= 6:
            return step
    return 50


def line_chart(series, left=LEFT, top=TOP):
    """Lay out the series (a list of Series) and return the LineChart to draw. `left` makes
    room for wider axis labels (150,000) and `top` for the legend drawn in the chart."""
    months = [month_number(day) for one in series for day, value in one.points]
    values = [value for one in series for _day, value in one.points if value is not None]
    first, last = min(months), max(months)
    span = max(last - first, 1)
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    step = nice_step(max(values, default=0) or 1)
    ceiling = step * max(math.ceil(float(max(values, default=0)) / step), 1)

    def x_of(month):
        if last == first:
            return round((left + right) / 2, 1)
        return round(left + (month - first) / span * (right - left), 1)

    def y_of(value):
        return round(bottom - float(value) / ceiling * (bottom - top), 1)

    for one in series:
        runs, run, previous = [], [], None
        for day, value in sorted(one.points):
            month = month_number(day)
            if value is None or (previous is not None and month != previous + 1):
                if run:
                    runs.append(run)
                run = []
            if value is not None:
                run.append((x_of(month), y_of(value)))
            previous = month
        if run:
            runs.append(run)
        one.paths = ["M" + " L".join(f"{x},{y}" for x, y in run) for run in runs if len(run) > 1]
        one.dots = [run[0] for run in runs if len(run) == 1]

    y_ticks = []
    tick = 0
    while tick <= ceiling:
        y_ticks.append((y_of(tick), f"{tick:,}"))
        tick += step
    first_year, last_year = first // 12, last // 12
    every = year_step(last_year - first_year + 1)
    x_ticks = [
        (x_of(year * 12), str(year))
        for year in range(first_year, last_year + 1)
        if year * 12 >= first and year % every == 0
    ]
    if not x_ticks:  # under a year with no January in it: name the first month's year
        x_ticks = [(x_of(first), str(first_year))]
    legend = [(left + index * 170, one) for index, one in enumerate(series)]
    return LineChart(WIDTH, HEIGHT, series, y_ticks, x_ticks, left=left, top=top, legend=legend)
