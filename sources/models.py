"""Where facts come from: source documents, their sections, and citations to them."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from atlas import text_limits
from atlas.models import CuratedRecord, PublishableQuerySet, SlugNaturalKeyManager, published_q
from atlas.text_limits import LimitedTextField


class SourceKind(models.TextChoices):
    ARTICLE = "article", "Article"
    DATASET = "dataset", "Dataset"
    OFFICIAL_LIST = "official-list", "Official list"
    OFFICIAL_DOCUMENT = "official-document", "Official document"
    # An encyclopedia or other reference work's article on one subject.
    REFERENCE_WORK = "reference-work", "Reference work"
    # An organization's own page on a subject (a mission's page at peacekeeping.un.org).
    WEB_PAGE = "web-page", "Web page"
    NEWS_REPORT = "news-report", "News report"
    # A report of an inquiry, a review or a panel (Brahimi 2000, HIPPO 2015).
    REPORT = "report", "Report"


# "2003", "2003-09" or "2003-09-19": a date only as precise as the source gives it.
PARTIAL_DATE = RegexValidator(
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
    "Give the date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source gives it.",
)


class Source(CuratedRecord):
    detail_url_name = "sources:detail"

    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=20, choices=SourceKind)
    author = models.CharField(
        max_length=200, blank=True, help_text="The writer or writers, where the source names them."
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Or the site it was published on."
    )
    date = models.CharField(
        "date published",
        max_length=10,
        blank=True,
        validators=[PARTIAL_DATE],
        help_text="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source gives it.",
    )
    file_name = models.CharField(
        max_length=200, blank=True, help_text="The file this source was read from, if any."
    )
    url = models.URLField(blank=True)
    edition = models.CharField(
        max_length=100, blank=True, help_text="Version or date of the copy that was read."
    )
    description = LimitedTextField(
        max_length=text_limits.DESCRIPTION,
        help_text="What this source is and how the atlas uses it.",
    )

    objects = SlugNaturalKeyManager.from_queryset(PublishableQuerySet)()

    class Meta:
        permissions = [("publish_source", "Can publish, unpublish and archive sources")]
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def date_display(self):
        """'2003', 'September 2003' or '19 September 2003': as precise as it was given."""
        parts = self.date.split("-") if self.date else []
        if len(parts) < 2:
            return self.date
        month = datetime.date(2000, int(parts[1]), 1).strftime("%B")
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


class SourceSectionManager(models.Manager):
    def get_by_natural_key(self, source_slug, slug):
        return self.get(source__slug=source_slug, slug=slug)


class SourceSection(models.Model):
    """A heading of a source document, or a named part of a dataset."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=250)
    slug = models.SlugField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    objects = SourceSectionManager()

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "slug"], name="section_slug_unique_in_source")
        ]

    def __str__(self):
        return f"{self.source.title} › {self.heading}"

    def get_absolute_url(self):
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (self.source.slug, self.slug)

    natural_key.dependencies = ["sources.source"]

    @property
    def anchor(self):
        return f"section-{self.slug}"


# The foreign keys below, one per kind of record a citation can support; named here
# because the table's constraints are built from them before the model exists.
# atlas.checks keeps them equal to the registry's cited models.
TARGETS = ("mission", "organization", "lesson", "topic")


def _exactly_one_target():
    conditions = []
    for name in TARGETS:
        condition = models.Q(**{f"{name}__isnull": False})
        for other in TARGETS:
            if other != name:
                condition &= models.Q(**{f"{other}__isnull": True})
        conditions.append(condition)
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


class CitationQuerySet(models.QuerySet):
    def for_readers(self):
        """Citations whose source readers can open, with what a footnote shows."""
        return self.filter(published_q("section__source__")).select_related("section__source")

    def cited_published(self):
        """Citations of records that readers can see."""
        condition = models.Q()
        for name in TARGETS:
            condition |= published_q(f"{name}__")
        return self.filter(condition)


class CitationManager(models.Manager.from_queryset(CitationQuerySet)):
    def get_by_natural_key(self, target_kind, target_slug, source_slug, section_slug, field):
        return self.get(
            **{f"{target_kind}__slug": target_slug},
            section__source__slug=source_slug,
            section__slug=section_slug,
            field=field,
        )


class Citation(models.Model):
    """Ties one record (or one of its fields) to the source section that supports it."""

    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    lesson = models.ForeignKey(
        "lessons.Lesson", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    topic = models.ForeignKey(
        "lessons.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    section = models.ForeignKey(SourceSection, on_delete=models.PROTECT, related_name="citations")
    field = models.CharField(
        max_length=60,
        blank=True,
        help_text="The fact this supports, e.g. 'start_date'; blank for the record as a whole.",
    )
    locator = models.CharField(
        max_length=120, blank=True, help_text="Where in the section, e.g. a dataset row."
    )
    note = models.CharField(max_length=300, blank=True)

    objects = CitationManager()

    class Meta:
        ordering = ["section__source__title", "section__position", "field"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(),
                name="citation_has_exactly_one_target",
                violation_error_message="A citation supports exactly one record.",
            ),
            *(
                models.UniqueConstraint(
                    fields=[name, "section", "field"],
                    condition=models.Q(**{f"{name}__isnull": False}),
                    name=f"one_citation_per_{name}_section_field",
                )
                for name in TARGETS
            ),
        ]

    def __str__(self):
        what = f" ({self.field})" if self.field else ""
        return f"{self.target}{what} ← {self.section}"

    @property
    def target_kind(self):
        for name in TARGETS:
            if getattr(self, f"{name}_id"):
                return name
        return None

    @property
    def target(self):
        kind = self.target_kind
        return getattr(self, kind) if kind else None

    def natural_key(self):
        return (
            self.target_kind,
            self.target.slug,
            self.section.source.slug,
            self.section.slug,
            self.field,
        )

    natural_key.dependencies = [
        "sources.sourcesection",
        "missions.mission",
        "organizations.organization",
        "lessons.lesson",
        "lessons.topic",
    ]

    def clean(self):
        # On an admin add form the record is not saved yet, so look at the object, not its id.
        targets = [name for name in TARGETS if getattr(self, name, None) is not None]
        if len(targets) != 1:
            raise ValidationError("A citation supports exactly one record.")
        if self.field:
            model = self._meta.get_field(targets[0]).related_model
            known = {field.name for field in model._meta.get_fields()}
            if self.field not in known:
                raise ValidationError(
                    {
                        "field": f"A {targets[0]} has no field {self.field!r}; leave it empty "
                        "to cite the record as a whole."
                    }
                )
