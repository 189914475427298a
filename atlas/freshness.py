"""The content version: what every reader-side cache keys on, so none is ever stale.

Any write to a record readers can see replaces the token inside the writing transaction
(signals below); bulk writes that bypass signals call `bump()` themselves. A reader reads
the token before anything else, so whatever it caches under that token was built from data
at least as new as the token.
"""

import contextlib
import uuid

from django.apps import apps
from django.db import DatabaseError, connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from atlas.registry import editable_models

ROW = 1


def _model():
    return apps.get_model("atlas", "ContentVersion")


def _sql():
    table = connection.ops.quote_name(_model()._meta.db_table)
    return f"SELECT token FROM {table} WHERE id = %s"  # nosec B608  # noqa: S608


def current():
    """The token now in force (one small query, asked on every reader request); made on
    first use."""
    row = _read_as_health_check()
    if row is None:
        with connection.cursor() as cursor:
            cursor.execute(_sql(), [ROW])
            row = cursor.fetchone() or ()
    return row[0] if row else bump()


def _read_as_health_check():
    """On a reused PostgreSQL connection, read the token before Django health-checks it.

    With CONN_HEALTH_CHECKS, Django's check is a round trip of its own (SELECT 1) before a
    request's first query; the token read is every request's first query, and an answer
    proves the connection as well. That halves the database round trips of a cached page.
    A connection that fails is closed, and Django opens a fresh one for the normal read.
    Returns the row (or () when there is none), or None when it did not apply.
    """
    if not (
        connection.vendor == "postgresql"
        and connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    ):
        return None
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute(_sql(), [ROW])
            row = cursor.fetchone() or ()
    except connection.Database.Error:
        with contextlib.suppress(DatabaseError, connection.Database.Error):
            connection.close()
        return None
    connection.health_check_done = True
    return row


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


def connect_signals(models=None):
    """Bump on every save and delete of `models` (default: every model of the domain apps,
    which readers see) and on changes to their many-to-many tables."""
    for model in editable_models() if models is None else models:
        uid = f"freshness-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field}"
            )
