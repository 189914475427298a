"""The timeline's axis spans the selection's own years, and its labels stay readable."""

import datetime

import pytest
from django.urls import reverse

from missions.models import DatePrecision
from tests.factories import make_mission

pytestmark = pytest.mark.django_db


ENDED = {"end_precision": DatePrecision.YEAR}


def date(year):
    return datetime.date(year, 3, 1)


@pytest.fixture
def missions():
    return [
        make_mission(acronym="UNEF", start_date=date(1956), end_date=date(1967), **ENDED),
        make_mission(acronym="UNMEE", start_date=date(2003), end_date=date(2008), **ENDED),
        make_mission(acronym="UNMISS", start_date=date(2011), end_date=None),
    ]


def timeline(client, **params):
    return client.get(reverse("missions:timeline"), params).context["timeline"]


def test_a_selection_after_2000_starts_at_the_decade_of_its_first_mission(client, missions):
    drawn = timeline(client, start_from=2001)
    assert [bar.mission.acronym for bar in drawn.get("bars")] == ["UNMEE", "UNMISS"]
    # UNMEE started in 2003: the axis starts at its tick, 2000, not at UNEF's 1950.
    assert drawn["first_year"] == 2000
    assert drawn["ticks"][0] == (2000, drawn["label_width"])
    assert drawn["last_year"] == datetime.date.today().year  # UNMISS has not ended


def test_the_first_bar_starts_near_the_left_of_the_plot(client, missions):
    drawn = timeline(client, start_from=2001)
    plot = drawn["width"] - drawn["label_width"]
    first = drawn["bars"][0]
    assert first.x - drawn["label_width"] < plot * 0.15


def test_the_whole_atlas_starts_at_its_first_missions_decade(client, missions):
    assert timeline(client)["first_year"] == 1950


def test_a_closed_selection_ends_at_its_last_mission_with_ticks_a_year_apart(client, missions):
    drawn = timeline(client, start_from=2001, start_to=2005)
    assert (drawn["first_year"], drawn["last_year"]) == (2003, 2008)
    assert [year for year, x in drawn["ticks"]] == list(range(2003, 2009))


def test_the_chart_tells_a_phone_reader_it_scrolls_sideways(client, missions):
    html = client.get(reverse("missions:timeline")).content.decode()
    cue = html.index('class="scroll-cue"')
    assert "Scroll the chart sideways for later years" in html[cue : cue + 200]
    assert cue < html.index('<div class="timeline-scroller">') < html.index("<svg viewBox")


def test_a_selection_within_one_year_draws_that_year(client):
    make_mission(acronym="BRIEF", start_date=date(1994), end_date=date(1994), **ENDED)
    drawn = timeline(client)
    assert (drawn["first_year"], drawn["last_year"]) == (1994, 1994)
    assert [year for year, x in drawn["ticks"]] == [1994]
