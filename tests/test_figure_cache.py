"""A mission page's "In numbers" section is kept rendered per content version."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datasets.models import Budget
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def budget(mission, amount="1000.0"):
    return Budget.objects.create(
        source=make_source(kind=SourceKind.DATASET),
        row=2,
        mission=mission,
        mission_label=mission.acronym,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2027, 6, 30),
        amount_thousands=amount,
        document_symbol="A/C.5/80/20",
        url="https://docs.un.org/en/A/C.5/80/20",
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return len(captured.captured_queries), html


def test_a_second_view_reads_the_kept_section(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0  # the page itself is built each time
    mission = make_mission()
    budget(mission)
    first, html = queries(client, mission.get_absolute_url())
    second, again = queries(client, mission.get_absolute_url())
    assert "US$&nbsp;1.0 million" in html
    assert again == html
    assert second < first


def test_a_change_to_a_row_shows_at_once(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    mission = make_mission()
    row = budget(mission)
    assert "US$&nbsp;1.0 million" in client.get(mission.get_absolute_url()).content.decode()
    row.amount_thousands = "2500.0"
    row.save()  # a save outside an import makes a new content version too
    assert "US$&nbsp;2.5 million" in client.get(mission.get_absolute_url()).content.decode()


def kept_keys(name):
    return [str(key) for key in cache._cache if f":{name}:" in str(key)]


def test_a_chosen_year_is_part_of_the_key_and_other_parameters_are_not(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    url = make_mission().get_absolute_url()
    client.get(url)
    client.get(url + "?utm_source=x")
    assert len(kept_keys("numbers")) == 1
    client.get(url + "?deployment_year=2010")
    assert len(kept_keys("numbers")) == 2
    client.get(url + "?deployment_year=" + "9" * 5000)
    assert len(kept_keys("numbers")) == 3
    assert max(len(key) for key in kept_keys("numbers")) < 100


def test_the_decisions_are_kept_and_a_new_one_shows_at_once(client, settings):
    from documents.models import Milestone
    from tests.documents_factories import make_document

    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    mission = make_mission()
    document = make_document(number=1509, year=2003)
    Milestone.objects.create(mission=mission, document=document, action="established")
    first, html = queries(client, mission.get_absolute_url())
    second, again = queries(client, mission.get_absolute_url())
    assert "resolution 1509 (2003)" in html and again == html
    assert second < first
    assert len(kept_keys("decisions")) == 1
    later = make_document(number=1626, year=2005)
    Milestone.objects.create(mission=mission, document=later, action="renewed")
    assert "resolution 1626 (2005)" in client.get(mission.get_absolute_url()).content.decode()


def test_a_draft_preview_is_never_kept(admin_client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    draft = make_mission(status="draft")
    budget(draft)
    admin_client.get(draft.get_absolute_url() + "?preview=1")
    assert not kept_keys("numbers") and not kept_keys("decisions")
