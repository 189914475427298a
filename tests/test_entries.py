"""The written reference entries (fixtures/missions-*.json): complete, cited fact by fact,
and about the missions rather than about their sources.

Each check runs once per entry, so `pytest tests/test_entries.py -k unamsil` reads one.
"""

import json

import pytest
from django.conf import settings

from atlas.footnotes import MARKER, SOURCE_TALK
from documents.models import IssuingBody, Milestone, MilestoneAction
from missions.models import Mission, MissionKind, Outcome, Role
from sources.models import Citation

ENTRY_FILES = sorted((settings.BASE_DIR / "fixtures").glob("missions-*.json"))
ENTRIES = [
    record["fields"]["slug"]
    for path in ENTRY_FILES
    for record in json.loads(path.read_text(encoding="utf-8"))
    if record["model"] == "missions.mission"
]
TEXT_FIELDS = ("mandate", "body", "outcome_reasoning", "ending")

pytestmark = pytest.mark.django_db

each_entry = pytest.mark.parametrize("slug", ENTRIES)


def words(text):
    return len(MARKER.sub("", text).split())


def entry(slug):
    return Mission.objects.prefetch_related(
        "citations__section__source", "host_countries", "roles__organization"
    ).get(slug=slug)


@each_entry
def test_entry_has_type_hosts_lead_and_texts_of_reference_length(ready_atlas_without_import, slug):
    mission = entry(slug)
    assert mission.operation_type, "no operation type"
    assert mission.host_countries.all(), "no territory it deployed in"
    assert [r for r in mission.roles.all() if r.role == Role.LEAD], "no lead organization"
    assert mission.summary and not MARKER.search(mission.summary)
    assert 100 <= words(mission.mandate) <= 250, f"mandate: {words(mission.mandate)} words"
    assert 150 <= words(mission.body) <= 400, f"body: {words(mission.body)} words"


@each_entry
def test_every_footnote_marker_names_a_citation_of_its_field(ready_atlas_without_import, slug):
    mission = entry(slug)
    cited = {(c.field, c.section.source.slug, c.section.slug) for c in mission.citations.all()}
    for field in TEXT_FIELDS:
        text = getattr(mission, field)
        if not text:
            continue
        markers = MARKER.findall(text)
        assert markers or field == "outcome_reasoning", f"{field} has no footnote"
        for source, section in markers:
            assert any(
                f == field and s == source and (not section or sec == section)
                for f, s, sec in cited
            ), f"[^{source}] in {field} has no citation of that source for {field}"


@each_entry
def test_the_type_the_hosts_and_the_lead_are_cited(ready_atlas_without_import, slug):
    fields = {c.field for c in entry(slug).citations.all()}
    assert {"operation_type", "host_countries", "organizations"} <= fields
    type_basis = [c for c in entry(slug).citations.all() if c.field == "operation_type"]
    assert any(c.note or c.locator for c in type_basis), "the type's basis is not given"


@each_entry
def test_reader_text_is_about_the_mission_not_its_sources(ready_atlas_without_import, slug):
    mission = entry(slug)
    texts = [mission.summary, *(getattr(mission, f) for f in TEXT_FIELDS)]
    texts += [c.note for c in mission.citations.all()]
    texts += list(Milestone.objects.filter(mission=mission).values_list("note", flat=True))
    for text in texts:
        assert not SOURCE_TALK.search(text or ""), SOURCE_TALK.search(text).group(0)


@each_entry
def test_an_assessed_outcome_gives_its_cited_reasoning(ready_atlas_without_import, slug):
    mission = entry(slug)
    if mission.outcome in (Outcome.SUCCESS, Outcome.MIXED, Outcome.FAILURE):
        assert MARKER.search(mission.outcome_reasoning), "an outcome without cited reasoning"
    if mission.outcome == Outcome.ONGOING:
        assert mission.end_date is None, "a closed mission cannot be ongoing"
    if mission.outcome == Outcome.NOT_ASSESSED:
        assert not mission.outcome_reasoning.strip()


@each_entry
def test_a_un_operation_has_its_establishing_decision_at_its_official_address(
    ready_atlas_without_import, slug
):
    mission = entry(slug)
    milestones = list(Milestone.objects.filter(mission=mission).select_related("document"))
    if mission.kind == MissionKind.PEACE_OPERATION:
        assert milestones, "no decision recorded"
    un_led = any(
        r.role == Role.LEAD and r.organization.slug == "united-nations" for r in mission.roles.all()
    )
    if un_led:
        assert {m.action for m in milestones} & {
            MilestoneAction.ESTABLISHED,
            MilestoneAction.AUTHORIZED,
        }, "no establishing decision"
    for milestone in milestones:
        document = milestone.document
        if document.body == IssuingBody.UN_SECURITY_COUNCIL and document.kind == "resolution":
            expected = f"https://undocs.org/S/RES/{document.number}({document.year})"
            assert document.url == expected
        assert not document.date or document.date.year == document.year


@each_entry
def test_a_closed_operation_has_the_decision_that_ended_it_or_says_how_it_ended(
    ready_atlas_without_import, slug
):
    mission = entry(slug)
    if mission.end_date is None:
        assert not mission.ending, "an operation still running has no ending"
        return
    ended = Milestone.objects.filter(mission=mission, action=MilestoneAction.ENDED)
    assert ended.exists() or mission.ending, "neither the decision that ended it nor how it ended"
    if mission.ending:
        assert len(mission.ending) <= 400 and MARKER.search(mission.ending)


def test_shipped_entries_are_each_loaded_once(ready_atlas_without_import):
    assert ENTRIES, "no entries shipped"
    assert len(ENTRIES) == len(set(ENTRIES))
    assert Mission.objects.filter(slug__in=ENTRIES).count() == len(ENTRIES)
    assert Citation.objects.filter(mission__slug__in=ENTRIES).exists()


def test_all_71_un_operations_30_others_and_the_interventions_apart(ready_atlas_without_import):
    peace = Mission.objects.published().peace_operations()
    un_led = peace.filter(roles__role=Role.LEAD, roles__organization__slug="united-nations")
    assert un_led.distinct().count() == 71
    assert {"UNTAG", "UNTMIH", "UNMIBH"} <= set(un_led.values_list("acronym", flat=True))
    assert not Mission.objects.filter(acronym="IPTF").exists()
    assert peace.exclude(pk__in=un_led).count() >= 30
    assert set(Mission.objects.interventions().values_list("acronym", flat=True)) == {
        "OAF",
        "OUP",
    }
    for intervention in Mission.objects.interventions():
        assert intervention.start_date and intervention.end_date


def test_a_line_of_succession_shows_on_both_pages(ready_atlas_without_import, client):
    chains = list(Mission.objects.published().filter(predecessor__isnull=False))
    assert len(chains) >= 25
    for mission in chains:
        before = mission.predecessor
        assert f'href="{before.get_absolute_url()}"' in client.get(mission.get_absolute_url()).text
        page = client.get(before.get_absolute_url()).text
        assert f'href="{mission.get_absolute_url()}">{mission.acronym}</a>' in page, mission
