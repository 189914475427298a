"""The mandates of TAMM v2.1 (tamm-mandates-mission-month.csv): the documents each mission
had in force month by month, and the tasks they set.

The file has one line per UN mission and month, 1948–2015: the resolution in force and 50
task columns of 0 or 1 (the codebook speaks of 51 tasks and of 50; the file has 50). The
import makes one OfficialDocument per document the file names, one MissionDecision per
mission and document (its months in force and lines), and one MandateTask per task set.

Named rules, each counted in the report:
- 'two resolutions in one cell': "425/426" names resolutions 425 and 426, whose tasks TAMM
  codes together; both are linked to the mission with the same months and tasks.
- 'General Assembly resolution': "GA 1752" is a resolution of the General Assembly.
- 'document symbol, not a resolution': "S/2008/354" is a Security Council document known by
  its symbol, of a kind TAMM does not give; its year is the symbol's.
- 'year from TAMM's first month': TAMM gives a resolution's number, not its year; the year
  is that of the first month the file has it in force, and the document records it so
  (editors check it against the document). Its address https://undocs.org/S/RES/<n>(<year>)
  is built from that year.
- 'resolution numbers out of year order': a resolution with a higher number in an earlier
  year than a lower one, which would make a first-month year wrong (the file has none).
- 'months of one resolution not consecutive' and 'lines of one resolution not consecutive':
  a decision whose months, or lines, have others between them; its months and lines are
  counted, not spanned.
- the mission-name rules of every data set (MissionNames, e.g. "UNOSOM" by date).

Rejected rows, each with its line and reason: no mission; a month that is not one; no
resolution, or one written otherwise than above; a task value other than 0 or 1; a second
row for a mission and month; tasks that differ from the other months of the same
resolution and mission; a document in force before its symbol's year; a document a mission
has in force in two different cells.

What the file shows of each link (the action): the first document TAMM codes for a mission
set its first mandate; a later one changed the tasks, or is only "in force" when the tasks
stayed the same. TAMM does not say which document established, renewed or ended a
mission; editors record that from the documents.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.text import slugify

from atlas.dataimport import ImportProblem, Rejected, Report, csv_rows, sync
from atlas.models import PublicationStatus
from atlas.search import index_record
from documents.models import (
    DecisionAction,
    DocumentKind,
    IssuingBody,
    MandateTask,
    MissionDecision,
    OfficialDocument,
    YearBasis,
)
from documents.tasks import TASK_CODES
from sources.models import Source

FILE = "tamm-mandates-mission-month.csv"
SOURCE = "tamm-mandates"
COLUMNS = ("mission", "year", "month", "unsc_resolution", *TASK_CODES)
DECISION_FIELDS = [
    "mission",
    "action",
    "first_month",
    "last_month",
    "months",
    "tamm_label",
    "first_line",
    "last_line",
    "line_count",
]

SINGLE = re.compile(r"[1-9][0-9]{0,4}")
PAIR = re.compile(r"([1-9][0-9]{0,4})/([1-9][0-9]{0,4})")
GENERAL_ASSEMBLY = re.compile(r"GA ([1-9][0-9]{0,4})")
SYMBOL = re.compile(r"S/((?:19|20)[0-9]{2})/([1-9][0-9]{0,4})")


@dataclass(frozen=True)
class Named:
    """A document as a cell of the file names it."""

    body: str
    kind: str
    number: str
    symbol_year: int | None = None


def named_documents(cell):
    """The documents one resolution cell names, and the rule that read it ('' for none)."""
    text = cell.strip()
    if not text:
        raise Rejected("no resolution in force")
    if SINGLE.fullmatch(text):
        return [Named(IssuingBody.UN_SECURITY_COUNCIL, DocumentKind.RESOLUTION, text)], ""
    if match := PAIR.fullmatch(text):
        first, second = match.groups()
        if int(second) <= int(first):
            raise Rejected(f"resolution {text!r} is not two resolutions in order")
        return [
            Named(IssuingBody.UN_SECURITY_COUNCIL, DocumentKind.RESOLUTION, number)
            for number in (first, second)
        ], "two resolutions in one cell"
    if match := GENERAL_ASSEMBLY.fullmatch(text):
        return [
            Named(IssuingBody.UN_GENERAL_ASSEMBLY, DocumentKind.RESOLUTION, match.group(1))
        ], "General Assembly resolution"
    if match := SYMBOL.fullmatch(text):
        return [
            Named(
                IssuingBody.UN_SECURITY_COUNCIL,
                DocumentKind.DOCUMENT,
                text,
                symbol_year=int(match.group(1)),
            )
        ], "document symbol, not a resolution"
    raise Rejected(
        f"resolution {text!r} is not a number, two numbers (425/426), 'GA <number>' or a "
        "document symbol (S/2008/354)"
    )


def month_of(row):
    try:
        year, month = int(row["year"]), int(row["month"])
        return datetime.date(year, month, 1)
    except (TypeError, ValueError) as error:
        raise Rejected(f"{row['year']!r}-{row['month']!r} is not a month") from error


def task_codes(row):
    """The task columns set to 1; any value but 0 or 1 is rejected."""
    codes = []
    for code in TASK_CODES:
        value = (row[code] or "").strip()
        if value == "1":
            codes.append(code)
        elif value != "0":
            raise Rejected(f"task {code} is {value!r}, not 0 or 1")
    return frozenset(codes)


@dataclass
class Period:
    """The months and lines one cell value is in force for one mission."""

    mission_label: str
    mission_id: int | None
    cell: str
    named: list
    tasks: frozenset
    first_line: int
    months: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def read(path, report, missions):
    """{(mission label, cell): Period} from the file's rows; rejections in the report."""
    periods = {}
    seen_months = {}
    named_by = {}
    for line, row in csv_rows(path, COLUMNS):
        where = f"{FILE} line {line}"
        try:
            label = (row["mission"] or "").strip()
            if not label:
                raise Rejected("no mission")
            month = month_of(row)
            named, rule = named_documents(row["unsc_resolution"] or "")
            tasks = task_codes(row)
            symbol_year = named[0].symbol_year
            if symbol_year and month.year < symbol_year:
                raise Rejected(
                    f"document {named[0].number} is of {symbol_year}, but this row has it in "
                    f"force in {month:%Y-%m}"
                )
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        match = missions.resolve(row["mission"], month)
        label = match.acronym
        earlier = seen_months.get((label, month))
        if earlier:
            report.reject(
                where, f"a second row for {label} in {month:%Y-%m} (first at line {earlier})"
            )
            continue
        cell = row["unsc_resolution"].strip()
        period = periods.get((label, cell))
        if period is None:
            # A mission links to a document once: a document in two of its cells ("425" and
            # "425/426") would need two sets of months and tasks for one link.
            other = next(
                (named_by[(label, item)] for item in named if (label, item) in named_by), None
            )
            if other is not None:
                report.reject(
                    where,
                    f"{cell} names a document {label} also has in force as {other.cell} "
                    f"(line {other.first_line})",
                )
                continue
            period = Period(label, match.mission_id, cell, named, tasks, line)
            periods[(label, cell)] = period
            named_by.update({(label, item): period for item in named})
        elif tasks != period.tasks:
            report.reject(
                where,
                f"tasks differ from line {period.first_line}'s for {cell} in {label}",
            )
            continue
        seen_months[(label, month)] = line
        if rule:
            report.rule(rule, where)
        if match.rule:
            report.rule(match.rule, where)
        period.months.append(month)
        period.lines.append(line)
    return periods


