"""The full-text index over the published records of every searchable kind.

Kept in step with the records by signals. SQLite reads it through FTS5 (porter stemming),
PostgreSQL through stored English tsvectors. The site search (website/search.py) ranks
and marks hits from it; a directory's own search box (matching_sql) narrows by it. It
lives in the base because both the site and the domain apps' directories read it.
"""

import re

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from atlas import aliases, freshness
from atlas.models import SearchEntry
from atlas.registry import kind_of, searchable_models
from atlas.vocabulary import corrected

MAX_WORDS = 10


def words(query):
    """The words of a reader's query, stripped of any search-engine syntax."""
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


# {kind: [function(pks) -> {pk: text}]}: words other apps add to a kind's documents (the
# datasets app adds a mission's leaders and deployment sites), so a layer below them reads
# no app above it.
_extra_text = {}


def add_text(kind, function):
    """Have `function(pks)` ({pk: text}) add words to the body of `kind`'s documents."""
    _extra_text.setdefault(kind, []).append(function)


def _documents(kind, records):
    """{pk: (title, lead, body)} for the records, with the words other apps add."""
    documents = {record.pk: record.search_document() for record in records}
    for function in _extra_text.get(kind, ()):
        for pk, text in function(list(documents)).items():
            if text and pk in documents:
                title, lead, body = documents[pk]
                documents[pk] = (title, lead, f"{body}\n{text}" if body else text)
    return documents


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
    title, lead, body = _documents(kind, [instance])[instance.pk]
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
        records = list(model.objects.published())
        documents = _documents(kind, records)
        for record in records:
            title, lead, body = documents[record.pk]
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
    """An FTS5 query: every term (quoted, so never syntax) in the columns, of one kind; a
    name with other names (atlas.aliases) matches as any of them.

    The kind column is matched only to narrow one kind's listing; site search never
    matches it, so a word like "mission" finds text, not every mission."""
    star = "*" if prefix else ""
    phrases = " AND ".join(
        "(" + " OR ".join(f'"{" ".join(name)}"{star}' for name in group) + ")"
        for group in aliases.expand(terms)
    )
    match = f"{columns} : ({phrases})"
    return f"kind : {kind} AND {match}" if kind else match


def tsquery(terms, prefix=False):
    """The PostgreSQL to_tsquery text for the terms (words only, so never syntax): every
    term, a name with other names as any of them, each name's words as a phrase."""
    star = ":*" if prefix else ""
    return " & ".join(
        "("
        + " | ".join("(" + " <-> ".join(f"{w}{star}" for w in name) + ")" for name in group)
        + ")"
        for group in aliases.expand(terms)
    )


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
            [kind, tsquery(terms, prefix=True)],
        )
    return (
        "SELECT e.object_id FROM atlas_search_fts AS f "
        "JOIN atlas_searchentry AS e ON e.id = f.rowid WHERE atlas_search_fts MATCH %s",
        [sqlite_match(terms, columns="{title lead}", kind=kind, prefix=True)],
    )


def matching(kind, query):
    """(pks of the published `kind` records that match the query, the query searched):
    the reader's own words, or, when they find nothing, the same with typos corrected
    (see matching_sql). A directory names the corrected words when it shows their results."""
    found = matching_sql(kind, query)
    if found is None:
        return [], query
    with connection.cursor() as cursor:
        cursor.execute(*found)
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        fixed = corrected(words(query))
        if fixed:
            retry = matching_sql(kind, " ".join(fixed))
            with connection.cursor() as cursor:
                cursor.execute(*retry)
                ids = [row[0] for row in cursor.fetchall()]
            if ids:
                return ids, " ".join(fixed)
    return ids, query


def forgiving_sql(kind, query):
    """matching_sql for the query, or for the same with typos corrected when the reader's
    own words find nothing and the corrected ones do; None when it has no words. For a
    subquery: the matches are never read into Python."""
    found = matching_sql(kind, query)
    if found is None or _any(found):
        return found
    fixed = corrected(words(query))
    retry = matching_sql(kind, " ".join(fixed)) if fixed else None
    return retry if retry is not None and _any(retry) else found


def _any(found):
    sql, params = found
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT 1", params)
        return cursor.fetchone() is not None
