"""A mission's mandate period by period, as TAMM codes it: what the pages show.

TAMM names one resolution per mission and month, or two together ("425/426"): each such
name in force over a run of months is a period, with the tasks TAMM codes for it and
what changed from the period before.
"""

from dataclasses import dataclass, field

from documents.tasks import GROUPS, TASK_BY_CODE, TASKS, tasks_by_group


@dataclass
class MandatePeriod:
    """The document(s) TAMM has in force for one mission over a run of months."""

    decisions: list
    codes: frozenset
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    previous: "MandatePeriod | None" = None

    @property
    def first(self):
        return self.decisions[0]

    @property
    def documents(self):
        return [decision.document for decision in self.decisions]

    @property
    def label(self):
        return self.first.tamm_label

    @property
    def joint(self):
        """Does TAMM code two documents together here (425/426)?"""
        return len(self.decisions) > 1

    @property
    def tasks(self):
        return [task for task in TASKS if task.code in self.codes]

    @property
    def tasks_by_group(self):
        return tasks_by_group(self.codes)

    @property
    def group_keys(self):
        return {TASK_BY_CODE[code].group for code in self.codes if code in TASK_BY_CODE}


def mandate_periods(decisions):
    """One mission's decisions (each with its tasks), in order, as MandatePeriods.

    Decisions that TAMM names together (the same tamm_label) make one period.
    """
    periods, by_label = [], {}
    for decision in sorted(decisions, key=lambda item: (item.first_month, item.document_id)):
        period = by_label.get(decision.tamm_label)
        if period is None:
            period = MandatePeriod([decision], frozenset(decision.task_codes))
            by_label[decision.tamm_label] = period
            periods.append(period)
        else:
            period.decisions.append(decision)
    for previous, period in zip(periods, periods[1:], strict=False):
        period.previous = previous
        period.added = [task for task in TASKS if task.code in period.codes - previous.codes]
        period.removed = [task for task in TASKS if task.code in previous.codes - period.codes]
    return periods


def matrix_rows(periods):
    """[(group, [marked?, …])]: for every task group, whether each period set any of its
    tasks; groups no period touches are left out."""
    rows = []
    for group in GROUPS:
        marks = [group.key in period.group_keys for period in periods]
        if any(marks):
            rows.append((group, marks))
    return rows
