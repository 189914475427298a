"""Organizations that authorize, lead or take part in peace operations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from atlas import text_limits
from atlas.footnotes import strip_markers
from atlas.models import CuratedRecord, PublishableQuerySet, SlugNaturalKeyManager, published_q
from atlas.text_limits import LimitedTextField


class OrganizationKind(models.TextChoices):
    GLOBAL = "global", "Global intergovernmental organization"
    REGIONAL = "regional", "Regional organization"
    ALLIANCE = "alliance", "Military alliance"
    ORGAN = "organ", "Organ of an organization"
    NON_GOVERNMENTAL = "ngo", "Non-governmental organizations"
    STATE = "state", "State"


class OrganizationQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Name order, the published parent, and how many published missions each has."""
        return (
            self.prefetch_related(
                models.Prefetch("parent", queryset=Organization.objects.published())
            )
            .annotate(
                # Peace operations only: military interventions are counted apart.
                mission_count=models.Count(
                    "mission_roles__mission",
                    filter=published_q("mission_roles__mission__")
                    & models.Q(mission_roles__mission__kind="peace-operation"),
                    distinct=True,
                )
            )
            .order_by("name")
        )


class Organization(CuratedRecord):
    detail_url_name = "organizations:detail"
    prose_fields = ("description",)

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=12, choices=OrganizationKind)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this one belongs to, e.g. the United Nations for the Security Council.",
    )
    summary = LimitedTextField(
        max_length=text_limits.SUMMARY, help_text="One or two sentences shown in lists."
    )
    description = LimitedTextField(max_length=text_limits.ARTICLE, blank=True)

    objects = SlugNaturalKeyManager.from_queryset(OrganizationQuerySet)()

    class Meta:
        permissions = [("publish_organization", "Can publish, unpublish and archive organizations")]
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("acronym"),
                condition=~models.Q(acronym=""),
                name="organization_acronym_unique_ci",
                violation_error_message="Another organization already uses this acronym.",
            ),
        ]

    def search_document(self):
        """Title, lead and body the site search indexes."""
        return str(self), strip_markers(self.summary), strip_markers(self.description)

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An organization cannot be its own ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self):
        return self.acronym or self.name
