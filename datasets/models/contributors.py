from django.db import models
from django.db.models import Count, F, Max, Min, Q
from django_countries.fields import CountryField

from datasets.models.base import DatasetRow


class ContributionMonthQuerySet(models.QuerySet):
    def contributed_by(self, country):
        """Per mission, what a country contributed over the months the file covers: the
        peak monthly total, the months listed and the first and last month, for a country
        page."""
        return (
            self.filter(country=country)
            .values("mission", "mission_label")
            .annotate(
                peak=Max("total"),
                months=Count("id"),
                first=Min("month"),
                last=Max("month"),
            )
            .order_by("-peak", "mission_label")
        )

    def for_figure(self):
        """The few columns the mission page's figure reads, as named tuples: a large
        mission has thousands of rows, and model instances would cost most of its page."""
        return self.order_by("row").values_list(
            "country",
            "month",
            "total",
            "row",
            "source_id",
            "source__slug",
            "source__title",
            named=True,
        )


class ContributionMonth(DatasetRow):
    """A country's uniformed personnel in one mission at the end of one month, by category
    (IPI's contributors file, from the UN's monthly contribution reports)."""

    record = models.PositiveIntegerField(help_text="The file's own row id (first column).")
    mission = models.ForeignKey(
        "missions.Mission", null=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    month = models.DateField(help_text="The month the line counts (its first day).")
    country = CountryField(db_index=True)
    country_label = models.CharField(max_length=60, help_text="The file's name for the country.")
    police = models.PositiveIntegerField(help_text="Individual police.")
    formed_police = models.PositiveIntegerField(help_text="Formed police units.")
    experts = models.PositiveIntegerField(help_text="Experts on mission.")
    troops = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    female_total = models.PositiveIntegerField()

    objects = ContributionMonthQuerySet.as_manager()

    class Meta:
        ordering = ["record"]
        constraints = [
            models.UniqueConstraint(fields=["source", "record"], name="one_contribution_per_id"),
            models.CheckConstraint(
                condition=Q(total=F("police") + F("formed_police") + F("experts") + F("troops")),
                name="contribution_total_is_the_sum",
            ),
            models.CheckConstraint(
                condition=Q(female_total__lte=F("total")), name="contribution_female_within_total"
            ),
        ]
        indexes = [models.Index(fields=["mission", "country"], name="contribution_by_mission")]

    def __str__(self):
        return f"{self.mission_label} {self.month:%Y-%m} {self.country_label}: {self.total}"


class ContributorKind(models.TextChoices):
    COUNTRY = "country", "Country"
    UNKNOWN = "unknown", "Contributor not named"
    MULTINATIONAL = "multinational", "Multinational unit"


class SiteContributorQuerySet(models.QuerySet):
    def contributed_by(self, country):
        """Per mission, the site-years a country is listed at and its first and last year."""
        return (
            self.filter(country=country)
            .values("mission", "mission_label")
            .annotate(site_years=Count("id"), first=Min("year"), last=Max("year"))
            .order_by("-site_years", "mission_label")
        )

    def for_figure(self):
        """The named countries' entries with the columns the figure reads, as named tuples."""
        return (
            self.filter(kind=ContributorKind.COUNTRY)
            .order_by("row", "entry")
            .values_list(
                "country",
                "year",
                "location",
                "row",
                "source_id",
                "source__slug",
                "source__title",
                named=True,
            )
        )


class SiteContributor(DatasetRow):
    """One contributor named at one deployment site of a mission in one year (Geo-PKO's
    'year.overview' list, one entry each), with its estimated troop size where known."""

    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        on_delete=models.SET_NULL,
        related_name="site_contributors",
    )
    entry = models.PositiveSmallIntegerField(help_text="Place in the line's list, from 1.")
    year = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=120)
    kind = models.CharField(max_length=13, choices=ContributorKind, default=ContributorKind.COUNTRY)
    contributor = models.CharField(max_length=60, help_text="The file's name for it.")
    country = CountryField(blank=True, db_index=True)
    size = models.PositiveIntegerField(
        null=True, blank=True, help_text="Estimated troops; empty where the file says unknown."
    )

    objects = SiteContributorQuerySet.as_manager()

    class Meta:
        ordering = ["row", "entry"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "row", "entry"], name="one_site_contributor_per_entry"
            ),
            models.CheckConstraint(
                condition=~Q(kind="country") | ~Q(country=""),
                name="site_contributor_country_named",
            ),
        ]
        indexes = [models.Index(fields=["mission", "country"], name="site_contributor_by_mission")]

    def __str__(self):
        size = self.size if self.size is not None else "size unknown"
        return f"{self.mission_label} {self.year} {self.location}: {self.contributor} ({size})"
