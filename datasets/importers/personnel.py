"""UN uniformed personnel per mission and month (IPI, ipi-personnel-by-mission-month.csv).

The rules, each counted in the report with the first line it applied to:

- 'NA means none': an `NA` count of troops, police or observers is 0 (the file's README:
  NA means no personnel of that kind).
- 'dated before the month's last day': the file dates each month by the UN's report, in six
  months a day or two before the month's end (2002-08-30); the row is that month's.
- 'swapped coordinates': the file's "Mission HQ Longitude" column holds the latitude and its
  "Latitude" column the longitude, in all but a few rows. Each pair is read the way that puts
  the headquarters inside the bounds of the file's country (with half a degree to spare for
  the map's coarse outlines); a pair that fits only in the order the headers give is read so.
- 'coordinates read as the file's other rows': both readings fall in the country (Sukhumi,
  43.0 and 41.0, in Georgia), or the country has no outline to check against; the pair is read
  in the order most of the file's checked rows use.
- 'coordinates outside the country left out': neither reading falls in the country.
- 'headquarters not given': no headquarters name or NA coordinates (UNMC in 2016–17).
- the shared mission-name rules (datasets.missionnames): ONUCI is UNOCI; UNAVEM and UNOSOM
  name successive missions, picked by the row's month.

Rejected, with the line and the reason: a row with no mission, a date that is not one, a
count that is not a whole number, no total, a total that is not troops + police +
observers (the atlas shows the file's total and its parts together, so it takes neither
alone), and a second row for a mission and month.

A row dated outside its mission's period in the atlas stays linked; the report lists it for
an editor (datasets.importers.periods). The file's months run from November 1990 to March
2017 with one month missing (November 2016): the report notes any month with no rows, and
the figure shows the gap, not an estimate. Not kept: the country's name (its ISO code is;
the name column spells South Sudan "South Sudan'" in 36 rows), continent, region and the
host country's memberships.
"""

import calendar
import datetime
from collections import Counter
from decimal import Decimal, InvalidOperation

from django_countries import countries

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.importers.periods import note_outside_periods
from datasets.missionnames import MissionNames
from datasets.models import PersonnelMonth
from missions.worldmap import country_bounds

FILE = "ipi-personnel-by-mission-month.csv"
SOURCE = "ipi-providing-for-peacekeeping-personnel"
LONGITUDE, LATITUDE = "Mission HQ Longitude", "Mission HQ Latitude"
COLUMNS = (
    "Date",
    "Mission",
    "Country of Mission ISO-3",
    "Mission HQ",
    LONGITUDE,
    LATITUDE,
    "Number of Contributors",
    "Troops",
    "Police",
    "Observers",
    "Total",
)
FIELDS = [
    "mission_id",
    "row",
    "troops",
    "police",
    "observers",
    "total",
    "contributors",
    "country",
    "headquarters",
    "headquarters_latitude",
    "headquarters_longitude",
]
# How far outside a country's outline bounds a headquarters may lie and still count as in it.
MARGIN = Decimal("0.5")
PLACES = Decimal("0.0001")


def month_of(text):
    """The first day of the row's month, and whether the file dated it before the month's end."""
    try:
        day = datetime.date.fromisoformat((text or "").strip())
    except ValueError as error:
        raise Rejected(f"date {text!r} is not a date") from error
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.day != last


def count(text, name):
    """A whole number of people; None for NA."""
    value = (text or "").strip()
    if value == "NA":
        return None
    if not value.isdigit():
        raise Rejected(f"{name} {text!r} is not a whole number")
    return int(value)


def coordinate(text):
    value = (text or "").strip()
    if value in ("", "NA"):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise Rejected(f"coordinate {text!r} is not a number") from error
    if not number.is_finite():
        raise Rejected(f"coordinate {text!r} is not a number")
    return number.quantize(PLACES)


def inside(bounds, latitude, longitude):
    west, south, east, north = bounds
    return (
        south - MARGIN <= latitude <= north + MARGIN and west - MARGIN <= longitude <= east + MARGIN
    )


