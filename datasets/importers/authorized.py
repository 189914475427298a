"""The authorized uniformed strength of UN missions per month (Passmore, Shannon & Hart;
authorized-vs-deployed-personnel.dta, read with pandas).

Only the authorized columns are kept (`authtroop`, `authpolice`, `authmilobs`, `totalauth`):
the atlas draws them beside the deployed figures of the IPI file, which this file repeats.
Its shortfall columns (`shortfall*`, `propshortfall*`) are left out: each is the authorized
figure less the deployed one, clipped at zero (a mission deployed above its authorized
strength reads 0) and missing where nothing was authorized, so they cannot be read back as
the gap. The reader sees the gap between the two lines instead.

The rules, each counted in the report with its first row:

- 'no authorized strength given': none of the four figures (the row is kept, empty).
- 'fractional figure kept to one decimal': a figure with a fraction (an authorized
  drawdown spread over months gives 5,166.4 troops; the float 4148.999999999996 is 4,149).
- 'authorized total missing: the sum of its parts': no total but all three parts.
- 'authorized total missing': no total and a part missing too; the total stays empty.
- 'authorized total not the sum of its parts: left out': the file contradicts itself
  (MINUSCA's first months give a total of 0 beside 11,820 authorized in its parts); the
  parts are kept and the total left empty rather than one of the two chosen.
- 'zero total without its parts read as none given': a total of 0 with no parts (UNTSO).
- 'authorized total without its parts': a total other than 0 with no parts, kept.
- the shared mission-name rules (UNAVEM and UNOSOM by the row's month).

A row dated outside its mission's period in the atlas stays linked; the report lists it for an
editor (datasets.importers.periods).

Rejected, with the row and the reason: no mission, a month that is not one, a negative or
non-numeric figure, and a second row for a mission and month.
"""

import datetime
from decimal import Decimal

from atlas.dataimport import Rejected, Report, stata_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.importers.periods import note_outside_periods
from datasets.missionnames import MissionNames
from datasets.models import AuthorizedMonth

FILE = "authorized-vs-deployed-personnel.dta"
SOURCE = "authorized-vs-deployed-personnel"
PARTS = (("troops", "authtroop"), ("police", "authpolice"), ("observers", "authmilobs"))
COLUMNS = ("mission", "year", "month", "authtroop", "authpolice", "authmilobs", "totalauth")
FIELDS = ["mission_id", "row", "troops", "police", "observers", "total"]
TENTH = Decimal("0.1")


def month_of(year, month):
    try:
        if float(year) != int(year) or float(month) != int(month):
            raise ValueError
        return datetime.date(int(year), int(month), 1)
    except (TypeError, ValueError, OverflowError) as error:
        raise Rejected(f"year {year!r} and month {month!r} are not a month") from error


def figure(value, name):
    """A figure to one decimal, and whether it has a fraction; None stays None."""
    if value is None:
        return None, False
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Rejected(f"{name} {value!r} is not a number")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise Rejected(f"{name} {value!r} is not a number")
    if number < 0:
        raise Rejected(f"{name} {value!r} is negative")
    rounded = number.quantize(TENTH)
    return rounded, rounded != number or rounded != rounded.to_integral_value()


def authorized_total(parts, total, report, where):
    """The total the atlas keeps, by the rules above."""
    known = [value for value in parts.values() if value is not None]
    if total is None:
        if len(known) == len(parts):
            report.rule("authorized total missing: the sum of its parts", where)
            return sum(known)
        if known:
            report.rule("authorized total missing", where)
        return None
    if not known:
        if total == 0:
            report.rule("zero total without its parts read as none given", where)
            return None
        report.rule("authorized total without its parts", where)
        return total
    if len(known) == len(parts) and sum(known) != total:
        report.rule("authorized total not the sum of its parts: left out", where)
        return None
    return total


def import_authorized(directory):
    report = Report("Authorized personnel (Passmore, Shannon & Hart)", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows, seen = [], {}
    for number, row in stata_rows(directory / FILE, COLUMNS):
        where = f"{FILE} row {number}"
        label = row["mission"] if isinstance(row["mission"], str) else ""
        try:
            if not label.strip():
                raise Rejected("no mission")
            month = month_of(row["year"], row["month"])
            parts, rounded = {}, False
            for name, column in PARTS:
                parts[name], changed = figure(row[column], f"authorized {name}")
                rounded |= changed
            total, changed = figure(row["totalauth"], "authorized total")
            rounded |= changed
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        match = names.resolve(label, month)
        if match.rule:
            report.rule(match.rule, where)
        key = (match.acronym, month)
        if key in seen:
            report.reject(where, f"{match.acronym} {month:%Y-%m} again (first at row {seen[key]})")
            continue
        seen[key] = number
        if rounded:
            report.rule("fractional figure kept to one decimal", where)
        if total is None and all(value is None for value in parts.values()):
            report.rule("no authorized strength given", where)
        else:
            total = authorized_total(parts, total, report, where)
        rows.append(
            AuthorizedMonth(
                source=source,
                row=number,
                mission_id=match.mission_id,
                mission_label=match.acronym,
                month=month,
                total=total,
                **parts,
            )
        )
    link_report(report, rows)
    note_outside_periods(report, rows, names, lambda item: f"row {item.row}")
    sync(
        AuthorizedMonth,
        rows,
        key=lambda item: (item.mission_label, item.month),
        fields=FIELDS,
        report=report,
        existing=AuthorizedMonth.objects.filter(source=source),
    )
    return report