def actions(periods):
    """{(mission label, cell): action}: the first cell of a mission set its first mandate;
    each later one changed the tasks, or is in force with the same tasks."""
    by_mission = defaultdict(list)
    for period in periods.values():
        by_mission[period.mission_label].append(period)
    found = {}
    for label, items in by_mission.items():
        items.sort(key=lambda period: min(period.months))
        found[(label, items[0].cell)] = DecisionAction.FIRST_MANDATE
        for previous, period in zip(items, items[1:], strict=False):
            changed = period.tasks != previous.tasks
            found[(label, period.cell)] = (
                DecisionAction.CHANGED if changed else DecisionAction.IN_FORCE
            )
    return found


def document_years(periods, report):
    """{Named: (year, basis, where)}: a symbol's own year, else the first month in force."""
    years = {}
    for period in periods.values():
        first = min(period.months)
        where = f"{FILE} line {period.lines[period.months.index(first)]}"
        for named in period.named:
            if named.symbol_year:
                years[named] = (named.symbol_year, YearBasis.SYMBOL, where)
            elif named not in years or first.year < years[named][0]:
                years[named] = (first.year, YearBasis.TAMM_FIRST_MONTH, where)
    for _year, basis, where in years.values():
        if basis == YearBasis.TAMM_FIRST_MONTH:
            report.rule("year from TAMM's first month", where)
    resolutions = sorted(
        (int(named.number), year, where)
        for named, (year, _basis, where) in years.items()
        if named.body == IssuingBody.UN_SECURITY_COUNCIL and named.kind == DocumentKind.RESOLUTION
    )
    for (number, year, _where), (later, later_year, where) in zip(
        resolutions, resolutions[1:], strict=False
    ):
        if later_year < year:
            report.rule(
                "resolution numbers out of year order", f"{where} ({later} before {number})"
            )
    return years


def official_url(named, year):
    """The document's address at undocs.org, from its symbol; '' when the symbol is not
    known (a General Assembly resolution's symbol names its session, which TAMM omits)."""
    if named.body != IssuingBody.UN_SECURITY_COUNCIL:
        return ""
    if named.kind == DocumentKind.DOCUMENT:
        return f"https://undocs.org/{named.number}"
    return f"https://undocs.org/S/RES/{named.number}({year})"


