"""The mission directory: facets with counts, search, sort, pagination, exports, bad input."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from missions.models import Mission, Role
from tests.factories import (
    make_lesson,
    make_mission,
    make_organization,
    make_theme,
)

pytestmark = pytest.mark.django_db

URL = reverse("missions:list")


@pytest.fixture
def directory():
    un = make_organization(name="United Nations", acronym="UN", slug="un")
    au = make_organization(name="African Union", acronym="AU", slug="au")
    mandate = make_theme(name="Mandate", slug="mandate")
    missions = {
        "UNFICYP": make_mission(
            acronym="UNFICYP",
            organizations=[(un, Role.LEAD)],
            countries=("CY",),
            region="europe",
            operation_type="traditional",
            start_date=datetime.date(1964, 3, 27),
            start_precision="day",
            mandate="Keep the peace between the two communities.",
        ),
        "UNAMIR": make_mission(
            acronym="UNAMIR",
            organizations=[(un, Role.LEAD)],
            countries=("RW",),
            region="africa",
            outcome="failure",
            start_date=datetime.date(1993, 10, 1),
            start_precision="month",
            end_date=datetime.date(1996, 3, 31),
            end_precision="month",
        ),
        "AMISOM": make_mission(
            acronym="AMISOM",
            name="African Union Mission in Somalia",
            organizations=[(au, Role.LEAD), (un, Role.PARTNER)],
            countries=("SO",),
            region="africa",
            start_date=datetime.date(2007, 1, 19),
            start_precision="day",
            end_date=datetime.date(2022, 3, 31),
            end_precision="day",
        ),
        "DRAFT": make_mission(acronym="DRAFT", status="draft", region="africa", countries=("SO",)),
    }
    lesson = make_lesson(title="Too little, too late")
    lesson.themes.add(mandate)
    lesson.missions.add(missions["UNAMIR"])
    return missions


def acronyms(response):
    return [mission.acronym for mission in response.context["mission_list"]]


def facet(response, name):
    (found,) = [f for f in response.context["facets"] if f.name == name]
    return {value.value: value.count for value in found.values}


def test_directory_lists_published_missions_earliest_first(client, directory):
    response = client.get(URL)
    assert acronyms(response) == ["UNFICYP", "UNAMIR", "AMISOM"]
    assert "3</strong> missions match" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"organization": "au"}, ["AMISOM"]),
        ({"organization": "un"}, ["UNFICYP", "UNAMIR", "AMISOM"]),
        ({"type": "traditional"}, ["UNFICYP"]),
        ({"region": "africa"}, ["UNAMIR", "AMISOM"]),
        ({"country": "RW"}, ["UNAMIR"]),
        ({"status": "active"}, ["UNFICYP"]),
        ({"status": "closed"}, ["UNAMIR", "AMISOM"]),
        ({"outcome": "failure"}, ["UNAMIR"]),
        ({"decade": "1990"}, ["UNAMIR"]),
        ({"start_from": "1990", "start_to": "2000"}, ["UNAMIR"]),
        ({"theme": "mandate"}, ["UNAMIR"]),
        ({"q": "somalia"}, ["AMISOM"]),
        ({"q": "two communities"}, ["UNFICYP"]),
        ({"region": "africa", "organization": "au"}, ["AMISOM"]),
    ],
)
def test_each_filter_narrows_the_directory(client, directory, query, expected):
    assert acronyms(client.get(URL, query)) == expected


def test_search_looks_in_acronym_name_summary_and_mandate_only(client, directory):
    unamir = directory["UNAMIR"]
    unamir.summary = "Observers in Kigali."
    unamir.outcome_reasoning = "Withdrawn amid genocide."
    unamir.save()
    assert acronyms(client.get(URL, {"q": "kigali"})) == ["UNAMIR"]
    assert acronyms(client.get(URL, {"q": "unfi"})) == ["UNFICYP"]  # a word's start is enough
    # Outcome reasoning is searched by the site search, not by the directory's box.
    assert acronyms(client.get(URL, {"q": "genocide"})) == []
    assert "UNAMIR" in client.get(reverse("search"), {"q": "genocide"}).content.decode()
    export = client.get(reverse("missions:export-csv"), {"q": "kigali"})
    assert b"UNAMIR" in b"".join(export.streaming_content)
    export = client.get(reverse("missions:export-csv"), {"q": "genocide"})
    assert b"UNAMIR" not in b"".join(export.streaming_content)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-start", ["AMISOM", "UNAMIR", "UNFICYP"]),
        ("name", ["AMISOM", "UNAMIR", "UNFICYP"]),
        ("duration", ["UNFICYP", "AMISOM", "UNAMIR"]),
    ],
)
def test_directory_sorts(client, directory, sort, expected):
    assert acronyms(client.get(URL, {"sort": sort})) == expected


def test_facet_counts_say_how_many_missions_each_value_would_leave(client, directory):
    response = client.get(URL, {"region": "africa"})
    assert facet(response, "organization") == {"au": 1, "un": 2}
    # Within a facet, counts ignore that facet's own choice, so other regions stay reachable.
    assert facet(response, "region")["europe"] == 1
    assert facet(response, "country") == {"RW": 1, "SO": 1}
    assert facet(response, "status")["closed"] == 2
    assert facet(response, "decade")["1990"] == 1 and facet(response, "decade")["1960"] == 0


def test_zero_count_facet_values_are_hidden(client, directory):
    html = client.get(URL, {"region": "africa"}).content.decode()
    assert "Robust" not in html  # no mission of that type
    assert "Cyprus" not in html  # the only Cypriot mission is in Europe


def test_cards_show_host_countries_and_organization_roles(client, directory):
    html = client.get(URL, {"region": "africa"}).content.decode()
    assert 'AU <span class="role">(lead)</span>, UN <span class="role">(partner)</span>' in html
    amisom = Mission.objects.get(acronym="AMISOM")
    assert f'<a href="{amisom.get_absolute_url()}">AMISOM</a>' in html
    assert "19 January 2007 – 31 March 2022 · Somalia" in " ".join(html.split())


def test_a_new_theme_is_listed_at_once(client, directory):
    client.get(URL)  # builds the facet index and reads the themes
    make_theme(name="Logistics", slug="logistics")
    response = client.get(URL, {"theme": "logistics"})
    assert "logistics" in facet(response, "theme")
    assert 'name="theme" value="logistics"' in response.content.decode()


def test_facet_links_keep_other_filters_and_drop_the_page(client, directory):
    response = client.get(URL, {"region": "africa", "page": "1"})
    (organization,) = [f for f in response.context["facets"] if f.name == "organization"]
    au_link = next(v.url for v in organization.values if v.value == "au")
    assert "region=africa" in au_link and "organization=au" in au_link and "page" not in au_link
    (region,) = [f for f in response.context["facets"] if f.name == "region"]
    remove = next(v.url for v in region.values if v.value == "africa")
    assert "region" not in remove


def test_pagination_keeps_the_filters(client):
    for _ in range(30):
        make_mission(region="europe")
    response = client.get(URL, {"region": "europe"})
    assert 'href="?region=europe&amp;page=2"' in response.content.decode()
    assert len(client.get(URL, {"region": "europe", "page": 2}).context["mission_list"]) == 5


@pytest.mark.parametrize("page", ["-1", "abc", "99999", "1.5", "0", "9" * 40])
def test_hostile_page_numbers_show_a_real_page(client, directory, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"organization": "no-such-org"},
        {"decade": "1850"},
        {"start_from": "abc"},
        {"start_to": "99999"},
        {"sort": "'; DROP TABLE missions_mission; --"},
        {"q": "x" * 500},
        {"type": "<script>alert(1)</script>"},
    ],
)
def test_invalid_filters_show_everything_with_a_message(client, directory, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert acronyms(response) == ["UNFICYP", "UNAMIR", "AMISOM"]
    assert "<script>alert(1)</script>" not in html


def test_clear_filters_link_appears_only_when_filtering(client, directory):
    assert "Clear filters" not in client.get(URL).content.decode()
    assert "Clear filters" in client.get(URL, {"region": "africa"}).content.decode()


def read_csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_the_directory_selection_and_stable_columns(client, directory):
    response = client.get(reverse("missions:export-csv"), {"region": "africa"})
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert [row["acronym"] for row in rows] == ["UNAMIR", "AMISOM"]
    amisom = rows[1]
    assert amisom["lead_organizations"] == "AU"
    assert amisom["other_organizations"] == "UN (partner)"
    assert amisom["host_countries"] == "SO"
    assert amisom["start_date"] == "2007-01-19" and amisom["start_precision"] == "day"
    assert amisom["status"] == "closed"
    assert amisom["url"].endswith("/missions/" + directory["AMISOM"].slug + "/")


def test_json_export_matches_the_csv(client, directory):
    response = client.get(reverse("missions:export-json"), {"organization": "au"})
    data = json.loads(b"".join(response.streaming_content))
    assert [item["acronym"] for item in data] == ["AMISOM"]
    assert data[0]["host_countries"] == ["SO"]


def test_export_with_bad_filters_is_a_clear_400(client, directory):
    response = client.get(reverse("missions:export-csv"), {"country": "ZZ"})
    assert response.status_code == 400
    assert b"country" in response.content


def test_csv_cells_cannot_become_spreadsheet_formulas(client):
    make_mission(acronym="FORMULA", summary='=HYPERLINK("http://evil")')
    rows = read_csv(client.get(reverse("missions:export-csv")))
    assert rows[0]["summary"].startswith("'=")


def test_organization_and_lesson_exports_follow_their_filters(client, directory):
    rows = read_csv(client.get(reverse("organizations:export-csv")))
    assert {row["acronym"]: row["mission_count"] for row in rows} == {"AU": "1", "UN": "3"}
    lessons = json.loads(
        b"".join(client.get(reverse("lessons:export-json"), {"theme": "mandate"}).streaming_content)
    )
    assert [item["title"] for item in lessons] == ["Too little, too late"]
    assert lessons[0]["missions"] == ["UNAMIR"]


def test_open_data_page_documents_every_column(client):
    from missions.exports import MISSION_COLUMNS

    html = client.get(reverse("open-data")).content.decode()
    for column in MISSION_COLUMNS:
        assert f"<code>{column.name}</code>" in html


def test_lesson_directory_filters_by_theme_and_search(client, directory):
    response = client.get(reverse("lessons:list"), {"theme": "mandate", "q": "late"})
    assert [lesson.title for lesson in response.context["lesson_list"]] == ["Too little, too late"]
    response = client.get(reverse("lessons:list"), {"theme": "nope"})
    assert 'role="alert"' in response.content.decode()


def test_organization_directory_filters_by_kind(client):
    make_organization(name="Alliance", kind="alliance")
    make_organization(name="Region body", kind="regional")
    response = client.get(reverse("organizations:list"), {"kind": "alliance"})
    assert [o.name for o in response.context["organization_list"]] == ["Alliance"]
    response = client.get(reverse("organizations:list"), {"kind": "bogus"})
    assert len(response.context["organization_list"]) == 2


@pytest.mark.parametrize("sort", ["start", "-start", "name", "duration"])
def test_every_sort_lists_missions_as_the_database_orders_them(client, sort):
    """The facet index computes the orders itself; they must match the exports' SQL."""
    from missions.directory.filterset import sort_missions

    dates = [
        (datetime.date(1990, 1, 1), datetime.date(1995, 1, 1)),
        (datetime.date(1990, 1, 1), datetime.date(1995, 1, 1)),  # a tie on both
        (datetime.date(1990, 1, 1), None),  # active
        (datetime.date(1960, 5, 1), datetime.date(1961, 5, 1)),
        (None, None),  # undated
        (None, None),
        (datetime.date(2001, 3, 3), datetime.date(2020, 3, 3)),
    ]
    for number, (start, end) in enumerate(dates):
        make_mission(
            acronym=f"M{7 - number}-X",
            start_date=start,
            start_precision="day" if start else "",
            end_date=end,
            end_precision="day" if end else "",
        )
    expected = [m.acronym for m in sort_missions(Mission.objects.published(), sort)]
    assert acronyms(client.get(URL, {"sort": sort})) == expected


