"""The mission's top contributing countries (one query, two without monthly data).

IPI's monthly file ranks countries by their peak: the most personnel a country had in
the mission at the end of any month the file covers. Missions the monthly file does not
cover fall back to Geo-PKO's yearly lists, which give estimated unit sizes rather than
head counts: there countries rank by site-years, the deployment sites at which a country
is listed, counted once per site and year.
"""

from collections import defaultdict
from dataclasses import dataclass

from django_countries.fields import Country

from datasets.figures.base import line_span
from datasets.models import ContributionMonth, SiteContributor
from sources.models import Source

TOP = 10
ROW_HEIGHT, BAR_SPACE = 42, 300
MONTHLY_COVERAGE = "IPI monthly data, Nov 2009 – Feb 2014"
YEARLY_COVERAGE = "Geo-PKO yearly data, 1994–2024"


@dataclass
class Bar:
    country: object
    value: int
    detail: str
    rows: list
    # Where the bar sits in the chart's 400-unit-wide viewBox.
    y: int = 0
    length: float = 0.0
    label_x: float = 0.0


def for_mission(mission):
    monthly = list(ContributionMonth.objects.filter(mission=mission).for_figure())
    if monthly:
        return _monthly(monthly)
    yearly = list(SiteContributor.objects.filter(mission=mission).for_figure())
    if yearly:
        return _yearly(yearly)
    return None


def _monthly(rows):
    by_country = defaultdict(list)
    for row in rows:
        by_country[row.country].append(row)
    bars = []
    for lines in by_country.values():
        peak = max(lines, key=lambda line: (line.total, -line.month.toordinal()))
        bars.append(
            Bar(
                Country(lines[0].country),
                peak.total,
                f"{peak.month:%b %Y}; listed {len(lines)} month{'s' if len(lines) != 1 else ''}",
                [line.row for line in lines],
            )
        )
    months = sorted({row.month for row in rows})
    return _figure(
        bars,
        _source(rows[0]),
        measure="peak personnel",
        detail="month of the peak; months listed",
        coverage=MONTHLY_COVERAGE,
        span=f"{months[0]:%b %Y} – {months[-1]:%b %Y}",
        countries=len(by_country),
    )


def _yearly(rows):
    by_country = defaultdict(list)
    for row in rows:
        by_country[row.country].append(row)
    bars = []
    for lines in by_country.values():
        years = sorted({line.year for line in lines})
        site_years = len({(line.year, line.location) for line in lines})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        bars.append(
            Bar(
                Country(lines[0].country),
                site_years,
                f"{len(years)} year{'s' if len(years) != 1 else ''}, {span}",
                [line.row for line in lines],
            )
        )
    years = sorted({row.year for row in rows})
    return _figure(
        bars,
        _source(rows[0]),
        measure="site-years",
        detail="years listed",
        coverage=YEARLY_COVERAGE,
        span=f"{years[0]}–{years[-1]}",
        countries=len(by_country),
    )


def _source(row):
    # The rows carry their source's slug and title, all its link and name need.
    return Source(pk=row.source_id, slug=row.source__slug, title=row.source__title)


def _figure(bars, source, **facts):
    bars.sort(key=lambda bar: (-bar.value, bar.country.name))
    top = bars[:TOP]
    largest = top[0].value or 1
    for number, bar in enumerate(top):
        bar.y = number * ROW_HEIGHT
        bar.length = round(bar.value / largest * BAR_SPACE, 1)
        bar.label_x = bar.length + 6
    return {
        "bars": top,
        "height": len(top) * ROW_HEIGHT,
        "source": source,
        "lines": line_span(row for bar in top for row in bar.rows),
        "monthly": facts["coverage"] == MONTHLY_COVERAGE,
        **facts,
    }
