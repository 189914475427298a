"""Personnel per contributing country, mission and month, Nov 2009 – Feb 2014
(ipi-contributors-by-mission-month.csv, IPI from the UN's monthly contribution reports).

Each line is a country's personnel in one mission at the end of one month, by category and
gender; the first column is the file's own row id, which keys the rows across runs.
Countries are ISO 3166-1 alpha-3 codes, decoded by django_countries (datasets.countrynames);
the file's own country name is kept beside the code, since it spells some countries two
ways ("Moldova", "Moldova, Republic of"). A line is rejected, with its reason, when:

- a code is not ISO 3166-1 alpha-3, a date is not a date, or a count is
  not a whole number ('NA', which IPI uses for none, is counted under the rule 'NA as
  none' and taken as 0);
- a category's male and female numbers do not add up to its total, or the categories do
  not add up to the line's total.

Each line's date stands for its month, kept as the month ('month dated before its last
day' counts February 2012, dated the 28th). The male numbers are not kept: they are the
totals less the female numbers.
"""

import datetime

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.countrynames import by_alpha3
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import MissionNames
from datasets.models import ContributionMonth

FILE = "ipi-contributors-by-mission-month.csv"
SOURCE = "ipi-contributors-by-mission-month"
ID = ""  # the first column, R's row names, has no header
CATEGORIES = {
    "police": "Individual Police",
    "formed_police": "Formed Police Units",
    "experts": "Experts on Mission",
    "troops": "Troops",
}
COLUMNS = (
    ID,
    "Date",
    "Contributor",
    "Contributor ISO-3",
    "Mission",
    *(
        f"{name} {part}"
        for name in (*CATEGORIES.values(), "Total")
        for part in ("Male", "Female", "Total")
    ),
)
FIELDS = [
    "row",
    "mission_id",
    "mission_label",
    "month",
    "country",
    "country_label",
    "police",
    "formed_police",
    "experts",
    "troops",
    "total",
    "female_total",
]


def count(text, column, report, where):
    text = (text or "").strip()
    if text == "NA":
        report.rule("NA as none", where)
        return 0
    if not text.isdigit():
        raise Rejected(f"{column} {text!r} is not a whole number")
    return int(text)


def month(text, report, where):
    """The month a line counts, as its first day: the file dates each month by its last
    day, except February 2012, dated the 28th though that February had 29 days."""
    try:
        date = datetime.date.fromisoformat((text or "").strip())
    except ValueError as error:
        raise Rejected(f"date {text!r} is not a date") from error
    if (date + datetime.timedelta(days=1)).day != 1:
        report.rule("month dated before its last day", where)
    return date.replace(day=1)


def category(row, name, report, where):
    """The total of one category, checked against its male and female numbers."""
    male, female, total = (
        count(row[f"{name} {part}"], f"{name} {part}", report, where)
        for part in ("Male", "Female", "Total")
    )
    if male + female != total:
        raise Rejected(f"{name}: {male} male and {female} female do not make {total}")
    return total, female


def read_line(row, report, where):
    record = (row[ID] or "").strip()
    if not record.isdigit():
        raise Rejected(f"row id {record!r} is not a number")
    label = (row["Mission"] or "").strip()
    if not label:
        raise Rejected("no mission")
    country = by_alpha3(row["Contributor ISO-3"])
    values = {name: category(row, column, report, where)[0] for name, column in CATEGORIES.items()}
    total, female = category(row, "Total", report, where)
    if sum(values.values()) != total:
        raise Rejected(f"the categories add up to {sum(values.values())}, not the total {total}")
    return int(record), month(row["Date"], report, where), country, values, total, female


def import_contributors(directory):
    report = Report("Contributing countries by month", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows, seen = [], set()
    for line, row in csv_rows(directory / FILE, COLUMNS):
        where = f"{FILE} line {line}"
        try:
            record, date, country, values, total, female = read_line(row, report, where)
            if record in seen:
                raise Rejected(f"row id {record} is given twice")
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        seen.add(record)
        match = names.resolve(row["Mission"], date)
        if match.rule:
            report.rule(match.rule, where)
        rows.append(
            ContributionMonth(
                source=source,
                row=line,
                record=record,
                mission_id=match.mission_id,
                mission_label=match.acronym,
                month=date,
                country=country.code,
                country_label=(row["Contributor"] or "").strip()[:60],
                total=total,
                female_total=female,
                **values,
            )
        )
    link_report(report, rows)
    sync(
        ContributionMonth,
        rows,
        key=lambda item: item.record,
        fields=FIELDS,
        report=report,
        existing=ContributionMonth.objects.filter(source=source),
    )
    return report
