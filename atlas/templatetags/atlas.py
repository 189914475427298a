"""Formatting helpers for reader templates."""

from django import template
from django.utils.safestring import mark_safe

from atlas import citing
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


@register.inclusion_tag("includes/cite_this.html", takes_context=True)
def cite_this(context, record, description=""):
    """ "Cite this page" (APA, Chicago, BibTeX) and the page's schema.org JSON-LD."""
    request = context.get("request")
    path = record.get_absolute_url()
    url = request.build_absolute_uri(path) if request is not None else path
    return {
        "citations": citing.citations(record, url),
        # JSON with <, > and & escaped (citing.json_ld): nothing in it can end the element.
        "json_ld": mark_safe(citing.json_ld(record, url, description)),  # nosec B308 B703  # noqa: S308
        "url": url,
    }
