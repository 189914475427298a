"""Site search: one full-text index over published missions, organizations, lessons and topics.

SQLite uses FTS5 (porter stemming), PostgreSQL its English text search; both receive the
same query (every word must match, in any order), rank by relevance, return at most
`per_kind` hits of each kind with the matched words marked, and count all hits.
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from atlas import freshness
from atlas.models import SearchEntry

START, STOP = "\x02", "\x03"
MAX_WORDS = 10
KINDS = {
    "mission": ("missions.Mission", "Missions"),
    "organization": ("organizations.Organization", "Organizations"),
    "lesson": ("lessons.Lesson", "Lessons"),
    "topic": ("lessons.Topic", "Topics"),
}


def words(query):
    """The words of a reader's query, stripped of any search-engine syntax."""
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


def _kind_of(instance):
    label = instance._meta.label
    return next((kind for kind, (model, _) in KINDS.items() if model == label), None)


def index_record(instance):
    """Add, refresh or drop one record's entry to match whether it is published."""
    kind = _kind_of(instance)
    if kind is None:
        return
    if not instance.is_published:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()
        return
    title, body = instance.search_document()
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=instance.pk,
        defaults={"slug": instance.slug, "title": title[:300], "body": body},
    )


def remove_record(instance):
    kind = _kind_of(instance)
    if kind is not None:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


def rebuild_index():
    """Rebuild every entry from the published records; returns how many there are."""
    from django.apps import apps

    entries = []
    for kind, (label, _) in KINDS.items():
        for record in apps.get_model(label).objects.published():
            title, body = record.search_document()
            entries.append(
                SearchEntry(
                    kind=kind, object_id=record.pk, slug=record.slug, title=title[:300], body=body
                )
            )
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        freshness.bump()
    return len(entries)


def _on_save(sender, instance, raw=False, **kwargs):
    index_record(instance)


def _on_delete(sender, instance, **kwargs):
    remove_record(instance)


def connect_signals():
    from django.apps import apps

    for label, _ in KINDS.values():
        model = apps.get_model(label)
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
        from django.urls import reverse

        names = {
            "mission": "missions:detail",
            "organization": "organizations:detail",
            "lesson": "lessons:detail",
            "topic": "lessons:topic",
        }
        return reverse(names[self.kind], kwargs={"slug": self.slug})


def marked(text):
    """Escape text, then turn the index's match markers into <mark> elements."""
    safe = escape(text.replace(STOP + START, "")).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # nosec B308 B703  # noqa: S308 - escaped above; only our own markers become tags


SQLITE_SEARCH = """
SELECT kind, slug, highlight(atlas_search_fts, 0, char(2), char(3)),
       snippet(atlas_search_fts, 1, char(2), char(3), '…', 32), total
FROM (
    SELECT e.id, e.kind, e.slug, f.rank AS score,
           ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY f.rank, e.title) AS position,
           COUNT(*) OVER (PARTITION BY e.kind) AS total
    FROM atlas_search_fts AS f JOIN atlas_searchentry AS e ON e.id = f.rowid
    WHERE atlas_search_fts MATCH %s
) AS ranked JOIN atlas_search_fts ON atlas_search_fts.rowid = ranked.id
WHERE position <= %s AND atlas_search_fts MATCH %s
ORDER BY kind, position
"""

POSTGRES_SEARCH = """
WITH query AS (SELECT plainto_tsquery('english', %s) AS q),
ranked AS (
    SELECT e.kind, e.slug, e.title, e.body,
           ROW_NUMBER() OVER (
               PARTITION BY e.kind
               ORDER BY ts_rank(to_tsvector('english', e.title || ' ' || e.body), query.q) DESC,
                        e.title
           ) AS position,
           COUNT(*) OVER (PARTITION BY e.kind) AS total
    FROM atlas_searchentry AS e, query
    WHERE to_tsvector('english', e.title || ' ' || e.body) @@ query.q
)
SELECT kind, slug,
       ts_headline('english', title, query.q, %s),
       ts_headline('english', body, query.q, %s),
       total
FROM ranked, query
WHERE position <= %s
ORDER BY kind, position
"""
HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
SNIPPET = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def search(query, per_kind=20):
    """{kind: {"label", "total", "hits"}} for the query; empty when it has no words."""
    terms = words(query)
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_SEARCH, [" ".join(terms), HEADLINE, SNIPPET, per_kind])
        else:
            match = " ".join('"' + term.replace('"', "") + '"' for term in terms)
            cursor.execute(SQLITE_SEARCH, [match, per_kind, match])
        rows = cursor.fetchall()
    results = {}
    for kind, slug, title, snippet, total in rows:
        group = results.setdefault(kind, {"label": KINDS[kind][1], "total": total, "hits": []})
        group["hits"].append(Hit(kind, slug, marked(title), marked(snippet)))
    return {kind: results[kind] for kind in KINDS if kind in results}


def matching_sql(kind, query):
    """SQL (and its parameters) selecting the pks of published `kind` records that have
    every word of the query, each as a prefix; None when the query has no words."""
    terms = words(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return (
            "SELECT object_id FROM atlas_searchentry WHERE kind = %s AND "
            "to_tsvector('english', title || ' ' || body) @@ to_tsquery('english', %s)",
            [kind, " & ".join(f"{term}:*" for term in terms)],
        )
    return (
        "SELECT e.object_id FROM atlas_search_fts AS f "
        "JOIN atlas_searchentry AS e ON e.id = f.rowid "
        "WHERE atlas_search_fts MATCH %s AND e.kind = %s",
        [" ".join(f'"{term}"*' for term in terms), kind],
    )


def matching_ids(kind, query):
    """Pks of the published records of `kind` that match the query (see matching_sql)."""
    found = matching_sql(kind, query)
    if found is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*found)
        return [row[0] for row in cursor.fetchall()]
