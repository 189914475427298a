"""Which atlas mission a data set's mission name means.

The data sets name missions their own way. Each difference is a named rule here, applied
the same way by every importer, so a row lands on the same mission whichever file it
comes from:

- 'trailing space': "UNASOG " is UNASOG.
- 'other name': a file's name for a mission the atlas knows by another acronym (ONUCI for
  UNOCI, UNCPSG for UNPSG).
- 'one name for successive missions': UNAVEM, UNOSOM and UNEF name two or three missions
  in turn; the row's date picks the one whose period covers it, by the atlas's own dates.

A name no rule and no mission matches gives None: the row is kept with the file's name,
unlinked, and the report says so.
"""

import datetime
from dataclasses import dataclass

from missions.models import Mission

OTHER_NAMES = {
    "ONUCI": "UNOCI",
    "UNOCI (ONUCI)": "UNOCI",
    "UNCPSG": "UNPSG",
}
SUCCESSIVE = {
    "UNAVEM": ("UNAVEM I", "UNAVEM II", "UNAVEM III"),
    "UNOSOM": ("UNOSOM I", "UNOSOM II"),
    "UNEF": ("UNEF I", "UNEF II"),
}


@dataclass(frozen=True)
class Match:
    mission_id: int | None
    acronym: str
    rule: str = ""


class MissionNames:
    """Resolves names against the missions in the atlas now (read once, one query)."""

    def __init__(self):
        self.missions = {
            acronym.upper(): (pk, acronym, start, end)
            for pk, acronym, start, end in Mission.objects.values_list(
                "pk", "acronym", "start_date", "end_date"
            )
        }

    def resolve(self, name, when=None):
        """The Match for a file's mission name on a date (a date or None)."""
        label = (name or "").strip()
        rule = "trailing space" if label != (name or "") else ""
        key = label.upper()
        if key in SUCCESSIVE:
            found = self._by_date(SUCCESSIVE[key], when)
            if found:
                return Match(found[0], found[1], "one name for successive missions")
            return Match(None, label, "")
        if key in OTHER_NAMES:
            key, rule = OTHER_NAMES[key].upper(), "other name"
        found = self.missions.get(key)
        if found is None:
            return Match(None, label, rule)
        return Match(found[0], found[1], rule)

    def _by_date(self, acronyms, when):
        if when is None:
            return None
        if isinstance(when, datetime.datetime):
            when = when.date()
        candidates = [self.missions[a.upper()] for a in acronyms if a.upper() in self.missions]
        # Compare by month: the files date rows by month, the atlas by day where it can.
        month = when.replace(day=1)
        for candidate in candidates:
            _pk, _acronym, start, end = candidate
            if start and start.replace(day=1) <= month and (end is None or month <= end):
                return candidate
        return None
