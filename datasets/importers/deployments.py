"""Where UN missions deployed, per year and location (geo-pko-deployments-v2.3.csv).

The file is Geo-PKO v2.3's yearly aggregation (the Geo-PKO dashboard's FrontMap): the
project's data set codes each UN deployment map, several a year; the aggregation groups
the maps by mission, year, location and country, sets the year-level columns (the mean
troops `ave.no.troops`, mean `Infantry` and `Reserve`, the highest `UNPOL`, `UNMO`, `Med`
and `Av`), and keeps one line per distinct remaining values, so a location holds one line
per different map estimate (`NoTroops`), headquarters code or coordinate pair in a year.
The importer merges those lines into one site per mission, year, location and country.

Decodings (geo-pko-codebook.pdf), each a named rule counted for the lines it applies to:

- `hq`: 0 none, 1 contingent (troop contributor's) headquarters, 2 sector headquarters,
  3 mission headquarters; another code is rejected.
- `UNPOL`, `UNMO`, `Med`: presence flags (0/1) of UN police, military observers and a
  medical unit — not counts; another value is rejected.
- `Av`: aviation plus helicopter-support flags, so 0, 1 or 2 (both); else rejected.
- troop counts `NA` or `unknown`: troops present but of unknown size (the codebook's
  "unknown", which the aggregation turned into NA); kept as empty, never as zero.

Other rules: country names ISO 3166 does not use ('DRC', 'Ivory Coast'); a location the
file places in two countries ('Ethiopia/Eritrea', kept without a country); Sudan before
South Sudan's independence (coordinates checked against both); swapped coordinates;
coordinates rounded to 6 decimals; and the merging rules named in `merge`.
"""

import datetime
import functools
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django_countries import countries

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import MissionNames
from datasets.models.deployments import AirUnits, DeploymentSite, Headquarters
from missions.worldmap import country_bounds

FILE = "geo-pko-deployments-v2.3.csv"
SOURCE = "geo-pko-deployments"
COLUMNS = (
    "mission",
    "year",
    "country",
    "location",
    "latitude",
    "longitude",
    "Infantry",
    "NoTroops",
    "Reserve",
    "hq",
    "UNPOL",
    "Med",
    "Av",
    "UNMO",
    "ave.no.troops",
)
FIELDS = [
    "mission_id",  # the id, not the related object: comparing objects would query each
    "row",
    "country",
    "latitude",
    "longitude",
    "troops",
    "troops_low",
    "troops_high",
    "infantry",
    "reserve",
    "police",
    "observers",
    "medical",
    "air_units",
    "headquarters",
    "lines",
]
# Columns the aggregation computed for the whole year: every line of a site repeats them.
YEAR_LEVEL = ("troops", "infantry", "reserve", "police", "observers", "medical", "air_units")

# Rule 'country name not used by ISO 3166': the file's short names for two countries.
COUNTRY_NAMES = {"DRC": "CD", "Ivory Coast": "CI"}
# Rule 'location on a border named for two countries': kept without a country.
TWO_COUNTRIES = {"Ethiopia/Eritrea": ("ET", "ER")}
# Rule 'Sudan before South Sudan's independence': the file codes a location's country as
# it was in the row's year, so Juba is in Sudan until 2011 (South Sudan became independent
# on 9 July 2011); the outline of today's South Sudan counts as Sudan's until then.
FORMER_PARTS = {"SD": (("SS", 2011),)}
MARGIN = Decimal("1.0")  # degrees around a country's outline still counted as in or near it
PLACES = Decimal("0.000001")
FIRST_YEAR = 1948  # the UN's first peacekeeping operation
HEADQUARTERS_CODES = tuple(Headquarters.values)
AIR_CODES = tuple(AirUnits.values)
HEADQUARTERS_RULES = {
    Headquarters.CONTINGENT: "hq 1 = contingent headquarters",
    Headquarters.SECTOR: "hq 2 = sector headquarters",
    Headquarters.MISSION: "hq 3 = mission headquarters",
}
FLAG_RULES = {
    "UNPOL": "UNPOL 1 = UN police present (a flag, not a count)",
    "UNMO": "UNMO 1 = military observers present (a flag, not a count)",
    "Med": "Med 1 = medical unit present",
}
AIR_RULES = {
    AirUnits.ONE_KIND: "Av 1 = aviation or helicopter-support unit",
    AirUnits.BOTH: "Av 2 = aviation and helicopter-support units",
}
UNKNOWN_SIZES = {
    "NA": "NA = troops of unknown size",
    "UNKNOWN": "'unknown' = troops of unknown size",
}
WHOLE = re.compile(r"-?[0-9]+")


