"""The data sets' downloads (CSV and JSON), documented on the open-data page and in
datapackage.json: the rows as the atlas keeps them, each citing its file and line (or
Stata row), and the worldwide series the "Peacekeeping in numbers" page draws.

Each download holds only the rows that cite its data set. A row-level download takes
`?mission=<slug>` (a published mission) for one mission's rows.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Value, When

from atlas.exports import Column
from atlas.models import PublicationStatus
from datasets.importers.authorized import SOURCE as AUTHORIZED
from datasets.importers.budgets import SOURCE as BUDGETS
from datasets.importers.deployments import SOURCE as DEPLOYMENTS
from datasets.importers.operations import SOURCE as ESTIMATES
from datasets.importers.personnel import SOURCE as IPI
from datasets.models import (
    AuthorizedMonth,
    Budget,
    DeploymentSite,
    Fatality,
    OperationPersonnelMonth,
    PersonnelMonth,
)
from datasets.models.fatalities import SOURCE as FATALITIES
from datasets.models.fatalities import IncidentType
from datasets.models.personnel import OrganizationKind
from sources.models import Source


@dataclass(frozen=True)
class Download:
    slug: str  # the file's name: /numbers/<slug>.csv
    title: str
    description: str  # what one row is, and the data's coverage
    source: str  # the data set's Source slug
    columns: list
    rows: Callable[[], Any]  # a queryset, or a list worked out from one
    model: Any = None  # the rows' model, for a download that takes ?mission=

    @property
    def per_mission(self):
        return self.model is not None


def cited(queryset, source):
    """The rows citing `source`, with `mission_slug` (blank unless the atlas publishes the
    mission) and `source_file` read in the same query."""
    return queryset.filter(source__slug=source).annotate(
        mission_slug=Case(
            When(mission__status=PublicationStatus.PUBLISHED, then=F("mission__slug")),
            default=Value(""),
            output_field=CharField(),
        ),
        source_file=F("source__file_name"),
    )


def _attribute(name):
    return lambda record, request: getattr(record, name)


def _key(name):
    return lambda record, request: record[name]


def column(name, description, kind="string", attribute=None):
    """A column of type `kind` reading the record's attribute of the same name."""
    return Column(name, description, _attribute(attribute or name), type=kind)


def key_column(name, description, kind="string"):
    """A column of type `kind` reading the key of the same name of a series' dict."""
    return Column(name, description, _key(name), type=kind)


MISSION = [
    column("mission_label", "The file's own name for the mission."),
    column(
        "mission",
        "Slug of the mission in the atlas (its page is /missions/<slug>/); empty when the "
        "atlas does not describe or publish it.",
        attribute="mission_slug",
    ),
]


def citation(kind="line"):
    """The file and the line (CSV) or row (Stata) of the row."""
    return [
        column("source_file", "The data set's file, as the atlas's source page names it."),
        Column(
            f"source_{kind}",
            "Line of the CSV file, header included (line 1 is the header)."
            if kind == "line"
            else "Row of the Stata file, counting from 1.",
            _attribute("row"),
            type="integer",
        ),
    ]


COUNTS = [
    column("troops", "Troops.", "integer"),
    column("police", "Police.", "integer"),
    column("observers", "Military observers.", "integer"),
    column("total", "Troops, police and observers.", "integer"),
]

PERSONNEL_COLUMNS = [
    *MISSION,
    column("month", "The month (its first day, YYYY-MM-01); the file dates it at its end.", "date"),
    *COUNTS,
    column(
        "contributors",
        "Number of contributing countries; empty where the file has none.",
        "integer",
    ),
    Column(
        "country",
        "ISO 3166-1 alpha-2 code of the file's country of the mission.",
        lambda r, q: r.country,
    ),
    column("headquarters", "The mission's headquarters as the file names it."),
    column(
        "headquarters_latitude",
        "Decimal degrees, north positive, read as the importer's rules say; empty when unknown.",
        "number",
    ),
    column(
        "headquarters_longitude", "Decimal degrees, east positive; empty when unknown.", "number"
    ),
    *citation(),
]

AUTHORIZED_COLUMNS = [
    *MISSION,
    column("month", "The month (its first day).", "date"),
    column("troops", "Troops authorized; empty where the file gives none.", "number"),
    column("police", "Police authorized; empty where the file gives none.", "number"),
    column(
        "observers", "Military observers authorized; empty where the file gives none.", "number"
    ),
    column(
        "total",
        "Uniformed personnel authorized, to one decimal (a drawdown spread over months); "
        "empty where the file gives none.",
        "number",
    ),
    *citation("row"),
]

