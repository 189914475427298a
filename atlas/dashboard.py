"""What the admin index shows editors first: the review queue and the latest changes."""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.urls import reverse

QUEUE_MODELS = [
    "missions.Mission",
    "organizations.Organization",
    "lessons.Lesson",
    "lessons.Topic",
    "sources.Source",
]


def review_queue(user):
    """(label, count waiting in review, changelist link filtered to them) per model."""
    rows = []
    for label in QUEUE_MODELS:
        model = apps.get_model(label)
        meta = model._meta
        if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        count = model.objects.in_review().count()
        rows.append((meta.verbose_name_plural.capitalize(), count, f"{url}?status__exact=review"))
    return rows


def recent_changes(limit=12):
    return LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:limit]
