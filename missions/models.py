"""Peace operations, the organizations behind them and the countries that host them."""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django_countries.fields import CountryField

from atlas import text_limits
from atlas.footnotes import strip_markers
from atlas.links import slug_url
from atlas.models import (
    CuratedRecord,
    PublishableQuerySet,
    SlugNaturalKeyManager,
    published_q,
)
from atlas.text_limits import LimitedTextField
from missions.dates import (
    DatePrecision,
    describe_duration,
    describe_period,
    format_partial_date,
    period_end,
    period_start,
)


class OperationType(models.TextChoices):
    TRADITIONAL = "traditional", "Traditional (observer, ceasefire monitoring)"
    MULTIDIMENSIONAL = "multidimensional", "Multidimensional"
    ROBUST = "robust", "Robust"
    CIVILIAN = "civilian", "Civilian"
    ENFORCEMENT = "enforcement", "Enforcement or intervention"


class MissionKind(models.TextChoices):
    # The atlas lists peace operations; a few military campaigns are kept because the
    # sources discuss them beside peace operations, shown apart and counted apart.
    PEACE_OPERATION = "peace-operation", "Peace operation"
    MILITARY_INTERVENTION = "military-intervention", "Military intervention"


class Region(models.TextChoices):
    AFRICA = "africa", "Africa"
    AMERICAS = "americas", "Americas"
    ASIA_PACIFIC = "asia-pacific", "Asia and the Pacific"
    EUROPE = "europe", "Europe"
    MIDDLE_EAST = "middle-east", "Middle East"


class Outcome(models.TextChoices):
    SUCCESS = "success", "Success"
    MIXED = "mixed", "Mixed"
    FAILURE = "failure", "Failure"
    ONGOING = "ongoing", "Ongoing"
    NOT_ASSESSED = "not-assessed", "Not assessed"


class OperationalStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    UNKNOWN = "unknown", "Dates not recorded"


class MissionQuerySet(PublishableQuerySet):
    def peace_operations(self):
        return self.filter(kind=MissionKind.PEACE_OPERATION)

    def interventions(self):
        return self.filter(kind=MissionKind.MILITARY_INTERVENTION)

    def active(self):
        return self.filter(start_date__isnull=False, end_date__isnull=True)

    def closed(self):
        return self.filter(end_date__isnull=False)

    def for_listing(self):
        """What a mission card and a download row show, in a fixed number of queries (the
        headline figures are the datasets app's, joined by their reverse relation)."""
        return self.select_related("figures").prefetch_related(
            models.Prefetch(
                "roles",
                queryset=MissionOrganization.objects.filter(
                    published_q("organization__")
                ).select_related("organization"),
            ),
            "host_countries",
        )

    def year_range(self):
        """First start year and the current year: the axis every timeline shares."""
        first = self.aggregate(first=models.Min("start_date"))["first"]
        this_year = datetime.date.today().year
        return (first.year if first else this_year), this_year

    def for_detail(self, relations=("roles", "host_countries", "predecessor", "successors")):
        """What the mission page shows of its organizations, countries and neighbours.

        `relations` names the ones to prefetch: the page itself reads a published mission's
        organizations and countries from the facet index instead.
        """
        prefetches = detail_prefetches()
        return self.select_related("figures").prefetch_related(
            *(prefetches[name] for name in relations)
        )


