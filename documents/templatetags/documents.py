"""The mission page's "Decisions": the documents that authorized, established, renewed,
changed or ended it, each linked to its page and its official text."""

from django import template

from documents.models import Milestone

register = template.Library()


@register.inclusion_tag("documents/includes/mission_decisions.html")
def mission_decisions(mission, ending=""):
    """`ending` is the mission's "how it ended" with its notes numbered, for an operation
    that no decision ended."""
    # One query: the documents come with their milestones, in the order they were taken.
    milestones = list(Milestone.objects.filter(mission=mission).of_published_documents().in_order())
    return {"mission": mission, "milestones": milestones, "ending": ending}
