"""Each mission's headline figures (peak strength, fatalities), worked out from the data
set rows at the end of every import, so the directory sorts and filters by a column."""

from collections import defaultdict

from atlas.dataimport import Report, sync
from datasets.models import (
    Fatality,
    MissionFigures,
    OperationPersonnelMonth,
    PeakSeries,
    PersonnelMonth,
)
from missions.models import Mission, MissionOrganization, Role

UNITED_NATIONS = "united-nations"
FIELDS = ["peak_personnel", "peak_month", "peak_series", "fatalities"]


def refresh():
    """Make MissionFigures equal to what the rows now say; returns its Report."""
    report = Report("Mission figures", "worked out from the rows above")
    ipi = PersonnelMonth.objects.peaks()
    estimates = OperationPersonnelMonth.objects.peaks()
    deaths = Fatality.objects.per_mission()
    fatalities_loaded = Fatality.objects.exists()
    leads = defaultdict(set)
    for mission_id, slug in MissionOrganization.objects.filter(role=Role.LEAD).values_list(
        "mission_id", "organization__slug"
    ):
        leads[mission_id].add(slug)
    rows = []
    for pk in Mission.objects.values_list("pk", flat=True):
        # The UN's own monthly figures first; Bara & Hultman's estimates otherwise.
        peak, series = (ipi[pk], PeakSeries.IPI) if pk in ipi else (estimates.get(pk), "")
        if peak and not series:
            series = PeakSeries.BARA_HULTMAN
        # The fatalities data set covers UN operations: another organization's has no count.
        in_scope = fatalities_loaded and (not leads[pk] or UNITED_NATIONS in leads[pk])
        count = deaths.get(pk, 0) if in_scope else None
        if peak is None and count is None:
            continue
        rows.append(
            MissionFigures(
                mission_id=pk,
                peak_personnel=peak[0] if peak else None,
                peak_month=peak[1] if peak else None,
                peak_series=series,
                fatalities=count,
            )
        )
    sync(MissionFigures, rows, key=lambda item: item.mission_id, fields=FIELDS, report=report)
    return report
