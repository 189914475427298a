"""The anonymous page cache and the facet index: fast, and never stale after a change."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from atlas import freshness
from atlas.models import PublicationStatus
from atlas.roles import sync_groups
from missions.models import HostCountry, Mission
from tests.factories import cite, make_mission, make_organization

pytestmark = pytest.mark.django_db

HEADER = "X-Atlas-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publisher_client(client):
    sync_groups()
    user = User.objects.create_user("publisher", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client.force_login(user)
    return client


def publish_through_admin(client, mission):
    response = client.post(
        reverse("admin:missions_mission_changelist"),
        {"action": "publish", "_selected_action": [mission.pk]},
    )
    assert response.status_code == 302


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    make_mission(acronym="UNFICYP")
    first = client.get(reverse("missions:list"))
    second = client.get(reverse("missions:list"))
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content


def test_a_publish_in_the_admin_shows_at_once(publisher_client):
    from django.test import Client

    reader = Client()
    draft = make_mission(acronym="UNISFA", status=PublicationStatus.IN_REVIEW)
    cite(draft)
    directory, detail = reverse("missions:list"), draft.get_absolute_url()
    assert b"UNISFA" not in reader.get(directory).content
    assert reader.get(directory)[HEADER] == "hit"
    assert reader.get(detail).status_code == 404

    publish_through_admin(publisher_client, draft)

    fresh = reader.get(directory)
    assert fresh[HEADER] == "miss"
    assert b"UNISFA" in fresh.content
    assert reader.get(detail).status_code == 200


def test_an_edit_or_an_unpublish_shows_at_once(client):
    mission = make_mission(acronym="UNMIK", name="Old name")
    assert b"Old name" in client.get(mission.get_absolute_url()).content
    mission.name = "New name"
    mission.save()
    assert b"New name" in client.get(mission.get_absolute_url()).content
    mission.status = PublicationStatus.DRAFT
    mission.save()
    assert client.get(mission.get_absolute_url()).status_code == 404
    assert b"UNMIK" not in client.get(reverse("missions:list")).content


def test_a_change_to_a_related_record_shows_at_once(client):
    organization = make_organization(acronym="OLDORG")
    mission = make_mission(organizations=[(organization, "lead")])
    assert b"OLDORG" in client.get(mission.get_absolute_url()).content
    organization.acronym = "NEWORG"
    organization.save()
    assert b"NEWORG" in client.get(mission.get_absolute_url()).content
    HostCountry.objects.create(mission=mission, country="RW")
    assert b"Rwanda" in client.get(mission.get_absolute_url()).content


def test_facet_counts_follow_a_publish(client):
    make_mission(acronym="ONE", countries=("CY",))
    draft = make_mission(acronym="TWO", countries=("CY",), status=PublicationStatus.DRAFT)
    cite(draft)

    def cyprus_count():
        response = client.get(reverse("missions:list"))
        facet = next(f for f in response.context["facets"] if f.name == "country")
        return next(value.count for value in facet.values if value.value == "CY")

    assert cyprus_count() == 1
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    assert cyprus_count() == 2


def test_bulk_writes_that_skip_signals_still_refresh_pages(client):
    make_mission(acronym="REAL")
    before = client.get(reverse("missions:list"))
    assert before.context["paginator"].count == 1
    call_command("generate_synthetic", missions=3, lessons=2, verbosity=0)
    after = client.get(reverse("missions:list"))
    assert after[HEADER] == "miss"
    assert after.context["paginator"].count == 4


def test_staff_never_get_or_leave_cached_pages(publisher_client):
    from django.test import Client

    client = Client()
    draft = make_mission(acronym="DRAFTY", status=PublicationStatus.DRAFT)
    staff_view = publisher_client.get(draft.get_absolute_url())
    assert staff_view.status_code == 200
    assert HEADER not in staff_view
    assert client.get(draft.get_absolute_url()).status_code == 404
    publisher_client.get(reverse("missions:list"))
    assert client.get(reverse("missions:list"))[HEADER] == "miss"


def test_errors_exports_and_cookies_are_not_cached(client):
    make_mission()
    assert HEADER not in client.get("/missions/no-such-mission/")
    export = client.get(reverse("missions:export-csv"))
    assert export.streaming and HEADER not in export
    client.get(reverse("missions:list"), {"page": "x"})
    assert client.get(reverse("missions:list"), {"page": "x"})[HEADER] == "hit"


def test_a_rolled_back_change_never_brings_back_an_old_version(client):
    make_mission(acronym="KEPT")
    token = freshness.current()
    freshness.bump()
    assert freshness.current() != token
    assert Mission.objects.published().count() == 1


def test_the_cache_can_be_turned_off(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    make_mission()
    client.get(reverse("missions:list"))
    assert HEADER not in client.get(reverse("missions:list"))


@pytest.mark.django_db(transaction=True)
def test_the_token_read_is_the_health_check_of_a_reused_postgres_connection():
    """A cached hit costs one database round trip, and a dead connection is replaced."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("Django's health check is a round trip only on PostgreSQL")
    token = freshness.current()
    connection.health_check_enabled = True

    connection.health_check_done = False  # as at the start of a request
    with CaptureQueriesContext(connection) as queries:
        assert freshness.current() == token
    assert connection.health_check_done and len(queries) == 0  # no SELECT 1 first

    connection.health_check_done = False
    connection.connection.close()  # the database dropped it between requests
    assert freshness.current() == token
    assert connection.is_usable()
