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
