"""Bara & Hultman's UN and non-UN operations per operation, conflict and month: small Stata
files for each rule and rejection, and the real file against pandas' own reading of it."""

import datetime
import math
from pathlib import Path

import pandas
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from datasets.importers import import_datasets
from datasets.models import OperationPersonnelMonth
from missions.importing import import_missions
from missions.models import Mission
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "un-and-non-un-peacekeeping-2019.dta"
NA = math.nan


@pytest.fixture
def source():
    return make_source(slug="un-and-non-un-peacekeeping", kind=SourceKind.DATASET)


def row(
    mission="KFOR",
    missionid=345001.0,
    conflict=1,
    date=datetime.datetime(2000, 12, 1),
    org=2.0,
    troops=40000.0,
    police=0.0,
    observers=0.0,
    total=40000.0,
    sipri=40000.0,
    ipi=NA,
    **overrides,
):
    values = {
        "ccode": 345,
        "location": "Serbia (Yugoslavia)",
        "conflictid": conflict,
        "episodenum": conflict * 100 + 1,
        "activity": 0,
        "incomp": 1,
        "date": date,
        "year": date.year,
        "missionid": missionid,
        "mission": mission,
        "org": org,
        "onlypolice": 0.0,
        "SIPRI_totals": sipri,
        "troops_iepo": troops,
        "police_iepo": police,
        "observers_iepo": observers,
        "totals_iepo": total,
        "IPI_totals": ipi,
    }
    values.update(overrides)
    return values


def write(folder, rows):
    frame = pandas.DataFrame(rows)
    for column in ("conflictid", "year", "ccode"):
        frame[column] = frame[column].astype("int16")
    for column in ("episodenum",):
        frame[column] = frame[column].astype("int32")
    for column in ("activity", "incomp"):
        frame[column] = frame[column].astype("int8")
    frame.to_stata(folder / FILE, write_index=False, convert_dates={"date": "td"}, version=118)
    return folder


def run(folder, **options):
    reports, written = import_datasets(folder, parts=["non-un-personnel"], **options)
    return reports[0], written


def test_a_row_keeps_its_figures_codes_and_flags(source, tmp_path):
    kfor = make_mission(acronym="KFOR")
    report, written = run(write(tmp_path, [row()]))
    assert written and report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    item = OperationPersonnelMonth.objects.get()
    assert item.mission == kfor and item.row == 1 and item.month == datetime.date(2000, 12, 1)
    assert (item.troops, item.police, item.observers, item.total) == (40000, 0, 0, 40000)
    assert item.organization_kind == "regional" and item.incompatibility == "territory"
    assert item.conflict_active is False and item.police_only is False
    assert item.interpolated is False and item.sipri_total == 40000 and item.ipi_total is None
    assert item.counted is True
    assert "rows by organization: regional organization or coalition in its own region 1" in (
        report.notes
    )


@pytest.mark.parametrize("org, kind", [(1.0, "un"), (2.0, "regional"), (3.0, "international")])
def test_the_organization_code_is_decoded_with_the_codebook(source, tmp_path, org, kind):
    run(write(tmp_path, [row(org=org)]))
    assert OperationPersonnelMonth.objects.get().organization_kind == kind


def test_a_month_without_a_sipri_figure_is_flagged_interpolated(source, tmp_path):
    report, _ = run(write(tmp_path, [row(sipri=NA, troops=39000.0, total=39000.0)]))
    item = OperationPersonnelMonth.objects.get()
    assert item.interpolated is True and item.sipri_total is None and item.total == 39000
    assert report.rules["interpolated: no SIPRI figure that month"] == 1


def test_a_fractional_estimate_is_rounded_half_up(source, tmp_path):
    values = {
        "troops": 13028.666666666686,
        "police": 3840.5,
        "observers": 445.555556,
        "total": 17314.888671875,
    }
    report, _ = run(write(tmp_path, [row(sipri=NA, **values)]))
    item = OperationPersonnelMonth.objects.get()
    assert (item.troops, item.police, item.observers, item.total) == (13029, 3841, 446, 17315)
    assert report.rules["fractional estimate rounded to a whole person"] == 1


def test_an_operation_month_under_several_conflicts_counts_once(source, tmp_path):
    sfor = make_mission(acronym="SFOR")
    rows = [row(mission="SFOR", conflict=number) for number in (1, 2, 3)]
    rows.append(row(mission="SFOR", conflict=1, date=datetime.datetime(2001, 1, 1)))
    report, _ = run(write(tmp_path, rows))
    assert OperationPersonnelMonth.objects.count() == 4
    assert OperationPersonnelMonth.objects.counted().count() == 2
    assert report.rules["one operation-month under several conflicts: counted once"] == 2
    assert report.rule_examples["one operation-month under several conflicts: counted once"] == (
        f"{FILE} row 2"
    )
    assert OperationPersonnelMonth.objects.peaks() == {sfor.pk: (40000, datetime.date(2000, 12, 1))}


