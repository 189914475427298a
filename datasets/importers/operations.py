"""Personnel of peace operations, UN and not, per operation, UCDP conflict and month (Bara &
Hultman, UN and Non-UN Peacekeeping v2-2019; un-and-non-un-peacekeeping-2019.dta).

The figures kept are the codebook's main variables (`troops_iepo`, `police_iepo`,
`observers_iepo`, `totals_iepo`): SIPRI's figures, interpolated between them and extrapolated
to each mission's start. Beside them the row keeps SIPRI's own total for the month
(`SIPRI_totals`, missing in most months) and IPI's (`IPI_totals`, UN missions only). The
other variants (`*_ipo`, interpolated only; `*_backward`, each year's figure repeated) are
derived from these and left out.

Coded columns are decoded with the codebook: `org` 1 = UN, 2 = regional (an organization or
coalition in its own region), 3 = international (from outside it; the EU in Africa, NATO in
Afghanistan); `incomp` 1 = territory, 2 = government; `activity` 1 = conflict active, 0 =
postwar; `onlypolice` 1 = a purely civilian police mission. The organization itself (AU,
EU, NATO, ECOWAS, CIS) is not coded: the mission's name tells it.

The rules, each counted in the report with its first row:

- 'interpolated: no SIPRI figure that month': the row's figures are interpolated or
  extrapolated; the flag is kept and shown.
- 'fractional estimate rounded to a whole person': an interpolated figure with a fraction
  (UNTAC 1993: 13,028.67 troops) is rounded half up.
- 'one operation-month under several conflicts: counted once': an operation mandated for
  several conflicts (the three in Bosnia) appears once per conflict with the same figures;
  only its first row counts in totals.
- the shared mission-name rules ("UNOCI (ONUCI)" is UNOCI; UNOSOM by the row's month).
  Operations the atlas does not describe are kept unlinked and listed in the report.

A row dated outside its mission's period in the atlas stays linked; the report lists it for an
editor (datasets.importers.periods).

Rejected, with the row and the reason: no mission or operation id, an unknown code, a month
that is not one, a figure missing, negative or not a number, the same operation, conflict
and month twice, and a conflict's row whose figures differ from the operation's first row
for that month (they would be counted as one).
"""

import datetime
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from atlas.dataimport import Rejected, Report, stata_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.importers.periods import note_outside_periods
from datasets.missionnames import MissionNames
from datasets.models import OperationPersonnelMonth
from datasets.models.personnel import Incompatibility, OrganizationKind

FILE = "un-and-non-un-peacekeeping-2019.dta"
SOURCE = "un-and-non-un-peacekeeping"
ORGANIZATIONS = {
    1: OrganizationKind.UN,
    2: OrganizationKind.REGIONAL,
    3: OrganizationKind.INTERNATIONAL,
}
INCOMPATIBILITIES = {1: Incompatibility.TERRITORY, 2: Incompatibility.GOVERNMENT}
FLAGS = {0: False, 1: True}
FIGURES = (
    ("troops", "troops_iepo"),
    ("police", "police_iepo"),
    ("observers", "observers_iepo"),
    ("total", "totals_iepo"),
)
REPORTED = (("sipri_total", "SIPRI_totals"), ("ipi_total", "IPI_totals"))
COLUMNS = (
    "location",
    "conflictid",
    "episodenum",
    "activity",
    "incomp",
    "date",
    "missionid",
    "mission",
    "org",
    "onlypolice",
    *(column for _name, column in FIGURES + REPORTED),
)
FIELDS = [
    "mission_id",
    "mission_label",
    "row",
    "organization_kind",
    "police_only",
    "conflict_episode",
    "conflict_country",
    "conflict_active",
    "incompatibility",
    "troops",
    "police",
    "observers",
    "total",
    "interpolated",
    "sipri_total",
    "ipi_total",
    "counted",
]


