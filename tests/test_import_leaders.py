"""The mission leaders: the real sheet, one small sheet per rule and rejection, the page."""

import time
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from atlas.dataimport import Rejected
from datasets.countrynames import COWCodes, by_alpha3, by_name
from datasets.figures import leaders as leaders_figure
from datasets.importers import import_datasets
from datasets.models import Appointment, Gender, Post
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "un-mission-leaders.xlsx"
HEADER = [
    "Mission",
    "Mission start month",
    "Mission start year",
    "Mission end month",
    "Mission end year",
    "Country",
    "Region",
    "Appointment",
    "Appointment II",
    "Last name",
    "Name",
    "Gender",
    "Rank",
    "Nationality",
    "Region2",
    "Mandate start month",
    "Mandate start year",
    "Mandate end month",
    "Mandate end year",
    "year",
    "year_appointed",
]


@pytest.fixture
def source():
    return make_source(
        slug="un-mission-leaders",
        title="Leadership positions in UN peace operations, 1948–2019",
        kind=SourceKind.DATASET,
    )


def leader(**values):
    """One sheet row as a list; keyword names are the header's, spaces as underscores."""
    row = {
        "Mission": "UNMIL",
        "Mission start month": 9,
        "Mission start year": 2003,
        "Mission end month": 3,
        "Mission end year": 2018,
        "Country": 450,
        "Region": 1,
        "Appointment": 3,
        "Appointment II": None,
        "Last name": "Opande",
        "Name": "Daniel",
        "Gender": "Male",
        "Rank": "Lieutenant General",
        "Nationality": 501,
        "Region2": 1,
        "Mandate start month": 10,
        "Mandate start year": 2003,
        "Mandate end month": 12,
        "Mandate end year": 2003,
        "year": 2003,
        "year_appointed": 1,
    }
    row.update(
        {(name if name in row else name.replace("_", " ")): value for name, value in values.items()}
    )
    return [row[name] for name in HEADER]


def term(first_year, last_year, **values):
    """The yearly rows of one term, the first flagged, as the sheet has them."""
    values.setdefault("Mandate_start_year", first_year)
    values.setdefault("Mandate_end_year", last_year)
    return [
        leader(year=year, year_appointed=int(year == first_year), **values)
        for year in range(first_year, last_year + 1)
    ]


