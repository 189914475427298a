"""A mission page's "Related missions": its line of succession first, each with its reason."""

import datetime

import pytest

from atlas.models import PublicationStatus
from tests.factories import make_mission

pytestmark = pytest.mark.django_db


def related_on(client, mission):
    response = client.get(mission.get_absolute_url())
    return [(other.acronym, reason) for other, reason in response.context["related"]]


def year(number):
    return datetime.date(number, 1, 1)


def test_a_chain_of_three_shows_both_neighbours_first_with_their_reasons(client):
    first = make_mission(acronym="UNAVEM I", countries=("AO",), start_date=year(1989))
    second = make_mission(
        acronym="UNAVEM II", countries=("AO",), start_date=year(1991), predecessor=first
    )
    make_mission(acronym="UNAVEM III", countries=("AO",), start_date=year(1995), predecessor=second)
    make_mission(acronym="OTHER", countries=("AO",), start_date=year(1990))
    assert related_on(client, second)[:2] == [
        ("UNAVEM I", "preceded it"),
        ("UNAVEM III", "succeeded it"),
    ]
    assert [acronym for acronym, _ in related_on(client, second)] == [
        "UNAVEM I",
        "UNAVEM III",
        "OTHER",
    ]


def test_the_whole_line_is_listed_in_order_from_either_end(client):
    line = [make_mission(acronym="M1", countries=("AO",), start_date=year(1989))]
    for number in range(2, 6):
        line.append(
            make_mission(
                acronym=f"M{number}",
                countries=("CD",),
                start_date=year(1988 + number),
                predecessor=line[-1],
            )
        )
    assert related_on(client, line[-1]) == [
        ("M1", "earlier in the chain"),
        ("M2", "earlier in the chain"),
        ("M3", "earlier in the chain"),
        ("M4", "preceded it"),
    ]
    assert related_on(client, line[0]) == [
        ("M2", "succeeded it"),
        ("M3", "later in the chain"),
        ("M4", "later in the chain"),
        ("M5", "later in the chain"),
    ]


def test_a_line_that_branches_lists_every_successor_once(client):
    root = make_mission(acronym="UNPROFOR", countries=("BA",), start_date=year(1992))
    make_mission(acronym="IFOR", countries=("BA",), start_date=year(1995), predecessor=root)
    make_mission(acronym="UNCRO", countries=("HR",), start_date=year(1995), predecessor=root)
    assert related_on(client, root) == [("IFOR", "succeeded it"), ("UNCRO", "succeeded it")]


def test_an_unpublished_mission_ends_the_line_readers_see(client):
    first = make_mission(acronym="FIRST", countries=("AO",), start_date=year(1980))
    hidden = make_mission(
        acronym="HIDDEN",
        countries=("SO",),
        predecessor=first,
        status=PublicationStatus.DRAFT,
    )
    last = make_mission(acronym="LAST", countries=("CD",), predecessor=hidden)
    assert related_on(client, last) == []
    assert related_on(client, first) == []
