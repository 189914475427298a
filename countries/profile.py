"""What a country's page shows, from the missions and the data sets, each figure with its
source and lines: at most fourteen queries, whatever the country.

- Missions hosted: the published missions listing the country as a host, with each
  mission's peak strength and fatalities (MissionFigures: the whole mission's, wherever it
  served), then the Geo-PKO deployment sites on the country's soil, by mission, which tell
  the strength there.
- Personnel contributed: IPI's monthly figures (peak per mission) and Geo-PKO's yearly
  lists (site-years per mission).
- Fatalities of its nationals, by mission and year (the UN's data set).
- Leaders of its nationality.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import Count, F, Max, Min

from datasets.figures.base import line_span
from datasets.figures.contributors import MONTHLY_COVERAGE, YEARLY_COVERAGE
from datasets.figures.deployments import COVERAGE as SITES_COVERAGE
from datasets.figures.fatalities import bar_chart
from datasets.figures.personnel import ESTIMATES_COVERAGE, IPI_COVERAGE, row_span
from datasets.models import (
    Appointment,
    ContributionMonth,
    ContributorKind,
    DeploymentSite,
    Fatality,
    MissionFigures,
    OperationPersonnelMonth,
    PeakSeries,
    PersonnelMonth,
    SiteContributor,
)
from datasets.models.leaders import COMPILED
from missions.models import HostCountry, Mission
from sources.models import Source

# The most queries a country's profile costs, whatever the country.
QUERIES = 14


@dataclass
class Cited:
    """A footnote: a source and the lines (or rows) of it that a set of figures comes from,
    either all together or mission by mission ([(mission acronym, 'lines …')])."""

    source_id: int
    lines: list = field(default_factory=list)
    per_mission: list = field(default_factory=list)
    # Stata files and spreadsheets have rows; text files have lines.
    rows: bool = False
    source: object = None

    @property
    def span(self):
        return row_span(self.lines) if self.rows else line_span(self.lines)


@dataclass
class Hosted:
    """A published mission the country hosts, with the whole mission's headline figures."""

    mission: object
    figures: object  # MissionFigures, or None when the data sets hold none for it
    also_hosted_by: int  # how many other countries the mission lists as hosts


@dataclass
class SitesThere:
    """A mission's Geo-PKO sites in the country: how many, when, and the most troops
    Geo-PKO estimates there in one year (sites of unknown size counting none)."""

    mission: object  # the published Mission, or None
    label: str
    sites: int
    site_years: int
    first_year: int
    last_year: int
    peak_troops: int
    peak_year: int
    unknown_size: int  # site-years without a troop estimate
    hosted: bool


@dataclass
class MonthlyContribution:
    mission: object
    label: str
    peak: int
    peak_month: object
    months: int
    first: object
    last: object


@dataclass
class YearlyContribution:
    mission: object
    label: str
    site_years: int
    years: int
    first: int
    last: int


@dataclass
class NationalDeaths:
    mission: object
    label: str
    count: int
    first: int
    last: int


@dataclass
class Leader:
    """One term of a national in a mission's leadership, in one post or several at once
    (the file's 'Appointment II': SRSG and Head of Mission)."""

    appointment: object  # the term's first post, for the person and the dates
    posts: list  # the posts' names
    mission: object


@dataclass
class CountryProfile:
    code: str
    name: str
    hosted: list
    peak_sources: list  # [Cited] for the peak strengths (IPI, Bara & Hultman)
    mission_deaths_source: object  # Cited for the hosted missions' fatalities
    sites: list
    sites_source: object
    monthly: list
    monthly_source: object
    yearly: list
    yearly_source: object
    deaths: list
    deaths_total: int
    deaths_by_year: list
    deaths_by_personnel: list
    deaths_chart: object
    deaths_source: object
    deaths_coverage: object  # {first, last, updated} of the whole data set, or None
    leaders: list
    leaders_source: object
    coverage: dict

    @property
    def is_empty(self):
        return not (
            self.hosted
            or self.sites
            or self.monthly
            or self.yearly
            or self.deaths_total
            or self.leaders
        )

    @property
    def unhosted_sites(self):
        return [item for item in self.sites if not item.hosted]


