"""Site search: FTS5 on SQLite, PostgreSQL text search on PostgreSQL, the same results."""

import pytest
from django.urls import reverse

from atlas.search import rebuild_index
from tests.factories import make_lesson, make_mission, make_organization, make_topic
from website.search import search

pytestmark = pytest.mark.django_db
URL = reverse("search")


@pytest.fixture
def records():
    return {
        "mission": make_mission(
            acronym="AMISOM",
            name="African Union Mission in Somalia",
            summary="Supports the Somali government against insurgents.",
        ),
        "organization": make_organization(
            name="African Union", acronym="AU", summary="Deploys troops to Somalia and Sudan."
        ),
        "lesson": make_lesson(
            title="Regional knowledge", observation="Regional bodies know the ground in Somalia."
        ),
        "topic": make_topic(
            name="Regional organizations", summary="Missions in Somalia and beyond."
        ),
        "draft": make_mission(acronym="SECRET", summary="A draft about Somalia.", status="draft"),
    }


def test_results_are_grouped_by_kind_with_counts(client, records):
    response = client.get(URL, {"q": "somalia"})
    results = response.context["results"]
    assert list(results) == ["mission", "organization", "lesson", "topic"]
    assert {kind: group["total"] for kind, group in results.items()} == {
        "mission": 1,
        "organization": 1,
        "lesson": 1,
        "topic": 1,
    }
    assert response.context["total"] == 4


def test_matched_words_are_highlighted_and_text_is_escaped(client, records):
    make_mission(acronym="XSS", summary="Somalia <img src=x onerror=alert(1)>")
    html = client.get(URL, {"q": "somalia"}).content.decode()
    assert "<mark>Somalia</mark>" in html
    assert "<img" not in html
    assert "XSS" in html  # found, with its markup shown as text or left out, never run


def test_drafts_never_appear_and_unpublishing_removes_a_record(client, records):
    assert "SECRET" not in client.get(URL, {"q": "draft"}).content.decode()
    mission = records["mission"]
    mission.status = "archived"
    mission.save()
    assert "mission" not in search("insurgents")
    mission.status = "published"
    mission.save()
    assert search("insurgents")["mission"]["total"] == 1


def test_every_word_must_match_and_stems_match(records):
    assert search("somali government")["mission"]["total"] == 1
    assert search("somalia sudan") == {"organization": search("somalia sudan")["organization"]}
    assert "mission" in search("supporting")  # "Supports" and "supporting" share a stem


def test_edits_are_searchable_at_once(records):
    organization = records["organization"]
    organization.summary = "Now also mentions peacebuilding."
    organization.save()
    assert search("peacebuilding")["organization"]["total"] == 1
    organization.delete()
    assert search("peacebuilding") == {}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "somalia OR",
        "NEAR(a b)",
        "*",
        "a" * 300,
        "\x00",
        "😀",
        "-somalia",
        "title:x",
        "((",
    ],
)
def test_hostile_queries_never_break_the_page(client, records, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200


def test_a_query_over_the_limit_gets_a_message(client, records):
    response = client.get(URL, {"q": "somalia " * 40})
    assert 'role="alert"' in response.content.decode()


def test_rebuild_index_matches_the_published_records(records):
    assert rebuild_index() == 4
    assert search("somalia")["mission"]["hits"][0].url == records["mission"].get_absolute_url()


def test_results_per_kind_are_capped_but_counted(client):
    for number in range(25):
        make_lesson(title=f"Logistics lesson {number}", observation="Supply lines were long.")
    group = client.get(URL, {"q": "supply"}).context["results"]["lesson"]
    assert group["total"] == 25 and len(group["hits"]) == 20


def test_search_costs_a_fixed_number_of_queries(client, records, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(URL, {"q": "somalia"})


def test_snippets_never_show_footnote_markers(db):
    make_lesson(
        title="Patrols",
        observation="Mobile patrols protected civilians.[^un-review/section-two] Static did not.",
    )
    make_organization(name="Watchers", description="Watchers kept patrols honest.[^some-source]")
    make_topic(name="Patrolling", summary="Patrols keep a presence.[^a-source/part]")
    found = search("patrols")
    snippets = [str(hit.snippet) for group in found.values() for hit in group["hits"]]
    assert len(snippets) == 3
    assert not [snippet for snippet in snippets if "[^" in snippet], snippets
