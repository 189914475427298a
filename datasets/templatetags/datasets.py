"""{% mission_numbers mission request %}: the "In numbers" section of a mission page.

A template tag keeps the layers: the missions app's page shows the data sets' figures
without importing the app above it.
"""

from django import template

from datasets.figures import mission_figures
from datasets.figures.base import line_span

register = template.Library()


@register.inclusion_tag("datasets/in_numbers.html")
def mission_numbers(mission, request=None):
    """The figures; given the request, those that want it see its query (a chosen year)."""
    params = request.GET if request is not None else {}
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
