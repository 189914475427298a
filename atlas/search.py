"""Site search: one full-text index over published missions, organizations, lessons and topics.

SQLite uses FTS5 (porter stemming), PostgreSQL its English text search; both receive the
same query (every word must match, in any order), rank by relevance, return at most
`per_kind` hits of each kind with the matched words marked, and count all hits. Ranking
reads the index (PostgreSQL: stored vectors) and only the hits shown have their text read
back, so a query's cost follows its matches, not the size of the atlas.
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from atlas import freshness
from atlas.models import SearchEntry
from atlas.registry import kind_of, model_for_kind, searchable_models

START, STOP = "\x02", "\x03"
MAX_WORDS = 10


def words(query):
    """The words of a reader's query, stripped of any search-engine syntax."""
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


def _kind_of(instance):
    model = type(instance)
    return kind_of(model) if model in searchable_models() else None


def index_record(instance):
    """Add, refresh or drop one record's entry to match whether it is published."""
    kind = _kind_of(instance)
    if kind is None:
        return
    if not instance.is_published:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()
        return
    title, lead, body = instance.search_document()
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=instance.pk,
        defaults={"slug": instance.slug, "title": title[:300], "lead": lead, "body": body},
    )


def remove_record(instance):
    kind = _kind_of(instance)
    if kind is not None:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


def rebuild_index():
    """Rebuild every entry from the published records; returns how many there are."""
    entries = []
    for model in searchable_models():
        kind = kind_of(model)
        for record in model.objects.published():
            title, lead, body = record.search_document()
            entries.append(
                SearchEntry(
                    kind=kind,
                    object_id=record.pk,
                    slug=record.slug,
                    title=title[:300],
                    lead=lead,
                    body=body,
                )
            )
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        if connection.vendor == "sqlite":
            # Rewriting every entry leaves FTS5 with many segments and deleted rows that
            # every query would merge; one merge now keeps searches as fast as a new index.
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO atlas_search_fts(atlas_search_fts) VALUES ('optimize')")
        freshness.bump()
    return len(entries)


def _on_save(sender, instance, raw=False, **kwargs):
    index_record(instance)


def _on_delete(sender, instance, **kwargs):
    remove_record(instance)


def connect_signals():
    for model in searchable_models():
        label = model._meta.label
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{label}")


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


def _sqlite_match(terms, columns="{title lead body}", kind=None, prefix=False):
    """An FTS5 query: every term (quoted, so never syntax) in the columns, of one kind.

    The kind column is matched only to narrow one kind's listing; site search never
    matches it, so a word like "mission" finds text, not every mission."""
    star = "*" if prefix else ""
    phrases = " ".join(f'"{term}"{star}' for term in terms)
    match = f"{columns} : ({phrases})"
    return f"kind : {kind} AND {match}" if kind else match


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
            match = _sqlite_match(terms)
            cursor.execute(SQLITE_SEARCH, [match, per_kind, match])
        rows = cursor.fetchall()
    results = {}
    for kind, slug, title, lead, body, total in rows:
        label = model_for_kind(kind)._meta.verbose_name_plural.capitalize()
        group = results.setdefault(kind, {"label": label, "total": total, "hits": []})
        group["hits"].append(Hit(kind, slug, marked(title), marked(_snippet(lead, body))))
    kinds = [kind_of(model) for model in searchable_models()]
    return {kind: results[kind] for kind in kinds if kind in results}


def matching_sql(kind, query):
    """SQL (and its parameters) selecting the pks of published `kind` records whose title or
    lead has every word of the query, each as a prefix; None when the query has no words.

    For missions that is the directory's promise: acronym and name (the title), summary and
    mandate (the lead). The index answers it alone, without reading the records' text.
    """
    terms = words(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return (
            "SELECT object_id FROM atlas_searchentry WHERE kind = %s AND "
            "lead_document @@ to_tsquery('english', %s)",
            [kind, " & ".join(f"{term}:*" for term in terms)],
        )
    return (
        "SELECT e.object_id FROM atlas_search_fts AS f "
        "JOIN atlas_searchentry AS e ON e.id = f.rowid WHERE atlas_search_fts MATCH %s",
        [_sqlite_match(terms, columns="{title lead}", kind=kind, prefix=True)],
    )


def matching_ids(kind, query):
    """Pks of the published records of `kind` that match the query (see matching_sql)."""
    found = matching_sql(kind, query)
    if found is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*found)
        return [row[0] for row in cursor.fetchall()]
