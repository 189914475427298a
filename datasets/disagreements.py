"""Where a data set and a mission's record disagree: listed by check_data for an editor to
settle, never settled by an import. Each check yields (mission, what differs).

A research data set can be the one that is wrong or out of date, so these are not errors:
an editor reads the rows and corrects the record (with a citation) or leaves it.
"""

import datetime
from collections import Counter, defaultdict

from django.db.models import F, Max, Min

from datasets.models import Budget, Fatality, PersonnelMonth
from documents.models import MissionDecision
from missions.models import Mission

# A month's grace either side: the files date rows by month, the records often by day.
GRACE = datetime.timedelta(days=31)


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


def _outside_the_period(queryset, field, what):
    """Missions whose rows in `queryset` run before their recorded start or after their end."""
    spans = (
        queryset.filter(mission__isnull=False)
        .values("mission")
        .annotate(first=Min(field), last=Max(field), source=Min("source__file_name"))
        .order_by("mission")
    )
    missions = Mission.objects.in_bulk([span["mission"] for span in spans])
    for span in spans:
        mission = missions[span["mission"]]
        if mission.start_date and span["first"] < mission.start_date - GRACE:
            yield (
                mission,
                f"{span['source']} has {what} from {span['first']:%B %Y}, before the recorded "
                f"start ({mission.start_display})",
            )
        if mission.end_date and span["last"] > mission.end_date + GRACE:
            yield (
                mission,
                f"{span['source']} has {what} until {span['last']:%B %Y}, after the recorded "
                f"end ({mission.end_display})",
            )


def personnel_outside_the_period():
    return _outside_the_period(PersonnelMonth.objects.all(), "month", "monthly personnel")


def fatalities_outside_the_period():
    return _outside_the_period(Fatality.objects.all(), "date", "fatalities")


def mandates_outside_the_period():
    decisions = MissionDecision.objects.filter(mission__isnull=False)
    return _outside_the_period(decisions, "first_month", "a mandate in force")


def headquarters_named_otherwise():
    """The record's headquarters against the one IPI's monthly rows name most often."""
    named = defaultdict(Counter)
    for mission_id, headquarters in (
        PersonnelMonth.objects.filter(mission__isnull=False)
        .exclude(headquarters="")
        .values_list("mission_id", "headquarters")
    ):
        named[mission_id][headquarters] += 1
    missions = Mission.objects.exclude(headquarters="").in_bulk(list(named))
    for pk, mission in missions.items():
        usual, months = named[pk].most_common(1)[0]
        if usual.strip().lower() != mission.headquarters.strip().lower():
            yield (
                mission,
                f"IPI's monthly data name the headquarters {usual!r} in {months} months; "
                f"the record says {mission.headquarters!r}",
            )


CHECKS = [
    ("Budgets after a mission's recorded end", budgets_of_closed_missions),
    ("Monthly personnel outside a mission's recorded dates", personnel_outside_the_period),
    ("Fatalities outside a mission's recorded dates", fatalities_outside_the_period),
    ("Mandates in force outside a mission's recorded dates", mandates_outside_the_period),
    ("Headquarters named otherwise by IPI", headquarters_named_otherwise),
]
