"""The mission page's "Uniformed personnel": peak strength, deployed against authorized over
time as a line chart, the same by year as a table, the data's coverage and its sources.

A UN mission's deployed figures are IPI's monthly ones; a mission IPI does not cover (an
operation the UN did not run) shows Bara & Hultman's monthly estimates, saying that they
are interpolated. Two queries, whatever the mission: IPI's rows, then the authorized rows
beside them or, when IPI has none, Bara & Hultman's.
"""

import datetime
from dataclasses import dataclass

from datasets.figures.base import line_span
from datasets.figures.linechart import DASHED, SOLID, Series, line_chart
from datasets.models import AuthorizedMonth, OperationPersonnelMonth, PersonnelMonth

# The months each file covers (tests check them against the files).
IPI_COVERAGE = (datetime.date(1990, 11, 1), datetime.date(2017, 3, 1))
AUTHORIZED_COVERAGE = (datetime.date(1990, 1, 1), datetime.date(2015, 5, 1))
ESTIMATES_COVERAGE = (datetime.date(1993, 1, 1), datetime.date(2016, 12, 1))
# How many missing months the coverage line names before it only counts them.
NAMED_GAPS = 3


@dataclass(frozen=True)
class Month:
    """One month of the deployed series, summed where a mission has several rows."""

    month: datetime.date
    troops: int
    police: int
    observers: int
    total: int
    rows: tuple
    interpolated: bool = False


@dataclass(frozen=True)
class Year:
    year: int
    deployed: int | None  # the highest monthly total of the year
    authorized: object  # Decimal or None: the highest authorized total of the year
    months: int  # months with a deployed figure
    interpolated: int  # of which interpolated


def row_span(rows):
    """'row 5' or 'rows 12–40': a Stata file's rows, named as line_span names lines."""
    return line_span(rows).replace("line", "row", 1)


def ipi_months(mission):
    rows = list(
        PersonnelMonth.objects.filter(mission=mission)
        .select_related("source")
        .only(
            "month",
            "troops",
            "police",
            "observers",
            "total",
            "row",
            "source__title",
            "source__slug",
        )
        .order_by("month")
    )
    months = [
        Month(item.month, item.troops, item.police, item.observers, item.total, (item.row,))
        for item in rows
    ]
    return months, (rows[0].source if rows else None)


def estimated_months(mission):
    """Bara & Hultman's months, one operation-month counted once, summed over the
    mission's operations (UNPROFOR has one per country)."""
    rows = list(
        OperationPersonnelMonth.objects.counted()
        .filter(mission=mission)
        .select_related("source")
        .only(
            "month",
            "troops",
            "police",
            "observers",
            "total",
            "row",
            "interpolated",
            "source__title",
            "source__slug",
        )
        .order_by("month", "row")
    )
    by_month = {}
    for item in rows:
        by_month.setdefault(item.month, []).append(item)
    months = [
        Month(
            month,
            sum(item.troops for item in items),
            sum(item.police for item in items),
            sum(item.observers for item in items),
            sum(item.total for item in items),
            tuple(item.row for item in items),
            any(item.interpolated for item in items),
        )
        for month, items in by_month.items()
    ]
    return months, (rows[0].source if rows else None)


def authorized_months(mission):
    rows = list(
        AuthorizedMonth.objects.filter(mission=mission, total__isnull=False)
        .select_related("source")
        .only("month", "total", "row", "source__title", "source__slug")
        .order_by("month")
    )
    return rows, (rows[0].source if rows else None)


def missing_months(months):
    """The months between a series' first and last with no figure."""
    present = {item.month for item in months}
    missing, month = [], months[0].month
    while month < months[-1].month:
        month = (month + datetime.timedelta(days=32)).replace(day=1)
        if month not in present:
            missing.append(month)
    return missing


def by_year(months, authorized):
    years = {}
    for item in months:
        entry = years.setdefault(item.month.year, {"deployed": [], "authorized": [], "i": 0})
        entry["deployed"].append(item.total)
        entry["i"] += item.interpolated
    for item in authorized:
        years.setdefault(item.month.year, {"deployed": [], "authorized": [], "i": 0})[
            "authorized"
        ].append(item.total)
    return [
        Year(
            year,
            max(entry["deployed"], default=None),
            max(entry["authorized"], default=None),
            len(entry["deployed"]),
            entry["i"],
        )
        for year, entry in sorted(years.items())
    ]


def for_mission(mission):
    months, source = ipi_months(mission)
    estimates = not months
    if estimates:
        # Passmore, Shannon & Hart cover the UN missions IPI covers: the estimates of other
        # operations have no authorized strength to draw beside them.
        months, source = estimated_months(mission)
        authorized, authorized_source = [], None
    else:
        authorized, authorized_source = authorized_months(mission)
    if not months:
        return None
    peak = min(months, key=lambda item: (-item.total, item.month))
    deployed = Series(
        "Deployed (estimate)" if estimates else "Deployed",
        [(item.month, item.total) for item in months],
        SOLID,
    )
    series = [deployed]
    if authorized:
        series.append(
            Series("Authorized", [(item.month, item.total) for item in authorized], DASHED)
        )
    gaps = missing_months(months)
    rows = [number for item in months for number in item.rows]
    return {
        "peak": peak,
        "estimates": estimates,
        "chart": line_chart(series),
        "years": by_year(months, authorized),
        "first": months[0].month,
        "last": months[-1].month,
        "gaps": gaps[:NAMED_GAPS],
        "more_gaps": len(gaps) - NAMED_GAPS if len(gaps) > NAMED_GAPS else 0,
        "interpolated": sum(item.interpolated for item in months),
        "month_count": len(months),
        "coverage": ESTIMATES_COVERAGE if estimates else IPI_COVERAGE,
        "authorized_coverage": AUTHORIZED_COVERAGE,
        "source": source,
        "source_span": row_span(rows) if estimates else line_span(rows),
        "peak_span": (row_span if estimates else line_span)(peak.rows),
        "authorized": bool(authorized),
        "authorized_source": authorized_source,
        "authorized_span": row_span(item.row for item in authorized),
    }
