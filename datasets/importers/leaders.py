"""Leadership appointments in UN peace operations, 1948–2019 (un-mission-leaders.xlsx,
sheet 'appointments', decoded with un-mission-leaders-codebook.pdf).

The sheet has a row per person, post and year of a term; the rows of one term are
consecutive and share the term's columns, the first flagged `year_appointed` = 1. A term
becomes one Appointment per post it held. Coded columns are decoded with the codebook:
'Appointment' 1–7 are the posts of `Post`, 8 means several, listed in 'Appointment II';
'Nationality' is a Correlates of War code (datasets.countrynames); months 99 and years
9999 mean still in office when the data set was compiled. Its rules:

- 'post list read as a number': Excel turned the list "1,2" into the number 1.2.
- 'trailing space': a post list, gender or rank with spaces around it.
- 'space in a name': a name with a non-breaking, doubled or trailing space.
- 'rank spelling': "Mayor General" is Major General, "Lieutenant-General" Lieutenant
  General, and the other spellings of RANK_SPELLINGS.
- 'start month unknown (0)': the codebook's two missing start months; the year stands.
- 'start month differs between rows': the term's rows give two start months; the
  year stands alone, as no row says which month is right.
- 'year rows do not match the term': a term's yearly rows repeat or skip a year; the
  term is taken from its start and end columns.
- 'two nationalities': "325-380", two COW codes.
- 'COW 730 (Korea before 1905) after 1945': the code of the former Korean state on an
  appointee of the Republic of Korea.
- the country rules of datasets.countrynames.

The columns of mission dates, host country and regions are not imported: the atlas's
missions hold those.
"""

import datetime
from dataclasses import dataclass

from atlas.dataimport import Rejected, Report, excel_rows, sync
from datasets.countrynames import COWCodes
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import MissionNames
from datasets.models import Appointment, Gender, Post

FILE = "un-mission-leaders.xlsx"
SHEET = "appointments"
SOURCE = "un-mission-leaders"
# The header is 21 columns wide, though the sheet reports some 16,000.
WIDTH = 21
COLUMNS = (
    "Mission",
    "Appointment",
    "Appointment II",
    "Last name",
    "Name",
    "Gender",
    "Rank",
    "Nationality",
    "Mandate start month",
    "Mandate start year",
    "Mandate end month",
    "Mandate end year",
    "year",
    "year_appointed",
)
SEVERAL = 8
IN_OFFICE_MONTH, IN_OFFICE_YEAR = 99, 9999
# The year the data set was compiled: the last yearly row of a term still running.
COMPILED_YEAR = 2019
GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE, "1": Gender.MALE, "2": Gender.FEMALE}
RANK_SPELLINGS = {
    "Mayor General": "Major General",
    "Lieutenant-General": "Lieutenant General",
    "Brigadier-General": "Brigadier General",
    "Lieutenant-Colonel": "Lieutenant Colonel",
    "Comissioner": "Commissioner",
    "Chief Superintendant": "Chief Superintendent",
    "Chief superintendent": "Chief Superintendent",
}
KOREA_BEFORE_1905, REPUBLIC_OF_KOREA = 730, 732
FIELDS = [
    "mission_id",
    "mission_label",
    "last_row",
    "last_name",
    "first_name",
    "gender",
    "rank",
    "nationality_code",
    "nationality",
    "second_nationality",
    "nationality_name",
    "start_year",
    "start_month",
    "end_year",
    "end_month",
    "in_office_when_compiled",
]


@dataclass
class Term:
    """The consecutive rows of one person's term, as read so far."""

    first: int
    last: int
    identity: tuple
    values: dict
    years: list
    start_months: set
    flagged: bool


