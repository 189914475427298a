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
    "missions_excel": "missions:export-excel",
    "missions_json": "missions:export-json",
    "organizations": "organizations:list",
    "lessons": "lessons:list",
    "topics": "lessons:topics",
    "documents": "documents:list",
    "numbers": "datasets:numbers",
    "countries": "countries:index",
    "sources": "sources:list",
    "open_data": "open-data",
    "datapackage": "datapackage",
    "organizations_csv": "organizations:export-csv",
    "organizations_excel": "organizations:export-excel",
    "organizations_json": "organizations:export-json",
    "lessons_csv": "lessons:export-csv",
    "lessons_excel": "lessons:export-excel",
    "lessons_json": "lessons:export-json",
    "sitemap": "sitemap",
}


def site_links(request):
    """`links.<name>`: these addresses, reversed once per process rather than on every page
    (each reverse() walks the URL resolver, and a page names a dozen of them)."""
    return {"links": fixed_links()}


def fixed_links():
    """SITE_LINKS' addresses under the current script prefix."""
    return _reversed(get_script_prefix())


@functools.cache
def _reversed(script_prefix):
    # Keyed on the script prefix, which is all besides the URLconf that reverse() reads.
    return {key: reverse(name) for key, name in SITE_LINKS.items()}


# The header's sections: (label, name in SITE_LINKS, URL namespace, is it the topic pages).
NAVIGATION = (
    ("Missions", "missions", "missions", None),
    ("Organizations", "organizations", "organizations", None),
    ("Lessons", "lessons", "lessons", False),
    ("Topics", "topics", "lessons", True),
    ("Documents", "documents", "documents", None),
    ("Numbers", "numbers", "datasets", None),
    ("Sources", "sources", "sources", None),
)


def navigation(request):
    """`nav`: the header's (label, url, current) items. The current one is the section of
    the page's URL namespace; in `lessons`, a URL name with "topic" in it is Topics."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    topical = "topic" in match.url_name if match and match.url_name else False
    links = fixed_links()
    return {
        "nav": [
            (label, links[key], namespace == section and (topics is None or topics == topical))
            for label, key, section, topics in NAVIGATION
        ]
    }