@functools.cache
def country_by_name(name):
    """django-countries' code for an English name ('' if none); it scans every name per call."""
    return countries.by_name(name)


def country_codes(name, year, rules):
    """(the site's country code or '', the codes whose outlines its coordinates may lie in)."""
    if name in TWO_COUNTRIES:
        rules.append("location on a border named for two countries")
        return "", TWO_COUNTRIES[name]
    country = COUNTRY_NAMES.get(name)
    if country:
        rules.append("country name not used by ISO 3166")
    else:
        country = country_by_name(name) if name else ""
    if not country:
        raise Rejected(f"country {name!r} is not a country name the atlas knows")
    within = [country] + [part for part, until in FORMER_PARTS.get(country, ()) if year <= until]
    return country, tuple(within)


def coordinate(text, column):
    try:
        value = Decimal((text or "").strip())
    except InvalidOperation as error:
        raise Rejected(f"{column} {text!r} is not a number") from error
    if not value.is_finite():
        raise Rejected(f"{column} {text!r} is not a number")
    return value


def on_earth(longitude, latitude):
    return -180 <= longitude <= 180 and -90 <= latitude <= 90


def placed(longitude, latitude, country, within, year, rules):
    """(longitude, latitude) once checked against the countries' outlines.

    A pair that lies only in a former part of the country counts under the Sudan rule; a
    pair that fits only when swapped was swapped; any other pair is rejected.
    """
    boxes = {part: country_bounds(part) for part in within}
    if not any(boxes.values()):
        raise Rejected(f"no outline of {'/'.join(within)} to check the coordinates against")

    def inside(lon, lat, parts):
        return on_earth(lon, lat) and any(
            boxes[part]
            and boxes[part][0] - MARGIN <= lon <= boxes[part][2] + MARGIN
            and boxes[part][1] - MARGIN <= lat <= boxes[part][3] + MARGIN
            for part in parts
        )

    for lon, lat, swapped in ((longitude, latitude, False), (latitude, longitude, True)):
        if inside(lon, lat, within):
            if swapped:
                rules.append("swapped coordinates")
            if country in FORMER_PARTS and not inside(lon, lat, (country,)):
                rules.append("Sudan before South Sudan's independence")
            return lon, lat
    if not on_earth(longitude, latitude):
        raise Rejected(f"({longitude}, {latitude}) is not on earth")
    raise Rejected(f"({longitude}, {latitude}) is not in or near {'/'.join(within)} in {year}")


def rounded(value, rules):
    quantized = value.quantize(PLACES)
    if quantized != value and "coordinates rounded to 6 decimal places" not in rules:
        rules.append("coordinates rounded to 6 decimal places")
    return quantized


def count(text, column, rules):
    """A troop count: a whole number, or None for a size the maps did not give."""
    value = (text or "").strip()
    if value.upper() in UNKNOWN_SIZES:
        rules.append(f"{column} {UNKNOWN_SIZES[value.upper()]}")
        return None
    if not WHOLE.fullmatch(value):
        raise Rejected(f"{column} {text!r} is not a number of troops")
    number = int(value)
    if number < 0:
        raise Rejected(f"{column} {text!r} is negative")
    return number


def code(text, column, allowed):
    value = (text or "").strip()
    if not WHOLE.fullmatch(value) or int(value) not in allowed:
        codes = ", ".join(str(number) for number in allowed)
        raise Rejected(f"{column} {text!r} is not one of the codebook's codes ({codes})")
    return int(value)


