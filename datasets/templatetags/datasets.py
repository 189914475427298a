"""{% mission_numbers mission request %}: the "In numbers" section of a mission page.

A template tag keeps the layers: the missions app's page shows the data sets' figures
without importing the app above it.

The section of a published mission is kept rendered under the content version
(atlas/fragments.py): building it costs a dozen queries and about 20 ms of chart drawing,
which would double the page's time.
"""

from django import template
from django.template.loader import render_to_string

from atlas.fragments import kept
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
    return kept(
        "numbers",
        mission,
        chosen(params),
        lambda: render_to_string(TEMPLATE, section(mission, params)),
        request,
    )


def chosen(params):
    """What of the query the section depends on. Each distinct chosen value costs one kept
    entry that expires like the others."""
    return [f"{name}={params.get(name, '')[:20]}" for name in PARAMETERS]


def section(mission, params):
    return {"mission": mission, "figures": mission_figures(mission, params)}


@register.filter
def lines_of(rows):
    """The file lines of dataset rows, as a footnote names them."""
    return line_span(row.row for row in rows)


@register.filter
def thousands(value):
    """12,345: intcomma's grouping for a whole number, without its locale lookups, for the
    numbers page's tables of several thousand cells."""
    return f"{value:,}" if isinstance(value, int) else value