def reading(alpha2, first, second):
    """'labelled' (the headers are right), 'swapped', None (neither fits the country) or
    'unknown' (both fit, or no bounds to check), for the file's Longitude and Latitude values."""
    bounds = country_bounds(alpha2) if alpha2 else None
    if bounds is None:
        return "unknown"
    labelled = inside(bounds, second, first)
    swapped = inside(bounds, first, second)
    if labelled and swapped:
        return "unknown"
    if labelled:
        return "labelled"
    if swapped:
        return "swapped"
    return None


def place(item, order, first, second):
    if order == "swapped":
        item.headquarters_latitude, item.headquarters_longitude = first, second
    else:
        item.headquarters_latitude, item.headquarters_longitude = second, first


def import_personnel(directory):
    report = Report("Uniformed personnel (IPI)", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows, seen, orders, undecided = [], {}, Counter(), []
    for line, row in csv_rows(directory / FILE, COLUMNS):
        where = f"{FILE} line {line}"
        try:
            if not (row["Mission"] or "").strip():
                raise Rejected("no mission")
            month, early = month_of(row["Date"])
            parts = {
                name: count(row[column], name)
                for name, column in (
                    ("troops", "Troops"),
                    ("police", "Police"),
                    ("observers", "Observers"),
                )
            }
            total = count(row["Total"], "total")
            if total is None:
                raise Rejected("no total")
            contributors = count(row["Number of Contributors"], "number of contributors")
            if any(value is None for value in parts.values()):
                report.rule("NA means none", where)
                parts = {name: value or 0 for name, value in parts.items()}
            if total != sum(parts.values()):
                raise Rejected(
                    f"total {total:,} is not troops + police + observers ({sum(parts.values()):,})"
                )
            first, second = coordinate(row[LONGITUDE]), coordinate(row[LATITUDE])
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        if early:
            report.rule("dated before the month's last day", where)
        match = names.resolve(row["Mission"], month)
        if match.rule:
            report.rule(match.rule, where)
        key = (match.acronym, month)
        if key in seen:
            report.reject(where, f"{match.acronym} {month:%Y-%m} again (first at line {seen[key]})")
            continue
        seen[key] = line
        alpha2 = countries.alpha2((row["Country of Mission ISO-3"] or "").strip()) or ""
        item = PersonnelMonth(
            source=source,
            row=line,
            mission_id=match.mission_id,
            mission_label=match.acronym,
            month=month,
            contributors=contributors,
            country=alpha2,
            headquarters=(row["Mission HQ"] or "").strip()[:80],
            total=total,
            **parts,
        )
        if not item.headquarters or first is None or second is None:
            report.rule("headquarters not given", where)
        else:
            order = reading(alpha2, first, second)
            if order is None:
                report.rule("coordinates outside the country left out", where)
            elif order == "unknown":
                undecided.append((item, first, second, where))
            else:
                orders[order] += 1
                if order == "swapped":
                    report.rule("swapped coordinates", where)
                place(item, order, first, second)
        rows.append(item)
    usual = "swapped" if orders["swapped"] > orders["labelled"] else "labelled"
    for item, first, second, where in undecided:
        report.rule("coordinates read as the file's other rows", where)
        place(item, usual, first, second)
    note_missing_months(report, {item.month for item in rows})
    link_report(report, rows)
    note_outside_periods(report, rows, names, lambda item: f"line {item.row}")
    sync(
        PersonnelMonth,
        rows,
        key=lambda item: (item.mission_label, item.month),
        fields=FIELDS,
        report=report,
        existing=PersonnelMonth.objects.filter(source=source),
    )
    return report


def note_missing_months(report, months):
    """Say which months between the file's first and last have no row at all."""
    if not months:
        return
    month, last, missing = min(months), max(months), []
    while month <= last:
        if month not in months:
            missing.append(f"{month:%Y-%m}")
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    if missing:
        report.note(f"no rows for {', '.join(missing)}: the figures show a gap there")
