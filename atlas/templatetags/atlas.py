"""Formatting helpers for reader templates."""

import re

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from atlas.richtext import render_markdown

register = template.Library()


@register.simple_tag
def cite_marks(citations, field=""):
    """Footnote markers for the citations that support `field` ('' = the whole record).

    Numbers are positions in the same list that includes/citations.html renders.
    """
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


URL_SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
SLUG_MARKER = "--slug--"


@register.simple_tag(takes_context=True)
def slug_url(context, viewname, slug):
    """The address `{% url viewname slug %}` gives, for pages that list many such links.

    reverse() walks the URL resolver on every call; a slug made of URL-safe characters is
    inserted as it is, so each view name is reversed only once per render.
    """
    if not URL_SAFE_SLUG.match(slug):
        return reverse(viewname, args=[slug])
    known = context.render_context.setdefault("slug_urls", {})
    if viewname not in known:
        known[viewname] = reverse(viewname, args=[SLUG_MARKER]).rpartition(SLUG_MARKER)
    before, _, after = known[viewname]
    return before + slug + after


@register.filter
def field_label(field_name):
    """'start_date' → 'start date', for a citation's note of what it supports."""
    return field_name.replace("_", " ")


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitized HTML."""
    return render_markdown(text)
