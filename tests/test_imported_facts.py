"""Facts the UN export, the regional table and the crosswalk supply, after setup_atlas has
imported them: every fact cited to a data set matches that data set's row. (Facts a
written entry cites to a reference are the entry's: tests/test_entries.py.)"""

import csv

import pytest
from django_countries import countries

from missions.models import Mission
from sources.models import Citation
from tests.test_shipped_fixtures import DATASETS, needs_shared

pytestmark = [needs_shared, pytest.mark.django_db]


def un_export_rows():
    with open(DATASETS / "DPPADPOSS-PKO.csv", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def non_un_rows():
    with open(DATASETS / "non-un-operations.csv", encoding="utf-8") as handle:
        return {row["acronym"]: row for row in csv.DictReader(handle)}


def expected_from_un_export(value):
    """The export pads month-only dates with day 01; such a date is a month, not a day."""
    if not value:
        return None, ""
    year, month, day = value.split("-")
    return (f"{year}-{month}", "month") if day == "01" else (value, "day")


def shown(date, precision):
    if date is None:
        return None, ""
    if precision == "month":
        return date.strftime("%Y-%m"), precision
    if precision == "year":
        return str(date.year), precision
    return date.isoformat(), precision


def test_facts_taken_from_the_un_export_match_its_rows(ready_atlas):
    rows = un_export_rows()
    checked = 0
    for mission in Mission.objects.all():
        for citation in Citation.objects.filter(
            mission=mission, section__source__slug="un-peacekeeping-operations-dppadposs-pko"
        ):
            row = rows[citation.locator.removeprefix("row id ")]
            assert row["mission_acronym"] == mission.acronym
            checked += 1
            if citation.field == "headquarters":
                assert mission.headquarters == row["mission_location"].strip(), mission
            if citation.field == "start_date":
                expected = expected_from_un_export(row["start_date"])
                assert shown(mission.start_date, mission.start_precision) == expected, mission
            if citation.field == "end_date":
                expected = expected_from_un_export(row["end_date"])
                assert shown(mission.end_date, mission.end_precision) == expected, mission
    assert checked >= 20


def test_every_operation_of_the_regional_table_is_in_the_atlas_under_its_acronym(ready_atlas):
    acronyms = set(Mission.objects.values_list("acronym", flat=True))
    assert set(non_un_rows()) <= acronyms


def test_host_countries_cited_to_the_crosswalk_match_it(ready_atlas):
    """The crosswalk codes the parties to a conflict as well as the places a mission served
    in: a written entry's cited territories replace its rows, and any row still cited
    matches the mission's countries exactly."""
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(DATASETS / "unpko_country_crosswalk.xlsx").active
    crosswalk = {}
    for acronym, _name, iso3 in sheet.iter_rows(min_row=2, values_only=True):
        if iso3:
            crosswalk.setdefault(acronym, set()).add(countries.alpha2(iso3))
    for mission in Mission.objects.filter(
        citations__section__source__slug="unpko-country-crosswalk"
    ).prefetch_related("host_countries"):
        hosts = {str(host.country) for host in mission.host_countries.all()}
        assert hosts == crosswalk[mission.acronym], mission.acronym
    # MINURSO serves in Western Sahara, which the crosswalk files under Morocco: the
    # written entry's cited territory stands after the import.
    minurso = Mission.objects.get(acronym="MINURSO")
    assert crosswalk["MINURSO"] == {"MA"}
    assert {str(h.country) for h in minurso.host_countries.all()} == {"EH"}