def _missions_hosted(code):
    # Filtered by a subquery, not a join, so that `hosts` counts all the mission's hosts.
    missions = list(
        Mission.objects.published()
        .filter(pk__in=HostCountry.objects.filter(country=code).values("mission"))
        .annotate(hosts=Count("host_countries"))
        # Given again: a query with GROUP BY leaves out the model's default ordering.
        .order_by(F("start_date").asc(nulls_last=True), "acronym")
        .select_related("figures")
        .only(
            "slug",
            "acronym",
            "name",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "figures__peak_personnel",
            "figures__peak_month",
            "figures__peak_series",
            "figures__fatalities",
        )
    )
    hosted = []
    for mission in missions:
        try:
            figures = mission.figures
        except MissionFigures.DoesNotExist:
            figures = None
        hosted.append(Hosted(mission, figures, mission.hosts - 1))
    return hosted


def _peak_lines(hosted):
    """[Cited] for the peaks: IPI's line of each mission's peak month, and Bara & Hultman's
    rows (one per operation) summed for it. One query per series that any mission uses."""
    peaks = {
        series: [item for item in hosted if item.figures and item.figures.peak_series == series]
        for series in (PeakSeries.IPI, PeakSeries.BARA_HULTMAN)
    }
    cited = []
    for series, model, single in (
        (PeakSeries.IPI, PersonnelMonth, True),
        (PeakSeries.BARA_HULTMAN, OperationPersonnelMonth, False),
    ):
        if not peaks[series]:
            continue
        # The peak month's rows, joined to the mission's figures rather than spelled out
        # mission by mission: a country may host hundreds of missions.
        rows = model.objects.filter(
            mission__in=[item.mission.pk for item in peaks[series]],
            month=F("mission__figures__peak_month"),
        )
        # IPI's peak is one line; Bara & Hultman's sums the month's operations.
        rows = (
            rows.filter(total=F("mission__figures__peak_personnel")) if single else rows.counted()
        )
        rows = rows.values_list("source", "mission", "row")
        by_source = defaultdict(lambda: defaultdict(list))
        for source_id, mission_id, row in rows.order_by("row"):
            by_source[source_id][mission_id].append(row)
        acronyms = {item.mission.pk: item.mission.acronym for item in peaks[series]}
        for source_id, per_mission in by_source.items():
            spans = row_span if not single else line_span
            cited.append(
                Cited(
                    source_id,
                    per_mission=[
                        (acronyms[mission_id], spans(lines))
                        for mission_id, lines in per_mission.items()
                    ],
                    rows=not single,
                )
            )
    return cited


def _mission_death_lines(hosted):
    """Cited for the hosted missions' fatalities (all their lines), or None (one query)."""
    counted = [item.mission for item in hosted if item.figures and item.figures.fatalities]
    if not counted:
        return None
    rows = list(
        Fatality.objects.filter(mission__in=counted)
        .order_by()
        .values_list("source", "mission", "row", "repeated_row")
    )
    lines = defaultdict(list)
    for _, mission_id, row, repeated in rows:
        # A casualty the file records twice is cited to both its lines.
        lines[mission_id].extend(line for line in (row, repeated) if line is not None)
    return Cited(
        rows[0][0],
        per_mission=[(mission.acronym, line_span(lines[mission.pk])) for mission in counted],
    )


