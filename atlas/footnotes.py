"""Footnotes numbered in the order a reader meets them.

A record's facts are cited field by field (a Citation's `field`), and its prose fact by fact:
a marker `[^source-slug]` (or `[^source-slug/section-slug]`) right after a statement names
the source that supports it, among the record's citations of that text field. A page lists
its fields in reading order; each citation gets its number where it is first met, so the
notes run 1, 2, 3… down the page and a source cited twice keeps its first number.
"""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from atlas.richtext import render_markdown

MARKER = re.compile(r"\[\^([a-z0-9][a-z0-9-]*)(?:/([a-z0-9][a-z0-9-]*))?\]")


def strip_markers(text):
    """The text without its footnote markers: for search, summaries and downloads."""
    return re.sub(r"\s*" + MARKER.pattern, "", text or "")


def marks(numbers):
    """'[3][4]' as superscript links to the notes, or ''."""
    if not numbers:
        return ""
    return format_html(
        '<sup class="cite">{}</sup>',
        format_html_join(
            "", '<a href="#cite-{0}" aria-label="Source {0}">[{0}]</a>', ((n,) for n in numbers)
        ),
    )


class Footnotes:
    """A record's citations, numbered down the page.

    `order` lists the record's cited fields as the page shows them: a fact's field name
    ("start_date"), "" for the record as a whole, or the name of a prose field, whose text
    is read from `record` and whose markers are numbered where they stand.
    """

    def __init__(self, record, citations, order, prose=()):
        self.citations = list(citations)
        self.numbers = {}  # id(citation) -> number
        self.field_numbers = {}
        self.texts = {}
        for field in order:
            if field in prose:
                self.texts[field] = self._number_prose(field, getattr(record, field) or "")
            else:
                self.field_numbers[field] = [
                    self._number(c) for c in self.citations if c.field == field
                ]
        for citation in self.citations:  # cited fields the page does not show
            self._number(citation)

    def _number(self, citation):
        key = id(citation)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def resolve(self, field, source, section=""):
        """The citation a marker in `field` names, or None."""
        for citation in self.citations:
            if (
                citation.field == field
                and citation.section.source.slug == source
                and (not section or citation.section.slug == section)
            ):
                return citation
        return None

    def _number_prose(self, field, text):
        html = str(render_markdown(text))
        met = set()

        def replace(match):
            citation = self.resolve(field, match.group(1), match.group(2) or "")
            if citation is None:  # check_data names it; readers see no broken mark
                return ""
            met.add(id(citation))
            return str(marks([self._number(citation)]))

        html = MARKER.sub(replace, html)
        rest = [self._number(c) for c in self.citations if c.field == field and id(c) not in met]
        # Sanitized by render_markdown; the marks are built with format_html.
        return mark_safe(html + str(marks(rest)))  # nosec B308 B703  # noqa: S308

    def marks_for(self, field):
        return marks(self.field_numbers.get(field, []))

    @property
    def ordered(self):
        """The citations in note order, as the notes list shows them."""
        return sorted(self.citations, key=lambda c: self.numbers[id(c)])
