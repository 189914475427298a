"""Importing the reference data sets: the UN's list of operations and the major regional ones.

The files are someone else's exports, so every quirk is handled by a named rule below:
either repaired (and reported as such) or rejected with the row and the reason. Nothing is
guessed silently. Facts an editor has corrected with a citation to another source win
over the export.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django_countries import countries

from atlas import freshness
from atlas.models import PublicationStatus
from missions.dates import DatePrecision, period_end, period_start
from missions.models import HostCountry, Mission, MissionOrganization, Role
from missions.regions import region_for
from missions.worldmap import country_bounds
from organizations.models import Organization
from sources.models import Citation, SourceSection

DATASETS = Path(settings.BASE_DIR) / "data" / "datasets"
UN_EXPORT = "DPPADPOSS-PKO.csv"
CROSSWALK = "unpko_country_crosswalk.xlsx"
REGIONAL = "non-un-operations.csv"

UN_SECTION = ("un-peacekeeping-operations-dppadposs-pko", "operations")
CROSSWALK_SECTION = ("unpko-country-crosswalk", "countries")
REGIONAL_SECTION = ("major-non-un-operations", "operations")

# Rows of the UN export that are not peacekeeping operations, and why.
NOT_PEACEKEEPING = {
    "UNOHCI": "an office coordinating humanitarian aid in Iraq, not a peacekeeping operation",
    "UNGCI": "a guards contingent protecting UN humanitarian staff in Iraq, not a peacekeeping "
    "operation",
    "UNSMA": "a special political mission, not a peacekeeping operation",
    "UNSCOB": "a General Assembly committee of 1947-1951, not a peacekeeping operation",
    "MICAH": "a civilian support mission of the General Assembly, not a peacekeeping operation",
}
# Rows that are a component of another operation, described on that operation's page (its
# old address redirects there: missions/urls.py).
COMPONENTS = {
    "IPTF": "the International Police Task Force was a component of UNMIBH, described on "
    "UNMIBH's page",
}
# Rows that stand for several operations at once, besides those named "(I & II)".
UMBRELLAS = {
    "UNPF": "the joint headquarters over UNCRO, UNPROFOR and UNPREDEP, which have rows of "
    "their own",
}
# Codes in the crosswalk that are not ISO 3166-1 alpha-3.
COUNTRY_CODE_REPAIRS = {
    "KSV": ("XK", "KSV is not ISO 3166; Kosovo's code in common use is XK"),
    "YAR": ("YE", "YAR (Yemen Arab Republic) no longer exists; its territory is Yemen (YE)"),
}
LEAD_ORGANIZATIONS = {
    "UN": "united-nations",
    "AU": "african-union",
    "NATO": "nato",
    "EU": "european-union",
}
COORDINATE_MARGIN = Decimal("1.0")  # degrees around a country's outline still counted as inside


@dataclass
class Facts:
    """What one row says about one mission, after the repair rules."""

    acronym: str
    row: str
    source: tuple
    name: str = ""
    lead: str = ""
    start: datetime.date | None = None
    start_precision: str = ""
    end: datetime.date | None = None
    end_precision: str = ""
    active: bool | None = None
    headquarters: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    countries: list = field(default_factory=list)
    successor: str = ""
    reference: str = ""
    notes: list = field(default_factory=list)


@dataclass
class RowResult:
    row: str
    acronym: str
    outcome: str  # created, updated, unchanged, rejected
    details: list = field(default_factory=list)


@dataclass
class Report:
    results: list = field(default_factory=list)
    rolled_back: bool = False

    def add(self, row, acronym, outcome, details=()):
        self.results.append(RowResult(row, acronym, outcome, list(details)))

    def count(self, outcome):
        return sum(1 for result in self.results if result.outcome == outcome)

    @property
    def summary(self):
        return ", ".join(
            f"{outcome} {self.count(outcome)}"
            for outcome in ("created", "updated", "unchanged", "rejected")
        )

    def lines(self):
        for result in self.results:
            details = "; ".join(result.details)
            yield f"{result.row} {result.acronym}: {result.outcome}" + (
                f" ({details})" if details else ""
            )

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "acronym", "outcome", "details"])
            for result in self.results:
                writer.writerow(
                    [result.row, result.acronym, result.outcome, "; ".join(result.details)]
                )


class ImportProblem(Exception):
    """The import cannot run at all (a file or the data set sources are missing)."""


class Rejected(Exception):
    """A row (or one field of it) that cannot be taken; the message is the reason."""


# --- repair rules: each returns the repaired value or raises Rejected -------------------


def decimal_comma(text):
    """Rule 'decimal comma': the export writes 15,9833 for 15.9833."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise Rejected(f"{text!r} is not a number") from error


