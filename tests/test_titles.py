"""Every reader page has a <title> of its own (a bookmark, a tab or a search result names
it), and no link on one leads to a missing page.

The walk starts at the home page and follows every link on the shipped atlas, filtered
directory pages one filter deep, plus searches, second pages and combined filters.
"""

import html
import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import resolve

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<head>.*?<title>(.*?)</title>", re.S)  # not an SVG's own <title>
HREF = re.compile(r'href="([^"#]*)')
NOT_PAGES = re.compile(r"^/(admin|static)/|\.(csv|json|xml|atom|txt|ico)$")
MORE = [
    "/search/",
    "/search/?q=ceasefire",
    "/search/?q=election",
    "/missions/?page=2",
    "/missions/?region=africa&organization=united-nations",
    "/missions/?start_from=1990&start_to=1999",
    "/missions/?sort=duration",
    "/missions/?q=observer",
    "/lessons/?kind=challenge&q=mandate",
]
READER_PAGES = {
    "home",
    "search",
    "open-data",
    "missions:list",
    "missions:detail",
    "missions:timeline",
    "missions:map",
    "organizations:list",
    "organizations:detail",
    "lessons:list",
    "lessons:detail",
    "lessons:theme",
    "lessons:topics",
    "lessons:topic",
    "sources:list",
    "sources:detail",
    "documents:list",
    "documents:detail",
    "countries:index",
    "countries:detail",
    "datasets:numbers",
}


def page_address(href, here):
    """The page a link leads to, its query in a fixed order: the same page, one address."""
    if href.startswith("?"):
        href = urlsplit(here).path + href
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if NOT_PAGES.search(parts.path):
        return None
    query = urlencode(sorted(parse_qsl(parts.query)))
    return f"{parts.path}?{query}" if query else parts.path


def walk(client, broken=None):
    """Each page reached and its title; `broken` collects (page, link) of links to a 404."""
    titles, queue = {}, [page_address(url, "/") for url in ["/", *MORE]]
    found_on = {}
    while queue:
        url = queue.pop()
        if url in titles:
            continue
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), url
        if response.status_code == 404 and broken is not None:
            broken.append((found_on.get(url), url))
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            titles[url] = None
            continue
        page = response.content.decode()
        title = TITLE.search(page)
        assert title, f"{url} has no <title>"
        titles[url] = " ".join(html.unescape(title.group(1)).split())
        for href in HREF.findall(page):
            target = page_address(html.unescape(href), url)
            # Filtered pages one filter deep: their combinations are too many to walk.
            if target and target not in titles and not ("?" in url and "?" in target):
                found_on.setdefault(target, url)
                queue.append(target)
    return {url: title for url, title in titles.items() if title}


def test_no_two_reader_pages_share_a_title_and_no_link_is_broken(
    client, ready_atlas_without_import
):
    broken = []
    titles = walk(client, broken)
    assert broken == [], f"{len(broken)} links lead to a 404, e.g. {broken[:5]}"
    assert {resolve(urlsplit(url).path).view_name for url in titles} >= READER_PAGES
    pages = defaultdict(list)
    for url, title in titles.items():
        pages[title].append(url)
    shared = {title: urls for title, urls in pages.items() if len(urls) > 1}
    assert not shared, (
        f"{len(shared)} titles name more than one page, e.g. {list(shared.items())[:5]}"
    )
    assert titles["/missions/?organization=united-nations&region=africa"] == (
        "UN missions in Africa · Peacekeeping Atlas"
    )
