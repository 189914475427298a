"""IPI's uniformed personnel per mission and month: one small file per rule and rejection,
and the real file compared with what the importer stored and the mission page shows."""

import csv
import datetime
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from datasets.importers import import_datasets
from datasets.models import PersonnelMonth
from missions.importing import import_missions
from missions.models import Mission
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "ipi-personnel-by-mission-month.csv"
HEADER = [
    "Date",
    "Mission",
    "Country of Mission",
    "Country of Mission ISO-3",
    "Mission HQ",
    "Mission HQ Longitude",
    "Mission HQ Latitude",
    "Mission Continent",
    "Mission Region",
    "Mission - NAM",
    "Mission - G77",
    "Mission - AU",
    "Mission - Arab League",
    "Mission - OIC",
    "Mission - CIS",
    "Mission - G20",
    "Mission - EU",
    "Number of Contributors",
    "Troops",
    "Police",
    "Observers",
    "Total",
]


@pytest.fixture
def source():
    return make_source(slug="ipi-providing-for-peacekeeping-personnel", kind=SourceKind.DATASET)


def row(
    date="2003-10-31",
    mission="UNMIL",
    iso="LBR",
    hq="Monrovia",
    first="6.3133",
    second="-10.8014",
    contributors="40",
    troops="4500",
    police="NA",
    observers="100",
    total="4600",
):
    """A row as the file writes it: its "Longitude" column first, "Latitude" second."""
    return [
        date,
        mission,
        "Liberia",
        iso,
        hq,
        first,
        second,
        "Africa",
        "Western Africa",
        *["NA"] * 8,
        contributors,
        troops,
        police,
        observers,
        total,
    ]


