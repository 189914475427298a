"""Stacked charts drawn as inline SVG on the server, for the "Peacekeeping in numbers" page: a
stacked area of monthly values (each layer a band on the ones below) and stacked bars of
yearly counts. The geometry is in viewBox units, sized like the line charts
(datasets/figures/linechart.py) so that the text stays readable at 375 px wide.

A month missing from the data breaks every band there: the chart shows a gap, never zero.
"""

import math
from dataclasses import dataclass, field

from datasets.figures.linechart import FONT, nice_step, year_step
from datasets.figures.linechart import month_number as month_of

WIDTH, HEIGHT = 400, 250
# LEFT makes room for the y axis's widest label, 150,000, at the font's size.
LEFT, RIGHT, TOP, BOTTOM = 74, 12, 10, 30


@dataclass(frozen=True)
class Layer:
    """One band of a stack: its label, its fill colour and one value per month (or year)."""

    label: str
    colour: str
    values: list


@dataclass
class Chart:
    y_ticks: list  # (y, label)
    x_ticks: list  # (x, label)
    shapes: list = field(default_factory=list)  # (colour, label, points) polygons, or bars
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    font: int = FONT

    @property
    def label_x(self):
        return self.left - 6

    @property
    def year_y(self):
        return self.bottom + 20


def _axis(largest):
    """(ceiling, step) of a y axis from zero with round ticks up to at least `largest`."""
    # Counts: a step of 2.5 (for a largest value near 12) becomes 3.
    step = math.ceil(nice_step(largest or 1))
    return step * max(math.ceil(largest / step), 1), step


def _y_ticks(ceiling, step, y_of):
    return [(y_of(value), f"{value:,}") for value in range(0, ceiling + 1, step)]


def runs_of(months):
    """The indexes of `months` (first days, in order) split where a month is missing."""
    runs, run = [], []
    for index, month in enumerate(months):
        if run and month_of(month) != month_of(months[run[-1]]) + 1:
            runs.append(run)
            run = []
        run.append(index)
    if run:
        runs.append(run)
    return runs


def _stretch(run, values):
    """The part of a run where a layer shows: its months above zero and one month either
    side, so a band rises from and falls back to the one below."""
    shown = [position for position, index in enumerate(run) if values[index]]
    if not shown:
        return []
    return run[max(shown[0] - 1, 0) : shown[-1] + 2]


def stacked_area(months, layers):
    """Lay out `layers` (bottom first, each with a value per month of `months`) as polygons."""
    totals = [sum(layer.values[index] for layer in layers) for index in range(len(months))]
    ceiling, step = _axis(max(totals, default=0))
    first, last = month_of(months[0]), month_of(months[-1])
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    unit = (right - left) / max(last - first + 1, 1)

    def x_of(number):
        # Each month is a slot of the width; its value sits at the slot's middle.
        return round(left + (number - first + 0.5) * unit, 1)

    def y_of(value):
        return round(bottom - value / ceiling * (bottom - top), 1)

    below = [0] * len(months)
    shapes = []
    for layer in layers:
        above = [low + value for low, value in zip(below, layer.values, strict=True)]
        for run in runs_of(months):
            part = run if layer is layers[0] else _stretch(run, layer.values)
            if not part:
                continue
            xs = [x_of(month_of(months[index])) for index in part]
            if len(part) == 1:  # a lone month: a bar of its slot's width
                xs = [round(xs[0] - unit / 2, 1), round(xs[0] + unit / 2, 1)]
                part = part * 2
            upper = [f"{x},{y_of(above[index])}" for x, index in zip(xs, part, strict=True)]
            lower = [f"{x},{y_of(below[index])}" for x, index in zip(xs, part, strict=True)]
            shapes.append((layer.colour, layer.label, " ".join(upper + lower[::-1])))
        below = above
    first_year, last_year = first // 12, last // 12
    every = year_step(last_year - first_year + 1)
    x_ticks = [
        (round(left + (year * 12 - first) * unit, 1), str(year))
        for year in range(first_year, last_year + 1)
        if year * 12 >= first and year % every == 0
    ] or [(x_of(first), str(first_year))]
    return Chart(_y_ticks(ceiling, step, y_of), x_ticks, shapes)


@dataclass(frozen=True)
class Segment:
    colour: str
    label: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    year: int
    total: int
    x: float
    width: float
    segments: list


def stacked_bars(years, layers):
    """Lay out one bar per year of `years`, stacked from `layers` (bottom first)."""
    totals = [sum(layer.values[index] for layer in layers) for index in range(len(years))]
    ceiling, step = _axis(max(totals, default=0))
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    band = (right - left) / max(len(years), 1)
    gap = band * 0.15 if band > 3 else 0

    def y_of(value):
        return round(bottom - value / ceiling * (bottom - top), 2)

    bars = []
    for index, year in enumerate(years):
        segments, low = [], 0
        for layer in layers:
            count = layer.values[index]
            if count:
                segments.append(
                    Segment(
                        layer.colour,
                        layer.label,
                        count,
                        y_of(low + count),
                        round(y_of(low) - y_of(low + count), 2),
                    )
                )
            low += count
        bars.append(
            Bar(
                year,
                totals[index],
                round(left + index * band + gap / 2, 2),
                round(band - gap, 2),
                segments,
            )
        )
    every = 1 if len(years) <= 6 else year_step(len(years))
    x_ticks = [
        (round(bar.x + bar.width / 2, 1), str(bar.year)) for bar in bars if bar.year % every == 0
    ] or [(round(bars[0].x + bars[0].width / 2, 1), str(bars[0].year))]
    return Chart(_y_ticks(ceiling, step, y_of), x_ticks, bars)
