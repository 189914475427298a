"""The directory as a reader meets it: a dense table beside the cards, 25/50/100 a page,
a heading and title that name the selection, each active filter removable, the facets
folded on a phone and a link that skips to the results."""

import re
from html import unescape

import pytest
from django.urls import reverse

from missions.directory.selection import lowered
from tests.factories import make_mission, make_organization
from tests.test_directory import acronyms, directory  # noqa: F401 - a fixture
from tests.test_directory_figures import figures  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

URL = reverse("missions:list")


def rows(response):
    """The table's rows as the reader sees them: each cell's text."""
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
        for cells in (
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        )
    ]


def heading(response):
    return unescape(re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1))


def title(response):
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode()).group(1))


def test_the_table_compares_the_missions_column_by_column(client, directory):
    response = client.get(URL, {"view": "table", "sort": "name"})
    table = {row[0]: row for row in rows(response)}
    assert list(table) == sorted(table)  # acronym, A to Z
    assert table["UNAMIR"] == [
        "UNAMIR",
        directory["UNAMIR"].name,
        "UN",
        "Rwanda",
        "October 1993",  # at the precision the sources give
        "March 1996",
        "—",
        "—",
        "—",
        "Failure",
    ]
    assert table["UNFICYP"][8] == "Traditional"
    assert table["AMISOM"][2] == "AU"  # the lead, not the partner
    assert "DRAFT" not in table


def test_the_table_shows_the_headline_figures(client, figures):
    table = {row[0]: row for row in rows(client.get(URL, {"view": "table"}))}
    assert table["BIG"][6:8] == ["12,500", "150"]
    assert table["SMALL"][6:8] == ["300", "0"]  # none recorded is a number, not a blank
    assert table["REGIONAL"][6:8] == ["—", "—"]  # outside the UN's data sets
    assert table["UNDATED"][4:6] == ["—", "—"]


def test_the_table_sorts_by_its_headers_and_says_which_is_current(client, figures):
    response = client.get(URL, {"view": "table", "sort": "strength"})
    assert [row[0] for row in rows(response)][:3] == ["BIG", "MIDDLE", "SMALL"]
    html = response.content.decode()
    assert re.search(r'<th scope="col" class="number" aria-sort="descending"><a [^>]*>Peak', html)
    assert html.count("aria-sort=") == 1
    # The start column's header turns the current order round.
    html = client.get(URL, {"view": "table"}).content.decode()
    assert re.search(r'aria-sort="ascending"><a href="\?view=table&amp;sort=-start"', html)


def test_the_cards_and_the_table_show_the_same_missions(client, directory):
    for query in ({}, {"region": "africa"}, {"status": "closed", "sort": "-start"}):
        cards = acronyms(client.get(URL, query))
        table = [row[0] for row in rows(client.get(URL, {**query, "view": "table"}))]
        assert table == cards


@pytest.mark.parametrize(("asked", "shown"), [("50", 50), ("100", 100), ("", 25), ("7", 25)])
def test_a_page_holds_25_50_or_100_missions(client, asked, shown):
    make_organization(slug="united-nations", acronym="UN")
    for number in range(120):
        make_mission(acronym=f"M{number:03}")
    response = client.get(URL, {"per_page": asked, "view": "table"})
    assert response.status_code == 200
    assert len(response.context["mission_list"]) == shown
    assert len(rows(response)) == shown
    current = re.search(
        r'<a href="[^"]*" rel="nofollow" aria-current="true">(\d+)</a>', response.content.decode()
    )
    assert current.group(1) == str(shown)


