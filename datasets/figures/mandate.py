"""The mandate as TAMM codes it: task groups against the resolutions in force, in order."""

from datasets.figures.base import line_span
from documents.mandates import mandate_periods, matrix_rows
from documents.models import MissionDecision

# What TAMM covers, said on every mission page that shows it.
COVERAGE = "TAMM v2.1, 1948–2015"


def for_mission(mission):
    """The mission's mandate periods, the matrix of task groups, and the footnote's facts;
    None when TAMM has nothing for it. Two queries."""
    decisions = list(MissionDecision.objects.filter(mission=mission).for_figure())
    if not decisions:
        return None
    periods = mandate_periods(decisions)
    exact = all(
        decision.line_count == decision.last_line - decision.first_line + 1
        for decision in decisions
    )
    lines = {
        line
        for decision in decisions
        for line in range(decision.first_line, decision.last_line + 1)
    }
    return {
        "periods": periods,
        "rows": matrix_rows(periods),
        "source": decisions[0].source,
        "lines": line_span(lines) if exact else _counted(decisions),
        "first_month": min(decision.first_month for decision in decisions),
        "last_month": max(decision.last_month for decision in decisions),
        "coverage": COVERAGE,
        "years_from_tamm": any(decision.document.year_from_tamm for decision in decisions),
    }


def _counted(decisions):
    """The lines when others come between them: how many, and between which."""
    total = sum(decision.line_count for decision in decisions)
    first = min(decision.first_line for decision in decisions)
    last = max(decision.last_line for decision in decisions)
    return f"{total:,} lines between {first:,} and {last:,}"
