"""Timeline, map, sitemap, robots.txt and the Atom feed."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from missions.models import Role
from tests.factories import make_lesson, make_mission, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def missions():
    un = make_organization(name="United Nations", acronym="UN", slug="united-nations")
    nato = make_organization(name="NATO", acronym="NATO", slug="nato")
    return [
        make_mission(acronym="UNFICYP", organizations=[(un, Role.LEAD)], countries=("CY",)),
        make_mission(acronym="IFOR", organizations=[(nato, Role.LEAD)], countries=("BA",)),
        make_mission(acronym="UNDATED", start_date=None, start_precision="", countries=("LY",)),
        make_mission(acronym="DRAFTED", status="draft", countries=("FR",)),
    ]


def test_timeline_draws_a_linked_bar_per_dated_mission_coloured_by_lead(client, missions):
    response = client.get(reverse("missions:timeline"))
    html = response.content.decode()
    bars = response.context["timeline"]["bars"]
    assert {bar.mission.acronym for bar in bars} == {"UNFICYP", "IFOR"}
    colours = {bar.label: bar.colour for bar in bars}
    assert colours["UN"] != colours["NATO"]
    assert f'<a href="{missions[0].get_absolute_url()}">' in html
    assert "<table" in html and "UNDATED" in html  # undated missions are listed, not drawn
    assert "DRAFTED" not in html


def test_timeline_takes_the_directory_filters(client, missions):
    response = client.get(reverse("missions:timeline"), {"organization": "nato"})
    assert [bar.mission.acronym for bar in response.context["timeline"]["bars"]] == ["IFOR"]
    response = client.get(reverse("missions:timeline"), {"country": "bogus"})
    assert 'role="alert"' in response.content.decode()


def test_map_shades_host_countries_and_links_to_the_directory(client, missions):
    response = client.get(reverse("missions:map"), {"organization": "united-nations"})
    shapes = {shape["code"]: shape for shape in response.context["map"]["shapes"]}
    assert shapes["CY"]["count"] == 1 and shapes["CY"]["shade"] == "shade-1"
    assert shapes["BA"]["count"] == 0 and shapes["BA"]["shade"] == "shade-0"
    assert shapes["FR"]["count"] == 0  # drafts do not count
    assert "organization=united-nations" in shapes["CY"]["url"]
    assert "country=CY" in shapes["CY"]["url"]
    html = response.content.decode()
    assert "<title>Cyprus: 1 mission</title>" in html


def test_map_lists_countries_too_small_to_draw_in_its_table(client):
    make_mission(countries=("SG",))  # Singapore is not in the 1:110m outlines
    world_map = client.get(reverse("missions:map")).context["map"]
    assert [row[0] for row in world_map["not_drawn"]] == ["SG"]


def test_sitemap_lists_published_pages_only(client, missions):
    index = client.get(reverse("sitemap")).content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml)</loc>", index)
    assert "/sitemap-missions.xml" in sections
    xml = "".join(client.get(section).content.decode() for section in sections)
    assert missions[0].get_absolute_url() in xml
    assert missions[3].get_absolute_url() not in xml
    assert reverse("missions:map") in xml


def test_sitemap_sections_are_paged(client, missions, settings):
    from missions.sitemaps import MissionSitemap

    MissionSitemap.limit = 2
    try:
        index = client.get(reverse("sitemap")).content.decode()
        assert "/sitemap-missions.xml?p=2" in index
        second = client.get("/sitemap-missions.xml?p=2").content.decode()
        assert second.count("<url>") == 1
        assert client.get("/sitemap-missions.xml?p=9").status_code == 404
    finally:
        MissionSitemap.limit = 1000


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get(reverse("robots"))
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_feed_lists_recent_published_changes(client, missions):
    make_lesson(title="A new lesson")
    make_lesson(title="Unpublished lesson", status="review")
    xml = client.get(reverse("feed")).content.decode()
    assert "<feed" in xml and "A new lesson" in xml and "UNFICYP" in xml
    assert "Unpublished lesson" not in xml and "DRAFTED" not in xml


def test_favicon_ico_is_served_at_the_root_and_an_svg_icon_is_linked(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\0\0\1\0"  # an ICO file's signature
    html = client.get(reverse("home")).content.decode()
    svg = re.search(r'<link rel="icon" href="([^"]+\.svg)"', html).group(1)
    assert "<svg" in (settings.BASE_DIR / "static" / svg.removeprefix("/static/")).read_text()
