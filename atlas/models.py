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
