"""A mission page's "Related missions": its line of succession first, each with its reason."""

import datetime

import pytest

from atlas.models import PublicationStatus
from missions.models import Mission, Role
from tests.factories import make_mission, make_organization, make_user

pytestmark = pytest.mark.django_db


def related_on(client, mission):
    response = client.get(mission.get_absolute_url())
    return [(other.acronym, reason) for other, reason in response.context["related"]]


def year(number):
    return datetime.date(number, 1, 1)


def years(first, last=None):
    """A mission's dates from the year `first` to the year `last` (None: still active)."""
    dates = {"start_date": year(first), "start_precision": "year"}
    if last is not None:
        dates.update(end_date=year(last), end_precision="year")
    return dates


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


def test_missions_in_the_same_country_come_next_nearest_in_time(client):
    mission = make_mission(acronym="UNOSOM II", countries=("SO",), **years(1993, 1995))
    make_mission(acronym="UNOSOM I", countries=("SO",), **years(1992, 1993))
    make_mission(acronym="AMISOM", countries=("SO",), **years(2007, 2022))
    make_mission(acronym="EARLY", countries=("SO",), **years(1960, 1961))
    make_mission(acronym="UNITAF", countries=("SO",), **years(1992, 1993))
    make_mission(acronym="ELSEWHERE", countries=("CD",), start_date=year(1993))
    assert related_on(client, mission) == [
        ("UNITAF", "also in Somalia"),
        ("UNOSOM I", "also in Somalia"),
        ("AMISOM", "also in Somalia"),
        ("EARLY", "also in Somalia"),
    ]


def test_the_chain_comes_before_the_host_country_and_is_not_repeated(client):
    first = make_mission(acronym="MONUC", countries=("CD",), start_date=year(1999))
    mission = make_mission(
        acronym="MONUSCO", countries=("CD",), start_date=year(2010), predecessor=first
    )
    make_mission(acronym="ARTEMIS", countries=("CD",), **years(2003, 2003))
    assert related_on(client, mission) == [
        ("MONUC", "preceded it"),
        ("ARTEMIS", "also in Democratic Republic of the Congo"),
    ]


def test_missions_of_the_same_lead_organization_come_after_the_host_country(client):
    un = make_organization(acronym="UN")
    au = make_organization(acronym="AU")
    mission = make_mission(
        acronym="UNOSOM", organizations=[(un, Role.LEAD)], countries=("SO",), start_date=year(1993)
    )
    make_mission(acronym="AMISOM", organizations=[(au, Role.LEAD)], countries=("SO",))
    make_mission(acronym="UNAMIR", organizations=[(un, Role.LEAD)], countries=("RW",))
    make_mission(acronym="UNRELATED", organizations=[(au, Role.LEAD)], countries=("SD",))
    make_mission(acronym="HIDDEN", countries=("SO",), status=PublicationStatus.DRAFT)
    assert related_on(client, mission) == [
        ("AMISOM", "also in Somalia"),
        ("UNAMIR", "same lead organization"),
    ]


def test_missions_without_a_start_date_come_last_on_every_database(client):
    mission = make_mission(acronym="UNOSOM", countries=("SO",), **years(1993, 1995))
    make_mission(acronym="UNDATED", countries=("SO",), start_date=None, start_precision="")
    make_mission(acronym="LATER", countries=("SO",), start_date=year(2007))
    make_mission(acronym="EARLIER", countries=("SO",), **years(1990, 1991))
    assert [acronym for acronym, _ in related_on(client, mission)] == [
        "EARLIER",
        "LATER",
        "UNDATED",
    ]


def test_a_mission_with_no_start_date_lists_the_others_by_start_date(client):
    mission = make_mission(
        acronym="UNDATED", countries=("SO",), start_date=None, start_precision=""
    )
    make_mission(acronym="LATER", countries=("SO",), start_date=year(2007))
    make_mission(acronym="EARLIER", countries=("SO",), start_date=year(1990))
    assert [acronym for acronym, _ in related_on(client, mission)] == ["EARLIER", "LATER"]


