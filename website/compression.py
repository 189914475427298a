"""Gzip for anonymous readers only, so no secret is ever compressed beside reflected input.

BREACH recovers a secret from the size of compressed responses that also echo what an
attacker sent (a search query, say). A page for someone anonymous holds no secret unless it
carries a CSRF token or sets a cookie, so those responses, the admin's and those of anyone
with a session go out uncompressed.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip


def accepts_gzip(request):
    """Whether the client takes gzip, judged as Django's GZipMiddleware judges it."""
    return bool(re_accepts_gzip.search(request.headers.get("accept-encoding", "")))


class ReaderGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for responses that carry no secret."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.admin_prefix = "/" + settings.ADMIN_URL

    def process_response(self, request, response):
        if (
            request.path.startswith(self.admin_prefix)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a token
            or response.cookies
        ):
            return response
        return super().process_response(request, response)
