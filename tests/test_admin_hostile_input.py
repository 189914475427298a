"""Crafted admin query strings get the changelist's own answer or a 400, never a 5xx.

The cases are the scan's (issue 16): a filter on a relation the list has no filter for, a
field that does not exist, and a name no field could have, on every changelist, export and
import view of every registered model, as a Viewer and as a superuser; then the lookups
whose values fail only when the SQL is compiled or run.
"""

from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.db import models

from tests.admin_views import admin_views, request, small_admin
from tests.test_setup_atlas import data_checksum

pytestmark = pytest.mark.django_db

SCANNED = [
    {"themes__id__exact": "abc"},
    {"nosuchfield": "1"},
    {"a;env;": "1"},
]
VIEWS = admin_views()
# What a bad parameter may get: the page, the changelist's redirect to ?e=1, a 400 for a
# refused lookup, a 403 for a view the account may not open.
ANSWERS = {200, 302, 400, 403}


@pytest.fixture(scope="module")
def hostile_admin(django_db_setup, django_db_blocker):
    with small_admin(django_db_blocker) as (clients, _superuser, export_data):
        yield clients, export_data


def assert_handled(response, view):
    assert response.status_code in ANSWERS, response.status_code
    # Nothing was exported: the answer is a page or a redirect, never the file.
    assert "Content-Disposition" not in response
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1"), response["Location"]


@pytest.mark.parametrize("role", ["viewer", "superuser"])
@pytest.mark.parametrize("params", SCANNED, ids=lambda params: next(iter(params)))
@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_scanned_filters_get_the_changelists_answer(hostile_admin, view, params, role):
    clients, export_data = hostile_admin
    before = data_checksum()
    response = request(clients[role], view, urlencode(params), export_data)
    assert_handled(response, view)
    assert data_checksum() == before


@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_an_id_past_64_bits_through_a_relation_is_never_a_5xx(hostile_admin, view):
    """Found by the fuzz: SQLite's driver cannot bind the number (the page or the export
    gets the changelist's answer); PostgreSQL compares it and finds nothing."""
    clients, export_data = hostile_admin
    before = data_checksum()
    response = request(clients["superuser"], view, "topics=9223372036854775808", export_data)
    assert response.status_code in ANSWERS
    assert data_checksum() == before


def date_fields(label):
    model = next(model for model in admin.site._registry if model._meta.label_lower == label)
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.DateField)]


# __year checks its value only when the SQL is compiled (a ValueError past 9999 or below 1).
YEARS = ["-1", "0", "99999", "9" * 30]


@pytest.mark.parametrize("view", [view for view in VIEWS if date_fields(view.label)], ids=str)
def test_years_out_of_range_get_the_changelists_answer(hostile_admin, view):
    clients, export_data = hostile_admin
    for field in date_fields(view.label):
        for lookup in ("__year", "__year__gte", "__year__lt"):
            for year in YEARS:
                query = urlencode({field + lookup: year})
                response = request(clients["superuser"], view, query, export_data)
                assert_handled(response, view)


@pytest.mark.parametrize(
    "query",
    ["decade=²", "decade=١٩٦٠", "decade=99999", "decade=" + "9" * 30, "decade=-10", "decade=abc"],
)
@pytest.mark.parametrize("kind", ["changelist", "export", "export-post"])
def test_odd_decades_get_the_changelists_answer(hostile_admin, kind, query):
    clients, export_data = hostile_admin
    view = next(v for v in VIEWS if v.label == "missions.mission" and v.kind == kind)
    response = request(clients["viewer"], view, query, export_data)
    assert_handled(response, view)
    if kind == "changelist":
        assert response.status_code == 302


@pytest.mark.parametrize("lookup", ["__regex", "__iregex"])
@pytest.mark.parametrize("pattern", ["[", "NEAR(", "(a+)+$"])
@pytest.mark.parametrize(
    "view", [view for view in VIEWS if view.kind in ("changelist", "export-post")], ids=str
)
def test_regex_lookups_are_refused_before_they_run(hostile_admin, view, lookup, pattern):
    """An invalid pattern was a database error (503); a crafted one can run for seconds."""
    clients, export_data = hostile_admin
    response = request(clients["superuser"], view, urlencode({"id" + lookup: pattern}), export_data)
    assert response.status_code == 400


def test_an_export_with_a_bad_filter_says_why_on_the_list(hostile_admin):
    clients, export_data = hostile_admin
    view = next(v for v in VIEWS if v.label == "lessons.lesson" and v.kind == "export-post")
    response = request(clients["viewer"], view, "themes__id__exact=abc", export_data)
    page = clients["viewer"].get(response["Location"])
    assert page.status_code == 200
    assert "Nothing was exported" in page.content.decode()
