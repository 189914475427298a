"""Review of records and of pending revisions: submit, approve, request changes, and who
hears about it.

Every change to a live record ends here: a publisher approves a pending revision (from the
queue, or their own edit in one step from the change form) and it becomes the live version
in one history entry; or sends it back with a comment. New records follow the same steps
through their publication state.
"""

import logging

import reversion
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from atlas import drafts
from atlas.models import (
    CommentKind,
    Notification,
    PendingRevision,
    PublicationStatus,
    RecordComment,
    ReviewState,
    Watch,
)
from atlas.publishing import can_publish, citation_problem, publish_permission, set_status

logger = logging.getLogger(__name__)


def reference(record):
    """The (content type, object id) fields that name `record` in the review tables."""
    return {
        "content_type": ContentType.objects.get_for_model(type(record)),
        "object_id": str(record.pk),
    }


def pending_for(model, pk):
    return (
        PendingRevision.objects.select_related("author", "updated_by")
        .filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
        .first()
    )


def admin_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def review_url(pending):
    return reverse("admin:atlas_pendingrevision_change", args=[pending.pk])


def moment(value):
    return date_format(timezone.localtime(value), "j F Y, H:i:s")


def who(user):
    return user.get_username() if user else "someone"


# Keeping a draft ------------------------------------------------------------------------


def keep_draft(record, data, user, summary, submit, live_data=None):
    """Store `data` as `record`'s pending revision (made or updated); returns it."""
    pending = pending_for(type(record), record.pk)
    if pending is None:
        pending = PendingRevision(
            **reference(record),
            base=live_data if live_data is not None else drafts.snapshot(record),
            base_updated_at=getattr(record, "updated_at", None),
            author=user,
        )
    pending.data = data
    pending.title = str(record)[:300]
    pending.updated_by = user
    pending.summary = summary or pending.summary
    if submit:
        pending.state = ReviewState.IN_REVIEW
    pending.save()
    if submit:
        comment(record, user, CommentKind.SUBMITTED, summary)
        notify_publishers(
            record,
            user,
            f"{who(user)} submitted a change to “{record}” for review.",
            review_url(pending),
        )
    return pending


def submitted_new_record(record, user, summary):
    """A new record moved to review: its thread says so and publishers hear."""
    comment(record, user, CommentKind.SUBMITTED, summary)
    notify_publishers(
        record, user, f"{who(user)} submitted the new record “{record}” for review.",
        admin_url(record),
    )  # fmt: skip


# Deciding -------------------------------------------------------------------------------


def check_reviewer(user, model):
    if not can_publish(user, model):
        raise PermissionDenied("Only a publisher can approve or send back a change.")


def approve(pending, user, seen, note=""):
    """Make `pending` the live version, if nobody changed it after `seen` (its updated_at as
    the reviewer saw it, ISO). Returns the live record."""
    model = pending.record_model
    check_reviewer(user, model)
    with transaction.atomic():
        locked = (
            PendingRevision.objects.select_for_update(of=("self",))
            .select_related("updated_by", "author")
            .filter(pk=pending.pk)
            .first()
        )
        if locked is None:
            raise ValidationError("This change was approved or withdrawn meanwhile.")
        if seen != locked.updated_at.isoformat():
            raise ValidationError(
                f"{who(locked.updated_by)} changed this revision on {moment(locked.updated_at)}, "
                "after you opened it. Nothing was published; read the new version, then decide."
            )
        live = model._default_manager.select_for_update().get(pk=locked.object_id)
        with reversion.create_revision():
            record = drafts.apply(locked.data)
            record.status = live.status  # a revision changes content, never the state
            record.updated_by = user
            record.save()
            problem = citation_problem(record)
            if problem:
                raise ValidationError(problem)
            reversion.add_to_revision(record)
            reversion.set_user(user)
            reversion.set_comment(history_line(locked.summary, locked.author, user))
        finish_approval(record, user, locked.author, locked.summary, note)
        locked.delete()
    return record


def approved_directly(record, user, pending, summary):
    """A publisher's own edit of a live record, approved in the same step."""
    author = pending.author if pending else user
    finish_approval(record, user, author, summary, "", log=False)  # the form logged it
    if pending is not None:
        pending.delete()


def history_line(summary, author, reviewer):
    said = summary or "No summary given."
    if author and author != reviewer:
        return f"{said} (by {who(author)}, approved by {who(reviewer)})"
    return f"{said} (approved by {who(reviewer)})"


