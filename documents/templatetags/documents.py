"""The mission page's "Decisions": the documents that authorized, established, renewed,
changed or ended it, each linked to its page and its official text.

A published mission's list is kept rendered under the content version (atlas/fragments.py),
like its "In numbers" section: a synthetic mission's two dozen decisions otherwise cost a
fifth of the page's time.
"""

from django import template
from django.template.loader import render_to_string

from atlas.fragments import kept
from documents.models import Milestone

register = template.Library()

TEMPLATE = "documents/includes/mission_decisions.html"


@register.simple_tag
def mission_decisions(mission, ending="", request=None):
    """`ending` is the mission's "how it ended" with its notes numbered, for an operation
    that no decision ended."""
    return kept(
        "decisions",
        mission,
        [str(ending)],
        lambda: render_to_string(TEMPLATE, decisions(mission, ending)),
        request,
    )


def decisions(mission, ending):
    # One query: the documents come with their milestones, in the order they were taken.
    milestones = list(Milestone.objects.filter(mission=mission).of_published_documents().in_order())
    return {"mission": mission, "milestones": milestones, "ending": ending}
