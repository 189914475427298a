"""Regenerate missions/data/world.json, the map's country outlines, from Natural Earth.

Source: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the npm
package world-atlas (`npm ci` installs it). The output holds one SVG path per country,
keyed by ISO 3166-1 alpha-2 code, in a plain equirectangular projection.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

SOURCE = Path(settings.BASE_DIR) / "node_modules" / "world-atlas" / "countries-110m.json"
TARGET = Path(settings.BASE_DIR) / "missions" / "data" / "world.json"
SCALE = 960 / 360  # SVG units per degree
TOP, BOTTOM = 84, -58  # latitudes kept; Antarctica is left out
# Features Natural Earth publishes without an ISO numeric code.
CODES_BY_NAME = {"Kosovo": "XK"}


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(longitude, latitude):
    return round((longitude + 180) * SCALE, 1), round((TOP - latitude) * SCALE, 1)


def path_data(geometry, arcs):
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            geographic = ring_points(ring, arcs)
            points = [project(*point) for point in geographic]
            if len(set(points)) < 3:
                continue
            commands = []
            for index, (x, y) in enumerate(points):
                # A ring that crosses the 180th meridian jumps across the map: lift the pen.
                jump = index and abs(geographic[index][0] - geographic[index - 1][0]) > 180
                if index and points[index] == points[index - 1]:
                    continue
                commands.append(f"{'M' if index == 0 or jump else 'L'}{x},{y}")
            parts.append("".join(commands) + "Z")
    return "".join(parts)


def build(source=SOURCE):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else ""
        code = code or CODES_BY_NAME.get(name, "")
        if code == "AQ" or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            continue
        shapes.append({"code": code, "name": name, "d": path_data(geometry, arcs)})
    shapes.sort(key=lambda shape: (shape["code"] or "~", shape["name"]))
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2",
        "scale": SCALE,
        "top": TOP,
        "width": round(360 * SCALE),
        "height": round((TOP - BOTTOM) * SCALE),
        "countries": shapes,
    }


class Command(BaseCommand):
    help = "Rebuild missions/data/world.json from Natural Earth (node_modules/world-atlas)."

    def handle(self, *args, **options):
        if not SOURCE.exists():
            raise CommandError(f"{SOURCE} is missing: run `npm ci` first.")
        data = build()
        TARGET.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        self.stdout.write(f"Wrote {len(data['countries'])} countries to {TARGET}.")
