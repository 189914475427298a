"""import_missions on the real data sets and on small hand-made files, one per quirk."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from missions.importing import (
    ImportProblem,
    Rejected,
    active_flag,
    cut_off_name,
    decimal_comma,
    import_missions,
    padded_month,
    plausible_coordinates,
)
from missions.models import Mission
from tests.factories import make_organization, make_section, make_source
from tests.test_setup_atlas import data_checksum

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
UN_HEADER = [
    "id",
    "mission_acronym",
    "mission_name",
    "lead_department",
    "mission_isactive",
    "start_date",
    "end_date",
    "mission_location",
    "mission_longitude",
    "mission_latitude",
    "last_update",
]
REGIONAL_HEADER = [
    "acronym",
    "name",
    "lead_organization",
    "host_countries",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "successor",
    "reference",
]


# --- the repair rules, one by one ---------------------------------------------------------


def test_rule_decimal_comma():
    assert decimal_comma("15,9833") == Decimal("15.9833")
    assert decimal_comma("") is None
    with pytest.raises(Rejected):
        decimal_comma("north")


def test_rule_padded_month():
    assert padded_month("1992-02-01") == (datetime.date(1992, 2, 1), "month")
    assert padded_month("1964-03-27") == (datetime.date(1964, 3, 27), "day")
    assert padded_month("") == (None, "")
    with pytest.raises(Rejected):
        padded_month("1992-13-45")


@pytest.mark.parametrize(
    ("text", "value"), [("Yes", True), ("NO", False), ("no", False), (" yes ", True)]
)
def test_rule_active_flag_spelling(text, value):
    assert active_flag(text) is value


def test_rule_active_flag_rejects_anything_else():
    with pytest.raises(Rejected):
        active_flag("maybe")


def test_rule_broken_quoting():
    assert cut_off_name("United Nations Force") == "United Nations Force"
    with pytest.raises(Rejected):
        cut_off_name('"Mission of the Representative of the Secretary-General in the')


def test_rule_swapped_coordinates_and_implausible_ones():
    # Mogadishu given as (2.03, 45.35): swapped back to (45.35, 2.03).
    lon, lat, note = plausible_coordinates(Decimal("2.0333"), Decimal("45.35"), ["SO"])
    assert (lon, lat) == (Decimal("45.35"), Decimal("2.0333")) and "swapped" in note
    assert plausible_coordinates(Decimal("33.3667"), Decimal("35.1667"), ["CY"])[2] == ""
    with pytest.raises(Rejected):
        plausible_coordinates(Decimal("-70"), Decimal("-30"), ["CY"])


# --- hand-made files ------------------------------------------------------------------------


@pytest.fixture
def atlas_sources():
    for slug, section in (
        ("un-peacekeeping-operations-dppadposs-pko", "operations"),
        ("major-non-un-operations", "operations"),
        ("unpko-country-crosswalk", "countries"),
    ):
        make_section(source=make_source(slug=slug), slug=section)
    for slug, acronym in (("united-nations", "UN"), ("african-union", "AU"), ("nato", "NATO")):
        make_organization(slug=slug, acronym=acronym)


def write_files(folder, un_rows, crosswalk_rows, regional_rows=()):
    with open(folder / "DPPADPOSS-PKO.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(UN_HEADER)
        writer.writerows(un_rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["mission_acronym", "mission_name", "iso3c"])
    for row in crosswalk_rows:
        sheet.append(list(row))
    workbook.save(folder / "unpko_country_crosswalk.xlsx")
    with open(folder / "non-un-operations.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGIONAL_HEADER)
        writer.writerows(regional_rows)
    return folder


def un_row(
    number,
    acronym,
    name,
    active="No",
    start="1990-01-15",
    end="1991-02-20",
    place="",
    lon="",
    lat="",
):
    return [number, acronym, name, "DPO", active, start, end, place, lon, lat, "2024-02-19"]


@pytest.fixture
def quirky(tmp_path):
    return write_files(
        tmp_path,
        [
            un_row(
                1,
                "UNGOOD",
                "United Nations Good Mission",
                place="Nicosia",
                lon="33,3667",
                lat="35,1667",
            ),
            un_row(
                2,
                "UNSWAP",
                "United Nations Swapped Mission",
                place="Mogadishu",
                lon="2,0333",
                lat="45,3500",
            ),
            un_row(
                3, "UNFAR", "United Nations Far Mission", place="Nicosia", lon="-70,0", lat="-30,0"
            ),
            un_row(
                4,
                "UNPAD",
                "United Nations Padded Mission",
                active="NO",
                start="1992-02-01",
                end="1995-03-01",
            ),
            un_row(5, "UNBOTH", "United Nations Both Missions (I & II)"),
            un_row(6, "UNOHCI", "United Nations Office of the Humanitarian Coordinator in Iraq"),
            un_row(7, "UNNODATE", "United Nations Undated", start="", end=""),
            un_row(8, "UNTWIN", "UN Good Mission"),
            un_row(9, "UNCUT", '"United Nations Mission cut off in the'),
            un_row(10, "UNBADFLAG", "United Nations Flag Mission", active="perhaps"),
            un_row(11, "IPTF", "International Police Task Force"),
        ],
        [
            ("UNGOOD", "", "CYP"),
            ("UNSWAP", "", "SOM"),
            ("UNFAR", "", "CYP"),
            ("UNPAD", "", "KSV"),
            ("UNPAD", "", "SRB"),
            ("UNCUT", "", "YAR"),
            ("UNBOTH", "", None),
        ],
        [
            [
                "AUGOOD",
                "African Union Good Mission",
                "AU",
                "SO",
                "2004",
                "year",
                "2007-12-31",
                "day",
                "",
                "ref",
            ],
            ["AUBAD", "African Union Bad Mission", "AU", "SO", "2004", "decade", "", "", "", "ref"],
            ["XXLEAD", "Unknown Lead Mission", "XYZ", "SO", "2004", "year", "", "", "", "ref"],
        ],
    )


def outcomes(report):
    return {result.acronym: (result.outcome, " ".join(result.details)) for result in report.results}


def test_every_quirk_is_repaired_or_rejected_with_its_reason(atlas_sources, quirky):
    report = import_missions(quirky)
    result = outcomes(report)
    assert result["UNGOOD"][0] == "created"
    assert result["UNSWAP"][0] == "created" and "swapped" in result["UNSWAP"][1]
    assert "coordinates rejected" in result["UNFAR"][1]
    assert "read as a month" in result["UNPAD"][1]
    assert result["UNBOTH"] == (
        "rejected",
        "not one operation: aggregates several operations that have rows of their own",
    )
    assert (
        result["UNOHCI"][0] == "rejected" and "not a peacekeeping operation" in result["UNOHCI"][1]
    )
    assert result["UNNODATE"] == ("rejected", "no start or end date: cannot place it")
    assert result["UNTWIN"] == ("rejected", "the same operation as UNGOOD (same name)")
    assert "name rejected" in result["UNCUT"][1]
    assert "neither yes nor no" in result["UNBADFLAG"][1]
    assert result["AUGOOD"][0] == "created"
    assert result["AUBAD"][0] == "rejected" and "precision" in result["AUBAD"][1]
    assert result["XXLEAD"][0] == "rejected"
    assert result["IPTF"] == (
        "rejected",
        "not an operation: the International Police Task Force was a component of UNMIBH, "
        "described on UNMIBH's page",
    )

    swapped = Mission.objects.get(acronym="UNSWAP")
    assert (swapped.headquarters_longitude, swapped.headquarters_latitude) == (
        Decimal("45.35"),
        Decimal("2.0333"),
    )
    assert Mission.objects.get(acronym="UNFAR").headquarters_latitude is None
    padded = Mission.objects.get(acronym="UNPAD")
    assert (padded.start_precision, padded.end_date) == ("month", datetime.date(1995, 3, 31))
    assert sorted(str(h.country) for h in padded.host_countries.all()) == ["RS", "XK"]
    assert Mission.objects.get(acronym="UNCUT").name == ""
    assert [str(h.country) for h in Mission.objects.get(acronym="UNCUT").host_countries.all()] == [
        "YE"
    ]
    good = Mission.objects.get(acronym="UNGOOD")
    assert good.region == "europe" and good.is_published
    assert {c.field for c in good.citations.all()} >= {"", "name", "start_date", "host_countries"}
    assert report.summary == "created 7, updated 0, unchanged 0, rejected 7"


def test_dry_run_changes_nothing(atlas_sources, quirky):
    before = data_checksum()
    report = import_missions(quirky, dry_run=True)
    assert report.count("created") == 7
    assert data_checksum() == before


def test_strict_mode_writes_nothing_when_one_row_is_bad(atlas_sources, quirky):
    before = data_checksum()
    report = import_missions(quirky, strict=True)
    assert report.rolled_back and report.count("rejected") == 7
    assert data_checksum() == before
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_missions", str(quirky), "--strict", "--quiet-rows")


def test_one_bad_row_among_good_ones(atlas_sources, tmp_path):
    folder = write_files(
        tmp_path,
        [
            un_row(1, "UNONE", "United Nations One"),
            un_row(2, "UNTWO", "United Nations Two", start="1995-01-10", end="1990-01-10"),
            un_row(3, "UNTHREE", "United Nations Three"),
        ],
        [("UNONE", "", "CYP"), ("UNTWO", "", "CYP"), ("UNTHREE", "", "CYP")],
    )
    report = import_missions(folder)
    assert outcomes(report)["UNTWO"][0] == "rejected"
    assert "end date cannot be before the start date" in outcomes(report)["UNTWO"][1]
    assert set(Mission.objects.values_list("acronym", flat=True)) == {"UNONE", "UNTHREE"}


def test_an_error_midway_writes_nothing(atlas_sources, quirky, monkeypatch):
    import missions.importing as importing

    def explode(facts, report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_link_successors", explode)
    before = data_checksum()
    with pytest.raises(RuntimeError):
        import_missions(quirky)
    assert data_checksum() == before


def test_missing_file_or_sources_is_a_clear_error(tmp_path):
    with pytest.raises(ImportProblem, match="missing"):
        import_missions(tmp_path)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_missions", str(tmp_path))


def test_report_can_be_written_as_csv(atlas_sources, quirky, tmp_path, capsys):
    target = tmp_path / "report.csv"
    call_command("import_missions", str(quirky), "--dry-run", "--report", str(target))
    rows = list(csv.DictReader(target.open()))
    assert {"row", "acronym", "outcome", "details"} == set(rows[0])
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "Dry run, nothing written: created 7, updated 0, unchanged 0, rejected 7"
    )


def test_check_data_fails_on_problems(capsys):
    from tests.factories import make_mission

    make_mission(acronym="NOCITE", countries=())
    make_mission(acronym="UN I")
    make_mission(acronym="UN-I")
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_data")
    output = capsys.readouterr().out
    assert exit_info.value.code == 1
    assert "NOCITE" in output and "published without a citation" in output
    assert "no host country" in output
    assert "possible duplicate" in output


# --- the real data sets ---------------------------------------------------------------------


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_real_files_import_every_operation_once_and_a_second_run_changes_nothing(
    ready_atlas_without_import,
):
    first = import_missions(REAL)
    # Every operation is a written entry: the export adds what the entries leave out.
    assert first.summary == "created 0, updated 46, unchanged 30, rejected 12"
    assert Mission.objects.count() == 103
    assert import_missions(REAL).summary == "created 0, updated 0, unchanged 76, rejected 12"


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_real_files_give_the_reference_facts(ready_atlas_without_import):
    import_missions(REAL)

    def facts(acronym):
        mission = Mission.objects.prefetch_related("host_countries", "roles__organization").get(
            acronym=acronym
        )
        leads = sorted(r.organization.slug for r in mission.roles.all() if r.role == "lead")
        lead = " and ".join(leads)
        return (
            sorted(str(h.country) for h in mission.host_countries.all()),
            mission.start_year,
            mission.end_year,
            lead,
            mission.operational_status.value,
        )

    assert facts("UNFICYP") == (["CY"], 1964, None, "united-nations", "active")
    assert facts("UNMIK") == (["XK"], 1999, None, "united-nations", "active")
    # The AU–UN hybrid: both lead it.
    assert facts("UNAMID") == (["SD"], 2007, 2020, "african-union and united-nations", "closed")
    assert facts("KFOR") == (["XK"], 1999, None, "nato", "active")
    assert facts("EUFOR Althea") == (["BA"], 2004, None, "european-union", "active")
    assert facts("ATMIS") == (["SO"], 2022, 2024, "african-union", "closed")
    # The export still calls MINUSMA active; the cited correction wins.
    assert facts("MINUSMA") == (["ML"], 2013, 2023, "united-nations", "closed")
    assert Mission.objects.get(acronym="UNAMID").predecessor.acronym == "AMIS"
    assert Mission.objects.get(acronym="SFOR").predecessor.acronym == "IFOR"
    assert Mission.objects.get(acronym="UNTSO").region == "middle-east"
    assert Mission.objects.get(acronym="ONUC").name == "United Nations Operation in the Congo"
    # A start date a written entry cites to the day keeps its day over the export's month.
    unmih = Mission.objects.get(acronym="UNMIH")
    assert (unmih.start_date, unmih.start_precision) == (datetime.date(1993, 9, 23), "day")
    for acronym in ("UNOSOM", "UNEF", "UNAVEM", "UNPF", "UNOHCI", "UNCPSG"):
        assert not Mission.objects.filter(acronym=acronym).exists()


@pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")
def test_shipped_data_passes_check_data(ready_atlas_without_import, capsys):
    import_missions(REAL)
    call_command("check_data")
    assert "No problems found." in capsys.readouterr().out


def test_the_police_task_force_s_old_address_leads_to_unmibh(client):
    response = client.get("/missions/iptf/")
    assert response.status_code == 301
    assert response["Location"] == reverse("missions:detail", args=["unmibh"])
