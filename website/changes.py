"""The records changed last, for the home page: published missions, organizations, lessons
and topics by the moment each was last saved (updated_at)."""

from operator import attrgetter

from django.conf import settings
from django.core.cache import cache
from django.db import models

from atlas import freshness
from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization

KINDS = (Mission, Organization, Lesson, Topic)


def recently_updated(size=10):
    """The `size` published records changed last, most recent first, ties by name.

    Kept under the content version (atlas/freshness.py), which every change replaces, so
    an uncached home page reads the version instead of four kinds of record.
    """
    if not settings.ATLAS_FIGURE_CACHE_SECONDS:
        return _latest(size)
    key = f"recently-updated:{freshness.current()}:{size}"
    records = cache.get(key)
    if records is None:
        records = _latest(size)
        cache.set(key, records, settings.ATLAS_FIGURE_CACHE_SECONDS)
    return records


def _latest(size):
    """One query per kind, each for its own latest `size`: together they hold the latest
    `size` of all."""
    records = [
        record
        for model in KINDS
        for record in model.objects.published()
        .defer(*_long_text(model))
        .order_by("-updated_at", "pk")[:size]
    ]
    records.sort(key=str)
    records.sort(key=attrgetter("updated_at"), reverse=True)
    return records[:size]


def _long_text(model):
    """The text fields a line of the list never shows (a mission's body, a lesson's
    observation …): left unread, they are most of what a record weighs."""
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, models.TextField)
    ]
