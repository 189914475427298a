"""Site search: published missions, organizations, lessons and topics, from one index.

SQLite uses FTS5 (porter stemming), PostgreSQL its English text search; both receive the
same query (every word must match, in any order), rank by relevance, return at most
`per_kind` hits of each kind with the matched words marked, and count all hits. Ranking
reads the index (PostgreSQL: stored vectors) and only the hits shown have their text read
back, so a query's cost follows its matches, not the size of the atlas.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from atlas.registry import kind_of, model_for_kind, searchable_models
from atlas.search import sqlite_match, words

START, STOP = "\x02", "\x03"


@dataclass
class Hit:
    kind: str
    slug: str
    title: str
    snippet: str

    @property
    def url(self):
        return model_for_kind(self.kind)(slug=self.slug).get_absolute_url()


def marked(text):
    """Escape text, then turn the index's match markers into <mark> elements."""
    safe = escape(text.replace(STOP + START, "")).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # nosec B308 B703  # noqa: S308 - escaped above; only our own markers become tags


# Ranking and counting read the index and each match's kind and title; the text is read
# back, highlighted and cut into snippets for the hits shown alone (forced by the CROSS JOIN).
SQLITE_SEARCH = """
WITH ranked AS (
    SELECT e.id, e.kind,
           ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY f.rank, e.title) AS position,
           COUNT(*) OVER (PARTITION BY e.kind) AS total
    FROM atlas_search_fts AS f JOIN atlas_searchentry AS e ON e.id = f.rowid
    WHERE atlas_search_fts MATCH %s
)
SELECT ranked.kind, e.slug, highlight(atlas_search_fts, 1, char(2), char(3)),
       snippet(atlas_search_fts, 2, char(2), char(3), '…', 32),
       snippet(atlas_search_fts, 3, char(2), char(3), '…', 32), ranked.total
FROM ranked
CROSS JOIN atlas_search_fts
JOIN atlas_searchentry AS e ON e.id = ranked.id
WHERE ranked.position <= %s AND atlas_search_fts MATCH %s AND atlas_search_fts.rowid = ranked.id
ORDER BY ranked.kind, ranked.position
"""

POSTGRES_SEARCH = """
WITH query AS (SELECT plainto_tsquery('english', %s) AS q),
ranked AS (
    SELECT e.id,
           ROW_NUMBER() OVER (
               PARTITION BY e.kind ORDER BY ts_rank(e.document, query.q) DESC, e.title
           ) AS position,
           COUNT(*) OVER (PARTITION BY e.kind) AS total
    FROM atlas_searchentry AS e, query
    WHERE e.document @@ query.q
)
SELECT e.kind, e.slug,
       ts_headline('english', e.title, query.q, %s),
       ts_headline('english', e.lead, query.q, %s),
       ts_headline('english', e.body, query.q, %s),
       ranked.total
FROM ranked JOIN atlas_searchentry AS e ON e.id = ranked.id, query
WHERE ranked.position <= %s
ORDER BY e.kind, ranked.position
"""
HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
SNIPPET = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def _snippet(lead, body):
    """The lead's snippet when the words are found there, else the body's."""
    for text in (lead, body):
        if text and START in text:
            return text
    return lead or body or ""


def search(query, per_kind=20):
    """{kind: {"label", "total", "hits"}} for the query; empty when it has no words."""
    terms = words(query)
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = " ".join(terms)
            cursor.execute(POSTGRES_SEARCH, [text, HEADLINE, SNIPPET, SNIPPET, per_kind])
        else:
            match = sqlite_match(terms)
            cursor.execute(SQLITE_SEARCH, [match, per_kind, match])
        rows = cursor.fetchall()
    results = {}
    for kind, slug, title, lead, body, total in rows:
        label = model_for_kind(kind)._meta.verbose_name_plural.capitalize()
        group = results.setdefault(kind, {"label": label, "total": total, "hits": []})
        group["hits"].append(Hit(kind, slug, marked(title), marked(_snippet(lead, body))))
    kinds = [kind_of(model) for model in searchable_models()]
    return {kind: results[kind] for kind in kinds if kind in results}
