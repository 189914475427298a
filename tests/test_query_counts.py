"""Every reader page costs the same number of queries whatever the data size."""

import pytest
from django.urls import reverse

from datasets.figures import QUERIES as IN_NUMBERS_QUERIES
from tests.factories import make_atlas

pytestmark = pytest.mark.django_db


def page_urls(atlas):
    mission = atlas["missions"][0]
    lesson = mission.lessons.first()
    return {
        "home": reverse("home"),
        "mission list": reverse("missions:list"),
        "filtered missions": reverse("missions:list")
        + f"?organization={atlas['organizations'][0].slug}&country=CY&type=&q=mission&sort=duration"
        + f"&decade=1990&theme={atlas['themes'][0].slug}&status=active&start_from=1950",
        "mission table": reverse("missions:list") + "?view=table&per_page=100&sort=strength",
        "mission csv": reverse("missions:export-csv") + "?country=CY",
        "mission excel csv": reverse("missions:export-excel") + "?region=africa",
        "missions json": reverse("missions:export-json"),
        "organization csv": reverse("organizations:export-csv"),
        "lesson json": reverse("lessons:export-json") + "?kind=lesson",
        "open data": reverse("open-data"),
        "timeline": reverse("missions:timeline") + "?region=&country=CY",
        "map": reverse("missions:map") + f"?organization={atlas['organizations'][1].slug}",
        "search": reverse("search") + "?q=mission+test",
        "mission detail": mission.get_absolute_url(),
        "mission json": reverse("missions:detail-json", args=[mission.slug]),
        "organization list": reverse("organizations:list"),
        "organization detail": atlas["organizations"][0].get_absolute_url(),
        "lesson list": reverse("lessons:list"),
        "lessons matching nothing": reverse("lessons:list")
        + f"?theme={atlas['themes'][0].slug}&kind=recommendation&q=lesson",
        "lesson detail": lesson.get_absolute_url(),
        "theme": atlas["themes"][0].get_absolute_url(),
        "topic list": reverse("lessons:topics"),
        "topic detail": atlas["topic"].get_absolute_url(),
        "source list": reverse("sources:list"),
        "source detail": atlas["section"].source.get_absolute_url(),
    }


def count_queries(client, url):
    """Queries of a steady-state request: the facet index is built on a first one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)


def test_query_counts_do_not_grow_with_data(client):
    small = page_urls(make_atlas(2))
    small_counts = {name: count_queries(client, url) for name, url in small.items()}
    large = page_urls(make_atlas(40))
    large_counts = {name: count_queries(client, url) for name, url in large.items()}
    assert large_counts == small_counts


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize(
    ("page", "limit"),
    [
        ("home", 10),
        ("mission list", 6),
        ("filtered missions", 10),
        ("mission csv", 3),
        ("missions json", 3),
        ("mission json", 6),
        ("organization csv", 2),
        ("lesson json", 4),
        ("open data", 0),
        ("timeline", 6),
        ("map", 4),
        ("search", 1),
        # The page itself, its decisions, then its "In numbers" figures: a fixed number each.
        ("mission detail", 7 + 1 + IN_NUMBERS_QUERIES),
        ("organization list", 2),
        ("organization detail", 6),
        ("lesson list", 6),
        ("lessons matching nothing", 6),
        ("lesson detail", 6),
        ("theme", 5),
        ("topic list", 1),
        ("topic detail", 7),
        ("source list", 1),
        ("source detail", 3),
    ],
)
def test_each_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries, size, page, limit
):
    url = page_urls(make_atlas(size))[page]
    client.get(url)  # the first request after a change builds the facet index (tested below)
    with django_assert_max_num_queries(limit):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_the_facet_index_is_built_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, size
):
    from missions.directory.index import build

    make_atlas(size)
    # Missions, acronyms, the related facets' rows (organizations, countries, strength,
    # fatalities, mandate tasks, themes), organization names.
    with django_assert_num_queries(9):
        build()