def nonnegative(value, name):
    """A non-negative number from a Stata cell (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Rejected(f"{name} {value!r} is not a number")
    if value != value or value in (float("inf"), float("-inf")):
        raise Rejected(f"{name} {value!r} is not a number")
    if value < 0:
        raise Rejected(f"{name} {value!r} is negative")
    return value


def people(value, name):
    """A whole number of people, and whether the file's figure had to be rounded."""
    value = nonnegative(value, name)
    if value is None:
        return None, False
    whole = int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole, whole != value


def identifier(value, name):
    value = nonnegative(value, name)
    if value is None or value != int(value):
        raise Rejected(f"{name} {value!r} is not an identifier")
    return int(value)


def code(value, codes, name):
    if value is None or value != int(value) or int(value) not in codes:
        raise Rejected(f"{name} code {value!r} is not in the codebook")
    return codes[int(value)]


def month_of(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        raise Rejected(f"date {value!r} is not a date")
    return value.replace(day=1)


def read_row(row):
    """The row's values as the model's fields, and whether a figure was rounded."""
    label = row["mission"] if isinstance(row["mission"], str) else ""
    if not label.strip():
        raise Rejected("no mission")
    values = {
        "operation": identifier(row["missionid"], "missionid"),
        "conflict": identifier(row["conflictid"], "conflictid"),
        "conflict_episode": identifier(row["episodenum"], "episodenum"),
        "conflict_country": str(row["location"] or "").strip()[:60],
        "organization_kind": code(row["org"], ORGANIZATIONS, "org"),
        "incompatibility": code(row["incomp"], INCOMPATIBILITIES, "incomp"),
        "conflict_active": code(row["activity"], FLAGS, "activity"),
        "police_only": code(row["onlypolice"], FLAGS, "onlypolice"),
        "month": month_of(row["date"]),
    }
    rounded = False
    for name, column in FIGURES:
        values[name], changed = people(row[column], column)
        if values[name] is None:
            raise Rejected(f"no {column}")
        rounded |= changed
    for name, column in REPORTED:
        values[name], changed = people(row[column], column)
        rounded |= changed
    return label, values, rounded


def import_operations(directory):
    report = Report("Peace operations' personnel (Bara & Hultman)", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows, seen, first_of_month, kinds = [], set(), {}, Counter()
    for number, row in stata_rows(directory / FILE, COLUMNS):
        where = f"{FILE} row {number}"
        try:
            label, values, rounded = read_row(row)
            key = (values["operation"], values["conflict"], values["month"])
            if key in seen:
                raise Rejected(
                    f"operation {key[0]}, conflict {key[1]}, {key[2]:%Y-%m} is already in the file"
                )
            figures = tuple(values[name] for name, _column in FIGURES + REPORTED)
            first = first_of_month.get((values["operation"], values["month"]))
            if first and first[1] != figures:
                raise Rejected(
                    f"its figures differ from row {first[0]}, the same operation and month "
                    f"under conflict {first[2]}"
                )
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        seen.add(key)
        if first:
            report.rule("one operation-month under several conflicts: counted once", where)
        else:
            first_of_month[(values["operation"], values["month"])] = (
                number,
                figures,
                values["conflict"],
            )
        if rounded:
            report.rule("fractional estimate rounded to a whole person", where)
        interpolated = values["sipri_total"] is None
        if interpolated:
            report.rule("interpolated: no SIPRI figure that month", where)
        match = names.resolve(label, values["month"])
        if match.rule:
            report.rule(match.rule, where)
        kinds[values["organization_kind"]] += 1
        rows.append(
            OperationPersonnelMonth(
                source=source,
                row=number,
                mission_id=match.mission_id,
                mission_label=match.acronym[:60],
                interpolated=interpolated,
                counted=first is None,
                **values,
            )
        )
    if kinds:
        report.note(
            "rows by organization: "
            + ", ".join(f"{kind.label} {count:,}" for kind, count in sorted(kinds.items()))
        )
    link_report(report, rows)
    note_outside_periods(report, rows, names, lambda item: f"row {item.row}")
    sync(
        OperationPersonnelMonth,
        rows,
        key=lambda item: (item.operation, item.conflict, item.month),
        fields=FIELDS,
        report=report,
        existing=OperationPersonnelMonth.objects.filter(source=source),
    )
    return report