@pytest.mark.parametrize(
    "query",
    [
        {"per_page": "-1"},
        {"per_page": "9" * 40},
        {"per_page": "<script>"},
        {"view": "<script>alert(1)</script>"},
        {"view": "table", "page": "99999"},
    ],
)
def test_crafted_display_options_show_a_normal_page(client, directory, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert acronyms(response)


def test_heading_and_title_name_the_selection(client, directory):
    query = {"organization": "un", "region": "africa", "status": "closed"}
    response = client.get(URL, query)
    assert heading(response) == "UN missions in Africa, closed"
    assert title(response) == "UN missions in Africa, closed · Peacekeeping Atlas"
    assert heading(client.get(URL)) == "Missions"
    assert heading(client.get(URL, {"country": "RW", "decade": "1990", "q": "genocide"})) == (
        "Missions in Rwanda, started in the 1990s, matching “genocide”"
    )
    assert heading(client.get(URL, {"start_from": "1990", "start_to": "1999"})) == (
        "Missions, started 1990–1999"
    )
    # How the page shows the selection is part of its title, not of its heading.
    shown = client.get(URL, {**query, "view": "table", "per_page": "50", "sort": "-start"})
    assert heading(shown) == "UN missions in Africa, closed"
    assert title(shown) == (
        "UN missions in Africa, closed, sorted by start date, latest first, as a table, "
        "50 a page · Peacekeeping Atlas"
    )


def test_invalid_filters_are_not_named_in_the_heading(client, directory):
    response = client.get(URL, {"region": "atlantis"})
    assert heading(response) == "Missions"
    assert 'role="alert"' in response.content.decode()


def test_each_active_filter_links_to_the_selection_without_it(client, directory):
    response = client.get(
        URL, {"region": "africa", "status": "closed", "q": "somalia", "view": "table"}
    )
    active = {item.label: item.remove_url for item in response.context["selection"].active}
    assert set(active) == {"Search: “somalia”", "Region: Africa", "Status: Closed"}
    without_region = client.get(URL + active["Region: Africa"])
    assert heading(without_region) == "Missions, closed, matching “somalia”"
    assert without_region.context["as_table"]  # the display is kept
    assert heading(client.get(URL + active["Search: “somalia”"])) == "Missions in Africa, closed"
    html = response.content.decode()
    assert 'class="active-filters"' in html and "Clear filters" in html
    assert 'class="active-filters"' not in client.get(URL).content.decode()


def test_facets_fold_into_a_panel_and_a_link_skips_to_the_results(client, directory):
    for query in ({}, {"view": "table"}, {"region": "antarctica-none"}):
        html = client.get(URL, query).content.decode()
        assert html.index('<a class="skip-link" href="#results">Skip to results</a>') < (
            html.index('class="site-header"')
        )
        assert len(re.findall(r'id="results"', html)) == 1
        panel = html.index('<details class="facet-panel">')
        assert panel < html.index('aria-label="Filter missions"') < html.index("</details>")
        # The panel comes before the results, as one folded line on a phone.
        assert panel < html.index('id="results"')


def test_the_table_costs_what_the_cards_cost(client, figures, django_assert_max_num_queries):
    client.get(URL)  # the facet index, built once per content version
    with django_assert_max_num_queries(6) as cards:
        client.get(URL)
    with django_assert_max_num_queries(len(cards.captured_queries)):
        client.get(URL, {"view": "table", "per_page": "100"})


def test_labels_read_inside_a_sentence():
    assert lowered("Under a year") == "under a year"
    assert lowered("UN") == "UN"
    assert lowered("1,000 to 9,999") == "1,000 to 9,999"


def form_inputs(html, css_class):
    form = re.search(rf'<form class="{css_class}".*?</form>', html, re.S).group(0)
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))


def test_each_form_keeps_the_choices_it_does_not_show(client, directory):
    query = {"region": "africa", "q": "somalia", "view": "table", "per_page": "50"}
    html = client.get(URL, {**query, "sort": "name", "start_from": "1990"}).content.decode()
    assert form_inputs(html, "search-form") == {
        "region": "africa",
        "sort": "name",
        "start_from": "1990",
        "view": "table",
        "per_page": "50",
    }
    # The panel shows the sort and the years itself.
    assert form_inputs(html, "refine-form") == {
        "region": "africa",
        "q": "somalia",
        "view": "table",
        "per_page": "50",
    }
    assert '<option value="name" selected>' in html
    # The timeline has no sort menu: its panel keeps the sort hidden.
    timeline = client.get(reverse("missions:timeline"), {"sort": "name"}).content.decode()
    assert form_inputs(timeline, "refine-form") == {"sort": "name"}
