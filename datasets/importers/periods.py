"""Rows dated outside their mission's period in the atlas: listed for an editor, not moved.

The data sets and the atlas's mission records do not always agree on when a mission ran
(IPI counts UNPROFOR until December 1995, the atlas ends it in March). The rows stay linked
to the mission the file names; the report lists each disagreement with its first place, so
that an editor can settle which is right.
"""

from collections import defaultdict


def note_outside_periods(report, rows, names, where):
    """Note, per mission, the rows whose month falls outside the mission's dates in the
    atlas, as MissionNames read them; `where(item)` names a row's place in the file."""
    periods = {pk: (start, end) for pk, _acronym, start, end in names.missions.values()}
    outside = defaultdict(list)
    for item in rows:
        if item.mission_id is None:
            continue
        start, end = periods[item.mission_id]
        if (start and item.month < start.replace(day=1)) or (end and item.month > end):
            outside[item.mission_label].append(item)
    if outside:
        listed = "; ".join(
            f"{label} {len(items):,} (first {where(items[0])}, {items[0].month:%Y-%m})"
            for label, items in sorted(outside.items())
        )
        report.note(f"dated outside the mission's period in the atlas: {listed}")