def test_the_list_stops_at_twelve_without_repeating_a_mission(client):
    first = make_mission(acronym="FIRST", countries=("SO",), **years(1990, 1990))
    mission = make_mission(
        acronym="MIDDLE", countries=("SO",), **years(2000, 2000), predecessor=first
    )
    for number in range(20):
        make_mission(
            acronym=f"SO{number}", countries=("SO",), **years(1980 + number * 2, 1980 + number * 2)
        )
    acronyms = [acronym for acronym, _ in related_on(client, mission)]
    assert len(acronyms) == 12
    assert len(set(acronyms)) == 12
    assert acronyms[0] == "FIRST"
    # The twelve nearest to 2000 of those in Somalia (1980 to 2018, every second year).
    assert set(acronyms[1:]) == {f"SO{number}" for number in range(5, 16)}


def test_the_same_region_comes_after_the_host_country_nearest_period_first(client):
    mission = make_mission(
        acronym="UNAMIR", countries=("RW",), region="africa", **years(1993, 1996)
    )
    make_mission(acronym="UNOMUR", countries=("RW",), region="africa", **years(1993, 1994))
    make_mission(acronym="ONUC", countries=("CD",), region="africa", **years(1960, 1964))
    make_mission(acronym="ONUMOZ", countries=("MZ",), region="africa", **years(1992, 1994))
    make_mission(acronym="MINURSO", countries=("EH",), region="africa", **years(1991))
    make_mission(acronym="UNMIL", countries=("LR",), region="africa", **years(2003, 2018))
    make_mission(acronym="UNPROFOR", countries=("BA",), region="europe", **years(1992, 1995))
    assert related_on(client, mission) == [
        ("UNOMUR", "also in Rwanda"),
        ("ONUMOZ", "same region, 1992–1994"),
        ("MINURSO", "same region, since 1991"),
        ("UNMIL", "same region, 2003–2018"),
        ("ONUC", "same region, 1960–1964"),
    ]


def test_a_drafts_preview_shows_its_published_line_and_neighbours(client):
    client.force_login(make_user("editor", "Editor"))
    first = make_mission(acronym="MONUC", countries=("CD",), **years(1999, 2010))
    draft = make_mission(
        acronym="MONUSCO",
        countries=("CD",),
        region="africa",
        predecessor=first,
        status=PublicationStatus.DRAFT,
        **years(2010),
    )
    make_mission(acronym="LATER", countries=("CF",), region="africa", predecessor=draft)
    make_mission(acronym="ARTEMIS", countries=("CD",), **years(2003, 2003))
    make_mission(acronym="MINUSCA", countries=("CF",), region="africa", **years(2014))
    assert related_on(client, draft) == [
        ("MONUC", "preceded it"),
        ("LATER", "succeeded it"),
        ("ARTEMIS", "also in Democratic Republic of the Congo"),
        ("MINUSCA", "same region, since 2014"),
    ]


def test_each_line_shows_its_reason_and_a_start_date_only_where_the_reason_has_none(client):
    mission = make_mission(acronym="UNAMIR", countries=("RW",), region="africa", **years(1993))
    make_mission(acronym="UNOMUR", countries=("RW",), region="africa", **years(1993, 1994))
    make_mission(acronym="ONUMOZ", countries=("MZ",), region="africa", **years(1992, 1994))
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "(also in Rwanda, from 1993)" in page
    assert "(same region, 1992–1994)" in page


def test_a_loop_of_predecessors_lists_each_mission_once(client):
    first = make_mission(acronym="FIRST", countries=("AO",), **years(1990, 1991))
    second = make_mission(
        acronym="SECOND", countries=("CD",), predecessor=first, **years(1992, 1993)
    )
    # The admin refuses such a loop (Mission.clean); an import or a raw edit might not.
    Mission.objects.filter(pk=first.pk).update(predecessor=second)
    assert related_on(client, second) == [("FIRST", "preceded it")]


def test_a_published_missions_list_is_worked_out_once_per_content_version(client):
    from unittest import mock

    from missions.directory import index as directory_index

    mission = make_mission(countries=("CY",))
    make_mission(countries=("CY",))
    with mock.patch.object(
        directory_index, "_related_reasons", wraps=directory_index._related_reasons
    ) as worked_out:
        client.get(mission.get_absolute_url())
        client.get(mission.get_absolute_url())
        assert worked_out.call_count == 1
        make_mission(countries=("CY",))  # a new content version: worked out again
        client.get(mission.get_absolute_url())
        assert worked_out.call_count == 2
