"""Uniformed personnel per mission and month: deployed (IPI), authorized (Passmore, Shannon &
Hart) and, for operations the UN did not run, Bara & Hultman's monthly estimates."""

from django.db import models
from django.db.models import Case, CharField, Count, F, Max, Min, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from datasets.models.base import DatasetRow


def _first_peaks(rows):
    """{mission_id: (strength, month)} from (mission_id, strength, month) rows sorted by
    mission, strength descending and month: the first row of each mission is its peak."""
    peaks = {}
    for mission_id, strength, month in rows:
        peaks.setdefault(mission_id, (strength, month))
    return peaks


def operation_key():
    """What the worldwide figures group rows by: a mission the atlas describes by the mission
    (whatever the file calls it), another by the file's name for it ("" for the former)."""
    return Case(
        When(mission__isnull=True, then=F("mission_label")),
        default=Value(""),
        output_field=CharField(),
    )


class PersonnelMonthQuerySet(models.QuerySet):
    def worldwide(self):
        """One dict per month, oldest first: troops, police, observers and total summed over
        the month's rows, `missions` (its rows) and its first and last line, in one query."""
        return (
            self.order_by("month")
            .values("month")
            .annotate(
                troops=Sum("troops"),
                police=Sum("police"),
                observers=Sum("observers"),
                total=Sum("total"),
                missions=Count("pk"),
                first_row=Min("row"),
                last_row=Max("row"),
            )
        )

    def ranked_peaks(self):
        """Each operation's largest monthly total (its rows of the month summed) and the first
        month it was reached, largest first, as dicts {mission_id, key (operation_key),
        month, strength, first_row, rows, label (the file's name for it, the first if it has
        several), mission__acronym, mission__slug, mission__status};
        slice it for the largest few. One query: a window ranks each operation's months."""
        return (
            self.annotate(key=operation_key())
            .values("mission_id", "key", "month")
            .annotate(
                strength=Sum("total"),
                first_row=Min("row"),
                rows=Count("pk"),
                label=Min("mission_label"),
            )
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("mission_id"), F("key")],
                    order_by=[F("strength").desc(), F("month").asc()],
                )
            )
            .filter(rank=1)
            .order_by("-strength", "month", "key")
            .values(
                "mission_id",
                "key",
                "month",
                "strength",
                "first_row",
                "rows",
                "label",
                "mission__acronym",
                "mission__slug",
                "mission__status",
            )
        )

    def monthly_of(self, operations):
        """(mission_id, key, month, strength) for the given operations, each a (mission_id,
        key) pair as ranked_peaks() gives them, in one query."""
        linked = [mission_id for mission_id, _key in operations if mission_id is not None]
        named = [key for mission_id, key in operations if mission_id is None]
        return (
            self.filter(Q(mission_id__in=linked) | Q(mission__isnull=True, mission_label__in=named))
            .annotate(key=operation_key())
            .values("mission_id", "key", "month")
            .annotate(strength=Sum("total"))
            .order_by("month")
            .values_list("mission_id", "key", "month", "strength")
        )

    def peaks(self):
        """{mission_id: (peak total, month)}: each linked mission's largest monthly total and
        the first month it was reached, in one query (a window ranks the months)."""
        ranked = (
            self.filter(mission__isnull=False)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("mission_id")],
                    order_by=[F("total").desc(), F("month").asc()],
                )
            )
            .filter(rank=1)
        )
        return {
            mission_id: (total, month)
            for mission_id, total, month in ranked.values_list("mission_id", "total", "month")
        }


class PersonnelMonth(DatasetRow):
    """A UN mission's uniformed personnel at the end of one month, as the International
    Peace Institute compiled them from the UN's monthly contribution reports.

    `month` is the month's first day (the file dates each row by the report, at or near the
    month's end). The headquarters and country are the file's, kept so that they can be set
    beside the mission's record; they never overwrite it.
    """

    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personnel_months",
    )
    month = models.DateField(help_text="First day of the month.")
    troops = models.PositiveIntegerField()
    police = models.PositiveIntegerField()
    observers = models.PositiveIntegerField("military observers")
    total = models.PositiveIntegerField()
    contributors = models.PositiveSmallIntegerField("contributing countries", null=True, blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code of the file's country."
    )
    headquarters = models.CharField(max_length=80, blank=True)
    headquarters_latitude = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True
    )
    headquarters_longitude = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True
    )

    objects = PersonnelMonthQuerySet.as_manager()

    class Meta:
        ordering = ["mission_label", "month"]
        indexes = [models.Index(fields=["mission", "month"], name="personnel_by_mission")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "mission_label", "month"], name="one_personnel_row_per_month"
            ),
            # The file's total is the sum of its parts; a row where it is not is rejected.
            models.CheckConstraint(
                condition=Q(total=F("troops") + F("police") + F("observers")),
                name="personnel_total_is_its_parts",
            ),
            models.CheckConstraint(
                condition=Q(headquarters_latitude__isnull=True)
                | Q(headquarters_latitude__gte=-90, headquarters_latitude__lte=90),
                name="personnel_hq_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(headquarters_longitude__isnull=True)
                | Q(headquarters_longitude__gte=-180, headquarters_longitude__lte=180),
                name="personnel_hq_longitude_range",
            ),
        ]

    def __str__(self):
        return f"{self.mission_label} {self.month:%Y-%m}: {self.total:,}"


