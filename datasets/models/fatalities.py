from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, Max, Min, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django_countries.fields import CountryField

from datasets.models.base import DatasetRow
from datasets.models.personnel import operation_key
from missions.models import MissionOrganization, Role
from sources.models import Source

# The data set's record in fixtures/datasets.json: every fatality cites it.
SOURCE = "un-peacekeeping-fatalities-dppadposs"
UNITED_NATIONS = "united-nations"


class PersonnelType(models.TextChoices):
    """The file's casualty_personnel_type categories, in its own words."""

    MILITARY = "military", "Military"
    MILITARY_OBSERVER = "military-observer", "Military observer"
    POLICE = "police", "Police"
    INTERNATIONAL_CIVILIAN = "international-civilian", "International civilian"
    LOCAL = "local", "Local"
    OTHER = "other", "Other"


class IncidentType(models.TextChoices):
    """The file's type_of_incident categories, in its own words."""

    MALICIOUS_ACT = "malicious-act", "Malicious act"
    ACCIDENT = "accident", "Accident"
    ILLNESS = "illness", "Illness"
    SELF_INFLICTED = "self-inflicted", "Self-inflicted"
    TO_BE_DETERMINED = "to-be-determined", "To be determined"
    UNKNOWN = "unknown", "Unknown"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class FatalitySummary:
    """A set of fatalities counted the ways the mission page shows them."""

    total: int
    # (year, count) for every year from the first death to the last, none left out.
    by_year: list
    # (label, count), most first; a category the file leaves blank is "Not recorded".
    by_incident: list
    by_personnel: list
    # The file's lines the counts come from.
    lines: list


@dataclass(frozen=True)
class Coverage:
    """What the data set spans, and whether a mission is one it describes."""

    source: object
    first: object
    last: object
    updated: object
    # The data set covers UN operations: a mission led by another organization is outside it.
    in_scope: bool


def _ranked(counter, labels):
    return sorted(
        ((labels.get(value, NOT_RECORDED), count) for value, count in counter.items()),
        key=lambda item: (-item[1], item[0]),
    )


class FatalityQuerySet(models.QuerySet):
    def summary(self):
        """The total, by year, by incident type and by personnel type, in one query."""
        rows = list(
            self.order_by().values_list(
                "date", "incident_type", "personnel_type", "row", "repeated_row"
            )
        )
        years = Counter(row[0].year for row in rows)
        by_year = (
            [(year, years[year]) for year in range(min(years), max(years) + 1)] if years else []
        )
        return FatalitySummary(
            total=len(rows),
            by_year=by_year,
            by_incident=_ranked(Counter(row[1] for row in rows), dict(IncidentType.choices)),
            by_personnel=_ranked(Counter(row[2] for row in rows), dict(PersonnelType.choices)),
            # A casualty the file records twice is cited to both its lines.
            lines=[line for row in rows for line in row[3:] if line is not None],
        )

    def per_year_and_incident(self):
        """One dict per year and incident type with deaths, oldest first: `count`, the
        `repeated` lines among them (a casualty the file records twice), the first and last
        line and date and the latest update, in one query."""
        return (
            self.annotate(year=ExtractYear("date"))
            .order_by("year", "incident_type")
            .values("year", "incident_type")
            .annotate(
                count=Count("pk"),
                repeated=Count("repeated_row"),
                first_row=Min("row"),
                last_row=Max("row"),
                last_repeated_row=Max("repeated_row"),
                first_date=Min("date"),
                last_date=Max("date"),
                updated=Max("last_update"),
            )
        )

    def deadliest(self):
        """Each operation's deaths, most first, as dicts {mission_id, key (operation_key),
        count, first_date, last_date, label (the file's name, the first if several),
        mission__acronym, mission__slug, mission__status};
        slice it for the deadliest few. One query."""
        return (
            self.annotate(key=operation_key())
            .values("mission_id", "key")
            .annotate(
                count=Count("pk"),
                first_date=Min("date"),
                last_date=Max("date"),
                label=Min("mission_label"),
            )
            .order_by("-count", "key", "mission__acronym")
            .values(
                "mission_id",
                "key",
                "count",
                "first_date",
                "last_date",
                "label",
                "mission__acronym",
                "mission__slug",
                "mission__status",
            )
        )

    def per_mission(self):
        """{mission id: fatalities} for the rows linked to an atlas mission, in one query."""
        return dict(
            self.filter(mission__isnull=False)
            .order_by()
            .values("mission")
            .annotate(count=Count("pk"))
            .values_list("mission", "count")
        )

    def per_nationality(self):
        """{country code: fatalities} for the rows whose nationality is an ISO 3166 country;
        former states and undetermined nationalities are left out, in one query."""
        return dict(
            self.exclude(nationality="")
            .order_by()
            .values("nationality")
            .annotate(count=Count("pk"))
            .values_list("nationality", "count")
        )

    def coverage(self, mission):
        """The data set's Coverage and whether `mission` is in its scope, in one query; None
        when the data set is not in the atlas or none of its rows are imported."""
        rows = Fatality.objects.filter(source=OuterRef("pk")).order_by()
        leads = MissionOrganization.objects.filter(mission=mission, role=Role.LEAD)
        source = (
            Source.objects.filter(slug=SOURCE)
            .annotate(
                first=Subquery(rows.order_by("date").values("date")[:1]),
                last=Subquery(rows.order_by("-date").values("date")[:1]),
                updated=Subquery(rows.order_by("-last_update").values("last_update")[:1]),
                un_led=Exists(leads.filter(organization__slug=UNITED_NATIONS)),
                led=Exists(leads),
            )
            .first()
        )
        if source is None or source.first is None:
            return None
        return Coverage(
            source=source,
            first=source.first,
            last=source.last,
            updated=source.updated,
            # A mission without a recorded lead is not ruled out.
            in_scope=source.un_led or not source.led,
        )


