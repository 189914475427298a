"""What every curated record shares: a publication state, a slug, timestamps."""

from django.conf import settings
from django.db import models

from atlas.links import slug_url


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def published_q(prefix=""):
    """The 'published' condition, for use across a relation (e.g. prefix 'missions__')."""
    return models.Q(**{f"{prefix}status": PublicationStatus.PUBLISHED})


def related_model(model, name):
    """The model at the end of `model`'s relation `name`, a reverse relation included.

    How an app reaches a model of an app above it without importing that app.
    """
    return model._meta.get_field(name).related_model


def published_prefetch(model, name, only=()):
    """Prefetch `model`'s relation `name`, keeping only its published records.

    `only` names the columns to load. Build it once the apps are ready: a reverse
    relation does not exist before.
    """
    queryset = related_model(model, name).objects.published()
    if only:
        queryset = queryset.only(*only)
    return models.Prefetch(name, queryset=queryset)


class PublishableQuerySet(models.QuerySet):
    """The one place that decides what readers may see."""

    def published(self):
        return self.filter(published_q())

    def in_review(self):
        return self.filter(status=PublicationStatus.IN_REVIEW)


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class CuratedRecord(models.Model):
    """Abstract base for records editors curate and readers see once published."""

    slug = models.SlugField(max_length=120, unique=True)
    status = models.CharField(
        max_length=12,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The URL name of the record's page, which takes its slug.
    detail_url_name = ""

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return slug_url(self.detail_url_name, self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class SearchEntry(models.Model):
    """One published record's searchable text; the site search's full-text index reads it.

    Kept in step with the records by signals (atlas/search.py). On SQLite an FTS5 table
    mirrors it through triggers; on PostgreSQL stored tsvector columns with GIN indexes
    cover it (migration 0004). The lead is what a directory's own search box promises to
    look in (a mission's summary and mandate), so that box needs no second pass.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=300)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_search_entry_per_record"
            )
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"


class ContentVersion(models.Model):
    """A token that changes, in the same transaction, whenever anything readers see changes.

    Caches key on it (atlas/freshness.py), so a page or facet index built before a change
    is never served after it, by any server. A random token rather than a counter: a
    rolled-back transaction can never bring an old number, and its old cache entries, back.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.token


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "Waiting for review"
    RETURNED = "returned", "Changes requested"


class RecordReference(models.Model):
    """A row about one curated record of any kind (content type and primary key)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)

    class Meta:
        abstract = True

    @property
    def record_model(self):
        return self.content_type.model_class()

    def record(self):
        return self.record_model._default_manager.filter(pk=self.object_id).first()


class PendingRevision(RecordReference):
    """A change to a published record, waiting to become its live version.

    `data` holds the record and the rows its history follows (roles, host countries,
    citations …) as they would be saved, in django-reversion's serialization, so it
    serves every kind of record; `base` holds the live version it was drafted from, for
    a three-way difference when the live version changes meanwhile (atlas/drafts.py).
    Editors share one pending revision per record, as Wagtail's pages share one draft.
    """

    state = models.CharField(max_length=12, choices=ReviewState, default=ReviewState.DRAFT)
    # The record's name when last saved, for lists that read no record.
    title = models.CharField(max_length=300, blank=True)
    data = models.JSONField()
    base = models.JSONField()
    # The live version's last save when the draft began: a later one makes the draft stale.
    base_updated_at = models.DateTimeField(null=True)
    summary = models.CharField(max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The lost-update marker: a reviewer's approve names the save it saw.
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_revision_per_record"
            )
        ]
        # Its admin list is the review queue (atlas/queue_admin.py).
        verbose_name_plural = "review queue"

    def __str__(self):
        return f"Pending change to “{self.title or self.object_id}”"


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes", "Changes requested"
    APPROVED = "approved", "Approved and published"


class RecordComment(RecordReference):
    """One message in a record's thread between its editors and reviewers; kept for good,
    beside the record's history."""

    kind = models.CharField(max_length=12, choices=CommentKind, default=CommentKind.COMMENT)
    body = models.TextField(max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="comments_by_record")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="changes", body=""),
                name="a_change_request_says_what",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.author} on {self.created_at:%Y-%m-%d}"


class Notification(RecordReference):
    """What a user is told about a record: in the admin's list, and by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="atlas_notifications"
    )
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notifications_by_user")]

    def __str__(self):
        return self.message


class Watch(RecordReference):
    """A user who hears whenever a record's live version changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="atlas_watches"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_watch_per_user_and_record"
            )
        ]
        verbose_name_plural = "watches"

    def __str__(self):
        return f"{self.user} watches {self.content_type.name} {self.object_id}"