def _by_mission(rows):
    """({(mission id, file's name): [rows]}, the rows' source id) for rows that begin
    (source, mission id, mission label, …). A mission of the atlas is one group whatever
    the file calls it (ONUCI and UNOCI); an operation the atlas does not describe, one
    group per name the file gives it."""
    groups, names, source_id = defaultdict(list), {}, None
    for row in rows:
        source_id, mission_id, label = row[0], row[1], row[2]
        key = mission_id if mission_id is not None else label
        names.setdefault(key, (mission_id, label))
        groups[key].append(row)
    return {names[key]: group for key, group in groups.items()}, source_id


def _sites(code, hosted_ids):
    """([SitesThere] by first year, Cited) from Geo-PKO's sites in the country (one query)."""
    rows = DeploymentSite.objects.in_country(code).values_list(
        "source", "mission", "mission_label", "year", "location", "troops", "lines"
    )
    by_mission, source_id = _by_mission(rows.order_by())
    found, lines = [], []
    for (mission_id, label), sites in by_mission.items():
        troops_by_year = Counter()
        for _, _, _, year, _, troops, site_lines in sites:
            troops_by_year[year] += troops or 0
            lines.extend(site_lines)
        years = sorted(troops_by_year)
        peak_year = max(years, key=lambda year: (troops_by_year[year], -year))
        found.append(
            SitesThere(
                mission=mission_id,
                label=label,
                sites=len({site[4] for site in sites}),
                site_years=len(sites),
                first_year=years[0],
                last_year=years[-1],
                peak_troops=troops_by_year[peak_year],
                peak_year=peak_year,
                unknown_size=sum(site[5] is None for site in sites),
                hosted=mission_id in hosted_ids,
            )
        )
    found.sort(key=lambda item: (item.first_year, item.label))
    return found, (Cited(source_id, lines) if found else None)


def _monthly(code):
    """([MonthlyContribution] by peak, Cited) from IPI's monthly file (one query)."""
    rows = ContributionMonth.objects.filter(country=code).values_list(
        "source", "mission", "mission_label", "month", "total", "row"
    )
    by_mission, source_id = _by_mission(rows.order_by("row"))
    found = []
    for (mission_id, label), months in by_mission.items():
        # The first month the peak was reached, as the mission page's figure gives it.
        peak = max(months, key=lambda row: (row[4], -row[3].toordinal()))
        listed = sorted(row[3] for row in months)
        found.append(
            MonthlyContribution(
                mission=mission_id,
                label=label,
                peak=peak[4],
                peak_month=peak[3],
                months=len(months),
                first=listed[0],
                last=listed[-1],
            )
        )
    found.sort(key=lambda item: (-item.peak, item.label))
    lines = [row[5] for months in by_mission.values() for row in months]
    return found, (Cited(source_id, lines) if found else None)


def _yearly(code):
    """([YearlyContribution] by site-years, Cited) from Geo-PKO's yearly lists (one query).

    A country listed twice at one site in one year (two of its units there) counts one
    site-year, as on the mission page."""
    rows = SiteContributor.objects.filter(country=code, kind=ContributorKind.COUNTRY).values_list(
        "source", "mission", "mission_label", "year", "location", "row"
    )
    by_mission, source_id = _by_mission(rows.order_by("row"))
    found = []
    for (mission_id, label), entries in by_mission.items():
        years = sorted({row[3] for row in entries})
        found.append(
            YearlyContribution(
                mission=mission_id,
                label=label,
                site_years=len({(row[3], row[4]) for row in entries}),
                years=len(years),
                first=years[0],
                last=years[-1],
            )
        )
    found.sort(key=lambda item: (-item.site_years, item.label))
    lines = [row[5] for entries in by_mission.values() for row in entries]
    return found, (Cited(source_id, lines) if found else None)


def _deaths(code):
    """(summary, [NationalDeaths] by count, Cited) for the country's nationals (two queries:
    the model's summary, then the deaths per mission)."""
    nationals = Fatality.objects.filter(nationality=code)
    summary = nationals.summary()
    rows = nationals.order_by().values_list("source", "mission", "mission_label", "date")
    by_mission, source_id = _by_mission(rows)
    found = []
    for (mission_id, label), deaths in by_mission.items():
        years = sorted(row[3].year for row in deaths)
        found.append(NationalDeaths(mission_id, label, len(deaths), years[0], years[-1]))
    found.sort(key=lambda item: (-item.count, item.label))
    return summary, found, (Cited(source_id, summary.lines) if found else None)


