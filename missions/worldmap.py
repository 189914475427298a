"""The host-country map: Natural Earth outlines shaded by how many missions each country hosted."""

import functools
import json
import re
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, Exists, OuterRef
from django_countries import countries

from missions.models import HostCountry

WORLD = Path(__file__).resolve().parent / "data" / "world.json"
# The shades, lightest first; colours keep 3:1 contrast between steps' edges.
SHADES = ["shade-1", "shade-2", "shade-3", "shade-4", "shade-5"]
# A zoomed map shows at least this much of the world (in the outlines' units, 960 × 379
# for the world), so a small country keeps its neighbours around it ...
MIN_VIEW = (100, 65)
# ... and is never narrower than tall by more than this: a phone shows it large enough.
MIN_ASPECT = 0.9
MARGIN = 0.12
# A frame wider than this share of the world would gain little: the whole world shows.
WORLDWIDE = 0.6


@functools.cache
def world():
    return json.loads(WORLD.read_text())


@functools.cache
def country_bounds(code):
    """(west, south, east, north) in degrees of a country's outline, or None if not drawn."""
    data = world()
    shape = next((shape for shape in data["countries"] if shape["code"] == code), None)
    if shape is None:
        return None
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape["d"])]
    xs, ys = numbers[0::2], numbers[1::2]
    scale, top = data["scale"], data["top"]
    west, east = min(xs) / scale - 180, max(xs) / scale - 180
    north, south = top - min(ys) / scale, top - max(ys) / scale
    return tuple(Decimal(str(round(value, 3))) for value in (west, south, east, north))


def classes(counts):
    """The legend's classes for the counts shown: [(lowest, highest, shade)], lowest first.

    Up to five counts get a class each; more are split into five runs of counts. Each class
    runs from the smallest count in it to the largest, so every class holds countries and
    none names a count the selection lacks (no "10 or more" for counts of 1 to 3).
    """
    values = sorted(set(counts.values()) - {0})
    n, k = len(values), len(SHADES)
    runs = [run for run in (values[n * i // k : n * (i + 1) // k] for i in range(k)) if run]
    steps = []
    for i, run in enumerate(runs):
        # The shades spread over the whole range, so two classes look clearly different.
        index = round(i * (len(SHADES) - 1) / (len(runs) - 1)) if len(runs) > 1 else 0
        steps.append((run[0], run[-1], SHADES[index]))
    return steps


def shade(count, steps):
    if not count:
        return "shade-0"
    return next(css_class for lower, upper, css_class in steps if count <= upper)


def legend(steps):
    labels = []
    for lower, upper, css_class in steps:
        if upper == lower:
            label = "1 mission" if lower == 1 else f"{lower} missions"
        else:
            label = f"{lower}–{upper} missions"
        labels.append((label, css_class))
    return labels


@functools.cache
def outline_boxes():
    """{ISO code: (left, top, right, bottom)} of each outline, in the drawing's units."""
    boxes = {}
    for shape in world()["countries"]:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape["d"])]
        xs, ys = numbers[0::2], numbers[1::2]
        boxes[shape["code"]] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def view_box(codes):
    """(x, y, width, height) around the outlines of `codes` with a margin; the whole world
    when none is drawn or they spread across most of it."""
    data = world()
    width, height = data["width"], data["height"]
    boxes = [outline_boxes()[code] for code in codes if code in outline_boxes()]
    if not boxes:
        return (0, 0, width, height)
    left, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
    right, bottom = max(box[2] for box in boxes), max(box[3] for box in boxes)
    margin = MARGIN * max(right - left, bottom - top)
    view_width = max(right - left + 2 * margin, MIN_VIEW[0])
    view_height = max(bottom - top + 2 * margin, MIN_VIEW[1], view_width * 0.4)
    view_width = max(view_width, view_height * MIN_ASPECT)
    if view_width > WORLDWIDE * width:
        return (0, 0, width, height)
    view_width, view_height = min(view_width, width), min(view_height, height)
    # Centred on the selection, then moved back inside the world where it would overhang.
    x = min(max((left + right - view_width) / 2, 0), width - view_width)
    y = min(max((top + bottom - view_height) / 2, 0), height - view_height)
    return tuple(round(value, 1) for value in (x, y, view_width, view_height))


def host_country_counts(missions):
    """{ISO code: number of the given missions it hosted}, in one grouped query."""
    rows = (
        HostCountry.objects.filter(Exists(missions.order_by().filter(pk=OuterRef("mission_id"))))
        .values("country")
        .annotate(n=Count("mission", distinct=True))
        .order_by()
    )
    return {row["country"]: row["n"] for row in rows}


def shaded_map(counts, zoom=True):
    """Outlines shaded by `counts`, a table and a legend of the counts' own classes; with
    `zoom`, the view frames the shaded countries."""
    data = world()
    drawn = {shape["code"] for shape in data["countries"]}
    steps = classes(counts)
    shapes = [
        {
            **shape,
            "count": counts.get(shape["code"], 0),
            "shade": shade(counts.get(shape["code"], 0), steps),
        }
        for shape in data["countries"]
    ]
    table = sorted(
        ((code, countries.name(code), count) for code, count in counts.items()),
        key=lambda row: (-row[2], row[1]),
    )
    box = view_box([code for code, count in counts.items() if count]) if zoom else None
    return {
        "width": data["width"],
        "height": data["height"],
        "view_box": " ".join(
            f"{value:g}" for value in box or (0, 0, data["width"], data["height"])
        ),
        "zoomed": bool(box) and box != (0, 0, data["width"], data["height"]),
        "shapes": shapes,
        "table": table,
        "not_drawn": [row for row in table if row[0] not in drawn],
        "legend": legend(steps),
        "source": data["source"],
    }