def write(folder, rows):
    with open(folder / FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return folder


def run(folder, **options):
    reports, written = import_datasets(folder, parts=["personnel"], **options)
    return reports[0], written


# --- the rules -------------------------------------------------------------------------------


def test_a_row_becomes_a_month_with_na_as_none(source, tmp_path):
    unmil = make_mission(acronym="UNMIL")
    report, written = run(write(tmp_path, [row()]))
    assert written and report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    item = PersonnelMonth.objects.get()
    assert item.mission == unmil and item.mission_label == "UNMIL"
    assert item.month == datetime.date(2003, 10, 1)
    assert (item.troops, item.police, item.observers, item.total) == (4500, 0, 100, 4600)
    assert item.contributors == 40 and item.country == "LR" and item.row == 2
    assert report.rules["NA means none"] == 1
    assert report.rule_examples["NA means none"] == f"{FILE} line 2"


def test_swapped_coordinates_are_read_by_the_country_s_bounds(source, tmp_path):
    # Tegucigalpa is at 14.1 N, 87.2 W: the file's "Longitude" column holds 14.1.
    report, _ = run(
        write(tmp_path, [row(mission="ONUCA", iso="HND", first="14.1", second="-87.2167")])
    )
    item = PersonnelMonth.objects.get()
    assert (item.headquarters_latitude, item.headquarters_longitude) == (
        Decimal("14.1000"),
        Decimal("-87.2167"),
    )
    assert report.rules["swapped coordinates"] == 1


def test_coordinates_in_the_headers_order_are_kept(source, tmp_path):
    # Bamako, 12.65 N 8 W, written the right way round in nine of the file's rows.
    report, _ = run(
        write(tmp_path, [row(mission="MINUSMA", iso="MLI", first="-8", second="12.65")])
    )
    item = PersonnelMonth.objects.get()
    assert (item.headquarters_latitude, item.headquarters_longitude) == (
        Decimal("12.6500"),
        Decimal("-8.0000"),
    )
    assert "swapped coordinates" not in report.rules


def test_ambiguous_coordinates_follow_the_file_s_other_rows(source, tmp_path):
    # Sukhumi (43.0, 41.0) fits Georgia either way round; the other row is swapped.
    rows = [
        row(mission="UNOMIG", iso="GEO", first="43.0033", second="41.0153"),
        row(date="2003-11-30", iso="LBR"),
    ]
    report, _ = run(write(tmp_path, rows))
    unomig = PersonnelMonth.objects.get(mission_label="UNOMIG")
    assert unomig.headquarters_latitude == Decimal("43.0033")
    assert report.rules["coordinates read as the file's other rows"] == 1
    assert report.rule_examples["coordinates read as the file's other rows"] == f"{FILE} line 2"


def test_coordinates_outside_the_country_are_left_out(source, tmp_path):
    report, _ = run(write(tmp_path, [row(first="48.85", second="2.35")]))  # Paris, not Liberia
    item = PersonnelMonth.objects.get()
    assert item.headquarters_latitude is None and item.headquarters_longitude is None
    assert item.headquarters == "Monrovia"
    assert report.rules["coordinates outside the country left out"] == 1


def test_a_missing_headquarters_is_named(source, tmp_path):
    report, _ = run(
        write(tmp_path, [row(mission="UNMC", iso="COL", hq="", first="NA", second="NA")])
    )
    item = PersonnelMonth.objects.get()
    assert item.headquarters == "" and item.headquarters_latitude is None
    assert report.rules["headquarters not given"] == 1


def test_a_report_dated_before_the_month_s_end_is_that_month_s(source, tmp_path):
    report, _ = run(write(tmp_path, [row(date="2002-08-30")]))
    assert PersonnelMonth.objects.get().month == datetime.date(2002, 8, 1)
    assert report.rules["dated before the month's last day"] == 1


def test_successive_and_other_names_use_the_shared_rules(source, tmp_path):
    first = make_mission(
        acronym="UNAVEM I",
        start_date=datetime.date(1989, 1, 1),
        end_date=datetime.date(1991, 6, 30),
        end_precision="month",
    )
    third = make_mission(
        acronym="UNAVEM III",
        start_date=datetime.date(1995, 2, 1),
        end_date=datetime.date(1997, 6, 30),
        end_precision="month",
    )
    unoci = make_mission(acronym="UNOCI")
    rows = [
        row(date="1990-11-30", mission="UNAVEM", iso="AGO", first="-8.8383", second="13.2344"),
        row(date="1995-05-31", mission="UNAVEM", iso="AGO", first="-8.8383", second="13.2344"),
        row(date="2005-05-31", mission="ONUCI", iso="CIV", first="5.3167", second="-4.0333"),
    ]
    report, _ = run(write(tmp_path, rows))
    assert {item.row: item.mission for item in PersonnelMonth.objects.all()} == {
        2: first,
        3: third,
        4: unoci,
    }
    assert report.rules["one name for successive missions"] == 2
    assert report.rules["other name"] == 1


def test_missing_months_and_dates_outside_the_mission_are_noted(source, tmp_path):
    make_mission(acronym="UNMIL", start_date=datetime.date(2003, 9, 1), start_precision="month")
    rows = [row(date="2003-08-31"), row(date="2003-10-31")]
    report, _ = run(write(tmp_path, rows))
    assert "no rows for 2003-09: the figures show a gap there" in report.notes
    assert any(
        "outside the mission's period" in note and "UNMIL 1 (first line 2, 2003-08)" in note
        for note in report.notes
    )
    assert PersonnelMonth.objects.filter(mission__acronym="UNMIL").count() == 2


def test_missions_not_in_the_atlas_are_kept_unlinked(source, tmp_path):
    report, _ = run(write(tmp_path, [row(mission="UNAMA", iso="AFG", first="34.5", second="69.2")]))
    assert PersonnelMonth.objects.get().mission is None
    assert "kept without a mission in the atlas: UNAMA (1)" in report.notes


# --- rejections ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(mission=" "), "no mission"),
        (row(date="October 2003"), "is not a date"),
        (row(troops="4,500", total="4600"), "troops '4,500' is not a whole number"),
        (row(police="-3"), "police '-3' is not a whole number"),
        (row(total="NA"), "no total"),
        (row(total="4700"), "total 4,700 is not troops + police + observers (4,600)"),
        (row(first="north"), "is not a number"),
        (row(date="2003-09-30"), "UNMIL 2003-09 again (first at line 2)"),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(source, tmp_path, bad, reason):
    write(tmp_path, [row(date="2003-09-30"), bad])
    report, written = run(tmp_path)
    assert written
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert reason in why
    assert PersonnelMonth.objects.count() == 1


def test_strict_writes_nothing_when_a_row_is_rejected(source, tmp_path):
    write(tmp_path, [row(), row(date="2003-11-30", total="1")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "personnel", "--strict")
    assert not PersonnelMonth.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, tmp_path, capsys):
    write(tmp_path, [row()])
    call_command("import_datasets", str(tmp_path), "--only", "personnel", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 0" in (
        capsys.readouterr().out
    )
    assert not PersonnelMonth.objects.exists()


def test_a_malformed_file_changes_nothing(source, tmp_path):
    write(tmp_path, [row()])
    run(tmp_path)
    (tmp_path / FILE).write_text("Date,Mission\n2003-10-31,UNMIL\n")
    with pytest.raises(CommandError, match="has no column Country of Mission ISO-3"):
        call_command("import_datasets", str(tmp_path), "--only", "personnel")
    (tmp_path / FILE).write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="is not UTF-8"):
        call_command("import_datasets", str(tmp_path), "--only", "personnel")
    assert PersonnelMonth.objects.get().total == 4600