def export_rows(client, **query):
    response = client.get(reverse("missions:export-csv"), query)
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def intervention(directory):
    return make_mission(
        acronym="OAF",
        name="Operation Allied Force",
        kind="military-intervention",
        countries=("RS",),
        start_date=datetime.date(1999, 3, 24),
        start_precision="day",
        end_date=datetime.date(1999, 6, 10),
        end_precision="day",
    )


def test_military_interventions_are_left_out_of_the_default_directory_and_its_downloads(
    client, directory, intervention
):
    assert "OAF" not in acronyms(client.get(URL))
    assert facet(client.get(URL), "kind") == {"peace-operation": 3, "military-intervention": 1}
    assert "OAF" not in [row["acronym"] for row in export_rows(client)]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("military-intervention", ["OAF"]),
        ("all", ["UNFICYP", "UNAMIR", "OAF", "AMISOM"]),
        ("peace-operation", ["UNFICYP", "UNAMIR", "AMISOM"]),
    ],
)
def test_the_kind_facet_finds_the_interventions(client, directory, intervention, kind, expected):
    response = client.get(URL, {"kind": kind})
    assert acronyms(response) == expected
    # An intervention's card says what it is; a peace operation's needs no label.
    assert response.text.count('<span class="tag">Military intervention</span>') == (
        1 if "OAF" in expected else 0
    )
    assert sorted(row["acronym"] for row in export_rows(client, kind=kind)) == sorted(expected)
