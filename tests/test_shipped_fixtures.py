"""The shipped fixtures: complete, cited, in our own words, and true to the reference files."""

import csv
import itertools
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django_countries import countries

from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization
from website.fixtures import shipped_fixture_files

SHARED = Path(settings.BASE_DIR).parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
DATASETS = SHARED / "datasets"
PROSE_FIELDS = {
    "summary",
    "description",
    "body",
    "mandate",
    "outcome_reasoning",
    "observation",
    "recommendation",
    "note",
}
FILES = [str(path) for path in shipped_fixture_files()]

if not SEEDS and os.environ.get("CI"):
    raise RuntimeError("CI must run with ../shared beside the checkout (seeds and datasets)")
needs_shared = pytest.mark.skipif(not SEEDS, reason="../shared is not beside the checkout")


def load_shipped(order=FILES):
    call_command("loaddata", *order, verbosity=0)


def snapshot():
    return serializers.serialize(
        "json",
        itertools.chain(
            *(model.objects.order_by("pk") for model in (Organization, Mission, Lesson, Topic))
        ),
    )


def fixture_records():
    for path in FILES:
        yield from json.loads(Path(path).read_text())


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The shipped fixtures, loaded once for the tests that only read them."""
    with django_db_blocker.unblock():
        load_shipped()
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_loaddata_takes_the_files_in_any_order_and_a_second_load_changes_nothing():
    load_shipped(FILES[::-1])
    assert Mission.objects.count() == sum(
        1 for record in fixture_records() if record["model"] == "missions.mission"
    )
    first = snapshot()
    load_shipped(FILES[1:] + FILES[:1])
    assert snapshot() == first


@pytest.mark.django_db
def test_every_published_record_cites_a_source(shipped):
    for model in (Organization, Mission, Lesson, Topic):
        uncited = model.objects.published().filter(citations__isnull=True)
        assert not uncited.exists(), f"{model.__name__} without citation: {list(uncited)}"


def test_fixtures_use_natural_keys_only():
    assert all("pk" not in record for record in fixture_records())


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@needs_shared
def test_no_sentence_is_copied_from_the_documents():
    runs = set()
    for seed in SEEDS:
        seed_words = words(seed.read_text())
        runs.update(tuple(seed_words[i : i + 8]) for i in range(len(seed_words) - 7))
    copied = []
    for record in fixture_records():
        for field, value in record["fields"].items():
            if field in PROSE_FIELDS and isinstance(value, str):
                text = words(value)
                for i in range(len(text) - 7):
                    if tuple(text[i : i + 8]) in runs:
                        copied.append((record["model"], field, " ".join(text[i : i + 8])))
                        break
    assert copied == []


def test_page_furniture_is_not_content():
    text = json.dumps(list(fixture_records())).lower()
    for furniture in ("norad", "environmental protection pacts", "chemical weapons", "see also"):
        assert furniture not in text


@pytest.mark.django_db
def test_missions_named_only_by_place_are_recorded_by_their_proper_acronym(shipped):
    acronyms = set(Mission.objects.values_list("acronym", flat=True))
    # Cyprus, the Congo, Kashmir, Bosnia, Rwanda, Somalia, Liberia, Sierra Leone, East Timor...
    assert {
        "UNTSO",
        "UNFICYP",
        "ONUC",
        "UNMOGIP",
        "UNPROFOR",
        "UNAMIR",
        "UNOSOM I",
        "UNOSOM II",
        "UNMIL",
        "UNAMSIL",
        "UNTAET",
        "MINUSTAH",
        "MINUSMA",
        "AMISOM",
        "AMIS",
        "IFOR",
    } <= acronyms


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


@needs_shared
@pytest.mark.django_db
def test_facts_taken_from_the_un_export_match_its_rows(shipped):
    rows = un_export_rows()
    checked = 0
    for mission in Mission.objects.prefetch_related("citations__section__source"):
        for citation in mission.citations.all():
            if citation.section.source.slug != "un-peacekeeping-operations-dppadposs-pko":
                continue
            row = rows[citation.locator.removeprefix("row id ")]
            if citation.field in {"name", "start_date", "end_date"}:
                assert row["mission_acronym"] == mission.acronym
            if citation.field == "start_date":
                expected = expected_from_un_export(row["start_date"])
                assert shown(mission.start_date, mission.start_precision) == expected, mission
                checked += 1
            if citation.field == "end_date":
                expected = expected_from_un_export(row["end_date"])
                assert shown(mission.end_date, mission.end_precision) == expected, mission
                checked += 1
    assert checked >= 20


@needs_shared
@pytest.mark.django_db
def test_facts_taken_from_the_regional_table_match_its_rows(shipped):
    rows = non_un_rows()
    for acronym in ("AMISOM", "AMIS", "IFOR"):
        mission = Mission.objects.get(acronym=acronym)
        row = rows[acronym]
        assert mission.name == row["name"]
        assert mission.start_precision == row["start_precision"]
        assert shown(mission.start_date, mission.start_precision)[0] == row["start_date"]
        assert shown(mission.end_date, mission.end_precision)[0] == row["end_date"]
        hosts = {str(host.country) for host in mission.host_countries.all()}
        assert hosts == set(row["host_countries"].split(";"))


@needs_shared
@pytest.mark.django_db
def test_host_countries_cited_to_the_crosswalk_match_it(shipped):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(DATASETS / "unpko_country_crosswalk.xlsx").active
    crosswalk = {}
    for acronym, _name, iso3 in sheet.iter_rows(min_row=2, values_only=True):
        if iso3:
            crosswalk.setdefault(acronym, set()).add(countries.alpha2(iso3))
    cited = Mission.objects.filter(citations__section__source__slug="unpko-country-crosswalk")
    assert cited.count() >= 10
    for mission in cited.prefetch_related("host_countries"):
        hosts = {str(host.country) for host in mission.host_countries.all()}
        assert hosts == crosswalk[mission.acronym], mission.acronym
