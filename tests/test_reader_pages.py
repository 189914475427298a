"""What a reader sees: published records only, facts at their real precision, citations."""

import datetime
import re

import pytest
from django.urls import reverse

from atlas.models import PublicationStatus
from missions.dates import DatePrecision
from missions.models import Role
from tests.factories import (
    cite,
    make_lesson,
    make_mission,
    make_organization,
    make_section,
    make_source,
    make_theme,
    make_topic,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.ARCHIVED]


def test_home_counts_only_published_records(client):
    make_mission(acronym="SHOWN")
    make_mission(acronym="HIDDEN", status=PublicationStatus.DRAFT)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["counts"]["missions"] == 1
    assert b"SHOWN" in response.content
    assert b"HIDDEN" not in response.content


def test_home_lists_records_by_their_last_change_most_recent_first_with_the_date(client):
    def changed_on(record, day):
        # A save stamps the present moment; a change made earlier is written directly.
        moment = datetime.datetime(2024, 5, day, 12, tzinfo=datetime.UTC)
        type(record).objects.filter(pk=record.pk).update(updated_at=moment)

    changed_on(make_mission(acronym="UNFICYP", name=""), 3)
    changed_on(make_organization(name="African Union", acronym=""), 9)
    changed_on(make_lesson(title="Mandates need exit criteria"), 6)
    changed_on(make_topic(name="Protection of civilians"), 1)
    changed_on(make_mission(acronym="DRAFTED", status=PublicationStatus.DRAFT), 20)
    html = client.get(reverse("home")).content.decode()
    listed = re.findall(
        r'<li><a href="[^"]+">([^<]+)</a> .*?<time datetime="([^"]+)">([^<]+)', html
    )
    assert listed == [
        ("African Union", "2024-05-09", "9 May 2024"),
        ("Mandates need exit criteria", "2024-05-06", "6 May 2024"),
        ("UNFICYP", "2024-05-03", "3 May 2024"),
        ("Protection of civilians", "2024-05-01", "1 May 2024"),
    ]


