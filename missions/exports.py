"""The columns of the mission downloads (CSV and JSON), documented on the open-data page."""

from django.core.exceptions import ObjectDoesNotExist

from atlas.exports import Column, absolute
from missions.dates import format_partial_date
from missions.directory.cards import country_name

MISSION_COLUMNS = [
    Column("acronym", "The mission's acronym, unique in the atlas.", lambda m, r: m.acronym),
    Column("name", "Full official name, where a source gives it.", lambda m, r: m.name),
    Column("slug", "Stable identifier used in the atlas's addresses.", lambda m, r: m.slug),
    Column("url", "Address of the mission's page.", lambda m, r: absolute(r, m.get_absolute_url())),
    Column(
        "lead_organizations",
        "Acronyms (or names) of the leading organizations, separated by ';'.",
        lambda m, r: [x.organization.short_name for x in m.roles.all() if x.role == "lead"],
    ),
    Column(
        "other_organizations",
        "Other organizations with their role, as 'NAME (role)', separated by ';'.",
        lambda m, r: [
            f"{x.organization.short_name} ({x.role})" for x in m.roles.all() if x.role != "lead"
        ],
    ),
    Column(
        "host_countries",
        "ISO 3166-1 alpha-2 codes of the host countries (XK for Kosovo), separated by ';'.",
        lambda m, r: [host.country.code for host in m.host_countries.all()],
    ),
    Column(
        "region",
        "Region code: africa, americas, asia-pacific, europe or middle-east.",
        lambda m, r: m.region,
    ),
    Column(
        "operation_type",
        "traditional, multidimensional, robust, civilian or enforcement; empty if unstated.",
        lambda m, r: m.operation_type,
    ),
    Column(
        "start_date",
        "First day of the period the start is known to (YYYY-MM-DD); read with start_precision.",
        lambda m, r: m.start_date,
        type="date",
    ),
    Column(
        "start_precision",
        "year, month or day: how precisely the start is known.",
        lambda m, r: m.start_precision,
    ),
    Column(
        "end_date",
        "Last day of the period the end is known to (YYYY-MM-DD); empty when no end is recorded.",
        lambda m, r: m.end_date,
        type="date",
    ),
    Column(
        "end_precision", "year, month or day; empty with no end date.", lambda m, r: m.end_precision
    ),
    Column(
        "status",
        "active (a start and no recorded end), closed, or unknown (no dates recorded).",
        lambda m, r: m.operational_status.value,
    ),
    Column(
        "outcome",
        "success, mixed, failure, ongoing or not-assessed, as the cited sources judge it.",
        lambda m, r: m.outcome,
    ),
    Column("summary", "One or two sentences in the atlas's own words.", lambda m, r: m.summary),
    Column(
        "headquarters",
        "Where the mission was headquartered, as the data set names it.",
        lambda m, r: m.headquarters,
    ),
    Column(
        "headquarters_latitude",
        "Decimal degrees, north positive; empty when unknown or implausible.",
        lambda m, r: m.headquarters_latitude,
        type="number",
    ),
    Column(
        "headquarters_longitude",
        "Decimal degrees, east positive; empty when unknown or implausible.",
        lambda m, r: m.headquarters_longitude,
        type="number",
    ),
    Column(
        "peak_personnel",
        "Largest monthly uniformed strength (troops, police, observers) in the data sets: IPI's "
        "for UN missions 1990-2017, else Bara & Hultman's 1993-2016; empty when neither covers it.",
        lambda m, r: _figure(m, "peak_personnel"),
        type="integer",
    ),
    Column(
        "peak_personnel_month",
        "First month the peak was reached (YYYY-MM-01, a month).",
        lambda m, r: _figure(m, "peak_month"),
        type="date",
    ),
    Column(
        "fatalities",
        "Deaths of its personnel in the UN's fatalities data set, 1948-2025; empty for an "
        "operation the UN did not lead.",
        lambda m, r: _figure(m, "fatalities"),
        type="integer",
    ),
    Column(
        "host_country_names",
        "English names of the host countries, separated by ';', in the order of host_countries.",
        lambda m, r: [country_name(host.country.code) for host in m.host_countries.all()],
    ),
    Column(
        "start_date_text",
        "The start as the atlas shows it, no more precisely than it is known: "
        "'1991', 'June 1991' or '26 June 1991'.",
        lambda m, r: format_partial_date(m.start_date, m.start_precision),
    ),
    Column(
        "end_date_text",
        "The end as the atlas shows it, at its precision; empty when no end is recorded.",
        lambda m, r: format_partial_date(m.end_date, m.end_precision),
    ),
]


def _figure(mission, name):
    """A headline figure (datasets.MissionFigures, selected with the mission), or None."""
    try:
        figures = mission.figures
    except ObjectDoesNotExist:
        return None
    return getattr(figures, name)


def mission_record(mission, request=None):
    """One mission as JSON: the export columns plus its citations, lessons and relations."""
    record = {column.name: column.value(mission, request) for column in MISSION_COLUMNS}
    record.update(
        mandate=mission.mandate,
        ending=mission.ending,
        outcome_reasoning=mission.outcome_reasoning,
        body=mission.body,
        organizations=[
            {"slug": role.organization.slug, "name": role.organization.name, "role": role.role}
            for role in mission.roles.all()
        ],
        predecessor=mission.predecessor.slug if mission.predecessor else None,
        successors=[successor.slug for successor in mission.successors.all()],
        lessons=[
            {"slug": lesson.slug, "title": lesson.title, "kind": lesson.kind}
            for lesson in mission.lessons.all()
        ],
        citations=[
            {
                "number": number,
                "field": citation.field,
                "source": citation.section.source.title,
                "section": citation.section.heading,
                "locator": citation.locator,
                "note": citation.note,
                "url": absolute(request, citation.section.get_absolute_url()),
            }
            for number, citation in enumerate(mission.citations.all(), start=1)
        ],
        updated_at=mission.updated_at,
    )
    return record
