"""Formatting helpers for reader templates."""

from django import template
from django.utils.html import format_html, format_html_join

from atlas.richtext import render_markdown

register = template.Library()


@register.simple_tag
def cite_marks(citations, field=""):
    """Footnote markers for the citations that support `field` ('' = the whole record).

    Numbers are positions in the same list that includes/citations.html renders. Given a
    page's Footnotes (atlas.footnotes), they are its reading-order numbers.
    """
    if hasattr(citations, "marks_for"):
        return citations.marks_for(field)
    numbers = [
        position for position, citation in enumerate(citations, start=1) if citation.field == field
    ]
    if not numbers:
        return ""
    return format_html(
        '<sup class="cite">{}</sup>',
        format_html_join(
            "", '<a href="#cite-{0}" aria-label="Source {0}">[{0}]</a>', ((n,) for n in numbers)
        ),
    )


@register.filter
def field_label(field_name):
    """'start_date' → 'start date', for a citation's note of what it supports."""
    return field_name.replace("_", " ")


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitized HTML."""
    return render_markdown(text)
