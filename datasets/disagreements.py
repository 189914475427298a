"""Where a data set and a mission's record disagree: listed by check_data for an editor to
settle, never settled by an import. Each check yields (mission, what differs)."""

from django.db.models import F

from datasets.models import Budget


def budgets_of_closed_missions():
    """A budget for a period after the mission's recorded end: one of the two is wrong."""
    budgets = Budget.objects.filter(
        mission__end_date__isnull=False, mission__end_date__lt=F("period_start")
    ).select_related("mission", "source")
    for budget in budgets:
        yield (
            budget.mission,
            f"{budget.source.file_name} line {budget.row} approves a budget for "
            f"{budget.period_start:%Y}/{budget.period_end:%y}, after the recorded end "
            f"({budget.mission.end_display})",
        )


CHECKS = [
    ("Budgets after a mission's recorded end", budgets_of_closed_missions),
]