class AuthorizedMonth(DatasetRow):
    """The uniformed strength the Security Council authorized a UN mission for one month
    (Passmore, Shannon & Hart). Figures are kept to one decimal, as the file gives them
    where an authorized drawdown is spread over months; None where the file gives none.
    """

    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorized_months",
    )
    month = models.DateField(help_text="First day of the month.")
    troops = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)
    police = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)
    observers = models.DecimalField(
        "military observers", max_digits=8, decimal_places=1, null=True, blank=True
    )
    total = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["mission_label", "month"]
        indexes = [models.Index(fields=["mission", "month"], name="authorized_by_mission")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "mission_label", "month"], name="one_authorized_row_per_month"
            ),
            models.CheckConstraint(
                condition=(Q(troops__isnull=True) | Q(troops__gte=0))
                & (Q(police__isnull=True) | Q(police__gte=0))
                & (Q(observers__isnull=True) | Q(observers__gte=0))
                & (Q(total__isnull=True) | Q(total__gte=0)),
                name="authorized_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.mission_label} {self.month:%Y-%m}: authorized {self.total}"


class OrganizationKind(models.TextChoices):
    """The codebook's `org`: who deployed the operation."""

    UN = "un", "United Nations"
    REGIONAL = "regional", "regional organization or coalition in its own region"
    INTERNATIONAL = "international", "organization or coalition from outside the region"


class Incompatibility(models.TextChoices):
    """The codebook's `incomp` (from UCDP): what the conflict is fought over."""

    TERRITORY = "territory", "territory"
    GOVERNMENT = "government", "government"


class OperationPersonnelMonthQuerySet(models.QuerySet):
    def counted(self):
        """One row per operation and month: an operation addressing several conflicts
        appears once per conflict, with the same figures, and counts once."""
        return self.filter(counted=True)

    def monthly(self):
        """(mission_id, month, total) summed over a mission's operations (UNPROFOR has one
        per country), counting each operation-month once."""
        return (
            self.counted()
            .values("mission_id", "month")
            .annotate(strength=Sum("total"))
            .order_by("mission_id", "-strength", "month")
        )

    def by_organization_kind(self):
        """One dict per month and kind of organization, oldest first, over the counted rows:
        `total` personnel, `operations`, how many are `estimated` (interpolated), how many
        `police_only`, and the first and last row, in one query."""
        return (
            self.counted()
            .order_by("month", "organization_kind")
            .values("month", "organization_kind")
            .annotate(
                total=Sum("total"),
                operations=Count("pk"),
                estimated=Count("pk", filter=Q(interpolated=True)),
                police_only_count=Count("pk", filter=Q(police_only=True)),
                first_row=Min("row"),
                last_row=Max("row"),
            )
        )

    def peaks(self):
        """{mission_id: (peak total, month)} for the linked missions, in one query."""
        return _first_peaks(
            (row["mission_id"], row["strength"], row["month"])
            for row in self.filter(mission__isnull=False).monthly()
        )


class OperationPersonnelMonth(DatasetRow):
    """A peace operation's personnel, UN or not, in one month and one UCDP conflict it was
    mandated for (Bara & Hultman's UN and Non-UN Peacekeeping data set).

    The figures are the codebook's main variables (`*_iepo`): SIPRI's figures, reported
    mostly each December and in a mission's last month, interpolated between them and
    extrapolated to the mission's start. `interpolated` is True for a month with no SIPRI
    figure of its own. `sipri_total` and `ipi_total` keep the reported figures beside them.
    """

    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operation_personnel_months",
    )
    operation = models.PositiveIntegerField(
        help_text="The file's missionid: one operation in one country."
    )
    organization_kind = models.CharField(max_length=13, choices=OrganizationKind)
    police_only = models.BooleanField(help_text="A purely civilian police mission.")
    conflict = models.PositiveIntegerField(help_text="UCDP conflict id.")
    conflict_episode = models.PositiveIntegerField()
    conflict_country = models.CharField(max_length=60)
    conflict_active = models.BooleanField(help_text="False in a postwar month.")
    incompatibility = models.CharField(max_length=10, choices=Incompatibility)
    month = models.DateField(help_text="First day of the month.")
    troops = models.PositiveIntegerField()
    police = models.PositiveIntegerField()
    observers = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    interpolated = models.BooleanField(help_text="No SIPRI figure for this month.")
    sipri_total = models.PositiveIntegerField(null=True, blank=True)
    ipi_total = models.PositiveIntegerField(null=True, blank=True)
    counted = models.BooleanField(
        help_text="The operation-month's first row; totals count only these."
    )

    objects = OperationPersonnelMonthQuerySet.as_manager()

    class Meta:
        ordering = ["mission_label", "month", "conflict"]
        indexes = [
            models.Index(fields=["mission", "counted", "month"], name="operation_by_mission")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "operation", "conflict", "month"],
                name="one_operation_row_per_conflict_month",
            ),
            models.UniqueConstraint(
                fields=["source", "operation", "month"],
                condition=Q(counted=True),
                name="operation_month_counted_once",
            ),
            models.CheckConstraint(
                condition=Q(organization_kind__in=OrganizationKind.values),
                name="operation_organization_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(incompatibility__in=Incompatibility.values),
                name="operation_incompatibility_known",
            ),
        ]

    def __str__(self):
        return f"{self.mission_label} {self.month:%Y-%m} (conflict {self.conflict}): {self.total:,}"
