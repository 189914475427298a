"""Addresses of records, built cheaply enough for a link on every row of a long list.

reverse() walks the URL resolver on every call, which a page of many links cannot afford.
A slug made of URL-safe characters is inserted as it is into the pattern's address,
which is reversed once per view name, script prefix and URLconf (all that reverse()
reads); any other slug goes through reverse(), which quotes it.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

URL_SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
SLUG_MARKER = "--slug--"


def slug_url(viewname, slug):
    """The address `reverse(viewname, kwargs={"slug": slug})` gives."""
    if not URL_SAFE_SLUG.match(slug):
        return reverse(viewname, kwargs={"slug": slug})
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _around_slug(viewname, get_script_prefix(), urlconf)
    return before + slug + after


@functools.cache
def _around_slug(viewname, script_prefix, urlconf):
    before, _, after = reverse(viewname, kwargs={"slug": SLUG_MARKER}, urlconf=urlconf).rpartition(
        SLUG_MARKER
    )
    return before, after