def padded_month(text):
    """Rule 'padded month': the export writes month-only dates as the 1st of the month.

    A date on day 01 is read as a month; any other day as a day. Returns (date, precision).
    """
    text = (text or "").strip()
    if not text:
        return None, ""
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError as error:
        raise Rejected(f"{text!r} is not a date") from error
    return (value, DatePrecision.MONTH) if value.day == 1 else (value, DatePrecision.DAY)


def active_flag(text):
    """Rule 'active flag spelling': Yes, yes, NO, no... are the same two answers."""
    value = (text or "").strip().lower()
    if value in {"yes", "y", "true", "1"}:
        return True
    if value in {"no", "n", "false", "0"}:
        return False
    raise Rejected(f"active flag {text!r} is neither yes nor no")


def cut_off_name(text):
    """Rule 'broken quoting': a name with an unbalanced quote was cut off in the export."""
    name = (text or "").strip()
    if name.count('"') % 2:
        raise Rejected(f"the name is cut off in the export ({name!r}); left empty")
    return name


def spelled_out(name):
    """Names compared with 'UN' spelled out, to find the same operation listed twice."""
    return re.sub(r"^UN\b", "United Nations", name.strip(), flags=re.IGNORECASE).lower()


def plausible_coordinates(longitude, latitude, codes):
    """Rule 'implausible coordinates', with 'swapped coordinates' as its repair.

    A headquarters must lie within (a degree of) one of the mission's host countries; when
    only the swapped pair does, the columns were swapped. Returns (longitude, latitude, note).
    """
    if longitude is None or latitude is None:
        return None, None, ""
    boxes = [country_bounds(code) for code in codes]
    boxes = [box for box in boxes if box]
    if not boxes:
        raise Rejected("no outline for the host countries to check the coordinates against")

    def inside(lon, lat):
        return any(
            west - COORDINATE_MARGIN <= lon <= east + COORDINATE_MARGIN
            and south - COORDINATE_MARGIN <= lat <= north + COORDINATE_MARGIN
            for west, south, east, north in boxes
        )

    if inside(longitude, latitude):
        return longitude, latitude, ""
    if inside(latitude, longitude):
        return latitude, longitude, "longitude and latitude were swapped"
    raise Rejected(f"({longitude}, {latitude}) is not in or near {', '.join(codes)}")


# --- reading the files -------------------------------------------------------------------


