"""The full-text index over the published records of every searchable kind.

Kept in step with the records by signals. SQLite reads it through FTS5 (porter stemming),
PostgreSQL through stored English tsvectors. The site search (website/search.py) ranks
and marks hits from it; a directory's own search box (matching_sql) narrows by it. It
lives in the base because both the site and the domain apps' directories read it.
"""

import re

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from atlas import freshness
from atlas.models import SearchEntry
from atlas.registry import kind_of, searchable_models

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


def sqlite_match(terms, columns="{title lead body}", kind=None, prefix=False):
    """An FTS5 query: every term (quoted, so never syntax) in the columns, of one kind.

    The kind column is matched only to narrow one kind's listing; site search never
    matches it, so a word like "mission" finds text, not every mission."""
    star = "*" if prefix else ""
    phrases = " ".join(f'"{term}"{star}' for term in terms)
    match = f"{columns} : ({phrases})"
    return f"kind : {kind} AND {match}" if kind else match


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
        [sqlite_match(terms, columns="{title lead}", kind=kind, prefix=True)],
    )


def matching_ids(kind, query):
    """Pks of the published records of `kind` that match the query (see matching_sql)."""
    found = matching_sql(kind, query)
    if found is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*found)
        return [row[0] for row in cursor.fetchall()]