class Mission(CuratedRecord):
    detail_url_name = "missions:detail"
    # Markdown fields whose footnote markers become notes (atlas.footnotes).
    prose_fields = ("mandate", "ending", "outcome_reasoning", "body")

    acronym = models.CharField(max_length=40)
    name = models.CharField("full name", max_length=250, blank=True)
    kind = models.CharField(
        max_length=25,
        choices=MissionKind,
        default=MissionKind.PEACE_OPERATION,
        help_text="A military intervention is not a peace operation: it is listed apart and "
        "left out of the counts of peace operations.",
    )
    operation_type = models.CharField(max_length=20, choices=OperationType, blank=True)
    region = models.CharField(max_length=20, choices=Region, blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    summary = LimitedTextField(
        max_length=text_limits.SUMMARY, help_text="One or two sentences shown in lists."
    )
    mandate = LimitedTextField(max_length=text_limits.PASSAGE, blank=True)
    ending = LimitedTextField(
        "how it ended",
        max_length=text_limits.SUMMARY,
        blank=True,
        help_text="Only where no decision ended the operation (a mandate left to lapse, a "
        "veto, a host state's refusal): one cited sentence saying how it ended. The mission "
        "page shows it under the decisions.",
    )
    outcome = models.CharField(max_length=15, choices=Outcome, default=Outcome.NOT_ASSESSED)
    outcome_reasoning = LimitedTextField(max_length=text_limits.PASSAGE, blank=True)
    body = LimitedTextField(max_length=text_limits.ARTICLE, blank=True)
    headquarters = models.CharField(max_length=120, blank=True)
    headquarters_latitude = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True
    )
    headquarters_longitude = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True
    )
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        through="MissionOrganization",
        related_name="missions",
    )

    objects = SlugNaturalKeyManager.from_queryset(MissionQuerySet)()

    class Meta:
        permissions = [("publish_mission", "Can publish, unpublish and archive missions")]
        # Undated missions last, on SQLite as on PostgreSQL.
        ordering = [models.F("start_date").asc(nulls_last=True), "acronym"]
        # One index per filter and sort the directory, its exports and the admin use.
        indexes = [
            models.Index(fields=["status", "start_date", "acronym"], name="mission_by_start"),
            models.Index(fields=["status", "acronym"], name="mission_by_acronym"),
            models.Index(fields=["status", "end_date"], name="mission_by_end"),
            models.Index(fields=["operation_type"], name="mission_by_type"),
            models.Index(fields=["kind", "status"], name="mission_by_kind"),
            models.Index(fields=["region"], name="mission_by_region"),
            models.Index(fields=["outcome"], name="mission_by_outcome"),
            models.Index(fields=["status", "-updated_at"], name="mission_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("acronym"),
                name="mission_acronym_unique_ci",
                violation_error_message="Another mission already uses this acronym.",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="mission_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(headquarters_latitude__isnull=True)
                    | models.Q(headquarters_latitude__gte=-90, headquarters_latitude__lte=90)
                )
                & (
                    models.Q(headquarters_longitude__isnull=True)
                    | models.Q(headquarters_longitude__gte=-180, headquarters_longitude__lte=180)
                ),
                name="mission_headquarters_on_earth",
                violation_error_message="Latitude is -90 to 90 and longitude -180 to 180.",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True, start_precision="")
                | (models.Q(start_date__isnull=False) & ~models.Q(start_precision="")),
                name="mission_start_precision_with_date",
                violation_error_message="A start date needs its precision, and only then.",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True, end_precision="")
                | (models.Q(end_date__isnull=False) & ~models.Q(end_precision="")),
                name="mission_end_precision_with_date",
                violation_error_message="An end date needs its precision, and only then.",
            ),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.name}" if self.name else self.acronym

    def get_json_url(self):
        return slug_url("missions:detail-json", self.slug)

    def normalize_dates(self):
        """Store dates at the edges of their period, so constraints compare like with like."""
        self.start_date = period_start(self.start_date, self.start_precision)
        self.end_date = period_end(self.end_date, self.end_precision)

    def save(self, *args, **kwargs):
        self.normalize_dates()
        super().save(*args, **kwargs)

    def search_document(self):
        """Title, lead and body the search indexes; the lead is what the directory's search
        box promises to look in besides the title (acronym and name)."""
        lead = [self.summary, strip_markers(self.mandate)]
        body = [strip_markers(self.ending), strip_markers(self.outcome_reasoning)]
        body.append(strip_markers(self.body))
        return str(self), "\n".join(p for p in lead if p), "\n".join(p for p in body if p)

    def clean(self):
        self.normalize_dates()
        errors = {}
        if self.start_date and not self.start_precision:
            errors["start_precision"] = "Say how precise the start date is."
        if self.end_date and not self.end_precision:
            errors["end_precision"] = "Say how precise the end date is."
        if self.start_precision and not self.start_date:
            errors["start_date"] = "A precision was given without a start date."
        if self.end_precision and not self.end_date:
            errors["end_date"] = "A precision was given without an end date."
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date cannot be before the start date."
        if self.predecessor_id and self.pk and self.pk in self.predecessor_chain():
            errors["predecessor"] = "A mission cannot come before itself in a line of successors."
        if errors:
            raise ValidationError(errors)

    def predecessor_chain(self, limit=100):
        """Primary keys of this mission's predecessor, its predecessor's, and so on."""
        chain, current = [], self.predecessor_id
        while current and current not in chain and len(chain) < limit:
            chain.append(current)
            current = (
                Mission.objects.filter(pk=current).values_list("predecessor", flat=True).first()
            )
        return chain

    @property
    def is_intervention(self):
        return self.kind == MissionKind.MILITARY_INTERVENTION

    @property
    def period_display(self):
        return describe_period(
            self.start_date, self.start_precision, self.end_date, self.end_precision
        )

    @property
    def coordinates_display(self):
        """'35.1667° N, 33.3667° E' for the headquarters, or ''."""
        if self.headquarters_latitude is None or self.headquarters_longitude is None:
            return ""
        lat, lon = self.headquarters_latitude, self.headquarters_longitude
        return f"{abs(lat)}° {'N' if lat >= 0 else 'S'}, {abs(lon)}° {'E' if lon >= 0 else 'W'}"

    @property
    def start_display(self):
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self):
        return format_partial_date(self.end_date, self.end_precision)

    @property
    def operational_status(self):
        if self.end_date:
            return OperationalStatus.CLOSED
        if self.start_date:
            return OperationalStatus.ACTIVE
        return OperationalStatus.UNKNOWN

    def duration_display(self, today=None):
        return describe_duration(
            self.start_date, self.start_precision, self.end_date, self.end_precision, today
        )

    @property
    def start_year(self):
        return self.start_date.year if self.start_date else None

    @property
    def end_year(self):
        return self.end_date.year if self.end_date else None

    def timeline_span(self, first_year, last_year):
        """Left offset and width, in percent, of this mission on a first–last year axis."""
        if not self.start_date or last_year <= first_year:
            return None
        span = last_year - first_year + 1
        end_year = self.end_year or datetime.date.today().year
        left = (self.start_year - first_year) / span * 100
        width = max((end_year - self.start_year + 1) / span * 100, 0.8)
        return {"left": round(left, 2), "width": round(min(width, 100 - left), 2)}


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    AUTHORIZING = "authorizing", "Authorizing body"
    PARTNER = "partner", "Partner"
    CONTRIBUTOR = "contributor", "Contributor"


