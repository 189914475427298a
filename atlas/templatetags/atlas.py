"""Formatting helpers for reader templates."""

from django import template

from atlas.richtext import render_markdown

register = template.Library()


@register.simple_tag
def cite_marks(footnotes, field=""):
    """The note marks of the page's Footnotes (atlas.footnotes) for `field` ('' = the
    record as a whole), numbered in reading order."""
    return footnotes.marks_for(field)


@register.filter
def field_label(field_name):
    """'start_date' → 'start date', for a citation's note of what it supports."""
    return field_name.replace("_", " ")


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitized HTML."""
    return render_markdown(text)
