"""{% mission_numbers mission request %}: the "In numbers" section of a mission page.

A template tag keeps the layers: the missions app's page shows the data sets' figures
without importing the app above it.

The section of a published mission is kept, rendered, in the cache under the content
version (atlas/freshness.py), like the facet index: a change to anything readers see makes
a new version, so a kept section is never served after the data changed. Building it costs
a dozen queries and about 20 ms of chart drawing, which would double the page's time; kept,
it costs the one query that reads the version. A draft's preview is never kept.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from atlas import freshness
from datasets.figures import FIGURES, mission_figures
from datasets.figures.base import line_span

register = template.Library()

TEMPLATE = "datasets/in_numbers.html"
# The query parameters a figure reads (the deployment map's year); any other is ignored.
PARAMETERS = sorted({name for figure in FIGURES for name in figure.parameters})


@register.simple_tag
def mission_numbers(mission, request=None):
    """The figures; given the request, those that want it see its query (a chosen year)."""
    params = request.GET if request is not None else {}
    if not mission.is_published or not settings.ATLAS_FIGURE_CACHE_SECONDS:
        return render_to_string(TEMPLATE, section(mission, params))
    key = cache_key(mission, params)
    html = cache.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, section(mission, params))
        cache.set(key, html, settings.ATLAS_FIGURE_CACHE_SECONDS)
    return html


def section(mission, params):
    return {"mission": mission, "figures": mission_figures(mission, params)}


def cache_key(mission, params):
    # The chosen values are hashed: a crafted query string cannot make a long key, and each
    # distinct value it tries costs one entry that expires like the others.
    chosen = "&".join(f"{name}={params.get(name, '')[:20]}" for name in PARAMETERS)
    digest = hashlib.blake2b(chosen.encode(), digest_size=8).hexdigest()
    return f"numbers:{freshness.current()}:{mission.pk}:{digest}"


@register.filter
def lines_of(rows):
    """The file lines of dataset rows, as a footnote names them."""
    return line_span(row.row for row in rows)


@register.filter
def thousands(value):
    """12,345: intcomma's grouping for a whole number, without its locale lookups, for the
    numbers page's tables of several thousand cells."""
    return f"{value:,}" if isinstance(value, int) else value
