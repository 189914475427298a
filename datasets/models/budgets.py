from django.db import models

from datasets.models.base import DatasetRow


class Budget(DatasetRow):
    """A mission's approved budget for one fiscal period, as the General Assembly set it."""

    mission = models.ForeignKey(
        "missions.Mission", null=True, on_delete=models.SET_NULL, related_name="budgets"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    amount_thousands = models.DecimalField(
        "approved, thousands of US dollars", max_digits=12, decimal_places=1
    )
    document_symbol = models.CharField(max_length=40, help_text="e.g. A/C.5/80/20")
    page = models.PositiveSmallIntegerField(null=True)
    url = models.URLField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["mission_label", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission_label", "period_start"], name="one_budget_per_mission_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="budget_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_thousands__gte=0), name="budget_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.mission_label} {self.period_start:%Y}/{self.period_end:%y}"

    @property
    def amount_millions(self):
        return self.amount_thousands / 1000
