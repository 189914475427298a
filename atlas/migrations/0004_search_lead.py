"""Split each search entry into title, lead and body, and index the kind too.

SQLite: the FTS5 table gains `kind` (so a directory narrows to one kind inside the index,
without reading the entries) and `lead`. PostgreSQL: stored tsvector columns
replace the expression index, so ranking reads a stored vector instead of parsing every
match's text again.
"""

from importlib import import_module

from django.db import migrations, models

PREVIOUS = import_module("atlas.migrations.0002_search_index")

COLUMNS = "kind, title, lead, body"
NEW = "new.kind, new.title, new.lead, new.body"
OLD = "old.kind, old.title, old.lead, old.body"
SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE atlas_search_fts USING fts5(
        {COLUMNS}, content='atlas_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER atlas_search_ai AFTER INSERT ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END""",
    f"""CREATE TRIGGER atlas_search_ad AFTER DELETE ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(atlas_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD});
    END""",
    f"""CREATE TRIGGER atlas_search_au AFTER UPDATE ON atlas_searchentry BEGIN
        INSERT INTO atlas_search_fts(atlas_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD});
        INSERT INTO atlas_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END""",
    "INSERT INTO atlas_search_fts(atlas_search_fts) VALUES ('rebuild')",
]
POSTGRES_CREATE = [
    "DROP INDEX IF EXISTS atlas_searchentry_fts",
    """ALTER TABLE atlas_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS
        (to_tsvector('english', title || ' ' || lead || ' ' || body)) STORED""",
    """ALTER TABLE atlas_searchentry ADD COLUMN lead_document tsvector GENERATED ALWAYS AS
        (to_tsvector('english', title || ' ' || lead)) STORED""",
    "CREATE INDEX atlas_searchentry_document ON atlas_searchentry USING GIN (document)",
    "CREATE INDEX atlas_searchentry_lead_document ON atlas_searchentry USING GIN (lead_document)",
]
POSTGRES_DROP = [
    "ALTER TABLE atlas_searchentry DROP COLUMN IF EXISTS lead_document",
    "ALTER TABLE atlas_searchentry DROP COLUMN IF EXISTS document",
    *PREVIOUS.POSTGRES_CREATE,
]

# Missions' leads (summary and mandate), which their directory's search box needs at once.
# Their bodies still repeat that text, and other kinds' leads stay empty, until
# `manage.py setup_atlas` (run on every release) or `rebuild_search_index` rewrites them.
FILL_LEAD = """UPDATE atlas_searchentry SET lead = COALESCE((
    SELECT COALESCE(m.summary, '') || ' ' || COALESCE(m.mandate, '') FROM missions_mission AS m
    WHERE m.id = atlas_searchentry.object_id), '') WHERE kind = 'mission'"""


run = PREVIOUS.run


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0003_content_version"),
        ("missions", "0005_indexes_for_filters_and_sorts"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": PREVIOUS.SQLITE_DROP}), run({"sqlite": PREVIOUS.SQLITE_CREATE})
        ),
        migrations.AddField(
            model_name="searchentry",
            name="lead",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RunSQL(FILL_LEAD, migrations.RunSQL.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": PREVIOUS.SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
