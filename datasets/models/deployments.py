from django.db import models
from django.db.models import Count, Max, Min
from django_countries.fields import CountryField

from datasets.models.base import DatasetRow


class Headquarters(models.IntegerChoices):
    """Geo-PKO's `hq` code (codebook, "Non-troops variables"): the highest kind of
    headquarters a location serves as, since a mission headquarters is usually also a
    sector and a contingent headquarters."""

    NONE = 0, "none"
    CONTINGENT = 1, "contingent headquarters"
    SECTOR = 2, "sector headquarters"
    MISSION = 3, "mission headquarters"


class AirUnits(models.IntegerChoices):
    """The yearly file's `Av`: aviation plus helicopter-support units present (each a 0/1
    troop-type flag of the codebook), the highest sum over the year's maps."""

    NONE = 0, "none"
    ONE_KIND = 1, "aviation or helicopter support"
    BOTH = 2, "aviation and helicopter support"


class DeploymentSiteQuerySet(models.QuerySet):
    def years(self):
        """The years these sites cover, oldest first (one query)."""
        return list(self.order_by("year").values_list("year", flat=True).distinct())

    def troops_by_year(self):
        """{year: troops at these sites that year}, oldest first (one query); a year whose
        sites are all of unknown size counts 0."""
        rows = self.order_by("year").values("year").annotate(troops=models.Sum("troops"))
        return {row["year"]: row["troops"] or 0 for row in rows}

    def in_year(self, year):
        return self.filter(year=year)

    def in_country(self, code):
        """The sites in one country (ISO 3166-1 alpha-2), as the file places them."""
        return self.filter(country=code)

    def per_country(self):
        """One row per country: its sites, the missions that had them and the years, as
        dicts {country, sites, missions, first_year, last_year}, most sites first. Sites on
        a border the file gives two countries for have no country and are left out."""
        return (
            self.exclude(country="")
            .values("country")
            .annotate(
                sites=Count("pk"),
                missions=Count("mission_label", distinct=True),
                first_year=Min("year"),
                last_year=Max("year"),
            )
            .order_by("-sites", "country")
        )

    def latest_year_per_mission(self):
        """{mission id: the latest year with sites}, for the missions in the atlas."""
        rows = (
            self.exclude(mission=None)
            .values("mission")
            .annotate(latest=Max("year"))
            .order_by()
            .values_list("mission", "latest")
        )
        return dict(rows)


class DeploymentSite(DatasetRow):
    """Where a UN mission had personnel in one year, from Geo-PKO's yearly aggregation.

    The yearly file repeats a location once per distinct deployment map of the year; the
    importer merges those lines into one site and keeps all of them in `lines`. `troops`
    is the file's `ave.no.troops`: the mean over the year's maps of the troops Geo-PKO
    estimated from the unit symbols (650 a battalion, 150 a company, 35 a platoon),
    truncated to a whole number; None where no map gave a unit size. The lowest and
    highest single-map estimates (`NoTroops`) are kept beside it. Police and military
    observers are presence flags in Geo-PKO, not counts.
    """

    mission = models.ForeignKey(
        "missions.Mission", null=True, on_delete=models.SET_NULL, related_name="deployment_sites"
    )
    year = models.PositiveSmallIntegerField()
    country = CountryField(blank=True, help_text="Empty where the file names two countries.")
    country_label = models.CharField(max_length=60, help_text="The file's name for the country.")
    location = models.CharField(max_length=100)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    troops = models.PositiveIntegerField(
        null=True, help_text="Yearly mean of the maps' estimates; empty when the size is unknown."
    )
    troops_low = models.PositiveIntegerField(null=True, help_text="Lowest single-map estimate.")
    troops_high = models.PositiveIntegerField(null=True, help_text="Highest single-map estimate.")
    infantry = models.PositiveIntegerField(null=True)
    reserve = models.PositiveIntegerField(null=True)
    police = models.BooleanField("UN police present")
    observers = models.BooleanField("military observers present")
    medical = models.BooleanField("medical unit present")
    air_units = models.PositiveSmallIntegerField(choices=AirUnits)
    headquarters = models.PositiveSmallIntegerField(choices=Headquarters)
    lines = models.JSONField(default=list, help_text="Every line of the file merged here.")

    objects = DeploymentSiteQuerySet.as_manager()

    class Meta:
        ordering = ["mission_label", "year", "location"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission_label", "year", "location", "country_label"],
                name="one_deployment_site_per_mission_year_location",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90),
                name="deployment_site_latitude_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180),
                name="deployment_site_longitude_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945), name="deployment_site_year_plausible"
            ),
            models.CheckConstraint(
                condition=models.Q(headquarters__gte=0, headquarters__lte=3),
                name="deployment_site_headquarters_code",
            ),
            models.CheckConstraint(
                condition=models.Q(air_units__gte=0, air_units__lte=2),
                name="deployment_site_air_units_code",
            ),
            models.CheckConstraint(
                condition=models.Q(troops_low__lte=models.F("troops_high"))
                | models.Q(troops_low=None)
                | models.Q(troops_high=None),
                name="deployment_site_troop_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["mission", "year"]), models.Index(fields=["country"])]

    def __str__(self):
        return f"{self.mission_label} {self.year}: {self.location}"

    @property
    def is_headquarters(self):
        return self.headquarters != Headquarters.NONE

    @property
    def country_name(self):
        """The ISO name, or the file's own where it names two countries."""
        return self.country.name if self.country else self.country_label

    @property
    def troops_display(self):
        if self.troops is None:
            return "troops of unknown size"
        if self.troops == 0:
            return "no troops"
        return f"{self.troops:,} troop{'s' if self.troops != 1 else ''}"

    def describe(self):
        """One line on the site: 'Goma (Congo …): 1,283 troops, UN police, sector headquarters'."""
        parts = [self.troops_display]
        if self.police:
            parts.append("UN police")
        if self.observers:
            parts.append("military observers")
        if self.is_headquarters:
            parts.append(self.get_headquarters_display())
        return f"{self.location} ({self.country_name}): {', '.join(parts)}"

    @property
    def troops_vary(self):
        """Whether the year's maps gave different estimates."""
        return self.troops_low is not None and self.troops_low != self.troops_high