class Fatality(DatasetRow):
    """One death of UN peace operations personnel, as the UN's Peace and Security Data Hub
    records it (data set DPPADPOSS-FATALITIES), one per casualty id."""

    mission = models.ForeignKey(
        "missions.Mission", null=True, on_delete=models.SET_NULL, related_name="fatalities"
    )
    casualty_id = models.CharField(max_length=40, help_text="The UN's casualty id.")
    date = models.DateField("date of the incident")
    personnel_type = models.CharField(max_length=25, choices=PersonnelType, blank=True)
    incident_type = models.CharField(max_length=20, choices=IncidentType, blank=True)
    gender = models.CharField(max_length=6, choices=Gender, blank=True)
    nationality = CountryField(
        blank=True, help_text="Blank for a former state or an undetermined nationality."
    )
    nationality_label = models.CharField(
        max_length=80, blank=True, help_text="The file's name for the nationality."
    )
    m49_code = models.PositiveSmallIntegerField("UN M49 country code", null=True, blank=True)
    last_update = models.DateField(help_text="When the UN last updated the row.")
    # The file records a few casualties twice, the second time with another nationality.
    repeated_row = models.PositiveIntegerField(
        null=True, blank=True, help_text="Line of the file that records this casualty again."
    )
    repeated_nationality_label = models.CharField(
        max_length=80, blank=True, help_text="The nationality the repeated line gives."
    )

    objects = FatalityQuerySet.as_manager()

    class Meta:
        ordering = ["date", "casualty_id"]
        verbose_name_plural = "fatalities"
        indexes = [
            models.Index(fields=["mission", "date"], name="fatality_by_mission"),
            models.Index(fields=["nationality"], name="fatality_by_nationality"),
            models.Index(fields=["date"], name="fatality_by_date"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["casualty_id"], name="one_fatality_per_casualty"),
            models.CheckConstraint(
                condition=models.Q(personnel_type__in=[*PersonnelType.values, ""]),
                name="fatality_personnel_type_known",
            ),
            models.CheckConstraint(
                condition=models.Q(incident_type__in=[*IncidentType.values, ""]),
                name="fatality_incident_type_known",
            ),
            models.CheckConstraint(
                condition=models.Q(gender__in=[*Gender.values, ""]), name="fatality_gender_known"
            ),
            models.CheckConstraint(
                condition=models.Q(last_update__gte=models.F("date")),
                name="fatality_updated_after_incident",
            ),
        ]

    def __str__(self):
        return f"{self.casualty_id} ({self.date:%Y-%m-%d})"