def whole_number(value, column):
    if isinstance(value, bool):
        raise Rejected(f"{column} {value!r} is not a number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        raise Rejected(f"{column} {value!r} is not a whole number")
    return value


def posts(code, listed, report, where):
    """The posts of an entry: its code, or for 8 ('several') the codes it lists."""
    code = whole_number(code, "post code")
    if code in Post.values:
        if listed not in (None, ""):
            raise Rejected(f"post {code} also lists posts {listed!r}")
        return (code,)
    if code != SEVERAL:
        raise Rejected(f"post code {code} is not in the codebook")
    if isinstance(listed, float):
        # "1,2" typed into a cell that Excel read as a decimal number.
        report.rule("post list read as a number", where)
        listed = str(listed)
        parts = listed.split(".")
    elif isinstance(listed, str):
        if listed != listed.strip():
            report.rule("trailing space", where)
        parts = listed.split(",")
    else:
        raise Rejected("post 8 (several) lists no posts in 'Appointment II'")
    try:
        codes = tuple(int(part) for part in parts)
    except ValueError as error:
        raise Rejected(f"post list {listed!r} is not a list of post codes") from error
    unknown = [number for number in codes if number not in Post.values]
    if unknown or len(set(codes)) < 2:
        raise Rejected(f"post list {listed!r} is not two or more codebook posts")
    return codes


def names(last, first, report, where):
    """The last and first names, their spaces tidied (split() also breaks at
    non-breaking spaces)."""
    texts = ["" if value is None else str(value) for value in (last, first)]
    clean = [" ".join(text.split()) for text in texts]
    if clean != texts:
        report.rule("space in a name", where)
    return clean


def gender(value, report, where):
    text = "" if value is None else str(value)
    if text != text.strip():
        report.rule("trailing space", where)
    try:
        return GENDERS[text.strip().lower()]
    except KeyError as error:
        raise Rejected(f"gender {value!r} is neither male nor female") from error


def rank(value, report, where):
    text = "" if value is None else str(value)
    clean = " ".join(text.split())
    if clean != text:
        report.rule("trailing space", where)
    if clean in RANK_SPELLINGS:
        report.rule("rank spelling", where)
        clean = RANK_SPELLINGS[clean]
    return clean[:60]


def nationalities(value, start_year, cow, report, where):
    """(code text, first Decoded, second Decoded or None) for the Nationality column."""
    text = str(value).strip() if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    codes = text.split("-")
    if len(codes) == 2:
        report.rule("two nationalities", where)
    elif len(codes) != 1 or not text:
        raise Rejected(f"nationality {value!r} is not one or two COW codes")
    decoded = []
    for code in codes:
        if code.strip().isdigit() and int(code) == KOREA_BEFORE_1905 and start_year > 1945:
            report.rule("COW 730 (Korea before 1905) after 1945", where)
            code = REPUBLIC_OF_KOREA
        country = cow.decode(code)
        if country.rule:
            report.rule(country.rule, where)
        decoded.append(country)
    return text, decoded[0], (decoded[1] if len(decoded) == 2 else None)


def term_dates(row, report, where):
    """(start year, start month or None, end year or None, end month or None, in office)."""
    start_year = whole_number(row["Mandate start year"], "start year")
    start_month = whole_number(row["Mandate start month"], "start month")
    end_year = whole_number(row["Mandate end year"], "end year")
    end_month = whole_number(row["Mandate end month"], "end month")
    if not 1945 <= start_year <= COMPILED_YEAR:
        raise Rejected(f"start year {start_year} is outside 1948–2019")
    if start_month == 0:
        report.rule("start month unknown (0)", where)
        start_month = None
    elif not 1 <= start_month <= 12:
        raise Rejected(f"start month {start_month} is not a month")
    if (end_month, end_year) == (IN_OFFICE_MONTH, IN_OFFICE_YEAR):
        return start_year, start_month, None, None, True
    if IN_OFFICE_YEAR in (end_month, end_year) or IN_OFFICE_MONTH in (end_month, end_year):
        raise Rejected(f"end {end_month}/{end_year} mixes a date and 'in office'")
    if not 1 <= end_month <= 12:
        raise Rejected(f"end month {end_month} is not a month")
    if (end_year, end_month) < (start_year, start_month or 1):
        raise Rejected(f"the term ends ({end_month}/{end_year}) before it starts")
    return start_year, start_month, end_year, end_month, False


def read_row(row, cow, report, where):
    """The term's values of one sheet row, and its identity (what its term's rows share)."""
    label = (row["Mission"] or "").strip() if isinstance(row["Mission"], str) else ""
    if not label:
        raise Rejected("no mission")
    held = posts(row["Appointment"], row["Appointment II"], report, where)
    last_name, first_name = names(row["Last name"], row["Name"], report, where)
    if not last_name:
        raise Rejected("no last name")
    start_year, start_month, end_year, end_month, in_office = term_dates(row, report, where)
    code, first, second = nationalities(row["Nationality"], start_year, cow, report, where)
    year = whole_number(row["year"], "year")
    flag = whole_number(row["year_appointed"], "year_appointed")
    if flag not in (0, 1):
        raise Rejected(f"year_appointed {flag} is neither 0 nor 1")
    values = {
        "mission_name": row["Mission"],
        "posts": held,
        "last_name": last_name[:100],
        "first_name": first_name[:100],
        "gender": gender(row["Gender"], report, where),
        "rank": rank(row["Rank"], report, where),
        "nationality_code": code[:20],
        "nationality": first,
        "second_nationality": second,
        "start_year": start_year,
        "start_month": start_month,
        "end_year": end_year,
        "end_month": end_month,
        "in_office_when_compiled": in_office,
    }
    identity = tuple(value for key, value in values.items() if key != "start_month")
    return values, identity, year, flag


def terms(path, cow, report):
    """Group the sheet's rows into terms: consecutive rows with the same term columns,
    a row flagged as a first year starting a new one."""
    current = None
    for number, row in excel_rows(path, COLUMNS, max_col=WIDTH, sheet=SHEET):
        where = f"{FILE} row {number}"
        try:
            values, identity, year, flag = read_row(row, cow, report, where)
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        continues = (
            current is not None
            and number == current.last + 1
            and identity == current.identity
            and not (flag and current.flagged)
        )
        if continues:
            current.last = number
            current.years.append(year)
            current.start_months.add(values["start_month"])
            current.flagged = current.flagged or bool(flag)
            continue
        if current is not None:
            yield current
        current = Term(
            number, number, identity, values, [year], {values["start_month"]}, bool(flag)
        )
    if current is not None:
        yield current


def check_term(term, report):
    where = f"{FILE} row {term.first}"
    if len(term.start_months) > 1:
        report.rule("start month differs between rows", where)
        term.values["start_month"] = None
    values = term.values
    expected = list(range(values["start_year"], (values["end_year"] or COMPILED_YEAR) + 1))
    if sorted(term.years) != expected:
        report.rule("year rows do not match the term", where)


def appointments(term, match, source):
    """One Appointment per post the term held."""
    values = term.values
    first, second = values["nationality"], values["second_nationality"]
    for post in values["posts"]:
        yield Appointment(
            source=source,
            row=term.first,
            last_row=term.last,
            mission_id=match.mission_id,
            mission_label=match.acronym,
            post=post,
            last_name=values["last_name"],
            first_name=values["first_name"],
            gender=values["gender"],
            rank=values["rank"],
            nationality_code=values["nationality_code"],
            nationality=first.code,
            second_nationality=second.code if second else "",
            nationality_name="" if first.code else first.name[:60],
            start_year=values["start_year"],
            start_month=values["start_month"],
            end_year=values["end_year"],
            end_month=values["end_month"],
            in_office_when_compiled=values["in_office_when_compiled"],
        )


def import_leaders(directory):
    report = Report("Mission leaders", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    cow = COWCodes()
    rows, count = [], 0
    for term in terms(directory / FILE, cow, report):
        count += 1
        check_term(term, report)
        values = term.values
        when = datetime.date(values["start_year"], values["start_month"] or 1, 1)
        match = names.resolve(values["mission_name"], when)
        if match.rule:
            report.rule(match.rule, f"{FILE} row {term.first}")
        rows.extend(appointments(term, match, source))
    report.note(
        f"{count:,} terms, {len(rows):,} posts held (a term in several posts counts once each)"
    )
    link_report(report, rows)
    sync(
        Appointment,
        rows,
        key=lambda item: (item.row, item.post),
        fields=FIELDS,
        report=report,
        existing=Appointment.objects.filter(source=source),
    )
    return report
