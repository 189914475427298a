"""What the admin index shows editors first: the review queue and the latest changes."""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from atlas.models import PendingRevision, ReviewState
from atlas.registry import curated_models


def review_queue(user):
    """(label, count waiting in review, link to them): the changes to published records in
    the review queue, then each model's new records in review."""
    rows = []
    if user.is_staff and any(
        user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        for model in curated_models()
    ):
        waiting = PendingRevision.objects.filter(state=ReviewState.IN_REVIEW).count()
        queue = reverse("admin:atlas_pendingrevision_changelist")
        rows.append(("Changes to published records", waiting, queue))
    for model in curated_models():
        meta = model._meta
        if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        count = model.objects.in_review().count()
        rows.append((meta.verbose_name_plural.capitalize(), count, f"{url}?status__exact=review"))
    return rows


def visible_content_types(user):
    """The content types of the models `user` may view or change in the admin."""
    models = [
        model
        for model in apps.get_models()
        if any(
            user.has_perm(f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}")
            for action in ("view", "change")
        )
    ]
    return ContentType.objects.get_for_models(*models).values()


def recent_changes(user, limit=12):
    """The latest admin changes to records of the models `user` may see; all, for superusers.

    The log names each record (a user account's name, say) and what was done to it, so
    it shows no more than the admin's own lists would.
    """
    entries = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")
    if not (user.is_active and user.is_superuser):
        entries = entries.filter(content_type__in=visible_content_types(user))
    return entries[:limit]
