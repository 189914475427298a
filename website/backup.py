"""Backups as JSON: every record with its primary key, history included, and restore.

Primary keys are kept (not natural keys) because django-reversion's history refers to
records by primary key; content types and permissions are written as natural keys, since
`migrate` numbers them afresh in a new database. Sessions, login attempts and the search
index are left out: the first two are transient, the last is rebuilt from the records.
"""

import json

from django.apps import apps
from django.core.management import call_command
from django.core.management.commands.loaddata import Command as DjangoLoaddata
from django.db import transaction

from atlas import freshness
from atlas.search import rebuild_index

LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "atlas.searchentry",
    "atlas.contentversion",
]


def backup(path):
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=LEFT_OUT,
        format="backup",
        indent=1,
        output=str(path),
        verbosity=0,
    )


def is_empty():
    """No record of any backed-up kind exists (a fresh, migrated database)."""
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in LEFT_OUT or label in LEFT_OUT or not model._meta.managed:
            continue
        if model.objects.exists():
            return False
    return True


@transaction.atomic
def restore(path):
    """Load a backup into an empty database, all or nothing; returns how many records."""
    with open(path, encoding="utf-8") as handle:
        records = json.load(handle)
    if not isinstance(records, list):
        raise ValueError("a backup is a JSON list of records")
    # Django's own loaddata: a backup is restored as written, not validated like fixtures.
    call_command(DjangoLoaddata(), str(path), format="json", verbosity=0)
    rebuild_index()
    freshness.bump()
    return len(records)
