"""What was learned from peace operations, and the concepts the sources teach."""

from django.db import models

from atlas import text_limits
from atlas.footnotes import strip_markers
from atlas.links import slug_url
from atlas.models import (
    CuratedRecord,
    PublishableQuerySet,
    SlugNaturalKeyManager,
    published_prefetch,
)
from atlas.text_limits import LimitedTextField


class Theme(models.Model):
    """A subject a lesson is about (planning, mandate, resources...): a small vocabulary."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = LimitedTextField(max_length=text_limits.DESCRIPTION, blank=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("lessons:theme", self.slug)

    def natural_key(self):
        return (self.slug,)


class TopicKind(models.TextChoices):
    PRINCIPLE = "principle", "Principle"
    MISSION_TYPE = "mission-type", "Mission type"
    PERSPECTIVE = "perspective", "Theoretical perspective"
    TREND = "trend", "Trend"


class TopicQuerySet(PublishableQuerySet):
    pass


class Topic(CuratedRecord):
    """A concept the sources teach: a principle, a mission type, a theory or a trend."""

    detail_url_name = "lessons:topic"
    prose_fields = ("body",)

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=15, choices=TopicKind)
    summary = LimitedTextField(
        max_length=text_limits.SUMMARY, help_text="One or two sentences shown in lists."
    )
    body = LimitedTextField(max_length=text_limits.ARTICLE, blank=True)
    missions = models.ManyToManyField("missions.Mission", blank=True, related_name="topics")
    organizations = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="topics"
    )

    objects = SlugNaturalKeyManager.from_queryset(TopicQuerySet)()

    class Meta:
        permissions = [("publish_topic", "Can publish, unpublish and archive topics")]
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def search_document(self):
        """Title, lead and body the site search indexes."""
        return self.name, strip_markers(self.summary), strip_markers(self.body)


class LessonKind(models.TextChoices):
    LESSON = "lesson", "Lesson"
    CHALLENGE = "challenge", "Challenge"
    SUCCESS_FACTOR = "success-factor", "Success factor"
    FAILURE_FACTOR = "failure-factor", "Failure factor"
    RECOMMENDATION = "recommendation", "Recommendation"


class LessonQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Themes and published missions, as a list of lessons shows them."""
        return self.prefetch_related(
            "themes",
            published_prefetch(self.model, "missions", only=("slug", "acronym", "name")),
        )

    def for_export(self):
        """Themes and the published missions and organizations each lesson concerns."""
        return self.prefetch_related(
            "themes",
            published_prefetch(self.model, "missions"),
            published_prefetch(self.model, "organizations"),
        )


class Lesson(CuratedRecord):
    detail_url_name = "lessons:detail"
    prose_fields = ("observation", "recommendation")

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=15, choices=LessonKind)
    themes = models.ManyToManyField(Theme, blank=True, related_name="lessons")
    observation = LimitedTextField(
        max_length=text_limits.PASSAGE, help_text="What was seen, in our own words."
    )
    recommendation = LimitedTextField(
        max_length=text_limits.PASSAGE, blank=True, help_text="What to do about it."
    )
    missions = models.ManyToManyField("missions.Mission", blank=True, related_name="lessons")
    organizations = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="lessons"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="lessons")

    objects = SlugNaturalKeyManager.from_queryset(LessonQuerySet)()

    class Meta:
        permissions = [("publish_lesson", "Can publish, unpublish and archive lessons")]
        ordering = ["kind", "title"]
        indexes = [
            models.Index(fields=["status", "kind", "title"], name="lesson_by_kind"),
            models.Index(fields=["status", "-updated_at"], name="lesson_recent"),
        ]

    def __str__(self):
        return self.title

    def search_document(self):
        """Title, lead and body the site search indexes."""
        return self.title, strip_markers(self.observation), strip_markers(self.recommendation)
