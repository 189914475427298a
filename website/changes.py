"""The records changed last, for the home page: published missions, organizations, lessons
and topics by the moment each was last saved (updated_at)."""

from operator import attrgetter

from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization

KINDS = (Mission, Organization, Lesson, Topic)


def recently_updated(size=10):
    """The `size` published records changed last, most recent first, ties by name.

    One query per kind, each for its own latest `size`: together they hold the latest
    `size` of all.
    """
    records = [
        record
        for model in KINDS
        for record in model.objects.published().order_by("-updated_at", "pk")[:size]
    ]
    records.sort(key=str)
    records.sort(key=attrgetter("updated_at"), reverse=True)
    return records[:size]