def test_operations_of_one_mission_in_two_countries_add_up(source, tmp_path):
    # UNPROFOR: one operation id for Bosnia, one for Croatia, in the same month.
    unprofor = make_mission(acronym="UNPROFOR")
    rows = [
        row(mission="UNPROFOR", missionid=346001.0, org=1.0, troops=20000.0, total=20000.0),
        row(mission="UNPROFOR", missionid=344001.0, org=1.0, troops=14000.0, total=14000.0),
    ]
    run(write(tmp_path, rows))
    assert OperationPersonnelMonth.objects.peaks() == {
        unprofor.pk: (34000, datetime.date(2000, 12, 1))
    }


def test_names_use_the_shared_rules_and_unknown_operations_stay_unlinked(source, tmp_path):
    unoci = make_mission(acronym="UNOCI")
    rows = [
        row(mission="UNOCI (ONUCI)", missionid=437001.0, org=1.0),
        row(mission="UNMIBH ", missionid=346002.0, org=1.0),
        row(mission="EUFOR", missionid=343001.0, org=2.0),
    ]
    report, _ = run(write(tmp_path, rows))
    by_row = {item.row: item for item in OperationPersonnelMonth.objects.all()}
    assert by_row[1].mission == unoci and by_row[1].mission_label == "UNOCI"
    assert by_row[2].mission is None and by_row[2].mission_label == "UNMIBH"
    assert by_row[3].mission is None
    assert report.rules["other name"] == 1 and report.rules["trailing space"] == 1
    assert "kept without a mission in the atlas: EUFOR (1), UNMIBH (1)" in report.notes


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(mission=""), "no mission"),
        (row(org=4.0), "org code 4.0 is not in the codebook"),
        (row(incomp=3), "incomp code 3 is not in the codebook"),
        (row(onlypolice=0.5), "onlypolice code 0.5 is not in the codebook"),
        (row(troops=-1.0), "troops_iepo -1.0 is negative"),
        (row(total=NA), "no totals_iepo"),
        (row(conflict=1), "is already in the file"),
        (row(conflict=2, troops=1.0), "its figures differ from row 1"),
    ],
)
def test_bad_rows_are_rejected_with_row_and_reason(source, tmp_path, bad, reason):
    report, written = run(write(tmp_path, [row(), bad]))
    assert written
    [(where, why)] = report.rejections
    assert where == f"{FILE} row 2"
    assert reason in why
    assert OperationPersonnelMonth.objects.count() == 1


def test_strict_dry_run_and_a_malformed_file_write_nothing(source, tmp_path, capsys):
    write(tmp_path, [row(), row(conflict=2, org=9.0)])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "non-un-personnel", "--strict")
    call_command("import_datasets", str(tmp_path), "--only", "non-un-personnel", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 1" in (
        capsys.readouterr().out
    )
    (tmp_path / FILE).write_bytes(b"\x75garbage")
    with pytest.raises(CommandError, match="is not a readable Stata file"):
        call_command("import_datasets", str(tmp_path), "--only", "non-un-personnel")
    assert not OperationPersonnelMonth.objects.exists()


def test_a_second_run_changes_nothing(source, tmp_path):
    write(tmp_path, [row(), row(conflict=2), row(sipri=NA, date=datetime.datetime(2001, 1, 1))])
    run(tmp_path)
    again, _ = run(tmp_path)
    assert again.summary == "created 0, updated 0, unchanged 3, rejected 0"


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_real_file_every_row_taken_and_non_un_peaks_match(ready_atlas_without_import, client):
    import_missions(REAL)
    report, written = run(REAL)
    assert written and report.summary == "created 8100, updated 0, unchanged 0, rejected 0"
    frame = pandas.read_stata(REAL / FILE, convert_categoricals=False)
    assert report.rules["interpolated: no SIPRI figure that month"] == int(
        frame["SIPRI_totals"].isna().sum()
    )
    once = frame.drop_duplicates(["missionid", "date"])
    assert report.rules["one operation-month under several conflicts: counted once"] == len(
        frame
    ) - len(once)
    peaks = OperationPersonnelMonth.objects.peaks()
    for acronym in ("KFOR", "SFOR", "AMISOM"):
        mine = once[once["mission"] == acronym]
        monthly = mine.groupby("date")["totals_iepo"].sum().round()
        month = monthly.idxmax()
        mission = Mission.objects.get(acronym=acronym)
        assert peaks[mission.pk] == (int(monthly.max()), month.date())
        page = client.get(mission.get_absolute_url()).content.decode()
        assert f"Peak uniformed strength: {int(monthly.max()):,}</strong>" in page
        assert "Bara &amp; Hultman monthly estimates, Jan 1993 – Dec 2016" in page
        interpolated = int(mine["SIPRI_totals"].isna().sum())
        assert f"{interpolated} of the {len(mine)} months shown are interpolated" in page
    again, _ = run(REAL)
    assert again.summary == "created 0, updated 0, unchanged 8100, rejected 0"