def read_crosswalk(path, report):
    """{acronym: [alpha-2 codes]} from the crosswalk, with its code repairs reported."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook.active
    hosts = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        acronym, _name, iso3 = (list(row) + [None] * 3)[:3]
        if not acronym or not iso3:
            continue
        code = str(iso3).strip().upper()
        if code in COUNTRY_CODE_REPAIRS:
            code, why = COUNTRY_CODE_REPAIRS[code]
            hosts.setdefault(acronym.strip(), []).append(code)
            report.add(f"crosswalk row {number}", acronym, "repaired", [why])
            continue
        alpha2 = countries.alpha2(code)
        if not alpha2:
            report.add(
                f"crosswalk row {number}", acronym, "rejected", [f"unknown country code {code}"]
            )
            continue
        hosts.setdefault(acronym.strip(), []).append(alpha2)
    return hosts


def read_un_export(path, hosts, report):
    """Facts from the UN export, one per acceptable row; rejections go to the report."""
    facts, seen_names = [], {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in sorted(rows, key=lambda r: int(r["id"]) if r["id"].isdigit() else 0):
        label = f"row id {row['id']}"
        acronym = (row.get("mission_acronym") or "").strip()
        raw_name = row.get("mission_name") or ""
        if not acronym:
            report.add(label, "", "rejected", ["no acronym"])
            continue
        if "(I & II)" in raw_name or acronym in UMBRELLAS:
            reason = UMBRELLAS.get(
                acronym, "aggregates several operations that have rows of their own"
            )
            report.add(label, acronym, "rejected", [f"not one operation: {reason}"])
            continue
        if acronym in NOT_PEACEKEEPING:
            report.add(label, acronym, "rejected", [NOT_PEACEKEEPING[acronym]])
            continue
        if acronym in COMPONENTS:
            report.add(label, acronym, "rejected", [f"not an operation: {COMPONENTS[acronym]}"])
            continue
        item = Facts(acronym=acronym, row=label, source=UN_SECTION, lead="united-nations")
        try:
            item.name = cut_off_name(raw_name)
        except Rejected as reason:
            item.notes.append(f"name rejected: {reason}")
        if item.name:
            twin = seen_names.get(spelled_out(item.name))
            if twin:
                report.add(
                    label, acronym, "rejected", [f"the same operation as {twin} (same name)"]
                )
                continue
            seen_names[spelled_out(item.name)] = acronym
        for column, target in (("start_date", "start"), ("end_date", "end")):
            try:
                value, precision = padded_month(row.get(column))
            except Rejected as reason:
                item.notes.append(f"{column} rejected: {reason}")
                continue
            if precision == DatePrecision.MONTH:
                item.notes.append(f"{column} {row[column]} read as a month (padded month)")
            setattr(item, target, value)
            setattr(item, f"{target}_precision", precision)
        if item.start is None and item.end is None:
            report.add(label, acronym, "rejected", ["no start or end date: cannot place it"])
            continue
        try:
            item.active = active_flag(row.get("mission_isactive"))
        except Rejected as reason:
            item.notes.append(str(reason))
        item.countries = hosts.get(acronym, [])
        item.headquarters = (row.get("mission_location") or "").strip()
        try:
            longitude = decimal_comma(row.get("mission_longitude"))
            latitude = decimal_comma(row.get("mission_latitude"))
            item.longitude, item.latitude, note = plausible_coordinates(
                longitude, latitude, item.countries
            )
            if note:
                item.notes.append(f"coordinates repaired: {note}")
        except Rejected as reason:
            item.notes.append(f"coordinates rejected: {reason}")
        facts.append(item)
    return facts


def read_regional(path, report):
    facts = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            acronym = (row.get("acronym") or "").strip()
            label = f"row {number}"
            lead = LEAD_ORGANIZATIONS.get((row.get("lead_organization") or "").strip())
            if not acronym or not lead:
                report.add(
                    label, acronym, "rejected", ["no acronym or an unknown lead organization"]
                )
                continue
            item = Facts(acronym=acronym, row=f"row {acronym}", source=REGIONAL_SECTION, lead=lead)
            item.name = (row.get("name") or "").strip()
            try:
                for target in ("start", "end"):
                    text = (row.get(f"{target}_date") or "").strip()
                    precision = (row.get(f"{target}_precision") or "").strip()
                    if not text:
                        continue
                    if precision not in DatePrecision.values:
                        raise Rejected(
                            f"{target} precision {precision!r} is not year, month or day"
                        )
                    parts = text.split("-") + ["01", "01"]
                    value = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
                    setattr(item, target, value)
                    setattr(item, f"{target}_precision", precision)
            except (Rejected, ValueError) as reason:
                report.add(label, acronym, "rejected", [f"dates: {reason}"])
                continue
            item.countries = [
                code.strip().upper()
                for code in re.split(r"[;,\s]+", row.get("host_countries") or "")
                if code.strip()
            ]
            item.successor = (row.get("successor") or "").strip()
            item.reference = (row.get("reference") or "").strip()
            item.active = item.end is None
            facts.append(item)
    return facts


# --- writing -------------------------------------------------------------------------------


def _section(key):
    try:
        return SourceSection.objects.select_related("source").get(source__slug=key[0], slug=key[1])
    except SourceSection.DoesNotExist as error:
        raise ImportProblem(
            f"the source section {key[0]} / {key[1]} is not in the atlas; "
            "load fixtures/sources.json"
        ) from error


def _corrected_fields(mission, dataset_source_slugs):
    """Fields an editor corrected with a citation to a source other than the data sets."""
    return set(
        mission.citations.exclude(section__source__slug__in=dataset_source_slugs)
        .exclude(field="")
        .values_list("field", flat=True)
    )


def _summary(item, organization):
    where = ", ".join(countries.name(code) for code in item.countries) or "an unrecorded country"
    start = item.start.year if item.start else "an unrecorded year"
    return f"A peace operation led by the {organization.name} in {where}, from {start}."


def apply(facts, report):
    """Create or update one mission per item; return nothing, fill the report."""
    dataset_slugs = {UN_SECTION[0], REGIONAL_SECTION[0], CROSSWALK_SECTION[0]}
    organizations = {org.slug: org for org in Organization.objects.all()}
    crosswalk_section = _section(CROSSWALK_SECTION)
    for item in facts:
        _apply_one(item, organizations, crosswalk_section, dataset_slugs, report)
    _link_successors(facts, report)


def _apply_one(item, organizations, crosswalk_section, dataset_slugs, report):
    """Create or update the mission one item describes; record the outcome."""
    section = _section(item.source)
    organization = organizations.get(item.lead)
    if organization is None:
        report.add(
            item.row,
            item.acronym,
            "rejected",
            [f"organization {item.lead} is not in the atlas"],
        )
        return
    mission = Mission.objects.filter(acronym__iexact=item.acronym).first()
    created = mission is None
    details = list(item.notes)
    start = period_start(item.start, item.start_precision)
    end = period_end(item.end, item.end_precision)
    if created:
        mission = Mission(
            acronym=item.acronym,
            slug=_free_slug(item.acronym),
            status=PublicationStatus.PUBLISHED,
            summary=_summary(item, organization),
        )
    corrected = set() if created else _corrected_fields(mission, dataset_slugs)
    changed = []

    def set_fact(name, value, cite_as=None):
        # A precision goes with its date: a cited date keeps the precision it was cited at.
        if name in corrected or cite_as in corrected:
            if getattr(mission, name) != value:
                details.append(f"kept the cited correction of {name} over the export")
            return
        if value in (None, "") or getattr(mission, name) == value:
            return
        setattr(mission, name, value)
        changed.append(cite_as or name)

    # Rule 'names are the atlas's': a name the atlas already has is never replaced.
    if item.name and not mission.name:
        set_fact("name", item.name)
    if "end_date" not in corrected and item.active and end is None and mission.end_date:
        details.append("the export lists it as active, but the atlas records an end")
    set_fact("start_date", start)
    set_fact("start_precision", item.start_precision if start else "", "start_date")
    if "end_date" not in corrected:
        set_fact("end_date", end)
        set_fact("end_precision", item.end_precision if end else "", "end_date")
    elif item.active and end is None:
        details.append("the export lists it as active; kept the cited end date")
    set_fact("headquarters", item.headquarters)
    set_fact("headquarters_latitude", item.latitude, "headquarters")
    set_fact("headquarters_longitude", item.longitude, "headquarters")
    if not mission.region:
        set_fact("region", region_for(item.countries) or "")
        if not mission.region and item.countries:
            details.append("region left empty: the host countries span regions or are unmapped")
    if changed or created:
        try:
            mission.full_clean()
        except ValidationError as error:
            reasons = [
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            ]
            report.add(item.row, item.acronym, "rejected", reasons)
            return
        mission.save()
    existing_countries = set(mission.host_countries.values_list("country", flat=True))
    new_countries = [code for code in item.countries if code not in existing_countries]
    if new_countries and "host_countries" not in corrected:
        HostCountry.objects.bulk_create(
            [HostCountry(mission=mission, country=code) for code in new_countries]
        )
        changed.append("host_countries")
    if not mission.roles.filter(role=Role.LEAD).exists():
        MissionOrganization.objects.get_or_create(
            mission=mission, organization=organization, defaults={"role": Role.LEAD}
        )
        changed.append("organizations")
    for fact in sorted(set(changed)):
        cite_section = (
            crosswalk_section if fact == "host_countries" and item.source == UN_SECTION else section
        )
        locator = f"rows {item.acronym}" if cite_section == crosswalk_section else item.row
        Citation.objects.get_or_create(
            mission=mission,
            section=cite_section,
            field=fact,
            defaults={"locator": locator, "note": _citation_note(item)},
        )
    if created:
        Citation.objects.get_or_create(
            mission=mission,
            section=section,
            field="",
            defaults={"locator": item.row, "note": _citation_note(item)},
        )
    outcome = "created" if created else ("updated" if changed else "unchanged")
    report.add(
        item.row,
        item.acronym,
        outcome,
        (["set " + ", ".join(sorted(set(changed)))] if changed and not created else []) + details,
    )


def _citation_note(item):
    # How a fact was read stays in the locator and on the data set's source page: a
    # footnote's note is for readers. The regional table's own reference is one.
    return item.reference[:300] if item.reference else ""


def _link_successors(facts, report):
    for item in facts:
        if not item.successor:
            continue
        successor = Mission.objects.filter(acronym__iexact=item.successor).first()
        predecessor = Mission.objects.filter(acronym__iexact=item.acronym).first()
        if successor is None or predecessor is None:
            continue
        if successor.predecessor_id is None:
            successor.predecessor = predecessor
            successor.save(update_fields=["predecessor"])
            Citation.objects.get_or_create(
                mission=successor,
                section=_section(item.source),
                field="predecessor",
                defaults={"locator": item.row},
            )


def _free_slug(acronym):
    base = slugify(acronym) or "mission"
    slug, number = base, 2
    while Mission.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


def import_missions(directory=DATASETS, dry_run=False, strict=False):
    """Read the three files in `directory`, upsert the missions in one transaction.

    With strict=True a single rejected row rolls the whole import back.
    """
    directory = Path(directory)
    for name in (UN_EXPORT, CROSSWALK, REGIONAL):
        if not (directory / name).exists():
            raise ImportProblem(f"{directory / name} is missing")
    report = Report()
    hosts = read_crosswalk(directory / CROSSWALK, report)
    facts = read_un_export(directory / UN_EXPORT, hosts, report)
    facts += read_regional(directory / REGIONAL, report)
    try:
        with transaction.atomic():
            apply(facts, report)
            freshness.bump()  # host countries are bulk-created, past the signals
            if dry_run or (strict and report.count("rejected")):
                raise DryRun
    except DryRun:
        report.rolled_back = True
    return report
