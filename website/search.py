"""Site search: published missions, organizations, lessons and topics, from one index.

SQLite uses FTS5 (porter stemming), PostgreSQL its English text search; both receive the
same query (every word must match, in any order; a name as any of its other names, see
atlas.aliases), rank by relevance, return at most `per_kind` hits of each kind with the
matched words marked, and count all hits. Ranking reads the index (PostgreSQL: stored
vectors) and only the hits shown have their text read back, so a query's cost follows its
matches, not the size of the atlas. A query that finds nothing is tried again with its
typos corrected from the index's own words (atlas.vocabulary).
"""

import functools
import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from atlas.aliases import fold
from atlas.links import slug_url
from atlas.registry import kind_of, model_for_kind, searchable_models
from atlas.search import sqlite_match, tsquery, words
from atlas.vocabulary import corrected

START, STOP = "\x02", "\x03"
BEST = 3


@dataclass
class Hit:
    kind: str
    slug: str
    title: str
    snippet: str
    score: float = 0.0
    title_match: int = 2

    # Read once each: a best match is shown twice, and a page shows up to 80 hits.
    @functools.cached_property
    def url(self):
        # The address as get_absolute_url() builds it, without a model instance per hit.
        return slug_url(model_for_kind(self.kind).detail_url_name, self.slug)

    @functools.cached_property
    def label(self):
        return model_for_kind(self.kind)._meta.verbose_name.capitalize()


def marked(text):
    """Escape text, then turn the index's match markers into <mark> elements."""
    safe = escape(text.replace(STOP + START, "")).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # nosec B308 B703  # noqa: S308 - escaped above; only our own markers become tags


# Ranking and counting read the index and each match's kind and title; the text is read
# back, highlighted and cut into snippets for the hits shown alone (forced by the CROSS JOIN).
# bm25 weighs a word in the title ten times one in the body, so scores compare across kinds.
SQLITE_SEARCH = """
WITH matched AS (
    SELECT rowid AS id, bm25(atlas_search_fts, 0.0, 10.0, 4.0, 1.0) AS score
    FROM atlas_search_fts WHERE atlas_search_fts MATCH %s
),
ranked AS (
    SELECT e.id, e.kind, matched.score,
           ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY matched.score, e.title) AS position,
           COUNT(*) OVER (PARTITION BY e.kind) AS total
    FROM matched JOIN atlas_searchentry AS e ON e.id = matched.id
)
SELECT ranked.kind, e.slug, highlight(atlas_search_fts, 1, char(2), char(3)),
       snippet(atlas_search_fts, 2, char(2), char(3), '…', 32),
       snippet(atlas_search_fts, 3, char(2), char(3), '…', 32), ranked.total, -ranked.score
FROM ranked
CROSS JOIN atlas_search_fts
JOIN atlas_searchentry AS e ON e.id = ranked.id
WHERE ranked.position <= %s AND atlas_search_fts MATCH %s AND atlas_search_fts.rowid = ranked.id
ORDER BY ranked.kind, ranked.position
"""

POSTGRES_SEARCH = """
WITH query AS (SELECT to_tsquery('english', %s) AS q),
ranked AS (
    SELECT e.id, ts_rank(e.document, query.q) AS score,
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
       ranked.total, ranked.score
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


def title_match(title, terms):
    """0 when the title is the query (or the query plus an acronym in brackets), 1 when
    it holds every word of the query, else 2: the best match across kinds sorts first."""
    title_words = [fold(word) for word in re.findall(r"\w+", title.replace(START, ""))]
    query_words = [fold(term) for term in terms]
    if (
        title_words == query_words
        or title_words[: len(query_words)] == query_words
        and ("(" in title and len(title_words) <= len(query_words) + 1)
    ):
        return 0
    return 1 if set(query_words) <= set(title_words) else 2


def search(query, per_kind=20):
    """{kind: {"label", "total", "hits"}} for the query; empty when it has no words."""
    terms = words(query)
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_SEARCH, [tsquery(terms), HEADLINE, SNIPPET, SNIPPET, per_kind])
        else:
            match = sqlite_match(terms)
            cursor.execute(SQLITE_SEARCH, [match, per_kind, match])
        rows = cursor.fetchall()
    results = {}
    for kind, slug, title, lead, body, total, score in rows:
        if kind not in results:
            label = model_for_kind(kind)._meta.verbose_name_plural.capitalize()
            results[kind] = {"label": label, "total": total, "hits": []}
        group = results[kind]
        hit = Hit(kind, slug, marked(title), marked(_snippet(lead, body)), float(score or 0))
        hit.title_match = title_match(title, terms)
        group["hits"].append(hit)
    kinds = [kind_of(model) for model in searchable_models()]
    return {kind: results[kind] for kind in kinds if kind in results}


def best_hits(results, limit=BEST):
    """The best hits across kinds: a title that is the query first, then by relevance."""
    hits = [hit for group in results.values() for hit in group["hits"]]
    return sorted(hits, key=lambda hit: (hit.title_match, -hit.score))[:limit]


@dataclass
class Answer:
    """What the search page shows: results, the best of them, and any correction."""

    query: str
    results: dict = field(default_factory=dict)
    best: list = field(default_factory=list)
    corrected: str = ""  # the query searched instead, when the reader's found nothing

    @property
    def total(self):
        return sum(group["total"] for group in self.results.values())


def forgiving_search(query, exact=False):
    """The query's results; when it finds nothing (and not `exact`), those of the query
    with its typos corrected, if that finds something."""
    results = search(query)
    answer = Answer(query, results)
    if not results and not exact and words(query):
        fixed = corrected(words(query))
        if fixed:
            results = search(" ".join(fixed))
            if results:
                answer = Answer(query, results, corrected=" ".join(fixed))
    answer.best = best_hits(answer.results) if len(answer.results) > 1 else []
    return answer
