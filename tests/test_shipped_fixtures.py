"""The shipped fixtures: complete, cited, in our own words, and true to the reference files."""

import itertools
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from atlas.footnotes import strip_markers
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
    "ending",
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


@pytest.mark.django_db
def test_every_published_lesson_is_linked_to_a_mission_that_bears_it_out(shipped):
    unlinked = Lesson.objects.published().filter(missions__isnull=True)
    assert not unlinked.exists(), f"lessons without a mission: {[x.slug for x in unlinked]}"


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
                # Markers name sources by their slugs, which may repeat a heading's words.
                text = words(strip_markers(value))
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


@pytest.mark.django_db
def test_the_shipped_missions_related_lists_differ_from_page_to_page(shipped, client):
    lists = Counter()
    for mission in Mission.objects.published():
        related = client.get(mission.get_absolute_url()).context["related"]
        lists[tuple(other.acronym for other, _ in related)] += 1
    shown, pages = lists.most_common(1)[0]
    assert pages <= 3, f"{pages} pages list the same related missions: {shown}"


@pytest.mark.django_db
def test_monusco_links_monuc_first_and_the_angola_line_is_listed_in_order(shipped, client):
    monusco = Mission.objects.get(acronym="MONUSCO")
    response = client.get(monusco.get_absolute_url())
    assert [(other.acronym, reason) for other, reason in response.context["related"][:1]] == [
        ("MONUC", "preceded it")
    ]
    monuc = Mission.objects.get(acronym="MONUC")
    assert f'href="{monuc.get_absolute_url()}"' in response.content.decode()
    unavem_ii = Mission.objects.get(acronym="UNAVEM II")
    related = client.get(unavem_ii.get_absolute_url()).context["related"]
    assert [(other.acronym, reason) for other, reason in related[:3]] == [
        ("UNAVEM I", "preceded it"),
        ("UNAVEM III", "succeeded it"),
        ("MONUA", "later in the chain"),
    ]


def natural_key(record):
    """What identifies a shipped record across files, as the fixture loader finds it."""
    model, fields = record["model"], record["fields"]
    if model == "sources.sourcesection":
        return model, tuple(fields["source"]), fields["slug"]
    if "slug" in fields:
        return model, fields["slug"]
    if model == "sources.citation":
        target = next(
            name for name in ("mission", "organization", "lesson", "topic") if fields[name]
        )
        return model, target, tuple(fields[target]), tuple(fields["section"]), fields["field"]
    if model == "missions.hostcountry":
        return model, tuple(fields["mission"]), fields["country"]
    if model == "missions.missionorganization":
        return model, tuple(fields["mission"]), tuple(fields["organization"])
    if model == "documents.milestone":
        return model, tuple(fields["mission"]), tuple(fields["document"]), fields["action"]
    return model, json.dumps(fields, sort_keys=True)


def test_no_record_is_defined_twice_across_the_shipped_files():
    """A second copy would be skipped silently by a load that keeps existing records."""
    seen, twice = {}, []
    for path in FILES:
        for record in json.loads(Path(path).read_text()):
            key = natural_key(record)
            if key in seen:
                twice.append((key, seen[key], Path(path).name))
            seen[key] = Path(path).name
    assert twice == []
