"""Parts of a reader page kept rendered under the content version (atlas/freshness.py).

A change to anything readers see makes a new version, so a kept part is never served after
the data it shows changed; between changes it costs the one query that reads the version,
which a page reads once however many parts it keeps. A draft's preview is never kept.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from atlas import freshness


def content_version(request=None):
    """The content version, read once per request when the request is given."""
    if request is None:
        return freshness.current()
    token = getattr(request, "atlas_content_version", None)
    if token is None:
        token = request.atlas_content_version = freshness.current()
    return token


def kept(name, record, parts, render, request=None):
    """`render()`'s HTML for a part named `name` of `record`'s page, kept while the content
    version lasts. `parts` are the other inputs the HTML depends on (strings): they are
    hashed, so a crafted query string cannot make a long key."""
    previewing = request is not None and getattr(request, "atlas_preview", False)
    if not record.is_published or previewing or not settings.ATLAS_FIGURE_CACHE_SECONDS:
        return render()
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()
    key = f"{name}:{content_version(request)}:{record.pk}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, settings.ATLAS_FIGURE_CACHE_SECONDS)
    return html
