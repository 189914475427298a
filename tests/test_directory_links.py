"""The directory's own links (display options, sortable headers, downloads, the list, the
timeline and the map) are the addresses `{% querystring %}` would write, read once."""

import pytest
from django.http import QueryDict
from django.template import RequestContext, Template
from django.test import RequestFactory

from missions.directory.links import QueryLinks
from tests.factories import make_mission

QUERIES = [
    "",
    "page=3",
    "region=africa&page=2&view=table",
    "q=blue+helmets&organization=un&organization=au&sort=-start",
    "per_page=50&q=%C3%A9l%C3%A9phant&start_from=1990",
]
CHANGES = [
    {"page": None},
    {"view": None, "page": None},
    {"view": "table", "page": None},
    {"per_page": 100, "page": None},
    {"page": None, "view": None, "per_page": None},
    {"sort": "name", "page": None},
    {"q": None, "page": None},
]


def tag(query, changes):
    """What Django's own tag writes for the same page and changes."""
    arguments = " ".join(f"{name}={name}" for name in changes)
    template = Template("{% querystring " + arguments + " %}")
    request = RequestFactory().get("/missions/?" + query)
    return template.render(RequestContext(request, changes, autoescape=False))


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("changes", CHANGES, ids=lambda changes: ",".join(changes))
def test_a_link_is_what_the_querystring_tag_writes(query, changes):
    assert QueryLinks(QueryDict(query)).changed(**changes) == tag(query, changes)


def test_removing_every_parameter_still_leaves_the_query_behind():
    # "?" rather than "": an empty href would keep the page's own query.
    assert QueryLinks(QueryDict("view=table")).changed(view=None) == "?"


@pytest.mark.django_db
def test_the_directorys_links_keep_the_selection(client):
    make_mission(acronym="UNTEST")
    page = client.get("/missions/?status=active&view=table&per_page=50&page=1").content.decode()
    assert "UNTEST" in page
    kept = "status=active&amp;view=table&amp;per_page=50"
    for link in (
        f'href="/missions/timeline/?{kept}"',
        'href="?status=active&amp;per_page=50">cards</a>',
        'href="?status=active&amp;view=table" rel="nofollow">25</a>',
        'href="/missions/export.csv?status=active" download>CSV</a>',
        # The headers sort the same selection; Start, the sort in force, turns round.
        f'href="?{kept}&amp;sort=name"',
        f'href="?{kept}&amp;sort=-start"',
    ):
        assert link in page
