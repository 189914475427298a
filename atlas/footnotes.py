"""Footnotes numbered in the order a reader meets them.

A record's facts are cited field by field (a Citation's `field`), and its prose fact by fact:
a marker `[^source-slug]` (or `[^source-slug/section-slug]`) right after a statement names
the source that supports it, among the record's citations of that text field. A page lists
its fields in reading order; each citation gets its number where it is first met, so the
notes run 1, 2, 3… down the page and a source cited twice keeps its first number.
"""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from atlas.richtext import render_markdown

# Reader text is about its subject: these phrases describe a source, or how a record was
# made, and belong in a citation's locator or on the source's page instead.
SOURCE_TALK = re.compile(
    r"\bthe (guide|articles?|export|data ?set|file|crosswalk)\b|\bneither article|"
    r"\bimport(ed|_missions)\b|\baccording to\b|\bexport gives\b",
    re.IGNORECASE,
)
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


@dataclass
class Note:
    """One numbered note: a place in a source, and the facts of the record it supports."""

    number: int
    section: object
    locator: str
    note: str
    fields: list = dataclass_field(default_factory=list)

    @property
    def source(self):
        return self.section.source


def note_key(citation):
    """Citations of the same place in a source, with nothing of their own to add, share a
    note: an encyclopedia numbers the page it cites once, not once per fact."""
    section = citation.section
    return (section.source.slug, section.slug, citation.locator, citation.note)


class Footnotes:
    """A record's citations, numbered down the page.

    `order` lists the record's cited fields as the page shows them: a fact's field name
    ("start_date"), "" for the record as a whole, or the name of a prose field, whose text
    is read from `record` and whose markers are numbered where they stand.
    """

    def __init__(self, record, citations, order, prose=()):
        self.citations = list(citations)
        self.notes = {}  # note_key -> Note
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
        key = note_key(citation)
        note = self.notes.get(key)
        if note is None:
            note = self.notes[key] = Note(
                len(self.notes) + 1, citation.section, citation.locator, citation.note
            )
        if citation.field not in note.fields:
            note.fields.append(citation.field)
        return note.number

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

        # A mark sits right after the statement, even where the text left a space before it.
        html = re.sub(r"\s*" + MARKER.pattern, replace, html)
        rest = sorted(
            {self._number(c) for c in self.citations if c.field == field and id(c) not in met}
        )
        # Sanitized by render_markdown; the marks are built with format_html.
        return mark_safe(html + str(marks(rest)))  # nosec B308 B703  # noqa: S308

    def marks_for(self, field):
        return marks(sorted(set(self.field_numbers.get(field, []))))

    @property
    def ordered(self):
        """The notes in number order, as the notes list shows them."""
        return sorted(self.notes.values(), key=lambda note: note.number)


def unresolved_markers(record, citations):
    """The markers of a record's prose that name no citation of their field."""
    cited = {(c.field, c.section.source.slug, c.section.slug) for c in citations}
    for field in record.prose_fields:
        for source, section in MARKER.findall(getattr(record, field) or ""):
            if not any(
                f == field and s == source and (not section or sec == section)
                for f, s, sec in cited
            ):
                yield field, f"[^{source}{'/' + section if section else ''}]"
