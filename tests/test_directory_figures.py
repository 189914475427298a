"""The directory by the data sets' headline figures: peak strength, fatalities, duration."""

import datetime

import pytest
from django.urls import reverse

from datasets.models import Fatality, MissionFigures, PeakSeries, PersonnelMonth
from datasets.summaries import refresh
from missions.models import Role
from sources.models import SourceKind
from tests.factories import make_mission, make_organization, make_source
from tests.test_directory import acronyms, read_csv

pytestmark = pytest.mark.django_db

URL = reverse("missions:list")


def month(year, number):
    return datetime.date(year, number, 1)


@pytest.fixture
def figures():
    """Three UN missions with monthly strength and deaths, and an AU one outside the UN's
    fatalities data set."""
    un = make_organization(slug="united-nations", acronym="UN")
    au = make_organization(slug="african-union", acronym="AU")
    source = make_source(kind=SourceKind.DATASET)
    missions = {
        "BIG": make_mission(
            acronym="BIG",
            organizations=[(un, Role.LEAD)],
            start_date=datetime.date(1990, 1, 1),
            start_precision="year",
            end_date=datetime.date(2015, 12, 31),
            end_precision="year",
        ),
        "SMALL": make_mission(
            acronym="SMALL",
            organizations=[(un, Role.LEAD)],
            start_date=datetime.date(1999, 3, 1),
            start_precision="month",
            end_date=datetime.date(1999, 10, 31),
            end_precision="month",
        ),
        "MIDDLE": make_mission(
            acronym="MIDDLE",
            organizations=[(un, Role.LEAD)],
            start_date=datetime.date(2001, 1, 1),
            start_precision="year",
            end_date=datetime.date(2004, 12, 31),
            end_precision="year",
        ),
        "REGIONAL": make_mission(
            acronym="REGIONAL",
            organizations=[(au, Role.LEAD)],
            start_date=datetime.date(2007, 1, 1),
            start_precision="year",
        ),
        "UNDATED": make_mission(acronym="UNDATED", start_date=None, start_precision=""),
    }
    line = iter(range(2, 10_000))
    for acronym, totals in {
        "BIG": [9000, 12500, 12500],
        "SMALL": [40, 300],
        "MIDDLE": [4000],
    }.items():
        for number, total in enumerate(totals, start=1):
            PersonnelMonth.objects.create(
                source=source,
                row=next(line),
                mission=missions[acronym],
                mission_label=acronym,
                month=month(2000, number),
                troops=total,
                police=0,
                observers=0,
                total=total,
            )
    for acronym, deaths in {"BIG": 150, "MIDDLE": 3}.items():
        for number in range(deaths):
            Fatality.objects.create(
                source=source,
                row=next(line),
                mission=missions[acronym],
                mission_label=acronym,
                casualty_id=f"{acronym}-{number}",
                date=datetime.date(2001, 1, 1),
                personnel_type="military",
                incident_type="accident",
                last_update=datetime.date(2025, 4, 4),
            )
    refresh()
    return missions


def test_refresh_works_the_figures_out_from_the_rows(figures):
    big = MissionFigures.objects.get(mission=figures["BIG"])
    # The first month of the peak, of the two months at 12,500.
    assert (big.peak_personnel, big.peak_month, big.peak_series) == (
        12500,
        month(2000, 2),
        PeakSeries.IPI,
    )
    assert big.fatalities == 150
    # A UN mission with no deaths in the data set has none; an AU one is outside it.
    assert MissionFigures.objects.get(mission=figures["SMALL"]).fatalities == 0
    assert not MissionFigures.objects.filter(mission=figures["REGIONAL"]).exists()
    again = refresh()
    # UNDATED has no lead recorded, so the UN's data set is not ruled out for it.
    assert MissionFigures.objects.get(mission=figures["UNDATED"]).fatalities == 0
    assert again.summary == "created 0, updated 0, unchanged 4, rejected 0"


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("strength", ["BIG", "MIDDLE", "SMALL", "REGIONAL", "UNDATED"]),
        ("fatalities", ["BIG", "MIDDLE", "SMALL", "UNDATED", "REGIONAL"]),
    ],
)
def test_directory_and_export_sort_by_a_figure_the_same_way(client, figures, sort, expected):
    assert acronyms(client.get(URL, {"sort": sort})) == expected
    rows = read_csv(client.get(reverse("missions:export-csv"), {"sort": sort}))
    assert [row["acronym"] for row in rows] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"strength": "10000-plus"}, ["BIG"]),
        ({"strength": "1000-10000"}, ["MIDDLE"]),
        ({"strength": "under-1000"}, ["SMALL"]),
        ({"fatalities": "100-plus"}, ["BIG"]),
        ({"fatalities": "1-100"}, ["MIDDLE"]),
        ({"fatalities": "none"}, ["SMALL", "UNDATED"]),
        ({"duration": "20-plus"}, ["BIG"]),
        ({"duration": "under-1"}, ["SMALL"]),
        ({"duration": "1-5"}, ["MIDDLE"]),
    ],
)
def test_figure_and_duration_facets_narrow_the_directory_and_the_export(
    client, figures, query, expected
):
    assert acronyms(client.get(URL, query)) == expected
    rows = read_csv(client.get(reverse("missions:export-csv"), query))
    assert [row["acronym"] for row in rows] == expected


def test_the_export_carries_the_figures(client, figures):
    rows = {row["acronym"]: row for row in read_csv(client.get(reverse("missions:export-csv")))}
    assert rows["BIG"]["peak_personnel"] == "12500"
    assert rows["BIG"]["peak_personnel_month"] == "2000-02-01"
    assert rows["BIG"]["fatalities"] == "150"
    assert rows["REGIONAL"]["fatalities"] == ""


@pytest.mark.parametrize("query", [{"strength": "huge"}, {"fatalities": "-1"}, {"sort": "deaths"}])
def test_unknown_figure_values_never_break_the_directory(client, figures, query):
    response = client.get(URL, query)
    assert response.status_code == 200


def test_the_mandate_task_facet_finds_missions_ever_given_the_task(client, figures):
    from tests.documents_factories import make_decision, make_document

    make_decision(figures["BIG"], make_document(1509), tasks=["prociv", "ddr_assist"])
    make_decision(figures["MIDDLE"], make_document(1510), tasks=["buffer_monitor"])
    assert acronyms(client.get(URL, {"task": "prociv"})) == ["BIG"]
    rows = read_csv(client.get(reverse("missions:export-csv"), {"task": "buffer_monitor"}))
    assert [row["acronym"] for row in rows] == ["MIDDLE"]
    labels = {
        value.value: value.label
        for facet in client.get(URL).context["facets"]
        if facet.name == "task"
        for value in facet.values
    }
    # Only the tasks some mission was given are offered, in the codebook's words.
    assert labels == {
        "buffer_monitor": "Monitor a buffer zone",
        "prociv": "Protect civilians",
        "ddr_assist": "Help implement disarmament, demobilization and reintegration",
    }
    assert client.get(URL, {"task": "nonsense"}).status_code == 200