def write(folder, rows, wide=False):
    """A small workbook like the real one (sheet 'appointments' among others)."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "gender"
    sheet = workbook.create_sheet("appointments")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if wide:  # a stray formatted cell far right, as the real sheet reports ~16,000 columns
        sheet.cell(row=2, column=16000, value=" ")
    workbook.save(folder / FILE)
    return folder


def imported(folder):
    reports, written = import_datasets(folder, parts=["leaders"])
    return reports[0]


# --- the real file ---------------------------------------------------------------------


def real_terms(acronym):
    """{(last name, post code or codes, start year)} of a mission's terms, read straight
    from the sheet: the rows flagged year_appointed = 1."""
    workbook = openpyxl.load_workbook(REAL / FILE, read_only=True, data_only=True)
    rows = workbook["appointments"].iter_rows(values_only=True, max_col=21)
    header = next(rows)
    found = set()
    for values in rows:
        row = dict(zip(header, values, strict=True))
        if (row["Mission"] or "").strip() == acronym and row["year_appointed"] == 1:
            found.add((" ".join(row["Last name"].split()), row["Mandate start year"]))
    workbook.close()
    return found


def test_real_file_every_term_taken_and_a_second_run_changes_nothing(source):
    make_mission(acronym="UNMIL", slug="unmil")
    make_mission(acronym="UNPROFOR", slug="unprofor")
    started = time.perf_counter()
    report = imported(REAL)
    seconds = time.perf_counter() - started
    # 637 terms (the codebook's "637 entries"), 781 posts: 144 terms held two posts.
    assert report.summary == "created 781, updated 0, unchanged 0, rejected 0"
    assert Appointment.objects.values("row").distinct().count() == 637
    assert report.rules["post list read as a number"] == 6
    assert report.rules["start month unknown (0)"] == 5
    assert report.rules["two nationalities"] == 5
    assert report.rules["start month differs between rows"] == 1
    assert seconds < 15
    for acronym in ("UNMIL", "UNPROFOR"):
        stored = {
            (item.last_name, item.start_year)
            for item in Appointment.objects.filter(mission__acronym=acronym)
        }
        assert stored == real_terms(acronym)
    again = imported(REAL)
    assert again.summary == "created 0, updated 0, unchanged 781, rejected 0"


def test_real_file_a_person_of_two_posts_and_two_nationalities(source):
    imported(REAL)
    # Rows 897–901: "de Mistura", nationality "325-380", Italy and Sweden.
    mistura = Appointment.objects.filter(last_name="de Mistura").first()
    assert (mistura.nationality.code, mistura.second_nationality.code) == ("IT", "SE")
    assert mistura.nationality_code == "325-380"
    assert set(Appointment.objects.of_nationality("SE").values_list("last_name", flat=True)) >= {
        "de Mistura"
    }


def test_the_mission_page_lists_the_leaders_by_post_with_the_sheet_rows(client, source):
    mission = make_mission(acronym="UNMIL", slug="unmil")
    imported(REAL)
    page = client.get(mission.get_absolute_url()).content.decode()
    expected = Appointment.objects.filter(mission=mission)
    for appointment in expected:
        assert appointment.last_name in page
    assert "Farid Zarif" in page and "also Head of Mission" in page and "also SRSG" in page
    first = min(item.row for item in expected)
    last = max(item.last_row for item in expected)
    assert f"sheet “appointments”, rows {first:,}–{last:,}." in page
    assert "from 1948 to 4 September 2019" in page
    assert page.index("Special Representative of the Secretary-General") < page.index(
        "Force Commander"
    )


def test_the_figure_costs_one_query_whatever_the_mission(
    source, tmp_path, django_assert_max_num_queries
):
    mission = make_mission(acronym="UNMIL")
    write(
        tmp_path,
        term(2003, 2004)
        + term(2005, 2007, Last_name="Owonibi", Appointment=8, Appointment_II="1, 2"),
    )
    imported(tmp_path)
    with django_assert_max_num_queries(1):
        data = leaders_figure.for_mission(mission)
    assert [post for post, _ in data["groups"]] == [
        "Special Representative of the Secretary-General",
        "Head of Mission",
        "Force Commander",
    ]
    other = make_mission(acronym="UNTSO")
    with django_assert_max_num_queries(1):
        assert leaders_figure.for_mission(other) is None


def test_a_mission_without_leaders_says_so_in_one_line(client, source):
    mission = make_mission(acronym="EUFOR")
    assert "No leaders are recorded" in client.get(mission.get_absolute_url()).content.decode()


# --- one small sheet per rule -----------------------------------------------------------


def test_a_term_of_several_years_is_one_appointment_with_its_rows(source, tmp_path):
    make_mission(acronym="UNMIL")
    report = imported(write(tmp_path, term(2003, 2005, Mandate_end_month=4), wide=True))
    assert report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    appointment = Appointment.objects.get()
    assert (appointment.row, appointment.last_row) == (2, 4)
    assert appointment.post == Post.FORCE_COMMANDER
    assert appointment.nationality.code == "KE"  # COW 501
    assert appointment.gender == Gender.MALE
    assert appointment.term == "Oct 2003 – Apr 2005"
    assert appointment.mission.acronym == "UNMIL"


def test_several_posts_are_one_appointment_each(source, tmp_path):
    report = imported(write(tmp_path, term(2015, 2016, Appointment=8, Appointment_II="1, 2 ")))
    assert sorted(Appointment.objects.values_list("post", flat=True)) == [1, 2]
    assert report.rules["trailing space"] == 2


def test_a_post_list_excel_read_as_a_number(source, tmp_path):
    report = imported(write(tmp_path, term(2015, 2015, Appointment=8, Appointment_II=1.2)))
    assert sorted(Appointment.objects.values_list("post", flat=True)) == [1, 2]
    assert report.rules["post list read as a number"] == 1


def test_spaces_in_names_and_rank_spellings(source, tmp_path):
    report = imported(
        write(
            tmp_path,
            term(2015, 2015, Last_name="Zaway Uba\xa0", Name="Salihu ", Rank="Mayor General"),
        )
    )
    appointment = Appointment.objects.get()
    assert (appointment.first_name, appointment.last_name) == ("Salihu", "Zaway Uba")
    assert appointment.rank == "Major General"
    assert report.rules["space in a name"] == 1
    assert report.rules["rank spelling"] == 1


def test_start_month_zero_keeps_the_year_only(source, tmp_path):
    report = imported(write(tmp_path, term(2008, 2010, Mandate_start_month=0, Mandate_end_month=1)))
    appointment = Appointment.objects.get()
    assert appointment.start_month is None
    assert appointment.term == "2008 – Jan 2010"
    assert report.rules["start month unknown (0)"] == 3


def test_two_start_months_in_one_term_keep_the_year_only(source, tmp_path):
    rows = term(2015, 2017, Mandate_start_month=5)
    rows[0] = leader(
        year=2015,
        year_appointed=1,
        Mandate_start_year=2015,
        Mandate_end_year=2017,
        Mandate_start_month=2,
    )
    report = imported(write(tmp_path, rows))
    assert Appointment.objects.get().start_month is None
    assert report.rules["start month differs between rows"] == 1


def test_year_rows_that_skip_a_year_keep_the_term_columns(source, tmp_path):
    rows = term(2009, 2013)
    rows[-1] = leader(year=2012, year_appointed=0, Mandate_start_year=2009, Mandate_end_year=2013)
    report = imported(write(tmp_path, rows))
    appointment = Appointment.objects.get()
    assert (appointment.start_year, appointment.end_year) == (2009, 2013)
    assert report.rules["year rows do not match the term"] == 1


def test_a_term_running_when_the_data_set_was_compiled(source, tmp_path):
    imported(write(tmp_path, term(2018, 2019, Mandate_end_month=99, Mandate_end_year=9999)))
    appointment = Appointment.objects.get()
    assert appointment.in_office_when_compiled and appointment.end_year is None
    assert appointment.term == "Oct 2018 – (in office in September 2019)"


def test_two_terms_of_one_person_in_a_row_stay_two(source, tmp_path):
    imported(write(tmp_path, term(2003, 2003) + term(2003, 2003)))
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    "nationality, start, country, name, rule",
    [
        ("325-380", 2001, "IT", "", "two nationalities"),
        (345, 1964, "", "Yugoslavia", "former state without an ISO 3166-1 code"),
        (730, 1996, "KR", "", "COW 730 (Korea before 1905) after 1945"),
        (437, 2004, "CI", "", "other English name"),
    ],
)
def test_nationality_rules(source, tmp_path, nationality, start, country, name, rule):
    report = imported(write(tmp_path, term(start, start, Nationality=nationality)))
    appointment = Appointment.objects.get()
    assert appointment.nationality.code == country
    assert appointment.nationality_name == name
    assert report.rules[rule] == 1


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"Appointment": 9}, "post code 9 is not in the codebook"),
        ({"Appointment": 8}, "lists no posts"),
        ({"Appointment": 8, "Appointment_II": "1, 9"}, "is not two or more codebook posts"),
        ({"Appointment": 3, "Appointment_II": "1, 2"}, "also lists posts"),
        ({"Gender": "X"}, "is neither male nor female"),
        ({"Nationality": 999}, "999 is not a Correlates of War code"),
        ({"Mandate_start_month": 13}, "start month 13 is not a month"),
        ({"Mandate_end_month": 99}, "mixes a date and 'in office'"),
        ({"Mandate_end_year": 2002}, "before it starts"),
        ({"Mission": None}, "no mission"),
        ({"Last_name": " "}, "no last name"),
        ({"year": "two thousand"}, "is not a whole number"),
    ],
)
def test_bad_rows_are_rejected_with_row_and_reason(source, tmp_path, values, reason):
    report = imported(write(tmp_path, [leader(Last_name="Other"), leader(**values)]))
    [(where, why)] = report.rejections
    assert where == f"{FILE} row 3"
    assert reason in why
    assert Appointment.objects.count() == 1


def test_strict_writes_nothing_when_a_row_is_rejected(source, tmp_path):
    write(tmp_path, [leader(), leader(Last_name="Other", Appointment=9)])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "leaders", "--strict")
    assert not Appointment.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, tmp_path, capsys):
    write(tmp_path, [leader()])
    call_command("import_datasets", str(tmp_path), "--only", "leaders", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 0" in (
        capsys.readouterr().out
    )
    assert not Appointment.objects.exists()


def test_a_missing_file_sheet_or_column_changes_nothing(source, tmp_path):
    with pytest.raises(CommandError, match=f"{FILE} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "leaders")
    (tmp_path / FILE).write_text("not a workbook")
    with pytest.raises(CommandError, match="is not a readable Excel file"):
        call_command("import_datasets", str(tmp_path), "--only", "leaders")
    workbook = openpyxl.Workbook()
    workbook.active.title = "appointments"
    workbook.active.append(["Mission", "Last name"])
    workbook.save(tmp_path / FILE)
    with pytest.raises(CommandError, match="has no column Appointment"):
        call_command("import_datasets", str(tmp_path), "--only", "leaders")
    assert not Appointment.objects.exists()


def test_a_changed_row_updates_and_a_removed_one_is_deleted(source, tmp_path):
    imported(write(tmp_path, [leader(), leader(Last_name="Other", year_appointed=1)]))
    report = imported(write(tmp_path, [leader(Rank="General")]))
    assert report.summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert report.counts["removed"] == 1
    assert Appointment.objects.get().rank == "General"


# --- the country decoding shared with the contributors ------------------------------------


@pytest.mark.parametrize(
    "name, code, rule",
    [
        ("Nepal", "NP", ""),
        ("Ivory Coast", "CI", "other English name"),
        ("Cote d'Ivoire", "CI", "other English name"),
        ("Britain", "GB", "other English name"),
        ("UK", "GB", "abbreviation"),
        ("USA", "US", "abbreviation"),
        ("Drc", "CD", "abbreviation in title case"),
        ("Us", "US", "abbreviation in title case"),
        ("Korea (ROK)", "KR", "qualifier in brackets"),
        ("Kosovo", "XK", ""),
    ],
)
def test_country_names(name, code, rule):
    decoded = by_name(name)
    assert (decoded.code, decoded.rule) == (code, rule)


@pytest.mark.parametrize("name", ["Un", "Atlantis", "", "Korea (XYZ)"])
def test_unknown_country_names_are_rejected(name):
    with pytest.raises(Rejected):
        by_name(name)


def test_cow_codes_and_alpha3_codes():
    cow = COWCodes()
    assert cow.decode(2).code == "US"
    assert cow.decode(365).code == "RU"
    assert cow.decode("750").code == "IN"
    assert cow.decode(315).name == "Czechoslovakia" and cow.decode(315).code == ""
    assert by_alpha3("NPL").code == "NP"
    for bad in ("XXX", "NP", "", None):
        with pytest.raises(Rejected):
            by_alpha3(bad)


def test_every_post_code_decodes_to_its_codebook_label():
    assert dict(Post.choices) == {
        1: "Special Representative of the Secretary-General",
        2: "Head of Mission",
        3: "Force Commander",
        4: "Deputy Force Commander",
        5: "Mission Chief of Staff",
        6: "Police Commissioner",
        7: "Chief Military Observer",
    }


def test_real_file_posts_held_match_the_sheet(source):
    """Each flagged row's posts, counted from the sheet, equal the stored appointments."""
    imported(REAL)
    workbook = openpyxl.load_workbook(REAL / FILE, read_only=True, data_only=True)
    rows = workbook["appointments"].iter_rows(values_only=True, max_col=21)
    header = next(rows)
    per_post = defaultdict(int)
    for values in rows:
        row = dict(zip(header, values, strict=True))
        if row["year_appointed"] != 1:
            continue
        if row["Appointment"] == 8:
            for code in str(row["Appointment II"]).replace(".", ",").split(","):
                per_post[int(code)] += 1
        else:
            per_post[row["Appointment"]] += 1
    workbook.close()
    # The term whose first row lost its flag (UNMIL, Zaway Uba) still counts once.
    stored = defaultdict(int)
    for post in Appointment.objects.values_list("post", flat=True):
        stored[post] += 1
    assert stored == per_post
