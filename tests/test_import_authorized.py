"""The authorized strength per UN mission and month (Passmore, Shannon & Hart): small Stata
files for each rule and rejection, and the real file against pandas' own reading of it."""

import datetime
import math
from decimal import Decimal
from pathlib import Path

import pandas
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from datasets.importers import import_datasets
from datasets.models import AuthorizedMonth
from missions.importing import import_missions
from missions.models import Mission
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "authorized-vs-deployed-personnel.dta"
NA = math.nan


@pytest.fixture
def source():
    return make_source(slug="authorized-vs-deployed-personnel", kind=SourceKind.DATASET)


def row(
    mission="UNMIL",
    year=2004,
    month=1,
    troops=15000.0,
    police=1115.0,
    observers=250.0,
    total=16365.0,
):
    return {
        "mission": mission,
        "year": year,
        "month": month,
        "authtroop": troops,
        "authpolice": police,
        "authmilobs": observers,
        "totalauth": total,
        # A shortfall column the importer leaves out, present as in the real file.
        "shortfalltroop": 0.0,
    }


def write(folder, rows):
    frame = pandas.DataFrame(rows)
    frame["year"] = frame["year"].astype("int16")
    frame["month"] = frame["month"].astype("int8")
    frame.to_stata(folder / FILE, write_index=False, version=118)
    return folder


def run(folder, **options):
    reports, written = import_datasets(folder, parts=["authorized"], **options)
    return reports[0], written


def test_a_row_becomes_the_month_s_authorized_strength(source, tmp_path):
    unmil = make_mission(acronym="UNMIL")
    report, written = run(write(tmp_path, [row()]))
    assert written and report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    item = AuthorizedMonth.objects.get()
    assert item.mission == unmil and item.month == datetime.date(2004, 1, 1) and item.row == 1
    assert (item.troops, item.police, item.observers, item.total) == (
        Decimal("15000.0"),
        Decimal("1115.0"),
        Decimal("250.0"),
        Decimal("16365.0"),
    )
    assert not report.rules


@pytest.mark.parametrize(
    "values, rule, total",
    [
        (
            {"troops": NA, "police": NA, "observers": NA, "total": NA},
            "no authorized strength given",
            None,
        ),
        (
            {"troops": 5166.399999999997, "police": 1795.0, "observers": 102.2, "total": 7063.6},
            "fractional figure kept to one decimal",
            Decimal("7063.6"),
        ),
        ({"total": NA}, "authorized total missing: the sum of its parts", Decimal("16365.0")),
        ({"police": NA, "total": NA}, "authorized total missing", None),
        ({"total": 0.0}, "authorized total not the sum of its parts: left out", None),
        (
            {"troops": NA, "police": NA, "observers": NA, "total": 0.0},
            "zero total without its parts read as none given",
            None,
        ),
        (
            {"troops": NA, "police": NA, "observers": NA, "total": 120.0},
            "authorized total without its parts",
            Decimal("120.0"),
        ),
    ],
)
def test_each_rule_is_counted_and_gives_its_total(source, tmp_path, values, rule, total):
    report, _ = run(write(tmp_path, [row(**values)]))
    assert report.rules[rule] == 1
    assert report.rule_examples[rule] == f"{FILE} row 1"
    assert AuthorizedMonth.objects.get().total == total


def test_the_float_noise_of_the_file_is_a_whole_figure(source, tmp_path):
    run(write(tmp_path, [row(troops=4148.999999999996, total=5513.999999999996)]))
    item = AuthorizedMonth.objects.get()
    assert item.troops == Decimal("4149.0") and item.total == Decimal("5514.0")


def test_successive_names_pick_the_mission_by_month(source, tmp_path):
    first = make_mission(
        acronym="UNOSOM I",
        start_date=datetime.date(1992, 4, 1),
        start_precision="month",
        end_date=datetime.date(1993, 3, 31),
        end_precision="month",
    )
    second = make_mission(
        acronym="UNOSOM II",
        start_date=datetime.date(1993, 3, 1),
        start_precision="month",
        end_date=datetime.date(1995, 3, 31),
        end_precision="month",
    )
    report, _ = run(
        write(
            tmp_path,
            [row(mission="UNOSOM", year=1992, month=5), row(mission="UNOSOM", year=1993, month=5)],
        )
    )
    assert [item.mission for item in AuthorizedMonth.objects.order_by("month")] == [first, second]
    assert report.rules["one name for successive missions"] == 2


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(mission=""), "no mission"),
        (row(month=13), "are not a month"),
        (row(troops=-5.0), "authorized troops -5.0 is negative"),
        (row(month=1), "UNMIL 2004-01 again (first at row 1)"),
    ],
)
def test_bad_rows_are_rejected_with_row_and_reason(source, tmp_path, bad, reason):
    report, written = run(write(tmp_path, [row(), bad]))
    assert written
    [(where, why)] = report.rejections
    assert where == f"{FILE} row 2"
    assert reason in why
    assert AuthorizedMonth.objects.count() == 1


def test_strict_and_dry_run_write_nothing(source, tmp_path, capsys):
    write(tmp_path, [row(), row(month=2, troops=-1.0)])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "authorized", "--strict")
    call_command("import_datasets", str(tmp_path), "--only", "authorized", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 1" in (
        capsys.readouterr().out
    )
    assert not AuthorizedMonth.objects.exists()


def test_a_malformed_file_changes_nothing(source, tmp_path):
    run(write(tmp_path, [row()]))
    (tmp_path / FILE).write_bytes(b"not a Stata file at all")
    with pytest.raises(CommandError, match="is not a readable Stata file"):
        call_command("import_datasets", str(tmp_path), "--only", "authorized")
    pandas.DataFrame([{"mission": "UNMIL", "year": 2004}]).to_stata(
        tmp_path / FILE, write_index=False
    )
    with pytest.raises(CommandError, match="has no column month"):
        call_command("import_datasets", str(tmp_path), "--only", "authorized")
    assert AuthorizedMonth.objects.count() == 1


def test_a_second_run_changes_nothing(source, tmp_path):
    write(tmp_path, [row(), row(month=2, troops=5166.399999999997, total=8326.4)])
    run(tmp_path)
    again, _ = run(tmp_path)
    assert again.summary == "created 0, updated 0, unchanged 2, rejected 0"


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_real_file_every_row_taken_and_the_authorized_totals_match(ready_atlas_without_import):
    import_missions(REAL)
    report, written = run(REAL)
    assert written and report.summary == "created 4833, updated 0, unchanged 0, rejected 0"
    assert report.rules["authorized total not the sum of its parts: left out"] == 6
    frame = pandas.read_stata(REAL / FILE, convert_categoricals=False)
    for acronym in ("UNMIL", "UNAMSIL"):
        mine = frame[frame["mission"] == acronym]
        expected = {}
        for _index, found in mine.iterrows():
            parts = [found["authtroop"], found["authpolice"], found["authmilobs"]]
            total = found["totalauth"]
            if math.isnan(total) and not any(math.isnan(part) for part in parts):
                total = sum(parts)  # UNMIL's September 2014
            if not math.isnan(total):
                expected[datetime.date(int(found["year"]), int(found["month"]), 1)] = round(
                    total, 1
                )
        stored = {
            item.month: float(item.total)
            for item in AuthorizedMonth.objects.filter(
                mission=Mission.objects.get(acronym=acronym), total__isnull=False
            )
        }
        assert stored == expected
    again, _ = run(REAL)
    assert again.summary == "created 0, updated 0, unchanged 4833, rejected 0"