def test_a_second_run_changes_nothing_and_a_changed_row_is_updated(source, tmp_path):
    write(tmp_path, [row(), row(date="2003-11-30")])
    run(tmp_path)
    again, _ = run(tmp_path)
    assert again.summary == "created 0, updated 0, unchanged 2, rejected 0"
    write(tmp_path, [row(troops="4600", total="4700")])
    changed, _ = run(tmp_path)
    assert changed.summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert changed.counts["removed"] == 1
    assert PersonnelMonth.objects.get().total == 4700


# --- the real file ---------------------------------------------------------------------------


def expected_year_peaks(acronym):
    """The mission's largest Total of each year in the file, read with csv alone."""
    years = {}
    with open(REAL / FILE, encoding="utf-8-sig", newline="") as handle:
        for found in csv.DictReader(handle):
            if found["Mission"] == acronym:
                year = int(found["Date"][:4])
                years[year] = max(years.get(year, 0), int(found["Total"]))
    return years


def expected_peak(acronym):
    """The mission's largest Total in the file, its month and line, read with csv alone."""
    best = None
    with open(REAL / FILE, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for found in reader:
            if found["Mission"] == acronym:
                total = int(found["Total"])
                if best is None or total > best[0]:
                    best = (total, found["Date"][:7], reader.line_num)
    return best


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_real_file_every_row_taken_and_peaks_shown_on_the_mission_pages(
    ready_atlas_without_import, client
):
    import_missions(REAL)
    started = time.perf_counter()
    report, written = run(REAL)
    seconds = time.perf_counter() - started
    assert written and seconds < 20
    assert report.summary == "created 5330, updated 0, unchanged 0, rejected 0"
    with open(REAL / FILE, encoding="utf-8-sig") as handle:
        assert PersonnelMonth.objects.count() == sum(1 for _ in handle) - 1
    assert report.rules["swapped coordinates"] == 5124
    assert report.rules["coordinates read as the file's other rows"] == 189  # UNOMIG
    assert "no rows for 2016-11: the figures show a gap there" in report.notes
    peaks = PersonnelMonth.objects.peaks()
    for acronym in ("UNAMSIL", "UNMIL"):
        total, month, line = expected_peak(acronym)
        mission = Mission.objects.get(acronym=acronym)
        assert peaks[mission.pk] == (total, datetime.date.fromisoformat(month + "-01"))
        stored = PersonnelMonth.objects.get(mission=mission, total=total)
        assert stored.row == line
        page = client.get(mission.get_absolute_url()).content.decode()
        when = datetime.date.fromisoformat(month + "-01").strftime("%B %Y")
        assert f"Peak uniformed strength: {total:,}</strong> in {when}" in page
        assert f"(the peak: line {line:,})" in page
        assert "IPI monthly data, Nov 1990 – Mar 2017." in page
        for year, highest in expected_year_peaks(acronym).items():
            assert re.search(rf'<th scope="row">{year}</th>\s*<td>{highest:,}</td>', page), year
    assert expected_peak("UNAMSIL")[:2] == (17477, "2002-04")
    again, _ = run(REAL)
    assert again.summary == "created 0, updated 0, unchanged 5330, rejected 0"