OPERATION_COLUMNS = [
    *MISSION,
    column("operation", "The file's missionid: one operation in one country.", "integer"),
    column(
        "organization_kind",
        "The codebook's org: un (1), regional (2: a regional organization or coalition in its "
        "own region) or international (3: from outside the region).",
    ),
    column(
        "police_only", "A purely civilian police mission (the codebook's onlypolice).", "boolean"
    ),
    column(
        "conflict",
        "UCDP conflict id: the first the file lists for the operation and month (it repeats "
        "an operation once per conflict; this download has one row per operation and month).",
        "integer",
    ),
    column("conflict_country", "Country of that conflict."),
    column("conflict_active", "False in a postwar month.", "boolean"),
    column("incompatibility", "territory or government (UCDP): what the conflict is over."),
    column("month", "The month (its first day).", "date"),
    column("troops", "Troops (the codebook's troops_iepo).", "integer"),
    column("police", "Police (police_iepo).", "integer"),
    column("observers", "Military observers (observers_iepo).", "integer"),
    column("total", "Troops, police and observers (total_iepo).", "integer"),
    column(
        "interpolated",
        "True when SIPRI reports no figure for the month and the figures are interpolated "
        "between reported ones or extrapolated.",
        "boolean",
    ),
    column("sipri_total", "SIPRI's reported total for the month, where there is one.", "integer"),
    column("ipi_total", "IPI's total for the month, where the file gives one.", "integer"),
    *citation("row"),
]

FATALITY_COLUMNS = [
    column("casualty_id", "The UN's casualty id."),
    column("date", "Date of the incident.", "date"),
    *MISSION,
    Column(
        "personnel_type",
        "military, military-observer, police, international-civilian, local or other; empty "
        "where the file gives none.",
        lambda r, q: r.personnel_type,
    ),
    Column(
        "incident_type",
        "malicious-act, accident, illness, self-inflicted, to-be-determined or unknown; empty "
        "where the file gives none.",
        lambda r, q: r.incident_type,
    ),
    column("gender", "female or male; empty where the file gives none."),
    Column(
        "nationality",
        "ISO 3166-1 alpha-2 code; empty for a former state or an undetermined nationality.",
        lambda r, q: r.nationality.code or "",
    ),
    column("nationality_label", "The file's name for the nationality."),
    column("m49_code", "UN M49 country code, where the file gives one.", "integer"),
    column("last_update", "When the UN last updated the row.", "date"),
    *citation(),
    column(
        "repeated_line",
        "Another line of the file recording the same casualty (counted once), if any.",
        "integer",
        attribute="repeated_row",
    ),
]

DEPLOYMENT_COLUMNS = [
    *MISSION,
    column("year", "The year of Geo-PKO's deployment maps.", "integer"),
    column("location", "The site as the file names it."),
    Column(
        "country",
        "ISO 3166-1 alpha-2 code; empty where the file names two countries.",
        lambda r, q: r.country.code or "",
    ),
    column("country_label", "The file's name for the country."),
    column("latitude", "Decimal degrees, north positive.", "number"),
    column("longitude", "Decimal degrees, east positive.", "number"),
    column(
        "troops",
        "Mean over the year's maps of the troops estimated from unit symbols (the file's "
        "ave.no.troops, truncated); empty when no map gave a unit size.",
        "integer",
    ),
    column("troops_low", "Lowest single-map estimate.", "integer"),
    column("troops_high", "Highest single-map estimate.", "integer"),
    column("infantry", "Infantry units, where the file counts them.", "integer"),
    column("reserve", "Reserve units, where the file counts them.", "integer"),
    column("police", "UN police present.", "boolean"),
    column("observers", "Military observers present.", "boolean"),
    column("medical", "A medical unit present.", "boolean"),
    Column(
        "air_units",
        "none, aviation or helicopter support, or aviation and helicopter support.",
        lambda r, q: r.get_air_units_display(),
    ),
    Column(
        "headquarters",
        "none, contingent, sector or mission headquarters (the highest the site serves as).",
        lambda r, q: r.get_headquarters_display(),
    ),
    column("source_file", "The data set's file, as the atlas's source page names it."),
    Column(
        "source_lines",
        "Lines of the CSV file merged into this site (one per deployment map of the year), "
        "separated by ';'.",
        lambda r, q: r.lines,
    ),
]

