"""TAMM's mandates: the real file, and one small file per rule and rejection."""

import csv
import datetime
import html
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from datasets.importers import import_datasets
from documents.models import (
    DecisionAction,
    DocumentKind,
    IssuingBody,
    MandateTask,
    MissionDecision,
    OfficialDocument,
    YearBasis,
)
from documents.tasks import TASK_BY_CODE, TASK_CODES
from tests.documents_factories import tamm_source
from tests.factories import make_mission

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "tamm-mandates-mission-month.csv"
HEADER = ["mission", "yearmon", "month", "year", "unsc_resolution", *TASK_CODES]


@pytest.fixture
def source():
    return tamm_source()


def row(mission="UNMIL", month=(2003, 9), resolution="1509", tasks=("prociv",), values=None):
    year, number = month
    cells = {code: "1" if code in tasks else "0" for code in TASK_CODES}
    cells.update(values or {})
    yearmon = (year - 1960) * 12 + number - 1
    return [mission, yearmon, number, year, resolution, *(cells[code] for code in TASK_CODES)]


def write(folder, rows):
    with open(folder / FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return folder


def run(folder):
    reports, written = import_datasets(folder, parts=["mandates"])
    assert written
    return reports[0]


def months(start, count):
    year, month = start
    for _ in range(count):
        yield (year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# --- the real file ---------------------------------------------------------------------


def real_rows():
    with open(REAL / FILE, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        yield from enumerate(reader, start=2)


def real_mandates(mission):
    """{resolution: (first month, last month, tasks, lines)} of one mission, from the file."""
    found = {}
    for line, item in real_rows():
        if item["mission"] != mission:
            continue
        month = datetime.date(int(item["year"]), int(item["month"]), 1)
        tasks = frozenset(code for code in TASK_CODES if item[code] == "1")
        first, last, known, lines = found.get(item["unsc_resolution"], (month, month, tasks, []))
        assert known == tasks
        found[item["unsc_resolution"]] = (
            min(first, month),
            max(last, month),
            tasks,
            [*lines, line],
        )
    return found


def test_real_file_every_row_taken_and_a_second_run_changes_nothing(source):
    started = time.perf_counter()
    report = run(REAL)
    seconds = time.perf_counter() - started
    cells = {(item["mission"], item["unsc_resolution"]) for _, item in real_rows()}
    tasks = sum(
        len(value[2])
        for mission in {m for m, _ in cells}
        for value in real_mandates(mission).values()
    )
    # One document per resolution, two for "425/426"; one decision per mission and document.
    assert len(cells) == 146
    assert OfficialDocument.objects.count() == 147
    assert MissionDecision.objects.count() == 147
    assert MandateTask.objects.count() == tasks + len(real_mandates("UNIFIL")["425/426"][2])
    assert report.rejected == 0
    assert report.rules["two resolutions in one cell"] == 341
    assert report.rules["General Assembly resolution"] == 8
    assert report.rules["document symbol, not a resolution"] == 92
    assert report.rules["year from TAMM's first month"] == 145
    assert "resolution numbers out of year order" not in report.rules
    # No mission is in this test's atlas: every decision is kept, unlinked.
    assert any(
        note.startswith("kept without a mission in the atlas: BINUB, DOMREP")
        for note in report.notes
    )
    assert seconds < 20, f"the import took {seconds:.1f} s"
    again = run(REAL)
    assert (
        again.summary
        == f"created 0, updated 0, unchanged {147 + 147 + MandateTask.objects.count()}, rejected 0"
    )


@pytest.mark.parametrize("acronym", ["UNMIL", "UNAMSIL"])
def test_real_file_a_missions_resolutions_and_tasks_are_the_files(source, acronym):
    mission = make_mission(acronym=acronym, slug=acronym.lower())
    run(REAL)
    expected = real_mandates(acronym)
    decisions = list(MissionDecision.objects.filter(mission=mission).prefetch_related("tasks"))
    assert [d.document.number for d in sorted(decisions, key=lambda d: d.first_month)] == sorted(
        expected, key=lambda number: expected[number][0]
    )
    for decision in decisions:
        first, last, tasks, lines = expected[decision.document.number]
        assert (decision.first_month, decision.last_month) == (first, last)
        assert set(decision.task_codes) == tasks
        assert (decision.first_line, decision.last_line, decision.line_count) == (
            min(lines),
            max(lines),
            len(lines),
        )
        assert decision.months == len(lines)
    ordered = sorted(decisions, key=lambda d: d.first_month)
    assert ordered[0].action == DecisionAction.FIRST_MANDATE
    assert {d.action for d in ordered[1:]} == {DecisionAction.CHANGED}


def test_real_file_unmil_first_resolution_and_its_address(source):
    run(REAL)
    document = OfficialDocument.objects.get(number="1509")
    assert (document.body, document.kind, document.year) == (
        IssuingBody.UN_SECURITY_COUNCIL,
        DocumentKind.RESOLUTION,
        2003,
    )
    assert document.url == "https://undocs.org/S/RES/1509(2003)"
    assert document.year_basis == YearBasis.TAMM_FIRST_MONTH
    assert document.date is None  # TAMM gives no day
    unmik = OfficialDocument.objects.get(number="S/2008/354")
    assert (unmik.kind, unmik.year, unmik.year_basis) == (
        DocumentKind.DOCUMENT,
        2008,
        YearBasis.SYMBOL,
    )
    assert unmik.url == "https://undocs.org/S/2008/354"
    general_assembly = OfficialDocument.objects.get(number="1752")
    assert general_assembly.body == IssuingBody.UN_GENERAL_ASSEMBLY
    assert general_assembly.url == ""  # its symbol names a session TAMM does not give


def test_real_file_mission_pages_show_the_files_resolutions_and_tasks(client, source):
    mission = make_mission(acronym="UNAMSIL", slug="unamsil")
    run(REAL)
    page = client.get(mission.get_absolute_url()).content.decode()
    expected = real_mandates("UNAMSIL")
    for number in expected:
        document = OfficialDocument.objects.get(number=number)
        assert f'<a href="{document.get_absolute_url()}">{number}</a>' in page
    lines = [line for value in expected.values() for line in value[3]]
    assert f"lines {min(lines):,}–{max(lines):,}." in page
    assert "Coverage: TAMM v2.1, 1948–2015" in page
    last = OfficialDocument.objects.get(number="1436")
    detail = client.get(last.get_absolute_url()).content.decode()
    [listed] = [
        html.unescape(part)
        for part in re.findall(r"<ul class=\"task-groups\">(.*?)</ul>", detail, re.S)
    ]
    shown = {
        code
        for code in TASK_CODES
        if re.search(rf"[:;] {re.escape(TASK_BY_CODE[code].label)}(;|</li>)", listed)
    }
    assert shown == expected["1436"][2]
    assert f"lines {min(expected['1436'][3]):,}–{max(expected['1436'][3]):,}" in detail


# --- rules -----------------------------------------------------------------------------


def test_two_resolutions_in_one_cell_link_both_with_the_same_tasks(source, tmp_path):
    unifil = make_mission(acronym="UNIFIL")
    write(
        tmp_path, [row("UNIFIL", m, "425/426", ("buffer_monitor",)) for m in months((1978, 3), 3)]
    )
    report = run(tmp_path)
    assert report.rules["two resolutions in one cell"] == 3
    decisions = MissionDecision.objects.filter(mission=unifil).order_by("document__serial")
    assert [d.document.number for d in decisions] == ["425", "426"]
    assert {d.tamm_label for d in decisions} == {"425/426"}
    assert all(d.task_codes == ["buffer_monitor"] and d.months == 3 for d in decisions)
    assert all(d.action == DecisionAction.FIRST_MANDATE for d in decisions)


def test_a_general_assembly_resolution_is_the_assemblys(source, tmp_path):
    write(tmp_path, [row("UNSF", (1962, 9), "GA 1752")])
    report = run(tmp_path)
    document = OfficialDocument.objects.get()
    assert report.rules["General Assembly resolution"] == 1
    assert (document.body, document.number, document.year, document.url) == (
        IssuingBody.UN_GENERAL_ASSEMBLY,
        "1752",
        1962,
        "",
    )
    assert str(document) == "General Assembly resolution 1752 (1962)"


def test_a_document_symbol_is_a_document_of_its_symbols_year(source, tmp_path):
    write(tmp_path, [row("UNMIK", m, "S/2008/354") for m in months((2008, 6), 2)])
    report = run(tmp_path)
    document = OfficialDocument.objects.get()
    assert report.rules["document symbol, not a resolution"] == 2
    assert "year from TAMM's first month" not in report.rules
    assert (document.kind, document.year, document.year_basis, document.url) == (
        DocumentKind.DOCUMENT,
        2008,
        YearBasis.SYMBOL,
        "https://undocs.org/S/2008/354",
    )
    assert str(document) == "Security Council document S/2008/354"


def test_a_resolutions_year_is_its_first_month_in_force(source, tmp_path):
    write(tmp_path, [row("UNMIL", m, "1509") for m in months((2003, 12), 3)])
    report = run(tmp_path)
    document = OfficialDocument.objects.get()
    assert report.rules["year from TAMM's first month"] == 1
    assert (document.year, document.year_basis) == (2003, YearBasis.TAMM_FIRST_MONTH)
    assert document.url == "https://undocs.org/S/RES/1509(2003)"
    assert document.slug == "unsc-resolution-1509-2003"


def test_resolution_numbers_out_of_year_order_are_counted(source, tmp_path):
    write(tmp_path, [row("ONE", (2005, 1), "100"), row("TWO", (2001, 1), "200")])
    report = run(tmp_path)
    assert report.rules["resolution numbers out of year order"] == 1
    assert "200 before 100" in report.rule_examples["resolution numbers out of year order"]


def test_months_and_lines_of_a_resolution_with_others_between(source, tmp_path):
    rows = [
        row("UNMIL", (2003, 9), "1509"),
        row("UNMIL", (2003, 10), "1600", ("ch7",)),
        row("UNMIL", (2003, 11), "1509"),
    ]
    write(tmp_path, rows)
    report = run(tmp_path)
    decision = MissionDecision.objects.get(document__number="1509")
    assert report.rules["months of one resolution not consecutive"] == 1
    assert report.rules["lines of one resolution not consecutive"] == 1
    assert (decision.months, decision.first_line, decision.last_line, decision.line_count) == (
        2,
        2,
        4,
        2,
    )
    assert decision.lines_text == "2 lines between 2 and 4"


def test_one_name_for_successive_missions_is_picked_by_date(source, tmp_path):
    first = make_mission(acronym="UNOSOM I", start_date=datetime.date(1992, 4, 1))
    first.end_date = datetime.date(1993, 3, 31)
    first.end_precision = "day"
    first.save()
    write(tmp_path, [row("UNOSOM", (1992, 5), "751")])
    report = run(tmp_path)
    assert report.rules["one name for successive missions"] == 1
    assert MissionDecision.objects.get().mission == first


def test_a_mission_not_in_the_atlas_is_kept_unlinked_and_linked_later(source, tmp_path):
    write(tmp_path, [row("BINUB", (2006, 10), "1719")])
    report = run(tmp_path)
    assert any("BINUB" in note for note in report.notes)
    assert MissionDecision.objects.get().mission is None
    binub = make_mission(acronym="BINUB")
    again = run(tmp_path)
    assert again.counts["updated"] == 1
    assert MissionDecision.objects.get().mission == binub


def test_actions_first_mandate_then_changed_or_in_force(source, tmp_path):
    write(
        tmp_path,
        [
            row("UNMIL", (2003, 9), "1509", ("prociv",)),
            row("UNMIL", (2003, 10), "1520", ("prociv", "ch7")),
            row("UNMIL", (2003, 11), "1530", ("prociv", "ch7")),
        ],
    )
    run(tmp_path)
    actions = dict(MissionDecision.objects.values_list("document__number", "action"))
    assert actions == {
        "1509": DecisionAction.FIRST_MANDATE,
        "1520": DecisionAction.CHANGED,
        "1530": DecisionAction.IN_FORCE,
    }


# --- rejections ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(mission=" "), "no mission"),
        (row(month=(2003, 13)), "is not a month"),
        (row(resolution=" "), "no resolution in force"),
        (row(resolution="12a"), "is not a number, two numbers"),
        (row(resolution="426/425"), "is not two resolutions in order"),
        (row(resolution="S/2009/5", month=(2008, 6)), "is of 2009, but this row has it in force"),
        (row(values={"prociv": "2"}), "task prociv is '2', not 0 or 1"),
        (row(values={"ch7": ""}), "task ch7 is '', not 0 or 1"),
        (row(month=(2003, 8)), "a second row for UNMIL in 2003-08 (first at line 2)"),
        (row(month=(2003, 9), tasks=("ch7",)), "tasks differ from line 2's for 1509 in UNMIL"),
        (
            row(month=(2003, 9), resolution="1509/1510"),
            "1509/1510 names a document UNMIL also has in force as 1509 (line 2)",
        ),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(source, tmp_path, bad, reason):
    write(tmp_path, [row(month=(2003, 8)), bad])
    report = run(tmp_path)
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert reason in why
    assert MissionDecision.objects.get().months == 1


def test_strict_writes_nothing_when_a_row_is_rejected(source, tmp_path):
    write(tmp_path, [row(), row(resolution="x")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "mandates", "--strict")
    assert not OfficialDocument.objects.exists()
    assert not MissionDecision.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, tmp_path, capsys):
    write(tmp_path, [row()])
    call_command("import_datasets", str(tmp_path), "--only", "mandates", "--dry-run")
    # One document, one decision, one task.
    assert "Dry run, nothing written: created 3, updated 0, unchanged 0, rejected 0" in (
        capsys.readouterr().out
    )
    assert not OfficialDocument.objects.exists()


def test_a_missing_file_column_or_source_changes_nothing(source, tmp_path):
    with pytest.raises(CommandError, match=f"{FILE} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "mandates")
    (tmp_path / FILE).write_text("mission,year,month\nUNMIL,2003,9\n")
    with pytest.raises(CommandError, match="has no column unsc_resolution"):
        call_command("import_datasets", str(tmp_path), "--only", "mandates")
    write(tmp_path, [row()])
    source.delete()
    with pytest.raises(CommandError, match="the source tamm-mandates is not in the atlas"):
        call_command("import_datasets", str(tmp_path), "--only", "mandates")
    assert not OfficialDocument.objects.exists()


# --- later runs ------------------------------------------------------------------------


def test_a_second_run_changes_nothing_and_a_changed_file_updates_in_place(source, tmp_path):
    write(tmp_path, [row(month=m) for m in months((2003, 9), 2)])
    first = run(tmp_path)
    assert first.summary == "created 3, updated 0, unchanged 0, rejected 0"
    assert run(tmp_path).summary == "created 0, updated 0, unchanged 3, rejected 0"
    write(tmp_path, [row(month=m, tasks=("prociv", "ch7")) for m in months((2003, 9), 3)])
    changed = run(tmp_path)
    # The document unchanged, its decision longer, one task more.
    assert changed.summary == "created 1, updated 1, unchanged 2, rejected 0"
    assert MissionDecision.objects.get().months == 3


def test_a_resolution_gone_from_the_file_loses_its_decision_but_keeps_its_document(
    source, tmp_path
):
    write(tmp_path, [row(resolution="1509"), row(month=(2003, 10), resolution="1520")])
    run(tmp_path)
    write(tmp_path, [row(resolution="1509")])
    report = run(tmp_path)
    assert "decisions: created 0, updated 0, unchanged 1, rejected 0, removed 1" in report.notes
    assert OfficialDocument.objects.filter(number="1520").exists()
    assert any("1 documents the file does not name are kept" in note for note in report.notes)


def test_a_document_an_editor_checked_is_left_as_the_editor_left_it(source, tmp_path):
    write(tmp_path, [row(month=(2004, 1), resolution="1509")])
    run(tmp_path)
    document = OfficialDocument.objects.get()
    document.year = 2003
    document.year_basis = YearBasis.CHECKED
    document.date = datetime.date(2003, 9, 19)
    document.title = "A title an editor read"
    document.url = "https://undocs.org/S/RES/1509(2003)"
    document.save()
    report = run(tmp_path)
    assert report.summary == "created 0, updated 0, unchanged 3, rejected 0"
    document.refresh_from_db()
    assert (document.year, document.year_basis, document.title) == (
        2003,
        YearBasis.CHECKED,
        "A title an editor read",
    )
    assert OfficialDocument.objects.count() == 1
    assert MissionDecision.objects.get().document == document
