from django.db import models


class PeakSeries(models.TextChoices):
    IPI = "ipi", "IPI monthly data"
    BARA_HULTMAN = "bara-hultman", "Bara & Hultman monthly estimates"


class MissionFiguresQuerySet(models.QuerySet):
    def published(self):
        return self.filter(mission__status="published")


class MissionFigures(models.Model):
    """A mission's headline figures, worked out from the data set rows after every import,
    so the directory can sort and filter 10,000 missions by them without aggregating.

    Nothing here is typed in or imported as such: `datasets.summaries.refresh()` rebuilds
    the table from the rows, and each figure's rows are cited on the mission page.
    """

    mission = models.OneToOneField(
        "missions.Mission", primary_key=True, on_delete=models.CASCADE, related_name="figures"
    )
    peak_personnel = models.PositiveIntegerField(
        null=True, help_text="Largest monthly uniformed strength in the data sets."
    )
    peak_month = models.DateField(null=True, help_text="First month the peak was reached.")
    peak_series = models.CharField(max_length=20, choices=PeakSeries, blank=True)
    fatalities = models.PositiveIntegerField(
        null=True,
        help_text="Deaths in the UN's data set; empty for an operation outside its scope.",
    )

    objects = MissionFiguresQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "mission figures"
        indexes = [
            models.Index(fields=["peak_personnel"], name="figures_by_peak"),
            models.Index(fields=["fatalities"], name="figures_by_fatalities"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(peak_personnel__isnull=True, peak_month__isnull=True)
                | models.Q(peak_personnel__isnull=False, peak_month__isnull=False),
                name="figures_peak_with_its_month",
            )
        ]

    def __str__(self):
        return f"Figures of mission {self.mission_id}"