def read_line(row, names, source):
    """(one line of the file as an unsaved site, before merging; the rules it needed), or
    Rejected. The rules count only once the line is taken."""
    rules = []
    label = (row["mission"] or "").strip()
    if not label:
        raise Rejected("no mission")
    if len(label) > 60:
        raise Rejected("mission name is longer than 60 characters")
    year_text = (row["year"] or "").strip()
    if not re.fullmatch(r"[0-9]{4}", year_text):
        raise Rejected(f"year {row['year']!r} is not a year")
    year = int(year_text)
    if not FIRST_YEAR <= year <= datetime.date.today().year:
        raise Rejected(f"year {year} is outside {FIRST_YEAR}–{datetime.date.today().year}")
    location = (row["location"] or "").strip()
    if not location:
        raise Rejected("no location")
    if len(location) > 100:
        raise Rejected("location is longer than 100 characters")
    country_label = (row["country"] or "").strip()
    if len(country_label) > 60:
        raise Rejected("country name is longer than 60 characters")
    country, within = country_codes(country_label, year, rules)
    latitude = coordinate(row["latitude"], "latitude")
    longitude = coordinate(row["longitude"], "longitude")
    longitude, latitude = placed(longitude, latitude, country, within, year, rules)
    latitude, longitude = rounded(latitude, rules), rounded(longitude, rules)
    troops = count(row["ave.no.troops"], "ave.no.troops", rules)
    map_troops = count(row["NoTroops"], "NoTroops", rules)
    headquarters = code(row["hq"], "hq", HEADQUARTERS_CODES)
    flags = {column: code(row[column], column, (0, 1)) for column in FLAG_RULES}
    air_units = code(row["Av"], "Av", AIR_CODES)
    site = DeploymentSite(
        source=source,
        row=0,  # set by merge to the site's first line
        mission_label=label,
        year=year,
        country=country,
        country_label=country_label,
        location=location,
        latitude=latitude,
        longitude=longitude,
        troops=troops,
        troops_low=map_troops,
        troops_high=map_troops,
        infantry=count(row["Infantry"], "Infantry", rules),
        reserve=count(row["Reserve"], "Reserve", rules),
        police=bool(flags["UNPOL"]),
        observers=bool(flags["UNMO"]),
        medical=bool(flags["Med"]),
        air_units=air_units,
        headquarters=headquarters,
    )
    if headquarters in HEADQUARTERS_RULES:
        rules.append(HEADQUARTERS_RULES[headquarters])
    rules.extend(rule for column, rule in FLAG_RULES.items() if flags[column])
    if air_units in AIR_RULES:
        rules.append(AIR_RULES[air_units])
    # The file dates rows by year; a name shared by successive missions takes the one
    # running on the year's first day.
    match = names.resolve(row["mission"], datetime.date(year, 1, 1))
    if match.rule:
        rules.append(match.rule)
    site.mission_id, site.mission_label = match.mission_id, match.acronym
    return site, rules


def merge(lines, report):
    """One site from the lines (line, site, rules) of one mission, year, location and
    country, or None when the lines contradict each other.

    Rules: 'one line per map of the year' (each further line merged in), 'headquarters
    differ between the year's maps' (the highest kind kept, as the codebook codes a
    location that serves as several), 'coordinates differ between the year's maps' (the
    first line's kept). A further line whose year-level values differ from the first
    line's is rejected; so is the whole site when its yearly mean lies outside its maps'
    estimates. A line's own rules count only when it is taken.
    """
    (first_line, site, first_rules), *others = lines
    site.row = first_line
    site.lines = [first_line]
    taken = [(first_line, first_rules)]
    estimates = [site.troops_low] if site.troops_low is not None else []
    for line, other, rules in others:
        differing = [name for name in YEAR_LEVEL if getattr(other, name) != getattr(site, name)]
        if differing:
            report.reject(
                f"{FILE} line {line}",
                f"{', '.join(differing)} differ from line {first_line}'s for the same "
                "mission, year and location",
            )
            continue
        rules = [*rules, "one line per map of the year"]
        if other.headquarters != site.headquarters:
            rules.append("headquarters differ between the year's maps")
            site.headquarters = max(site.headquarters, other.headquarters)
        if (other.latitude, other.longitude) != (site.latitude, site.longitude):
            rules.append("coordinates differ between the year's maps")
        if other.troops_low is not None:
            estimates.append(other.troops_low)
        site.lines.append(line)
        taken.append((line, rules))
    site.troops_low = min(estimates, default=None)
    site.troops_high = max(estimates, default=None)
    known = site.troops is not None
    if known != bool(estimates) or (known and not min(estimates) <= site.troops <= max(estimates)):
        maps = ", ".join(str(value) for value in estimates) or "NA"
        for line in site.lines:
            report.reject(
                f"{FILE} line {line}",
                f"ave.no.troops {site.troops if known else 'NA'} does not fit the year's "
                f"NoTroops ({maps}) on lines {', '.join(str(n) for n in site.lines)}",
            )
        return None
    for line, rules in taken:
        for rule in rules:
            report.rule(rule, f"{FILE} line {line}")
    return site


def import_deployments(directory):
    report = Report("Deployment sites (Geo-PKO)", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    groups = defaultdict(list)
    for line, row in csv_rows(directory / FILE, COLUMNS):
        try:
            site, rules = read_line(row, names, source)
        except Rejected as reason:
            report.reject(f"{FILE} line {line}", str(reason))
            continue
        key = (site.mission_label, site.year, site.location, site.country_label)
        groups[key].append((line, site, rules))
    sites = [site for lines in groups.values() if (site := merge(lines, report))]
    link_report(report, sites)
    sync(
        DeploymentSite,
        sites,
        key=lambda item: (item.mission_label, item.year, item.location, item.country_label),
        fields=FIELDS,
        report=report,
        existing=DeploymentSite.objects.filter(source=source),
    )
    return report