def finish_approval(record, reviewer, author, summary, note, log=True):
    if log:
        LogEntry.objects.log_actions(
            reviewer.pk, [record], CHANGE, change_message=history_line(summary, author, reviewer),
            single_object=True,
        )  # fmt: skip
    comment(record, reviewer, CommentKind.APPROVED, note or summary)
    url = admin_url(record)
    if author and author != reviewer:
        notify([author], record, f"{who(reviewer)} approved your change to “{record}”.", url)
    said = (summary or "no summary given").rstrip(".")
    notify_watchers(record, reviewer, f"“{record}” changed: {said}.")


def approve_new(record, user, note=""):
    """Publish a new record waiting in review."""
    check_reviewer(user, type(record))
    changed, refused = set_status([record], PublicationStatus.PUBLISHED, user)
    if refused:
        raise ValidationError(refused[0][1])
    author = submitter(record)
    comment(record, user, CommentKind.APPROVED, note)
    if author and author != user:
        notify([author], record, f"{who(user)} published “{record}”.", admin_url(record))
    notify_watchers(record, user, f"“{record}” was published.")


def request_changes(record, user, body, pending=None):
    """Send a pending revision, or a new record in review, back to its author."""
    check_reviewer(user, type(record))
    body = (body or "").strip()
    if not body:
        raise ValidationError("Say what needs to change: a request for changes needs a comment.")
    with transaction.atomic():
        if pending is not None:
            pending.state = ReviewState.RETURNED
            pending.save(update_fields=["state"])
            author = pending.author
            url = admin_url(record)
        else:
            set_status([record], PublicationStatus.DRAFT, user)
            author = submitter(record)
            url = admin_url(record)
        comment(record, user, CommentKind.CHANGES_REQUESTED, body)
        if author and author != user:
            notify([author], record, f"{who(user)} asked for changes to “{record}”: {body}", url)


def submitter(record):
    """Who last submitted the record for review, or who last saved it."""
    found = (
        RecordComment.objects.filter(**reference(record), kind=CommentKind.SUBMITTED)
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )
    return found.author if found else getattr(record, "updated_by", None)


# The thread -----------------------------------------------------------------------------


def comment(record, user, kind, body=""):
    return RecordComment.objects.create(
        **reference(record), author=user, kind=kind, body=(body or "")[:2000]
    )


def thread(record):
    return list(
        RecordComment.objects.filter(**reference(record))
        .select_related("author")
        .order_by("created_at", "pk")
    )


# Who hears ------------------------------------------------------------------------------


def publishers(model):
    """Active users who may publish records of `model`."""
    app_label, codename = publish_permission(model).split(".")
    direct = Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    grouped = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    permission = direct | grouped
    users = get_user_model().objects.filter(is_active=True)
    return list(users.filter(permission | Q(is_superuser=True)).distinct())


def notify_publishers(record, actor, message, url):
    notify([user for user in publishers(type(record)) if user != actor], record, message, url)


def watching(record, user):
    return Watch.objects.filter(**reference(record), user=user).exists()


def notify_watchers(record, actor, message):
    users = [
        watch.user
        for watch in Watch.objects.filter(**reference(record)).select_related("user")
        if watch.user != actor and watch.user.is_active
    ]
    notify(users, record, message, admin_url(record))


def notify(users, record, message, url):
    """An in-admin notification for each user and, once the transaction commits, an e-mail
    to those with an address. A mail that fails is logged; it never undoes the save."""
    users = list({user.pk: user for user in users if user}.values())
    if not users:
        return
    ref = reference(record)
    Notification.objects.bulk_create(
        [Notification(**ref, user=user, message=message[:300], url=url) for user in users]
    )
    addresses = [user.email for user in users if user.email]
    if addresses:
        transaction.on_commit(lambda: _mail(addresses, message, url))


def _mail(addresses, message, url):
    link = f"{settings.ATLAS_SITE_URL.rstrip('/')}{url}" if settings.ATLAS_SITE_URL else url
    try:
        send_mail(
            subject=f"[Peacekeeping Atlas] {message[:120]}",
            message=f"{message}\n\n{link}\n",
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:  # noqa: BLE001 - any failure of the mail server is only logged
        logger.exception("Could not send a review notification to %s", ", ".join(addresses))
