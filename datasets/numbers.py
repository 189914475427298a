"""The "Peacekeeping in numbers" page: worldwide figures from the data sets' rows.

Four sections, each built from SQL aggregates over one data set's rows (only the rows that
cite that data set: synthetic benchmark rows never count) and each None when the data set
is not loaded, so the page says so in one line:

- uniformed personnel deployed worldwide per month (IPI), the largest missions stacked;
- fatalities per year by type of incident (the UN's data set);
- the largest operations (peak monthly strength, IPI) and the deadliest (fatalities);
- UN against non-UN operations' personnel per month (Bara & Hultman).

The page costs QUERIES queries, whatever the data: the sources' records, then two or three
aggregates per section.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from atlas.models import PublicationStatus
from datasets.figures import stacked
from datasets.figures.linechart import DASHED, SOLID, Series, Style, line_chart
from datasets.figures.personnel import ESTIMATES_COVERAGE, IPI_COVERAGE
from datasets.figures.stacked import Layer, stacked_area, stacked_bars
from datasets.importers.operations import SOURCE as ESTIMATES
from datasets.importers.personnel import SOURCE as IPI
from datasets.models import Fatality, OperationPersonnelMonth, PersonnelMonth
from datasets.models.fatalities import SOURCE as FATALITIES
from datasets.models.fatalities import IncidentType
from datasets.models.personnel import OrganizationKind
from sources.models import Source

# The missions drawn as bands of their own; the rest are "other missions".
BANDS = 6
# The rows of the largest and deadliest tables.
RANKED = 10
QUERIES = 7
NOT_RECORDED = "Not recorded"
# Colours told apart with the common kinds of colour blindness (Okabe & Ito's palette),
# the table beside each chart giving the same numbers.
OTHER = "#b9c0c9"
BAND_COLOURS = ["#0b4f8a", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00"]
# The incident types from the bottom of a bar up, with their colours.
INCIDENTS = [
    (IncidentType.MALICIOUS_ACT, "#d55e00"),
    (IncidentType.ACCIDENT, "#e69f00"),
    (IncidentType.ILLNESS, "#0b4f8a"),
    (IncidentType.SELF_INFLICTED, "#cc79a7"),
    (IncidentType.TO_BE_DETERMINED, "#56b4e9"),
    (IncidentType.UNKNOWN, "#6b7380"),
    ("", OTHER),
]
KINDS = [
    (OrganizationKind.UN, "UN", SOLID),
    (OrganizationKind.REGIONAL, "Regional", DASHED),
    (OrganizationKind.INTERNATIONAL, "International", Style("#b84a00", 2.25, "2 3")),
]


def next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def missing_months(months):
    """The months between the first and the last of `months` (in order) that it lacks."""
    present, missing = set(months), []
    if not months:
        return missing
    month = next_month(months[0])
    while month < months[-1]:
        if month not in present:
            missing.append(month)
        month = next_month(month)
    return missing


def with_gaps(items, gaps):
    """(month, item) for every month in order, the item None for a month in `gaps`."""
    rows = [(item.month, item) for item in items] + [(gap, None) for gap in gaps]
    return sorted(rows, key=lambda row: row[0])


def span(count, first, last, noun="line"):
    """'lines 2–5,331' for `count` lines from `first` to `last`, or '4,423 lines between …'."""
    if not count:
        return ""
    if count == 1:
        return f"{noun} {first:,}"
    if last - first + 1 == count:
        return f"{noun}s {first:,}–{last:,}"
    return f"{count:,} {noun}s between {first:,} and {last:,}"


@dataclass(frozen=True)
class Operation:
    """A mission as a ranking names it: the atlas's acronym and page when the atlas publishes
    it, else the file's own name and no link (a draft's acronym is not the readers' yet)."""

    label: str
    url: str

    @classmethod
    def of(cls, row):
        if row["mission_id"] is None or row["mission__status"] != PublicationStatus.PUBLISHED:
            return cls(row["label"], "")
        return cls(row["mission__acronym"], reverse("missions:detail", args=[row["mission__slug"]]))


@dataclass(frozen=True)
class WorldMonth:
    month: datetime.date
    troops: int
    police: int
    observers: int
    total: int
    missions: int
    bands: tuple  # the banded missions' strength, in the order of the legend
    other: int


@dataclass(frozen=True)
class KindMonth:
    month: datetime.date
    totals: list  # personnel per kind of organization, in the order of KINDS
    operations: int
    estimated: int  # operations whose figures that month are interpolated


def sources():
    """{slug: Source} for the page's footnotes, in one query."""
    rows = Source.objects.filter(slug__in=[IPI, FATALITIES, ESTIMATES]).only(
        "slug", "title", "file_name"
    )
    return {source.slug: source for source in rows}


