"""One name in a file, one mission in the atlas: the naming rules every importer shares."""

import datetime

import pytest

from datasets.missionnames import MissionNames
from missions.dates import DatePrecision
from tests.factories import make_mission

pytestmark = pytest.mark.django_db


def dated(acronym, start, end=None):
    return make_mission(
        acronym=acronym,
        start_date=start,
        start_precision=DatePrecision.DAY,
        end_date=end,
        end_precision=DatePrecision.DAY if end else "",
    )


def test_rule_trailing_space():
    mission = make_mission(acronym="UNASOG")
    match = MissionNames().resolve("UNASOG ")
    assert (match.mission_id, match.rule) == (mission.pk, "trailing space")


@pytest.mark.parametrize("name", ["ONUCI", "UNOCI (ONUCI)"])
def test_rule_other_name(name):
    mission = make_mission(acronym="UNOCI")
    match = MissionNames().resolve(name)
    assert (match.mission_id, match.acronym, match.rule) == (mission.pk, "UNOCI", "other name")


def test_rule_one_name_for_successive_missions_picks_by_date():
    first = dated("UNAVEM I", datetime.date(1989, 1, 3), datetime.date(1991, 5, 30))
    second = dated("UNAVEM II", datetime.date(1991, 6, 1), datetime.date(1995, 2, 8))
    third = dated("UNAVEM III", datetime.date(1995, 2, 8), datetime.date(1997, 6, 30))
    names = MissionNames()
    assert names.resolve("UNAVEM", datetime.date(1990, 11, 30)).mission_id == first.pk
    assert names.resolve("UNAVEM", datetime.date(1992, 3, 31)).mission_id == second.pk
    assert names.resolve("UNAVEM", datetime.date(1996, 1, 31)).mission_id == third.pk
    assert names.resolve("UNAVEM", datetime.date(1992, 3, 31)).rule == (
        "one name for successive missions"
    )
    # A date no mission covers, or no date, links nothing rather than guessing.
    assert names.resolve("UNAVEM", datetime.date(2001, 1, 1)).mission_id is None
    assert names.resolve("UNAVEM").mission_id is None


def test_an_exact_name_needs_no_rule_and_an_unknown_one_links_nothing():
    mission = make_mission(acronym="UNIFIL")
    names = MissionNames()
    match = names.resolve("UNIFIL")
    assert (match.mission_id, match.acronym, match.rule) == (mission.pk, "UNIFIL", "")
    assert names.resolve("unifil").mission_id == mission.pk
    assert names.resolve("NOSUCH").mission_id is None
