"""The content version: what every reader-side cache keys on, so none is ever stale.

Any write to a record readers can see replaces the token inside the writing transaction
(signals below); bulk writes that bypass signals call `bump()` themselves. A reader reads
the token before anything else, so whatever it caches under that token was built from data
at least as new as the token.
"""

import uuid

from django.apps import apps
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

# Apps whose records readers see; their every model (and many-to-many table) counts.
READER_APPS = ("atlas", "sources", "organizations", "missions", "lessons")
IGNORED = {"atlas.ContentVersion", "atlas.SearchEntry"}
ROW = 1


def _model():
    return apps.get_model("atlas", "ContentVersion")


def current():
    """The token now in force (one small query, asked on every reader request); made on
    first use."""
    table = connection.ops.quote_name(_model()._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [ROW])  # nosec B608  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else bump()


def bump():
    """Give the content a new token; returns it."""
    model = _model()
    token = uuid.uuid4().hex
    if not model.objects.filter(pk=ROW).update(token=token):
        model.objects.bulk_create([model(pk=ROW, token=token)], ignore_conflicts=True)
        model.objects.filter(pk=ROW).update(token=token)
    return token


def _changed(sender, **kwargs):
    bump()


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        bump()


def connect_signals():
    for app_label in READER_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in IGNORED:
                continue
            uid = f"freshness-{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field}"
                )