BUDGET_COLUMNS = [
    *MISSION,
    column("period_start", "First day of the budget period.", "date"),
    column("period_end", "Last day of the budget period.", "date"),
    column(
        "amount_thousands",
        "Approved resources, thousands of US dollars.",
        "number",
    ),
    column("document_symbol", "The UN document that approves it."),
    column("page", "Its page in that document.", "integer"),
    column("url", "Address of the document."),
    column("note", "The file's note, if any."),
    *citation(),
]


# --- the page's series, worked out from the rows -----------------------------------------

SERIES_FILE = "The data set's file, as the atlas's source page names it."


def _file_of(source):
    return Source.objects.filter(slug=source).values_list("file_name", flat=True).first() or ""


def worldwide_months():
    """One dict per month of IPI's file: its rows summed, with the lines they come from."""
    months = defaultdict(
        lambda: {"troops": 0, "police": 0, "observers": 0, "total": 0, "lines": []}
    )
    rows = PersonnelMonth.objects.filter(source__slug=IPI).order_by("month", "row")
    for month, troops, police, observers, total, line in rows.values_list(
        "month", "troops", "police", "observers", "total", "row"
    ):
        entry = months[month]
        entry["troops"] += troops
        entry["police"] += police
        entry["observers"] += observers
        entry["total"] += total
        entry["lines"].append(line)
    file_name = _file_of(IPI) if months else ""
    return [
        {"month": month, **entry, "missions": len(entry["lines"]), "source_file": file_name}
        for month, entry in months.items()
    ]


INCIDENT_COLUMNS = [(value, value.replace("-", "_")) for value in IncidentType.values]


def fatalities_per_year():
    """One dict per year from the first death to the last: deaths by type of incident."""
    years = defaultdict(lambda: defaultdict(int))
    lines = defaultdict(list)
    rows = Fatality.objects.filter(source__slug=FATALITIES).order_by("date", "row")
    for day, incident, line, repeated in rows.values_list(
        "date", "incident_type", "row", "repeated_row"
    ):
        years[day.year][incident] += 1
        lines[day.year] += [line] if repeated is None else [line, repeated]
    if not years:
        return []
    file_name = _file_of(FATALITIES)
    result = []
    for year in range(min(years), max(years) + 1):
        counts = years.get(year, {})
        result.append(
            {
                "year": year,
                "fatalities": sum(counts.values()),
                **{name: counts.get(value, 0) for value, name in INCIDENT_COLUMNS},
                "not_recorded": counts.get("", 0),
                "source_file": file_name,
                "source_lines": sorted(lines.get(year, [])),
            }
        )
    return result


def operations_by_kind():
    """One dict per month of Bara & Hultman's file: personnel by kind of organization."""
    months = defaultdict(
        lambda: {
            **dict.fromkeys(OrganizationKind.values, 0),
            "operations": 0,
            "interpolated": 0,
            "rows": [],
        }
    )
    rows = OperationPersonnelMonth.objects.filter(source__slug=ESTIMATES).counted()
    for month, kind, total, interpolated, row in rows.order_by("month", "row").values_list(
        "month", "organization_kind", "total", "interpolated", "row"
    ):
        entry = months[month]
        entry[kind] += total
        entry["operations"] += 1
        entry["interpolated"] += interpolated
        entry["rows"].append(row)
    file_name = _file_of(ESTIMATES) if months else ""
    return [{"month": month, **entry, "source_file": file_name} for month, entry in months.items()]


WORLDWIDE_COLUMNS = [
    key_column("month", "The month (its first day).", "date"),
    key_column("troops", "Troops in all UN missions the file lists for the month.", "integer"),
    key_column("police", "Police.", "integer"),
    key_column("observers", "Military observers.", "integer"),
    key_column("total", "Troops, police and observers.", "integer"),
    key_column("missions", "Missions (rows of the file) that month.", "integer"),
    key_column("source_file", SERIES_FILE),
    Column(
        "source_lines",
        "Lines of the CSV file summed, separated by ';'.",
        lambda r, q: r["lines"],
    ),
]

