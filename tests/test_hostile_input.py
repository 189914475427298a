"""Crafted query strings and paths get a page or a clear error, never a 500 or a reflected tag."""

import pytest
from django.urls import reverse

from tests.factories import make_atlas

pytestmark = pytest.mark.django_db

PAGES = [
    "home",
    "missions:list",
    "missions:timeline",
    "missions:map",
    "missions:export-csv",
    "missions:export-excel",
    "missions:export-json",
    "organizations:list",
    "organizations:export-csv",
    "lessons:list",
    "lessons:export-json",
    "lessons:topics",
    "sources:list",
    "search",
    "open-data",
    "feed",
    "sitemap",
]
PAYLOAD = "<script>alert(1)</script>"
HOSTILE = [
    {"page": "-1"},
    {"page": "9" * 50},
    {"page": "1e9"},
    {"q": PAYLOAD},
    {"q": "' OR 1=1 --"},
    {"q": "%00\x00"},
    {"q": "é" * 1000},
    {"country": PAYLOAD},
    {"organization": "../../etc/passwd"},
    {"decade": "-10"},
    {"start_from": "99999999999999999999"},
    {"start_to": "NaN"},
    {"sort": "-" * 50},
    {"kind": PAYLOAD},
    {"theme": "\u202e"},
    {"region": ["africa", "europe", PAYLOAD]},
]


@pytest.fixture(scope="module")
def atlas_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        make_atlas(3)
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("params", HOSTILE, ids=lambda params: "-".join(params))
def test_hostile_query_strings_never_break_a_page(client, atlas_data, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code < 500
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert PAYLOAD.encode() not in body


@pytest.mark.parametrize(
    "path",
    [
        "/missions/%3Cscript%3E/",
        "/missions/" + "a" * 5000 + "/",
        "/missions/x.json",
        "/organizations/%00/",
        "/lessons/themes/nope/",
        "/topics/..%2F..%2F/",
        "/sources/%E2%80%AE/",
    ],
)
def test_hostile_paths_are_a_404(client, atlas_data, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"<script>" not in response.content
