"""Gzip for anonymous reader pages, never for a response holding a secret (BREACH)."""

import gzip

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import make_mission
from website.compression import ReaderGZipMiddleware

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_an_anonymous_mission_page_is_gzipped_and_decompresses_to_the_page(client):
    mission = make_mission(acronym="UNFICYP")
    compressed = client.get(mission.get_absolute_url(), **GZIP)
    plain = client.get(mission.get_absolute_url())
    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert gzip.decompress(compressed.content) == plain.content
    assert b"UNFICYP" in plain.content
    assert "accept-encoding" in vary(compressed) and "accept-encoding" in vary(plain)


def test_a_client_without_gzip_gets_plain_html_after_a_gzip_client_filled_the_cache(client):
    url = make_mission(acronym="UNFICYP").get_absolute_url()
    assert client.get(url, **GZIP)["X-Atlas-Cache"] == "miss"
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")
    assert plain.content.startswith(b"<!doctype html>")
    again = client.get(url, **GZIP)
    assert again["X-Atlas-Cache"] == "hit" and again["Content-Encoding"] == "gzip"
    assert client.get(url)["X-Atlas-Cache"] == "hit"


def test_the_admin_login_page_and_its_csrf_token_are_not_compressed(client):
    response = client.get(reverse("admin:login"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content


def page_with_a_form(request):
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrf" value="{token}"></form>' * 20)


@pytest.mark.parametrize(
    "stack",
    [
        lambda view: ReaderGZipMiddleware(CsrfViewMiddleware(view)),  # as in the settings
        ReaderGZipMiddleware,  # even with no cookie set, the token alone is enough
    ],
)
def test_a_page_holding_a_csrf_token_is_not_compressed(stack):
    response = stack(page_with_a_form)(RequestFactory().get("/lessons/", **GZIP))
    assert b"csrf" in response.content
    assert not response.has_header("Content-Encoding")


def test_the_same_page_without_a_token_is_compressed():
    def page(request):
        return HttpResponse("<p>A reader page with no form.</p>" * 20)

    response = ReaderGZipMiddleware(CsrfViewMiddleware(page))(RequestFactory().get("/", **GZIP))
    assert response["Content-Encoding"] == "gzip"


def test_a_signed_in_user_gets_reader_pages_uncompressed(client):
    url = make_mission(acronym="UNFICYP").get_absolute_url()
    client.force_login(User.objects.create_user("editor", password="pw", is_staff=True))
    response = client.get(url, **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