def personnel(source):
    """The worldwide monthly strength with the largest missions as bands, and the largest
    operations; None before IPI's file is imported. Three queries (two with no rows)."""
    rows = PersonnelMonth.objects.filter(source__slug=IPI)
    months = list(rows.worldwide())
    if not months:
        return None
    ranked = list(rows.ranked_peaks()[:RANKED])
    largest = [(row, Operation.of(row)) for row in ranked]
    # Stacked in the order of their peaks, so the chart reads left to right.
    banded = sorted(ranked[:BANDS], key=lambda row: (row["month"], -row["strength"], row["key"]))
    keys = [(row["mission_id"], row["key"]) for row in banded]
    strength = {
        (mission_id, key, month): value for mission_id, key, month, value in rows.monthly_of(keys)
    }
    world = []
    for item in months:
        bands = tuple(strength.get((*key, item["month"]), 0) for key in keys)
        world.append(
            WorldMonth(
                item["month"],
                item["troops"],
                item["police"],
                item["observers"],
                item["total"],
                item["missions"],
                bands,
                item["total"] - sum(bands),
            )
        )
    labels = [Operation.of(row).label for row in banded]
    layers = [Layer("Other missions", OTHER, [item.other for item in world])]
    layers += [
        Layer(label, BAND_COLOURS[index], [item.bands[index] for item in world])
        for index, label in enumerate(labels)
    ]
    peak = min(world, key=lambda item: (-item.total, item.month))
    gaps = missing_months([item.month for item in world])
    first_row = min(item["first_row"] for item in months)
    last_row = max(item["last_row"] for item in months)
    return {
        "months": world,
        "chart": stacked_area([item.month for item in world], layers),
        "legend": layers[::-1],  # top band first, as the chart stacks them
        "bands": labels,
        "peak": peak,
        "first": world[0].month,
        "last": world[-1].month,
        "gaps": gaps,
        "table": with_gaps(world, gaps),
        "coverage": IPI_COVERAGE,
        "largest": [
            {
                "operation": operation,
                "strength": row["strength"],
                "month": row["month"],
                # The peak month's line of the file (a mission the file names two ways
                # in one month would have two: the first is named, with their count).
                "lines": f"line {row['first_row']:,}"
                if row["rows"] == 1
                else f"{row['rows']} lines from line {row['first_row']:,}",
            }
            for row, operation in largest
        ],
        "source": source,
        "lines": span(sum(item["missions"] for item in months), first_row, last_row),
    }


def fatalities(source):
    """Deaths per year by type of incident, and the deadliest operations; None before the
    UN's file is imported. Two queries."""
    rows = Fatality.objects.filter(source__slug=FATALITIES)
    groups = list(rows.per_year_and_incident())
    if not groups:
        return None
    deadliest = [(row, Operation.of(row)) for row in rows.deadliest()[:RANKED]]
    counts = {(row["year"], row["incident_type"]): row["count"] for row in groups}
    first_year, last_year = groups[0]["year"], groups[-1]["year"]
    years = list(range(first_year, last_year + 1))
    labels = dict(IncidentType.choices)
    shown = [
        (value, colour)
        for value, colour in INCIDENTS
        if any(counts.get((year, value)) for year in years)
    ]
    layers = [
        Layer(
            labels.get(value, NOT_RECORDED),
            colour,
            [counts.get((year, value), 0) for year in years],
        )
        for value, colour in shown
    ]
    table = [
        (
            year,
            sum(layer.values[index] for layer in layers),
            [layer.values[index] for layer in layers],
        )
        for index, year in enumerate(years)
    ]
    total = sum(row["count"] for row in groups)
    lines = total + sum(row["repeated"] for row in groups)
    last_line = max(max(row["last_row"], row["last_repeated_row"] or 0) for row in groups)
    deadliest_year = min(table, key=lambda row: (-row[1], row[0]))
    return {
        "total": total,
        "years": table,
        "layers": layers,
        "legend": layers[::-1],
        "chart": stacked_bars(years, layers),
        "first": min(row["first_date"] for row in groups),
        "last": max(row["last_date"] for row in groups),
        "updated": max(row["updated"] for row in groups),
        "deadliest_year": deadliest_year,
        "deadliest": [
            {
                "operation": operation,
                "count": row["count"],
                "first": row["first_date"].year,
                "last": row["last_date"].year,
            }
            for row, operation in deadliest
        ],
        "source": source,
        "lines": span(lines, min(row["first_row"] for row in groups), last_line),
    }


def operations(source):
    """UN, regional and international operations' personnel per month; None before Bara &
    Hultman's file is imported. One query."""
    groups = list(
        OperationPersonnelMonth.objects.filter(source__slug=ESTIMATES).by_organization_kind()
    )
    if not groups:
        return None
    by_month = {}
    for row in groups:
        by_month.setdefault(row["month"], {})[row["organization_kind"]] = row
    months = sorted(by_month)
    table = [
        KindMonth(
            month,
            [
                by_month[month][kind]["total"] if kind in by_month[month] else 0
                for kind, *_ in KINDS
            ],
            sum(row["operations"] for row in by_month[month].values()),
            sum(row["estimated"] for row in by_month[month].values()),
        )
        for month in months
    ]
    series = [
        Series(label, [(item.month, item.totals[index]) for item in table], style)
        for index, (_kind, label, style) in enumerate(KINDS)
    ]
    operation_months = sum(row["operations"] for row in groups)
    gaps = missing_months(months)
    return {
        "months": table,
        # The legend is the page's, above the chart: only the axis labels need room.
        "chart": line_chart(series, left=stacked.LEFT, top=stacked.TOP),
        "series": series,
        "kinds": [(label, OrganizationKind(kind).label) for kind, label, _style in KINDS],
        "first": months[0],
        "last": months[-1],
        "gaps": gaps,
        "table": with_gaps(table, gaps),
        "coverage": ESTIMATES_COVERAGE,
        "operation_months": operation_months,
        "estimated": sum(row["estimated"] for row in groups),
        "police_only": sum(row["police_only_count"] for row in groups),
        "source": source,
        "rows": span(
            operation_months,
            min(row["first_row"] for row in groups),
            max(row["last_row"] for row in groups),
            noun="row",
        ),
    }


def numbers_page():
    """Everything the page shows, in at most QUERIES queries."""
    found = sources()
    return {
        "personnel": personnel(found.get(IPI)),
        "fatalities": fatalities(found.get(FATALITIES)),
        "operations": operations(found.get(ESTIMATES)),
    }
