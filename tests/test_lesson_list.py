"""The lessons list and a theme's page, as a reader sees them."""

import pytest
from django.urls import reverse

from atlas.models import PublicationStatus
from tests.factories import make_lesson, make_mission, make_theme

pytestmark = pytest.mark.django_db


def lessons_with_missions(theme, lessons, missions_each):
    for _ in range(lessons):
        lesson = make_lesson()
        lesson.themes.add(theme)
        lesson.missions.add(*(make_mission(countries=()) for _ in range(missions_each)))


def test_each_lesson_names_its_published_missions_linked_to_their_pages(client):
    theme = make_theme()
    lesson = make_lesson(title="Too little, too late")
    lesson.themes.add(theme)
    shown = make_mission(acronym="UNAMIR", name="UN Assistance Mission for Rwanda")
    hidden = make_mission(acronym="DRAFTMIS", status=PublicationStatus.DRAFT)
    lesson.missions.add(shown, hidden)
    for url in (reverse("lessons:list"), theme.get_absolute_url()):
        html = client.get(url).content.decode()
        assert f'<a href="{shown.get_absolute_url()}"' in html
        assert ">UNAMIR</a>" in html
        assert "DRAFTMIS" not in html


@pytest.mark.parametrize("name", ["lessons:list", "lessons:theme"])
def test_missions_cost_the_same_queries_for_many_lessons(
    client, django_assert_max_num_queries, name
):
    theme = make_theme()
    url = reverse(name, args=[theme.slug] if name == "lessons:theme" else [])
    lessons_with_missions(theme, lessons=1, missions_each=1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    lessons_with_missions(theme, lessons=30, missions_each=5)
    with django_assert_max_num_queries(len(one)):
        html = client.get(url).content.decode()
    assert html.count("Missions: ") == 31


def kind_counts(client, **query):
    response = client.get(reverse("lessons:list"), query)
    assert response.status_code == 200
    return {value: count for value, _label, count in response.context["kinds"]}


@pytest.fixture
def two_themes():
    mandate, resources = make_theme(slug="mandate"), make_theme(slug="resources")
    for kind, theme, title in [
        ("challenge", mandate, "Vague mandates"),
        ("challenge", mandate, "Shifting mandates"),
        ("lesson", mandate, "Mandates need exit plans"),
        ("challenge", resources, "Too few helicopters"),
        ("success-factor", resources, "Pooled logistics"),
    ]:
        make_lesson(kind=kind, title=title).themes.add(theme)


def test_kind_counts_follow_the_chosen_theme(client, two_themes):
    assert kind_counts(client, theme="mandate") == {
        "lesson": 1,
        "challenge": 2,
        "success-factor": 0,
        "failure-factor": 0,
        "recommendation": 0,
    }
    assert kind_counts(client, theme="resources")["challenge"] == 1
    assert kind_counts(client, theme="resources")["success-factor"] == 1
    assert kind_counts(client)["challenge"] == 3


def test_kind_counts_ignore_the_chosen_kind_but_follow_the_search(client, two_themes):
    counts = kind_counts(client, theme="mandate", kind="challenge")
    assert counts["challenge"] == 2 and counts["lesson"] == 1
    assert kind_counts(client, q="mandates")["challenge"] == 2
    assert kind_counts(client, q="mandates")["lesson"] == 1
    assert kind_counts(client, q="helicopters", theme="mandate")["challenge"] == 0


def test_kind_counts_are_shown_beside_each_kind(client, two_themes):
    html = client.get(reverse("lessons:list"), {"theme": "resources"}).content.decode()
    assert '>Challenge</a> <span class="count">1</span>' in html
    assert "Lesson (0)" in html


def test_an_unknown_theme_counts_every_lesson(client, two_themes):
    assert kind_counts(client, theme="nope")["challenge"] == 3


def test_each_theme_tag_links_to_its_theme_page(client):
    mandate, resources = make_theme(name="Mandate"), make_theme(name="Resources")
    make_lesson().themes.add(mandate, resources)
    html = client.get(reverse("lessons:list")).content.decode()
    for theme in (mandate, resources):
        assert f'<a class="theme" href="{theme.get_absolute_url()}">{theme.name}</a>' in html
    html = client.get(mandate.get_absolute_url()).content.decode()
    assert f'href="{mandate.get_absolute_url()}" aria-current="page">Mandate</a>' in html
    assert f'<a class="theme" href="{resources.get_absolute_url()}">Resources</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": "helicopters", "theme": "mandate"},
        {"kind": "recommendation"},
        {"theme": "mandate", "kind": "success-factor"},
        {"q": "nothing-like-this"},
    ],
)
def test_a_selection_matching_nothing_says_so_with_a_way_back(client, two_themes, query):
    html = client.get(reverse("lessons:list"), query).content.decode()
    assert "No lessons match these filters" in html
    assert f'<a href="{reverse("lessons:list")}">Clear the filters</a>' in html
    assert "No lessons are published yet" not in html


def test_a_selection_matching_lessons_or_no_selection_does_not_say_no_match(client, two_themes):
    for query in ({}, {"theme": "mandate"}, {"kind": "<script>"}, {"page": "9"}):
        html = client.get(reverse("lessons:list"), query).content.decode()
        assert "No lessons match" not in html
        assert "Vague mandates" in html


def test_an_empty_atlas_says_no_lessons_are_published(client):
    html = client.get(reverse("lessons:list")).content.decode()
    assert "No lessons are published yet" in html and "No lessons match" not in html
