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
# Upper bounds of each shade, lightest first; colours keep 3:1 contrast between steps' edges.
SHADES = [(1, "shade-1"), (3, "shade-2"), (6, "shade-3"), (10, "shade-4"), (None, "shade-5")]


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


def shade(count):
    if not count:
        return "shade-0"
    for upper, css_class in SHADES:
        if upper is None or count <= upper:
            return css_class
    return SHADES[-1][1]


def legend():
    lower = 1
    steps = []
    for upper, css_class in SHADES:
        if upper is None:
            label = f"{lower} or more missions"
        elif upper == lower:
            label = f"{lower} mission" if lower == 1 else f"{lower} missions"
        else:
            label = f"{lower}–{upper} missions"
        steps.append((label, css_class))
        lower = (upper or lower) + 1
    return steps


def host_country_counts(missions):
    """{ISO code: number of the given missions it hosted}, in one grouped query."""
    rows = (
        HostCountry.objects.filter(Exists(missions.order_by().filter(pk=OuterRef("mission_id"))))
        .values("country")
        .annotate(n=Count("mission", distinct=True))
        .order_by()
    )
    return {row["country"]: row["n"] for row in rows}


def shaded_map(counts):
    data = world()
    drawn = {shape["code"] for shape in data["countries"]}
    shapes = [
        {
            **shape,
            "count": counts.get(shape["code"], 0),
            "shade": shade(counts.get(shape["code"], 0)),
        }
        for shape in data["countries"]
    ]
    table = sorted(
        ((code, countries.name(code), count) for code, count in counts.items()),
        key=lambda row: (-row[2], row[1]),
    )
    return {
        "width": data["width"],
        "height": data["height"],
        "shapes": shapes,
        "table": table,
        "not_drawn": [row for row in table if row[0] not in drawn],
        "legend": legend(),
        "source": data["source"],
    }
