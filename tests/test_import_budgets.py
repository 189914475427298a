"""The approved budgets: the real file, and one small file per rule."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from datasets.importers import import_datasets
from datasets.models import Budget
from missions.models import Mission
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "un-approved-budgets-2026-27.csv"
HEADER = [
    "mission_id",
    "approved_maintenance_usd_thousands",
    "fiscal_period",
    "source_symbol",
    "pdf_page",
    "official_url",
    "in_original_six_mission_crosswalk",
    "scope_note",
]


@pytest.fixture
def source():
    return make_source(slug="un-approved-budgets-2026-27", kind=SourceKind.DATASET)


def write(folder, rows):
    with open(folder / FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return folder


def row(mission="UNIFIL", amount="407625", period="2026-07-01/2027-06-30", page="2"):
    return [
        mission,
        amount,
        period,
        "A/C.5/80/20",
        page,
        "https://docs.un.org/en/A/C.5/80/20",
        "",
        "",
    ]


def test_real_file_every_row_taken_and_a_second_run_changes_nothing(source):
    unifil = make_mission(acronym="UNIFIL", slug="unifil")
    reports, written = import_datasets(REAL, parts=["budgets"])
    assert written
    assert reports[0].summary == "created 11, updated 0, unchanged 0, rejected 0"
    budget = Budget.objects.get(mission=unifil)
    # The file's line 7: "UNIFIL","407625",...
    assert budget.amount_thousands == Decimal("407625.0")
    assert budget.row == 7
    assert (budget.period_start, budget.period_end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2027, 6, 30),
    )
    again, _ = import_datasets(REAL, parts=["budgets"])
    assert again[0].summary == "created 0, updated 0, unchanged 11, rejected 0"


def test_missions_not_in_the_atlas_are_kept_unlinked_and_reported(source):
    reports, _ = import_datasets(REAL, parts=["budgets"])
    assert Budget.objects.filter(mission=None).count() == 11
    assert any("UNSOS (1)" in note for note in reports[0].notes)


def test_a_later_run_links_rows_to_a_mission_added_since(source, tmp_path):
    write(tmp_path, [row()])
    import_datasets(tmp_path, parts=["budgets"])
    mission = make_mission(acronym="UNIFIL")
    reports, _ = import_datasets(tmp_path, parts=["budgets"])
    assert reports[0].summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert Budget.objects.get().mission == mission


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(amount="about 400"), "is not a number"),
        (row(amount="-5"), "is not a budget"),
        (row(period="2026/27"), "is not start/end dates"),
        (row(period="2027-06-30/2026-07-01"), "ends before it starts"),
        (row(page="two"), "is not a number"),
        (row(mission=" "), "no mission"),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(source, tmp_path, bad, reason):
    write(tmp_path, [row(mission="UNDOF"), bad])
    reports, written = import_datasets(tmp_path, parts=["budgets"])
    assert written
    [(where, why)] = reports[0].rejections
    assert where == f"{FILE} line 3"
    assert reason in why
    assert Budget.objects.count() == 1


def test_strict_writes_nothing_when_a_row_is_rejected(source, tmp_path):
    write(tmp_path, [row(mission="UNDOF"), row(amount="x")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "budgets", "--strict")
    assert not Budget.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, tmp_path, capsys):
    write(tmp_path, [row()])
    call_command("import_datasets", str(tmp_path), "--only", "budgets", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 0" in (
        capsys.readouterr().out
    )
    assert not Budget.objects.exists()


def test_a_missing_file_or_column_changes_nothing(source, tmp_path):
    with pytest.raises(CommandError, match=f"{FILE} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "budgets")
    (tmp_path / FILE).write_text("mission,amount\nUNIFIL,5\n")
    with pytest.raises(CommandError, match="has no column mission_id"):
        call_command("import_datasets", str(tmp_path), "--only", "budgets")
    assert not Budget.objects.exists()


def test_a_mission_page_shows_its_budget_with_its_source_line(client, source):
    make_mission(acronym="UNIFIL", slug="unifil")
    import_datasets(REAL, parts=["budgets"])
    page = client.get(Mission.objects.get(acronym="UNIFIL").get_absolute_url()).content.decode()
    assert "US$&nbsp;407.6 million" in page
    assert "line 7." in page
    other = make_mission(acronym="UNTSO")
    assert "No approved budget is recorded" in client.get(other.get_absolute_url()).content.decode()


def test_check_data_lists_a_budget_after_the_recorded_end_without_failing(source, capsys):
    make_mission(
        acronym="UNIFIL",
        start_date=datetime.date(1978, 3, 19),
        start_precision="day",
        end_date=datetime.date(2020, 1, 1),
        end_precision="year",
    )
    import_datasets(REAL, parts=["budgets"])
    from website.data_quality import run_comparisons

    [(title, differences)] = [
        (title, found) for title, found in run_comparisons() if "budgets" in title.lower()
    ]
    [(mission, difference)] = differences
    assert mission.acronym == "UNIFIL"
    assert "line 7 approves a budget for 2026/27, after the recorded end (2020)" in difference