FATALITIES_PER_YEAR_COLUMNS = [
    key_column(
        "year", "The year of the incidents; every year from the first death to the last.", "integer"
    ),
    key_column("fatalities", "Deaths recorded that year.", "integer"),
    *[
        key_column(name, f"Of which the file's incident type is {label}.", "integer")
        for (value, name), label in zip(INCIDENT_COLUMNS, IncidentType.labels, strict=True)
    ],
    key_column("not_recorded", "Of which the file gives no incident type.", "integer"),
    key_column("source_file", SERIES_FILE),
    Column(
        "source_lines",
        "Lines of the CSV file counted (a casualty recorded twice: both), separated by ';'.",
        lambda r, q: r["source_lines"],
    ),
]

OPERATIONS_BY_KIND_COLUMNS = [
    key_column("month", "The month (its first day).", "date"),
    *[
        key_column(
            kind, f"Personnel of operations deployed by: {OrganizationKind(kind).label}.", "integer"
        )
        for kind in OrganizationKind.values
    ],
    key_column(
        "operations",
        "Operations that month (each operation once, whatever its conflicts).",
        "integer",
    ),
    key_column(
        "interpolated",
        "Of which the figures are interpolated or extrapolated (no SIPRI figure that month).",
        "integer",
    ),
    key_column("source_file", SERIES_FILE),
    Column(
        "source_rows", "Rows of the Stata file summed, separated by ';'.", lambda r, q: r["rows"]
    ),
]


DOWNLOADS = [
    Download(
        "worldwide-personnel",
        "Uniformed personnel worldwide per month",
        "One row per month, November 1990 – March 2017 (IPI; November 2016 is missing from the "
        "file): UN missions' uniformed personnel summed, as the numbers page charts them.",
        IPI,
        WORLDWIDE_COLUMNS,
        worldwide_months,
    ),
    Download(
        "fatalities-per-year",
        "Fatalities per year by type of incident",
        "One row per year, 1948–2025 (the UN's data set): deaths by type of incident, as the "
        "numbers page charts them.",
        FATALITIES,
        FATALITIES_PER_YEAR_COLUMNS,
        fatalities_per_year,
    ),
    Download(
        "operations-by-kind",
        "UN and non-UN operations' personnel per month",
        "One row per month, 1993–2016 (Bara & Hultman): personnel of UN, regional and "
        "international operations, each operation counted once, interpolated months included.",
        ESTIMATES,
        OPERATIONS_BY_KIND_COLUMNS,
        operations_by_kind,
    ),
    Download(
        "personnel",
        "Uniformed personnel per mission and month (IPI)",
        "One row per UN mission and month, November 1990 – March 2017.",
        IPI,
        PERSONNEL_COLUMNS,
        lambda: cited(PersonnelMonth.objects.all(), IPI).order_by("row"),
        PersonnelMonth,
    ),
    Download(
        "authorized",
        "Authorized strength per mission and month",
        "One row per UN mission and month, 1990–2015 (Passmore, Shannon & Hart).",
        AUTHORIZED,
        AUTHORIZED_COLUMNS,
        lambda: cited(AuthorizedMonth.objects.all(), AUTHORIZED).order_by("row"),
        AuthorizedMonth,
    ),
    Download(
        "operations",
        "UN and non-UN operations' personnel per operation and month (Bara & Hultman)",
        "One row per operation (one mission in one country) and month, 1993–2016, UN and "
        "other organizations' operations alike.",
        ESTIMATES,
        OPERATION_COLUMNS,
        lambda: cited(OperationPersonnelMonth.objects.counted(), ESTIMATES).order_by("row"),
        OperationPersonnelMonth,
    ),
    Download(
        "fatalities",
        "Fatalities",
        "One row per death of UN peace operations personnel, July 1948 – February 2025.",
        FATALITIES,
        FATALITY_COLUMNS,
        lambda: cited(Fatality.objects.all(), FATALITIES).order_by("row"),
        Fatality,
    ),
    Download(
        "deployment-sites",
        "Deployment sites per year (Geo-PKO)",
        "One row per UN mission, year and site, 1994–2024.",
        DEPLOYMENTS,
        DEPLOYMENT_COLUMNS,
        lambda: cited(DeploymentSite.objects.all(), DEPLOYMENTS).order_by(
            "mission_label", "year", "location"
        ),
        DeploymentSite,
    ),
    Download(
        "budgets",
        "Approved budgets",
        "One row per mission and budget period: 1 July 2026 – 30 June 2027.",
        BUDGETS,
        BUDGET_COLUMNS,
        lambda: cited(Budget.objects.all(), BUDGETS).order_by("row"),
        Budget,
    ),
]

BY_SLUG = {download.slug: download for download in DOWNLOADS}
