"""The full-text index behind site search: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE atlas_search_fts USING fts5(
        title, body, content='atlas_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER atlas_search_ai AFTER INSERT ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER atlas_search_ad AFTER DELETE ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(atlas_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER atlas_search_au AFTER UPDATE ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(atlas_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO atlas_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS atlas_search_au",
    "DROP TRIGGER IF EXISTS atlas_search_ad",
    "DROP TRIGGER IF EXISTS atlas_search_ai",
    "DROP TABLE IF EXISTS atlas_search_fts",
]
POSTGRES_CREATE = [
    """CREATE INDEX atlas_searchentry_fts ON atlas_searchentry
        USING GIN (to_tsvector('english', title || ' ' || body))"""
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS atlas_searchentry_fts"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("atlas", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
