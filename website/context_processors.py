"""Values every reader page's layout needs."""

import functools

from django.urls import get_script_prefix, reverse

# The pages the header, footer and breadcrumbs of every page link to.
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
}


def site_links(request):
    """`links.<name>`: these addresses, reversed once per process rather than on every page
    (each reverse() walks the URL resolver; a directory page used to make 20 of them)."""
    return {"links": _reversed(get_script_prefix())}


@functools.cache
def _reversed(script_prefix):
    # Keyed on the script prefix, which is all besides the URLconf that reverse() reads.
    return {key: reverse(name) for key, name in SITE_LINKS.items()}
