"""What every data set importer shares: its source record, and the report of unlinked rows."""

from collections import Counter

from atlas.dataimport import ImportProblem
from sources.models import Source


def dataset_source(slug):
    """The data set's Source record, which its rows cite; the fixtures ship one per file."""
    try:
        return Source.objects.get(slug=slug)
    except Source.DoesNotExist as error:
        raise ImportProblem(
            f"the source {slug} is not in the atlas; load fixtures/datasets.json"
        ) from error


def link_report(report, rows):
    """Note the missions a file names that the atlas does not describe: their rows are
    kept, unlinked, and count in worldwide figures until an editor adds the mission."""
    unlinked = Counter(item.mission_label for item in rows if item.mission_id is None)
    if unlinked:
        names = ", ".join(f"{name} ({count:,})" for name, count in sorted(unlinked.items()))
        report.note(f"kept without a mission in the atlas: {names}")
