"""The map frames the selection's countries and its legend's classes come from their counts."""

import pytest
from django.urls import reverse

from missions.models import Role
from missions.worldmap import classes, outline_boxes, world
from tests.factories import make_mission, make_organization

pytestmark = pytest.mark.django_db

# Africa and its islands, 26°W–64°E and 38°N–35°S, in the outlines' units: 8/3 a degree,
# x from 180°W eastwards, y from 84°N southwards.
AFRICA = {"left": 180 - 26, "top": 84 - 38, "right": 180 + 64, "bottom": 84 + 35}
AFRICA = {side: degrees * 8 / 3 for side, degrees in AFRICA.items()}


def view_box(world_map):
    return [float(value) for value in world_map["view_box"].split()]


def the_map(client, **params):
    return client.get(reverse("missions:map"), params).context["map"]


def test_one_african_countrys_missions_are_framed_within_africa(client):
    make_mission(acronym="MINUSMA", countries=("ML",))
    make_mission(acronym="UNMISS", countries=("SS",))
    make_mission(acronym="UNFICYP", countries=("CY",))
    world_map = the_map(client, country="ML")
    x, y, width, height = view_box(world_map)
    assert x >= AFRICA["left"] and x + width <= AFRICA["right"]
    assert y >= AFRICA["top"] and y + height <= AFRICA["bottom"]
    left, top, right, bottom = outline_boxes()["ML"]
    assert x < left and right < x + width and y < top and bottom < y + height  # Mali in it
    assert width < world()["width"] / 3
    assert world_map["zoomed"]
    html = client.get(reverse("missions:map"), {"country": "ML"}).content.decode()
    assert f'<svg viewBox="{world_map["view_box"]}"' in html


def test_the_whole_atlas_and_a_worldwide_selection_show_the_whole_world(client):
    un = make_organization(name="United Nations", acronym="UN", slug="united-nations")
    for country in ("ML", "HT", "TL"):  # Mali, Haiti, Timor-Leste
        make_mission(organizations=[(un, Role.LEAD)], countries=(country,))
    make_mission(countries=("CY",))
    whole = f"0 0 {world()['width']} {world()['height']}"
    assert the_map(client)["view_box"] == whole
    assert not the_map(client)["zoomed"]
    assert the_map(client, organization="united-nations")["view_box"] == whole
    assert the_map(client, country="CY")["view_box"] != whole


def test_a_selection_with_no_drawn_country_shows_the_whole_world(client):
    make_mission(countries=("SG",))  # too small for the 1:110m outlines
    world_map = the_map(client, country="SG")
    assert world_map["view_box"] == f"0 0 {world()['width']} {world()['height']}"


def test_counts_of_one_to_three_give_a_class_each_and_no_ten_or_more(client):
    for code, missions in {"ML": 1, "SS": 2, "CD": 3}.items():
        for _ in range(missions):
            make_mission(countries=(code,))
    world_map = the_map(client)
    labels = [label for label, css_class in world_map["legend"]]
    assert labels == ["1 mission", "2 missions", "3 missions"]
    assert not any("10" in label or "more" in label for label in labels)
    shades = {shape["code"]: shape["shade"] for shape in world_map["shapes"]}
    assert shades["ML"] != shades["SS"] != shades["CD"] != shades["ML"]
    assert shades["ML"] == "shade-1" and shades["CD"] == "shade-5"  # lightest to darkest
    assert [css for label, css in world_map["legend"]] == [shades[c] for c in ("ML", "SS", "CD")]


def test_many_counts_fall_into_five_classes_that_end_at_the_largest():
    counts = dict(zip("ABCDEFGHIJKL", [1, 1, 1, 2, 3, 4, 5, 6, 8, 10, 15, 40], strict=True))
    steps = classes(counts)
    assert [(lower, upper) for lower, upper, css_class in steps] == [
        (1, 2),
        (3, 4),
        (5, 6),
        (8, 10),
        (15, 40),
    ]
    assert len({css_class for lower, upper, css_class in steps}) == 5


def test_a_selection_without_host_countries_draws_no_legend(client):
    make_mission(countries=("ML",))
    response = client.get(reverse("missions:map"), {"q": "nothing-matches-this"})
    assert response.context["map"]["legend"] == []
    assert 'aria-label="Shading: number of missions hosted"' not in response.content.decode()
