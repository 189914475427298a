"""Who may move a record between draft, in review, published and archived, and the rules.

Editors write and submit for review; publishers (the `publish_<model>` permission)
publish, unpublish and archive. A record that can carry citations is published only
with at least one.
"""

import reversion
from django.core.exceptions import PermissionDenied

from atlas.models import PublicationStatus

# States only a publisher may move a record into or out of.
GUARDED = {PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED}


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def needs_publisher(old_status, new_status):
    """Does moving from old_status (None for a new record) to new_status need a publisher?"""
    if old_status == new_status:
        return False
    return new_status in GUARDED or old_status in GUARDED


def check_transition(user, model, old_status, new_status):
    if needs_publisher(old_status, new_status) and not can_publish(user, model):
        raise PermissionDenied("Only a publisher can publish, unpublish or archive a record.")


def citation_problem(record):
    """Why `record` cannot be published, or None. Records without citations cannot be."""
    if not hasattr(record, "citations"):
        return None
    if record.pk is None or not record.citations.exists():
        return "A record cannot be published without at least one citation."
    return None


def set_status(records, status, user):
    """Move each record to `status` if the user may; return (changed, refused with reasons)."""
    changed, refused = [], []
    for record in records:
        check_transition(user, type(record), record.status, status)
        if status == PublicationStatus.PUBLISHED:
            problem = citation_problem(record)
            if problem:
                refused.append((record, problem))
                continue
        if record.status != status:
            with reversion.create_revision():
                record.status = status
                record.updated_by = user
                record.save()
                reversion.set_user(user)
                reversion.set_comment(f"Status set to {record.get_status_display().lower()}.")
            changed.append(record)
    return changed, refused
