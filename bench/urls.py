"""The atlas's URLs plus a bare view: the framework's ceiling on this machine."""

from django.http import HttpResponse
from django.urls import path

from peacekeeping.urls import urlpatterns as atlas_urlpatterns

PAGE = b"<!doctype html><title>Bare</title><p>A constant page from a bare Django view.</p>"


def bare(request):
    return HttpResponse(PAGE)


urlpatterns = [path("_bench/bare/", bare), *atlas_urlpatterns]