def sync_documents(years, report):
    """Create the documents not in the atlas yet; bring the imported fields of the others up
    to date, except for documents an editor has checked. Documents are never deleted here:
    editors add documents TAMM does not name. Returns {Named: document}."""
    stored = list(OfficialDocument.objects.all())
    exact = {(d.body, d.kind, d.number, d.year): d for d in stored}
    checked = defaultdict(list)
    for document in stored:
        if document.year_basis == YearBasis.CHECKED:
            checked[(document.body, document.kind, document.number)].append(document)
    slugs = {document.slug for document in stored}
    found, create, update = {}, [], []
    for named, (year, basis, _where) in sorted(
        years.items(), key=lambda item: (item[1][0], item[0].number)
    ):
        fields = {"year": year, "year_basis": basis, "url": official_url(named, year)}
        key = (named.body, named.kind, named.number)
        document = exact.get((*key, year))
        if document is None and len(checked[key]) == 1:
            document = checked[key][0]  # an editor corrected its year: theirs stands
        if document is None:
            document = OfficialDocument(
                body=named.body,
                kind=named.kind,
                number=named.number,
                serial=int(named.number) if named.number.isdigit() else None,
                slug=_free_slug(named, year, slugs),
                status=PublicationStatus.PUBLISHED,
                **fields,
            )
            create.append(document)
        elif document.year_basis == YearBasis.CHECKED:
            report.counts["unchanged"] += 1
        elif any(getattr(document, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(document, name, value)
            update.append(document)
        else:
            report.counts["unchanged"] += 1
        found[named] = document
    OfficialDocument.objects.bulk_create(create)
    OfficialDocument.objects.bulk_update(update, ["year", "year_basis", "url"])
    report.counts["created"] += len(create)
    report.counts["updated"] += len(update)
    # Bulk writes pass by the signals that keep the site search in step.
    for document in create + update:
        index_record(document)
    return found


def _free_slug(named, year, slugs):
    base = slugify(f"{named.body} {named.kind} {named.number} {year}")[:110]
    slug, number = base, 2
    while slug in slugs:
        slug, number = f"{base}-{number}", number + 1
    slugs.add(slug)
    return slug


def decisions_for(periods, documents, found_actions, source, report):
    decisions, task_rows = [], []
    for key, period in periods.items():
        months, lines = sorted(period.months), sorted(period.lines)
        span = (months[-1].year - months[0].year) * 12 + months[-1].month - months[0].month + 1
        where = f"{FILE} line {lines[0]}"
        if span != len(months):
            report.rule("months of one resolution not consecutive", where)
        if lines[-1] - lines[0] + 1 != len(lines):
            report.rule("lines of one resolution not consecutive", where)
        for named in period.named:
            decision = MissionDecision(
                document=documents[named],
                mission_id=period.mission_id,
                mission_label=period.mission_label,
                action=found_actions[key],
                first_month=months[0],
                last_month=months[-1],
                months=len(months),
                tamm_label=period.cell,
                source=source,
                first_line=lines[0],
                last_line=lines[-1],
                line_count=len(lines),
            )
            decisions.append(decision)
            task_rows += [(decision, code) for code in sorted(period.tasks)]
    return decisions, task_rows


def import_mandates(directory, missions):
    """Read TAMM's mission-month file in `directory`; make the documents, decisions and
    tasks equal to it. `missions` resolves the file's mission names (the data sets'
    MissionNames, passed in by the data sets' import, which sits above this app).
    Returns the Report."""
    report = Report("Mandates (TAMM)", FILE)
    try:
        source = Source.objects.get(slug=SOURCE)
    except Source.DoesNotExist as error:
        raise ImportProblem(
            f"the source {SOURCE} is not in the atlas; load fixtures/datasets.json"
        ) from error
    periods = read(directory / FILE, report, missions)
    found_actions = actions(periods)
    years = document_years(periods, report)

    parts = {name: Report(name) for name in ("documents", "decisions", "tasks")}
    documents = sync_documents(years, parts["documents"])
    decisions, task_rows = decisions_for(periods, documents, found_actions, source, report)
    sync(
        MissionDecision,
        decisions,
        key=lambda item: (item.mission_label, item.document_id),
        fields=DECISION_FIELDS,
        report=parts["decisions"],
        existing=MissionDecision.objects.filter(source=source),
    )
    ids = {
        (label, document): pk
        for pk, label, document in MissionDecision.objects.filter(source=source).values_list(
            "pk", "mission_label", "document_id"
        )
    }
    tasks = [
        MandateTask(decision_id=ids[(decision.mission_label, decision.document_id)], task=code)
        for decision, code in task_rows
    ]
    sync(
        MandateTask,
        tasks,
        key=lambda item: (item.decision_id, item.task),
        fields=[],
        report=parts["tasks"],
        existing=MandateTask.objects.filter(decision__source=source),
    )
    for name, part in parts.items():
        report.counts.update(part.counts)
        report.note(f"{name}: {part.summary}" + _removed(part))
    unlinked = sorted(
        {period.mission_label for period in periods.values() if not period.mission_id}
    )
    if unlinked:
        report.note(f"kept without a mission in the atlas: {', '.join(unlinked)}")
    kept = OfficialDocument.objects.exclude(pk__in=[d.pk for d in documents.values()]).count()
    if kept:
        report.note(f"{kept} documents the file does not name are kept (editors added them)")
    return report


def _removed(part):
    removed = part.counts.pop("removed", 0)
    return f", removed {removed}" if removed else ""