ROLE_ORDER = models.Case(
    *(models.When(role=value, then=position) for position, value in enumerate(Role.values)),
    output_field=models.IntegerField(),
)


class MissionOrganizationQuerySet(models.QuerySet):
    def of_published_missions(self):
        """Roles in published missions, earliest mission first, undated ones last."""
        return (
            self.filter(published_q("mission__"))
            .select_related("mission")
            .order_by(models.F("mission__start_date").asc(nulls_last=True), "mission__acronym")
        )


class MissionOrganizationManager(models.Manager.from_queryset(MissionOrganizationQuerySet)):
    def get_by_natural_key(self, mission_slug, organization_slug):
        return self.get(mission__slug=mission_slug, organization__slug=organization_slug)


class MissionOrganization(models.Model):
    """The part an organization played in a mission: lead, partner, authorizing body..."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="mission_roles"
    )
    role = models.CharField(max_length=12, choices=Role)

    objects = MissionOrganizationManager()

    class Meta:
        ordering = [ROLE_ORDER, "organization__name"]
        verbose_name = "organization role"
        indexes = [
            models.Index(fields=["organization", "role", "mission"], name="role_by_organization")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "organization"],
                name="one_role_per_mission_and_organization",
                violation_error_message="This organization already has a role in this mission.",
            )
        ]

    def __str__(self):
        return (
            f"{self.organization.short_name}: {self.get_role_display()} in {self.mission.acronym}"
        )

    def natural_key(self):
        return (self.mission.slug, self.organization.slug)

    natural_key.dependencies = ["missions.mission", "organizations.organization"]


class HostCountryManager(models.Manager):
    def get_by_natural_key(self, mission_slug, country):
        return self.get(mission__slug=mission_slug, country=country)


class HostCountry(models.Model):
    """One country where a mission operates (a row each, so countries can be counted)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="host_countries")
    country = CountryField(db_index=True)

    objects = HostCountryManager()

    class Meta:
        ordering = ["mission", "country"]
        verbose_name_plural = "host countries"
        indexes = [models.Index(fields=["country", "mission"], name="host_country_by_country")]
        constraints = [
            models.UniqueConstraint(fields=["mission", "country"], name="one_row_per_host_country")
        ]

    def __str__(self):
        return f"{self.country.name} ({self.mission.acronym})"

    def natural_key(self):
        return (self.mission.slug, self.country.code)

    natural_key.dependencies = ["missions.mission"]


@functools.cache
def detail_prefetches():
    """The mission page's relations, each read in one lean query.

    Built once per process: prefetching only clones these querysets, so their filters need
    not be built again on every request. Each reads only the columns the page and its JSON
    use, and host countries are sorted by code alone (their default ordering joins
    the missions table to sort by date, which means nothing for a single mission).
    """
    prefetches = (
        models.Prefetch(
            "roles",
            queryset=MissionOrganization.objects.filter(published_q("organization__"))
            .select_related("organization")
            .only(
                "mission",
                "role",
                "organization__slug",
                "organization__name",
                "organization__acronym",
            ),
        ),
        models.Prefetch("host_countries", queryset=HostCountry.objects.order_by("country")),
        models.Prefetch(
            "predecessor", queryset=Mission.objects.published().only("slug", "acronym")
        ),
        # Unordered: an ORDER BY start date would lead the planner to walk the date index
        # rather than look the few successors up by their predecessor.
        models.Prefetch(
            "successors",
            queryset=Mission.objects.published().order_by().only("slug", "acronym", "predecessor"),
        ),
    )
    return {prefetch.prefetch_to: prefetch for prefetch in prefetches}
