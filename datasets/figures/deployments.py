"""'Where it deployed': a mission's Geo-PKO sites in one year, as a map and a table.

The year comes from the page's `deployment_year` parameter, chosen by plain links; a
missing, malformed or unknown year shows the year with the most troops. Two queries: the
mission's years, then that year's sites.
"""

import re
from itertools import chain

from datasets.figures import deployment_map
from datasets.figures.base import line_span
from datasets.models.deployments import DeploymentSite, Headquarters
from missions.worldmap import world

PARAMETER = "deployment_year"
COVERAGE = "Geo-PKO yearly data, 1994–2024"
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: int() would also read other scripts'


def listed(names):
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def presence(police_sites, observer_sites):
    """Where the maps mark UN police and military observers, which Geo-PKO does not count."""
    marked = [
        f"{what} at {number} site{'s' if number != 1 else ''}"
        for what, number in (("UN police", police_sites), ("military observers", observer_sites))
        if number
    ]
    if not marked:
        return "the maps mark no UN police or military observers"
    return " and ".join(marked)


def peak_year(troops_by_year):
    """The year with the most troops at the sites (the latest of equals): a mission is
    best pictured at its full deployment, not in its last, smallest year."""
    return max(troops_by_year, key=lambda year: (troops_by_year[year], year))


def chosen_year(text, troops_by_year):
    """(the year to show, whether a year was asked for that cannot be shown)."""
    text = (text or "").strip()
    if YEAR.fullmatch(text) and int(text) in troops_by_year:
        return int(text), False
    return peak_year(troops_by_year), bool(text)


def drawn_sites(sites, window):
    """What the SVG draws for each site, largest circles first so small ones stay on top."""
    drawn = []
    for site in sites:
        if site.troops is None:
            kind = "unknown"
        elif site.troops == 0:
            kind = "none"
        else:
            kind = "troops"
        x, y = window.x(site.longitude), window.y(site.latitude)
        # The mission headquarters is a filled square, a sector headquarters an open one.
        side = {Headquarters.MISSION: 8, Headquarters.SECTOR: 6}.get(site.headquarters)
        drawn.append(
            {
                "site": site,
                "x": x,
                "y": y,
                "r": deployment_map.radius(site.troops),
                "kind": kind,
                "square": side
                and {"x": round(x - side / 2, 1), "y": round(y - side / 2, 1), "side": side},
            }
        )
    drawn.sort(key=lambda item: (-item["r"], item["site"].location))
    return drawn


def headquarters_labels(drawn):
    """Name labels for the mission headquarters, placed away from the nearer side edge."""
    labels = []
    for item in drawn:
        if item["site"].headquarters != Headquarters.MISSION:
            continue
        right = item["x"] < deployment_map.WIDTH * 0.65
        offset = item["r"] + 4 if item["kind"] == "troops" else 8
        labels.append(
            {
                "x": round(item["x"] + offset if right else item["x"] - offset, 1),
                "y": round(item["y"] + 4, 1),
                "anchor": "start" if right else "end",
                "text": item["site"].location,
            }
        )
    return labels


def for_mission(mission, params):
    troops_by_year = DeploymentSite.objects.filter(mission=mission).troops_by_year()
    if not troops_by_year:
        return None
    years = list(troops_by_year)
    year, unavailable = chosen_year(params.get(PARAMETER), troops_by_year)
    sites = list(
        DeploymentSite.objects.filter(mission=mission)
        .in_year(year)
        .select_related("source")
        .order_by("location", "country_label")
    )
    window = deployment_map.window_around([(site.longitude, site.latitude) for site in sites])
    countries = {site.country.code for site in sites if site.country}
    drawn = drawn_sites(sites, window)
    lines, labels = deployment_map.graticule(window)
    legend, legend_text_y = deployment_map.legend(window.height)
    police_sites = sum(site.police for site in sites)
    observer_sites = sum(site.observers for site in sites)
    table = sorted(
        sites, key=lambda site: (site.troops is None, -(site.troops or 0), site.location)
    )
    return {
        "mission": mission,
        "years": years,
        "year": year,
        "unavailable": unavailable,
        "sites": table,
        "site_count": len(sites),
        "troops": sum(site.troops or 0 for site in sites),
        "unknown_size": sum(site.troops is None for site in sites),
        "police_sites": police_sites,
        "observer_sites": observer_sites,
        "presence": presence(police_sites, observer_sites),
        "countries": listed(sorted({site.country_name for site in sites})),
        "source": sites[0].source,
        "lines": line_span(chain.from_iterable(site.lines for site in sites)),
        "coverage": COVERAGE,
        "map": {
            "width": deployment_map.WIDTH,
            "height": window.height,
            "full_height": round(window.height + deployment_map.LEGEND_HEIGHT, 1),
            "legend_height": round(deployment_map.LEGEND_HEIGHT, 1),
            "outlines": deployment_map.outlines(window, countries),
            "graticule": lines,
            "graticule_labels": labels,
            "sites": drawn,
            "labels": headquarters_labels(drawn),
            "legend": legend,
            "legend_text_y": legend_text_y,
            "boundaries": world()["source"],
        },
    }