def _fatalities_coverage():
    """The fatalities data set's first and last incident and last update, or None (one
    query): what the country's count of deaths covers."""
    coverage = Fatality.objects.aggregate(
        first=Min("date"), last=Max("date"), updated=Max("last_update")
    )
    return coverage if coverage["first"] else None


def _leaders(code):
    appointments = list(
        # An unknown start month sorts first within its year, on SQLite as on PostgreSQL.
        Appointment.objects.of_nationality(code).order_by(
            "start_year", F("start_month").asc(nulls_first=True), "mission_label", "post", "row"
        )
    )
    lines = [row for item in appointments for row in item.rows]
    cited = Cited(appointments[0].source_id, lines, rows=True) if appointments else None
    return appointments, cited


def country_profile(code, name):
    """The CountryProfile of an ISO 3166-1 alpha-2 `code`, empty when the atlas knows
    nothing of it; at most fourteen queries."""
    hosted = _missions_hosted(code)
    hosted_ids = {item.mission.pk for item in hosted}
    peak_sources = _peak_lines(hosted)
    mission_deaths_source = _mission_death_lines(hosted)
    sites, sites_source = _sites(code, hosted_ids)
    monthly, monthly_source = _monthly(code)
    yearly, yearly_source = _yearly(code)
    summary, deaths, deaths_source = _deaths(code)
    appointments, leaders_source = _leaders(code)
    deaths_coverage = _fatalities_coverage()

    # One query for the published missions the rows link to, one for the sources cited.
    linked = (
        Mission.objects.published()
        .only("slug", "acronym")
        .in_bulk(
            {
                item.mission
                for item in chain(sites, monthly, yearly, deaths)
                if item.mission is not None
            }
            | {item.mission_id for item in appointments if item.mission_id is not None}
        )
    )
    for item in chain(sites, monthly, yearly, deaths):
        item.mission = linked.get(item.mission)
    terms = defaultdict(list)
    for item in appointments:
        terms[(item.source_id, item.row)].append(item)
    leaders = [
        Leader(
            posts[0], [item.get_post_display() for item in posts], linked.get(posts[0].mission_id)
        )
        for posts in terms.values()
    ]
    cited = [
        item
        for item in (
            *peak_sources,
            mission_deaths_source,
            sites_source,
            monthly_source,
            yearly_source,
            deaths_source,
            leaders_source,
        )
        if item is not None
    ]
    sources = Source.objects.only("slug", "title").in_bulk({item.source_id for item in cited})
    for item in cited:
        item.source = sources.get(item.source_id)

    return CountryProfile(
        code=code,
        name=name,
        hosted=hosted,
        peak_sources=peak_sources,
        mission_deaths_source=mission_deaths_source,
        sites=sites,
        sites_source=sites_source,
        monthly=monthly,
        monthly_source=monthly_source,
        yearly=yearly,
        yearly_source=yearly_source,
        deaths=deaths,
        deaths_total=summary.total,
        deaths_by_year=summary.by_year,
        deaths_by_personnel=summary.by_personnel,
        deaths_chart=bar_chart(summary.by_year) if summary.total else None,
        deaths_source=deaths_source,
        deaths_coverage=deaths_coverage,
        leaders=leaders,
        leaders_source=leaders_source,
        coverage={
            "ipi_personnel": IPI_COVERAGE,
            "estimates": ESTIMATES_COVERAGE,
            "sites": SITES_COVERAGE,
            "monthly": MONTHLY_COVERAGE,
            "yearly": YEARLY_COVERAGE,
            "leaders_compiled": COMPILED,
        },
    )
