"""Values every reader page's layout needs."""

import functools

from django.urls import get_script_prefix, reverse

# Every page with a fixed address that a reader template links to, as `links.<name>`.
# Records link with their get_absolute_url(); the admin's templates keep {% url %}.
SITE_LINKS = {
    "home": "home",
    "feed": "feed",
    "search": "search",
    "missions": "missions:list",
    "timeline": "missions:timeline",
    "map": "missions:map",
    "missions_csv": "missions:export-csv",
    "missions_json": "missions:export-json",
    "organizations": "organizations:list",
    "lessons": "lessons:list",
    "topics": "lessons:topics",
    "sources": "sources:list",
    "open_data": "open-data",
    "organizations_csv": "organizations:export-csv",
    "organizations_json": "organizations:export-json",
    "lessons_csv": "lessons:export-csv",
    "lessons_json": "lessons:export-json",
    "sitemap": "sitemap",
}


def site_links(request):
    """`links.<name>`: these addresses, reversed once per process rather than on every page
    (each reverse() walks the URL resolver; a directory page used to make 20 of them)."""
    return {"links": fixed_links()}


def fixed_links():
    """SITE_LINKS' addresses under the current script prefix."""
    return _reversed(get_script_prefix())


@functools.cache
def _reversed(script_prefix):
    # Keyed on the script prefix, which is all besides the URLconf that reverse() reads.
    return {key: reverse(name) for key, name in SITE_LINKS.items()}