def test_home_shows_a_new_change_at_once_though_its_list_is_kept(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0  # the list is kept, not the page
    make_mission(acronym="UNFIRST")
    assert "UNFIRST" in client.get(reverse("home")).content.decode()
    make_organization(name="A newly saved organization")
    assert "A newly saved organization" in client.get(reverse("home")).content.decode()


def test_mission_list_shows_published_and_hides_drafts(client):
    make_mission(acronym="UNFICYP")
    for status in UNPUBLISHED:
        make_mission(acronym=f"X{status}", status=status)
    response = client.get(reverse("missions:list"))
    assert response.status_code == 200
    assert b"UNFICYP" in response.content
    for status in UNPUBLISHED:
        assert f"X{status}".encode() not in response.content


def test_mission_list_is_paginated(client):
    for _ in range(30):
        make_mission()
    first = client.get(reverse("missions:list"))
    second = client.get(reverse("missions:list"), {"page": 2})
    assert len(first.context["mission_list"]) == 25
    assert len(second.context["mission_list"]) == 5
    assert b'rel="next"' in first.content


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_records_are_404(client, status):
    mission = make_mission(status=status)
    organization = make_organization(status=status)
    lesson = make_lesson(status=status)
    topic = make_topic(status=status)
    source = make_source(status=status)
    for record in (mission, organization, lesson, topic, source):
        assert client.get(record.get_absolute_url()).status_code == 404


def test_mission_page_shows_facts_roles_countries_and_citations(client):
    un = make_organization(name="United Nations", acronym="UN", slug="united-nations")
    council = make_organization(name="Security Council", acronym="UNSC", slug="unsc")
    mission = make_mission(
        acronym="UNFICYP",
        name="United Nations Peacekeeping Force in Cyprus",
        start_date=datetime.date(1964, 3, 27),
        start_precision=DatePrecision.DAY,
        organizations=[(un, Role.LEAD), (council, Role.AUTHORIZING)],
        countries=("CY",),
    )
    section = make_section(heading="Case Studies", source=make_source(title="An article"))
    cite(mission, section, note="Names the force and its founding year.")
    cite(mission, section, field="start_date", locator="row id 43")
    response = client.get(mission.get_absolute_url())
    html = response.content.decode()
    assert "United Nations Peacekeeping Force in Cyprus" in html
    assert "27 March 1964" in html
    assert "Cyprus" in html
    assert "(lead)" in html and "(authorizing body)" in html
    assert "Case Studies" in html and "row id 43" in html
    assert f'href="{section.get_absolute_url()}"' in html
    assert 'href="#cite-2"' in html  # the start date carries its footnote marker


def test_dates_are_never_shown_more_precisely_than_known(client):
    mission = make_mission(
        start_date=datetime.date(2004, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=datetime.date(2017, 10, 31),
        end_precision=DatePrecision.MONTH,
    )
    html = client.get(mission.get_absolute_url()).content.decode()
    assert ">2004<" in html
    assert "October 2017" in html
    assert "1 January 2004" not in html
    assert "31 October 2017" not in html


def test_mission_page_hides_unpublished_relations(client):
    hidden_org = make_organization(name="Hidden Org", status=PublicationStatus.DRAFT)
    mission = make_mission(organizations=[(hidden_org, Role.PARTNER)])
    hidden_lesson = make_lesson(title="Hidden lesson", status=PublicationStatus.DRAFT)
    hidden_lesson.missions.add(mission)
    successor = make_mission(acronym="SUCCESSOR", predecessor=mission, status="draft")
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "Hidden Org" not in html
    assert "Hidden lesson" not in html
    assert successor.acronym not in html


def test_organization_page_lists_missions_with_roles(client):
    nato = make_organization(name="North Atlantic Treaty Organization", acronym="NATO")
    make_mission(acronym="IFOR", organizations=[(nato, Role.LEAD)])
    make_mission(acronym="DRAFTOP", organizations=[(nato, Role.LEAD)], status="draft")
    html = client.get(nato.get_absolute_url()).content.decode()
    assert "IFOR" in html and "Lead" in html
    assert "DRAFTOP" not in html


def test_organization_list_counts_published_missions(client):
    un = make_organization(acronym="UN")
    make_mission(organizations=[(un, Role.LEAD)])
    make_mission(organizations=[(un, Role.LEAD)], status="draft")
    response = client.get(reverse("organizations:list"))
    (listed,) = response.context["organization_list"]
    assert listed.mission_count == 1


def test_lesson_list_filters_by_kind_and_counts_kinds(client):
    make_lesson(title="Resources run short", kind="challenge")
    make_lesson(title="Engage local people", kind="success-factor")
    response = client.get(reverse("lessons:list"), {"kind": "challenge"})
    assert [lesson.title for lesson in response.context["lesson_list"]] == ["Resources run short"]
    kinds = {value: count for value, _label, count in response.context["kinds"]}
    assert kinds["challenge"] == 1 and kinds["success-factor"] == 1


def test_lesson_list_ignores_an_unknown_kind(client):
    make_lesson()
    response = client.get(reverse("lessons:list"), {"kind": "<script>"})
    assert response.status_code == 200
    assert len(response.context["lesson_list"]) == 1
    assert b"<script>" not in response.content


def test_lesson_page_links_missions_organizations_and_themes(client):
    mission = make_mission(acronym="UNAMIR")
    organization = make_organization(name="African Union")
    theme = make_theme(name="Mandate")
    lesson = make_lesson(title="Too little, too late")
    lesson.missions.add(mission)
    lesson.organizations.add(organization)
    lesson.themes.add(theme)
    cite(lesson)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "UNAMIR" in html and "African Union" in html and "Mandate" in html
    theme_page = client.get(theme.get_absolute_url())
    assert list(theme_page.context["object_list"]) == [lesson]


def test_topic_page_lists_related_records(client):
    topic = make_topic(name="Consent")
    mission = make_mission(acronym="UNTSO")
    topic.missions.add(mission)
    lesson = make_lesson(title="Ask first")
    lesson.topics.add(topic)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "UNTSO" in html and "Ask first" in html
    assert "Consent" in client.get(reverse("lessons:topics")).content.decode()


def test_source_page_lists_what_cites_each_section(client):
    section = make_section(heading="History")
    mission = make_mission(acronym="ONUC")
    draft = make_mission(acronym="SECRET", status="draft")
    cite(mission, section)
    cite(draft, section)
    html = client.get(section.source.get_absolute_url()).content.decode()
    assert f'id="{section.anchor}"' in html
    assert "ONUC" in html
    assert "SECRET" not in html


def test_static_css_is_linked(client):
    assert b"css/atlas.css" in client.get(reverse("home")).content


def test_missing_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_mission_page_places_the_mission_on_the_shared_timeline(client):
    make_mission(start_date=datetime.date(1948, 1, 1), start_precision="year")
    mission = make_mission(
        acronym="UNAMIR",
        start_date=datetime.date(1993, 10, 1),
        start_precision="month",
        end_date=datetime.date(1996, 3, 31),
        end_precision="month",
    )
    response = client.get(mission.get_absolute_url())
    assert response.context["first_year"] == 1948
    assert "on an axis from 1948 to" in response.content.decode()
    # 45 of the axis's years (1948 to this year, inclusive) pass before 1993.
    years_on_axis = datetime.date.today().year - 1948 + 1
    assert response.context["timeline"]["left"] == round(45 / years_on_axis * 100, 2)


def test_mission_json_view_has_facts_and_citations(client):
    mission = make_mission(acronym="UNTSO", countries=("IL", "EG"))
    cite(mission, make_section(heading="History"), field="start_date", locator="row id 81")
    data = client.get(reverse("missions:detail-json", args=[mission.slug])).json()
    assert data["acronym"] == "UNTSO"
    assert data["host_countries"] == ["EG", "IL"]
    assert data["citations"][0]["section"] == "History"
    assert data["citations"][0]["locator"] == "row id 81"
    draft = make_mission(status="draft")
    assert client.get(reverse("missions:detail-json", args=[draft.slug])).status_code == 404


def test_mission_page_shows_the_headquarters_with_coordinates(client):
    from decimal import Decimal

    mission = make_mission(
        headquarters="Mogadishu",
        headquarters_latitude=Decimal("2.0333"),
        headquarters_longitude=Decimal("45.35"),
    )
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "Mogadishu" in html and "2.0333° N, 45.3500° E" in html


@pytest.mark.parametrize("slug", ["unmiss", "mission_2-b", "--slug--x"])
def test_record_addresses_are_what_reverse_gives(slug):
    """get_absolute_url splices the slug into an address reversed once per view name and
    script prefix; it must give what reverse() gives, under a prefix too."""
    from django.urls import get_script_prefix, set_script_prefix

    from lessons.models import Lesson, Theme, Topic
    from missions.models import Mission
    from organizations.models import Organization
    from sources.models import Source

    before = get_script_prefix()
    try:
        for prefix in ("/", "/atlas/"):
            set_script_prefix(prefix)
            for record, name in [
                (Mission(slug=slug), "missions:detail"),
                (Organization(slug=slug), "organizations:detail"),
                (Lesson(slug=slug), "lessons:detail"),
                (Topic(slug=slug), "lessons:topic"),
                (Theme(slug=slug), "lessons:theme"),
                (Source(slug=slug), "sources:detail"),
            ]:
                assert record.get_absolute_url() == reverse(name, args=[slug])
            assert Mission(slug=slug).get_json_url() == reverse("missions:detail-json", args=[slug])
    finally:
        set_script_prefix(before)


def test_layout_links_follow_the_script_prefix(rf):
    """The header's addresses are reversed once per prefix, so a site mounted under a
    path still links inside it."""
    from django.urls import get_script_prefix, set_script_prefix

    from website.context_processors import site_links

    before = get_script_prefix()
    try:
        assert site_links(rf.get("/"))["links"]["missions"] == reverse("missions:list")
        set_script_prefix("/atlas/")
        links = site_links(rf.get("/"))["links"]
        assert links["missions"] == "/atlas/missions/" and links["home"] == "/atlas/"
    finally:
        set_script_prefix(before)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/missions/", "Missions"),
        ("/missions/timeline/", "Missions"),
        ("/organizations/", "Organizations"),
        ("/lessons/", "Lessons"),
        ("/topics/", "Topics"),
        ("/documents/", "Documents"),
        ("/numbers/", "Numbers"),
        ("/sources/", "Sources"),
        ("/search/", None),
    ],
)
def test_the_header_marks_the_section_of_the_page(client, url, current):
    nav = client.get(url).context["nav"]
    assert [label for label, _, is_current in nav if is_current] == ([current] if current else [])
    assert [url for _, url, _ in nav] == [
        reverse(name)
        for name in ("missions:list", "organizations:list", "lessons:list", "lessons:topics")
        + ("documents:list", "datasets:numbers", "sources:list")
    ]
