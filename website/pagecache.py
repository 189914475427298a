"""Whole-page caching for anonymous readers that is never stale.

Pages are stored under the content version (atlas/freshness.py), which every change to
reader-visible data replaces in its own transaction: after a publish, every server reads
the new token and so misses the old pages. With Redis as the cache (REDIS_URL) the
servers also share the pages; with the local-memory cache each keeps its own.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from atlas import freshness
from website.compression import accepts_gzip

HEADER = "X-Atlas-Cache"


def page_key(request, token):
    # The gzip middleware inside compresses for clients that accept it, so each kind of
    # client has its own copy, as the Vary: Accept-Encoding header on the page asks.
    encoding = "gzip" if accepts_gzip(request) else "identity"
    where = f"{encoding} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"atlas:page:{token}:{hashlib.sha256(where.encode()).hexdigest()}"


def cacheable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of reader pages from the cache; staff always see live pages.

    It sits just inside the security middleware, so a hit skips sessions, CSRF and the
    rest. "Anonymous" means no session cookie at all: anyone logged in has one. Headers the
    inner middleware adds (X-Frame-Options, Vary) are stored with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def applies(self, request):
        return (
            settings.ATLAS_PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.admin_prefix)
            and request.path != "/healthz"  # it must ask the database every time
        )

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)
        key = page_key(request, freshness.current())
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable(response):
            cache.set(key, response, settings.ATLAS_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response
