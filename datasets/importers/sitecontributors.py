"""Contributing countries per mission, year and deployment site, 1994–2024
(geo-pko-contributors-v2.3.csv, Geo-PKO v2.3's yearly aggregation, read with
geo-pko-codebook.pdf).

The column 'year.overview' is free text listing the site's contributors with their
estimated troops: "Ghana (150), Uruguay (150)" or "Nepal (size unknown)". Each entry
becomes one SiteContributor. Its rules:

- 'size unknown': the codebook's "unknown" number of troops; the size stays empty.
- 'contributor not named': "TCC name unknown", troops whose country the source did not
  name (the codebook's "unknown").
- 'multinational unit': "Multinational", and "CARICOM", the codebook's example of a
  multinational unit (in UNMIH); no country is given.
- 'site listed twice in a year': one mission, year and location on two lines (with two
  sets of coordinates); both lines are kept, and a figure counting site-years counts the
  site once.
- the country name rules of datasets.countrynames ("UK", "Korea (ROK)", "Drc" …).

A line whose list does not read as "name (size), …" is rejected; an entry whose name
is no country the atlas knows is rejected by itself, the line's other entries kept.
Coordinates and 'No.TCC' are not imported: the deployments file has the sites, and the
list itself gives the contributors.
"""

import datetime
import re

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.countrynames import by_name
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import MissionNames
from datasets.models import ContributorKind, SiteContributor

FILE = "geo-pko-contributors-v2.3.csv"
SOURCE = "geo-pko-contributors"
COLUMNS = ("mission", "year", "location", "year.overview")
# A name (perhaps with a qualifier in brackets, "Korea (ROK)"), then its size in brackets.
ENTRY = re.compile(r"(?P<name>[^,()]+?(?: \([A-Za-z]+\))?) \((?P<size>\d+|size unknown)\)(?:, |$)")
UNKNOWN = {"TCC name unknown"}
MULTINATIONAL = {"Multinational", "CARICOM"}
FIELDS = [
    "mission_id",
    "mission_label",
    "year",
    "location",
    "kind",
    "contributor",
    "country",
    "size",
]


def entries(text):
    """[(name, size text)] of a 'year.overview' list; Rejected when it is not one."""
    text = (text or "").strip()
    found, position = [], 0
    for match in ENTRY.finditer(text):
        if match.start() != position:
            break
        found.append((match["name"].strip(), match["size"]))
        position = match.end()
    if not text:
        raise Rejected("the list of contributors is empty")
    if position != len(text):
        raise Rejected(
            "the list of contributors does not read as 'name (size), …' "
            f"at {text[position:][:40]!r}"
        )
    return found


def contributor(name, report, where):
    """(kind, country code) for one entry's name."""
    if name in UNKNOWN:
        report.rule("contributor not named", where)
        return ContributorKind.UNKNOWN, ""
    if name in MULTINATIONAL:
        report.rule("multinational unit", where)
        return ContributorKind.MULTINATIONAL, ""
    country = by_name(name)
    if country.rule:
        report.rule(country.rule, where)
    return ContributorKind.COUNTRY, country.code


def import_site_contributors(directory):
    report = Report("Contributing countries by site and year", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows, sites = [], set()
    for line, row in csv_rows(directory / FILE, COLUMNS):
        where = f"{FILE} line {line}"
        label = (row["mission"] or "").strip()
        year_text = (row["year"] or "").strip()
        location = " ".join((row["location"] or "").split())
        try:
            if not label:
                raise Rejected("no mission")
            if not (year_text.isdigit() and 1948 <= int(year_text) <= 2100):
                raise Rejected(f"year {year_text!r} is not a year")
            if not location:
                raise Rejected("no location")
            listed = entries(row["year.overview"])
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        year = int(year_text)
        site = (label, year, location)
        if site in sites:
            report.rule("site listed twice in a year", where)
        sites.add(site)
        match = names.resolve(row["mission"], datetime.date(year, 1, 1))
        if match.rule:
            report.rule(match.rule, where)
        for number, (name, size) in enumerate(listed, start=1):
            try:
                kind, code = contributor(name, report, where)
            except Rejected as reason:
                report.reject(f"{where}, entry {number}", str(reason))
                continue
            if size == "size unknown":
                report.rule("size unknown", where)
            rows.append(
                SiteContributor(
                    source=source,
                    row=line,
                    entry=number,
                    mission_id=match.mission_id,
                    mission_label=match.acronym,
                    year=year,
                    location=location[:120],
                    kind=kind,
                    contributor=name[:60],
                    country=code,
                    size=None if size == "size unknown" else int(size),
                )
            )
    link_report(report, rows)
    sync(
        SiteContributor,
        rows,
        key=lambda item: (item.row, item.entry),
        fields=FIELDS,
        report=report,
        existing=SiteContributor.objects.filter(source=source),
    )
    return report
