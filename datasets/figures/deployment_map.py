"""The drawing of a mission's deployment map: a window around its sites, the country
outlines inside it, a graticule, and circles whose area is proportional to troops.

The outlines are the host-country map's (missions/data/world.json: Natural Earth 1:110m in
a plain equirectangular projection), re-projected into the window with the east–west
scale narrowed by the cosine of the window's middle latitude, so shapes near the sites
keep their proportions. Everything is in the SVG's own units, WIDTH wide.
"""

import functools
import math
import re
from dataclasses import dataclass

from missions.worldmap import world

WIDTH = 400
MIN_SPAN = 3.0  # degrees: a single site still shows its surroundings
PADDING = 0.15  # of the sites' span, on each side
MIN_PADDING = 0.6  # degrees
# The window is widened so the map is never flatter or taller than these height/width.
FLATTEST, TALLEST = 0.6, 1.2
# Circle area is proportional to troops, on one scale for every mission and year:
# 650 troops (a battalion) get a radius of 8.2 units, 2,000 a radius of 14.3.
RADIUS_PER_ROOT_TROOP = 0.32
LEGEND_TROOPS = (150, 650, 2000)
LEGEND_HEIGHT = 2 * RADIUS_PER_ROOT_TROOP * math.sqrt(LEGEND_TROOPS[-1]) + 16
MARKER_RADIUS = 3.0  # a site with no troops, or troops of unknown size
GRATICULE_STEPS = (0.5, 1, 2, 5, 10, 20, 30)
PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Window:
    """The part of the earth the map shows, in degrees, and its scale in units a degree."""

    west: float
    south: float
    east: float
    north: float

    @property
    def x_scale(self):
        return WIDTH / (self.east - self.west)

    @property
    def y_scale(self):
        middle = math.radians((self.north + self.south) / 2)
        return self.x_scale / max(math.cos(middle), 0.2)

    @property
    def height(self):
        return round((self.north - self.south) * self.y_scale, 1)

    def x(self, longitude):
        return round((float(longitude) - self.west) * self.x_scale, 1)

    def y(self, latitude):
        return round((self.north - float(latitude)) * self.y_scale, 1)


def window_around(points):
    """The Window around (longitude, latitude) points, with a margin on every side."""
    longitudes = [float(lon) for lon, _lat in points]
    latitudes = [float(lat) for _lon, lat in points]
    west, east = min(longitudes), max(longitudes)
    south, north = min(latitudes), max(latitudes)
    lon_span = max(east - west, MIN_SPAN)
    lat_span = max(north - south, MIN_SPAN)
    lon_span += 2 * max(PADDING * lon_span, MIN_PADDING)
    lat_span += 2 * max(PADDING * lat_span, MIN_PADDING)
    middle_lon, middle_lat = (west + east) / 2, (south + north) / 2
    squeeze = max(math.cos(math.radians(middle_lat)), 0.2)
    # height/width = lat_span / (lon_span * squeeze); widen whichever side is short.
    ratio = lat_span / (lon_span * squeeze)
    if ratio < FLATTEST:
        lat_span = FLATTEST * lon_span * squeeze
    elif ratio > TALLEST:
        lon_span = lat_span / (TALLEST * squeeze)
    south = max(middle_lat - lat_span / 2, -89.0)
    north = min(middle_lat + lat_span / 2, 89.0)
    return Window(
        round(middle_lon - lon_span / 2, 4),
        round(south, 4),
        round(middle_lon + lon_span / 2, 4),
        round(north, 4),
    )


def radius(troops):
    if not troops:
        return MARKER_RADIUS
    return round(RADIUS_PER_ROOT_TROOP * math.sqrt(troops), 1)


@functools.cache
def shapes_in_degrees():
    """[(code, name, (west, south, east, north), path)] for every outline of world.json."""
    data = world()
    scale, top = data["scale"], data["top"]
    shapes = []
    for shape in data["countries"]:
        pairs = PAIR.findall(shape["d"])
        xs, ys = [float(x) for x, _y in pairs], [float(y) for _x, y in pairs]
        bounds = (
            min(xs) / scale - 180,
            top - max(ys) / scale,
            max(xs) / scale - 180,
            top - min(ys) / scale,
        )
        shapes.append((shape["code"], shape["name"], bounds, shape["d"]))
    return shapes


@functools.lru_cache(maxsize=2048)
def reprojected(index, window):
    """The path of world.json's outline `index` in the window's units."""
    data = world()
    scale, top = data["scale"], data["top"]
    path = shapes_in_degrees()[index][3]

    def move(match):
        longitude = float(match[1]) / scale - 180
        latitude = top - float(match[2]) / scale
        return f"{window.x(longitude)},{window.y(latitude)}"

    return PAIR.sub(move, path)


def outlines(window, highlighted=()):
    """[(path, highlighted, name)] for the countries that reach into the window."""
    found = []
    for index, (code, name, (west, south, east, north), _path) in enumerate(shapes_in_degrees()):
        if east < window.west or west > window.east or north < window.south or south > window.north:
            continue
        found.append((reprojected(index, window), bool(code) and code in highlighted, name))
    return found


def graticule(window):
    """Lines and labels every few degrees: ([(x1, y1, x2, y2)], [(x, y, text, anchor)])."""
    span = max(window.east - window.west, window.north - window.south)
    step = next((step for step in GRATICULE_STEPS if span / step <= 6), GRATICULE_STEPS[-1])
    lines, labels = [], []
    longitude = math.ceil(window.west / step) * step
    while longitude <= window.east:
        x = window.x(longitude)
        lines.append((x, 0, x, window.height))
        if 22 < x < WIDTH - 22:
            labels.append((x, window.height - 5, degrees(longitude, "E", "W"), "middle"))
        longitude += step
    latitude = math.ceil(window.south / step) * step
    while latitude <= window.north:
        y = window.y(latitude)
        lines.append((0, y, WIDTH, y))
        if 16 < y < window.height - 20:
            labels.append((4, y - 3, degrees(latitude, "N", "S"), "start"))
        latitude += step
    return lines, labels


def degrees(value, positive, negative):
    value = round(value, 1)
    if value == 0:
        return "0°"
    return f"{abs(value):g}°{positive if value > 0 else negative}"


def legend(top):
    """Reference circles below the map, on the map's own scale:
    [(cx, cy, r, label x, label)], with the y of the labels' baseline."""
    circles, x = [], 64.0
    bottom = top + LEGEND_HEIGHT - 6
    for troops in LEGEND_TROOPS:
        r = radius(troops)
        circles.append(
            (round(x + r, 1), round(bottom - r, 1), r, round(x + 2 * r + 4, 1), f"{troops:,}")
        )
        x += 2 * r + 50
    return circles, round(bottom - 2, 1)
