"""Checks of the data itself: what an editor should fix before readers notice.

A problem is (record, what is wrong). A gap the sources really leave (no source gives a
mission's start date) is not a problem when a citation on that field says so.
"""

from collections import defaultdict

from django.db.models import Prefetch

from atlas.footnotes import SOURCE_TALK, unresolved_markers
from atlas.registry import cited_models
from datasets import disagreements
from missions.dates import period_end, period_start
from missions.models import Mission
from sources.models import Citation


def uncited_published():
    for model in cited_models():
        for record in model.objects.published().filter(citations__isnull=True):
            yield record, "published without a citation"


def prose_problems():
    """Reader text that names no source for a footnote, or talks about its sources."""
    for model in cited_models():
        # Sources joined, not prefetched: a prefetch would list every section's id in one
        # IN clause, deeper than SQLite parses once the atlas cites a thousand sections.
        citations = Prefetch(
            "citations", queryset=Citation.objects.select_related("section__source")
        )
        for record in model.objects.prefetch_related(citations):
            citations = list(record.citations.all())
            for field, marker in unresolved_markers(record, citations):
                yield record, f"{field}: the footnote {marker} names no citation of this field"
            texts = [("summary", getattr(record, "summary", ""))]
            texts += [(field, getattr(record, field)) for field in record.prose_fields]
            texts += [("a citation's note", citation.note) for citation in citations]
            for field, text in texts:
                found = SOURCE_TALK.search(text or "")
                if found:
                    yield (
                        record,
                        f"{field} describes a source (“{found.group(0)}”), not the subject",
                    )


def missions_missing_facts():
    missions = Mission.objects.published().prefetch_related("host_countries", "citations")
    for mission in missions:
        cited_fields = {citation.field for citation in mission.citations.all()}
        if not mission.host_countries.all() and "host_countries" not in cited_fields:
            yield mission, "no host country"
        if mission.start_date is None and "start_date" not in cited_fields:
            yield mission, "no start date"


def precision_inconsistencies():
    for mission in Mission.objects.all():
        if (
            mission.start_date
            and period_start(mission.start_date, mission.start_precision) != mission.start_date
        ):
            yield (
                mission,
                f"start date {mission.start_date} is finer than its precision "
                f"({mission.start_precision})",
            )
        if (
            mission.end_date
            and period_end(mission.end_date, mission.end_precision) != mission.end_date
        ):
            yield (
                mission,
                f"end date {mission.end_date} is finer than its precision "
                f"({mission.end_precision})",
            )
        if mission.start_date and mission.end_date and mission.end_date < mission.start_date:
            yield mission, "ends before it starts"


def _key(text):
    return "".join(character for character in text.lower() if character.isalnum())


def possible_duplicates():
    """Missions whose acronyms or full names are the same once case and punctuation go."""
    groups = defaultdict(list)
    for mission in Mission.objects.all():
        groups[("acronym", _key(mission.acronym))].append(mission)
        if mission.name:
            groups[("name", _key(mission.name.replace("UN ", "United Nations ")))].append(mission)
    for (kind, _), missions in groups.items():
        if len(missions) > 1:
            others = ", ".join(m.acronym for m in missions[1:])
            yield missions[0], f"possible duplicate of {others} (same {kind})"


CHECKS = [
    ("Published records without citations", uncited_published),
    ("Missions without host countries or start dates", missions_missing_facts),
    ("Footnotes without a citation, and text about sources", prose_problems),
    ("Dates finer than their precision, or ending before they start", precision_inconsistencies),
    ("Possible duplicates", possible_duplicates),
]


def run_checks():
    """[(check title, [(record, problem)])] for every check."""
    return [(title, list(check())) for title, check in CHECKS]


def run_comparisons():
    """[(check title, [(record, what differs)])]: where the data sets and the records
    disagree. An editor settles each (a record may be right and a research data set
    dated), so these inform and do not fail the check."""
    return [(title, list(check())) for title, check in disagreements.CHECKS]
