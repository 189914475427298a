"""The UN's fatalities data set: one small file per rule and rejection, then the real file
against figures computed from the file itself, on the importer's rows and the mission page."""

import csv
import datetime
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from datasets.figures.fatalities import bar_chart, for_mission, nice_ceiling
from datasets.importers import import_datasets
from datasets.models import Fatality
from datasets.models.fatalities import Gender, IncidentType, PersonnelType
from missions.dates import DatePrecision
from missions.models import Mission, Role
from sources.models import SourceKind
from tests.factories import make_mission, make_organization, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "DPPADPOSS-FATALITIES.csv"
HEADER = [
    "id",
    "incident_date",
    "casualty_id",
    "mission_acronym",
    "type_of_casualty",
    "gender",
    "casualty_nationality",
    "casualty_personnel_type",
    "type_of_incident",
    "m49_code",
    "isocode3",
    "last_update",
]
SOURCE_SLUG = "un-peacekeeping-fatalities-dppadposs"


@pytest.fixture
def source():
    return make_source(slug=SOURCE_SLUG, kind=SourceKind.DATASET, title="UN fatalities")


@pytest.fixture
def unmik():
    return make_mission(
        acronym="UNMIK",
        slug="unmik",
        start_date=datetime.date(1999, 6, 10),
        start_precision=DatePrecision.DAY,
    )


def write(folder, rows):
    with open(folder / FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, values in enumerate(rows, start=1):
            writer.writerow([number, *values])
    return folder


def row(
    date="2003-05-05",
    casualty="UNMIK-2003-05-00001",
    mission="UNMIK",
    kind="Fatality",
    gender="M",
    nationality="Norway",
    personnel="Military",
    incident="Accident",
    m49="578.0",
    iso="NOR",
    updated="2025-04-04",
):
    return [
        date,
        casualty,
        mission,
        kind,
        gender,
        nationality,
        personnel,
        incident,
        m49,
        iso,
        updated,
    ]


def run(folder, rows):
    reports, written = import_datasets(write(folder, rows), parts=["fatalities"])
    assert written
    return reports[0]


# --- one row, and each rule -----------------------------------------------------------------


def test_a_row_becomes_a_fatality_cited_to_its_line(source, unmik, tmp_path):
    report = run(tmp_path, [row()])
    assert report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    fatality = Fatality.objects.get()
    assert (fatality.row, fatality.source, fatality.mission) == (2, source, unmik)
    assert fatality.casualty_id == "UNMIK-2003-05-00001"
    assert fatality.date == datetime.date(2003, 5, 5)
    assert fatality.personnel_type == PersonnelType.MILITARY
    assert fatality.incident_type == IncidentType.ACCIDENT
    assert fatality.gender == Gender.MALE
    assert (fatality.nationality.code, fatality.nationality_label) == ("NO", "Norway")
    assert fatality.m49_code == 578
    assert fatality.last_update == datetime.date(2025, 4, 4)


def test_rule_trailing_space(source, unmik, tmp_path):
    report = run(tmp_path, [row(), row(casualty="B", personnel="Local ")])
    assert Fatality.objects.get(casualty_id="B").personnel_type == PersonnelType.LOCAL
    assert report.rules["trailing space"] == 1
    assert report.rule_examples["trailing space"] == f"{FILE} line 3"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("malicious act", IncidentType.MALICIOUS_ACT),
        ("Self Inflicted", IncidentType.SELF_INFLICTED),
        ("TO-BE-DETERMINED", IncidentType.TO_BE_DETERMINED),
    ],
)
def test_rule_incident_type_spelled_another_way(source, unmik, tmp_path, text, value):
    report = run(tmp_path, [row(incident=text)])
    assert Fatality.objects.get().incident_type == value
    assert report.rules["incident type spelled another way"] == 1


def test_the_files_own_spellings_need_no_rule(source, unmik, tmp_path):
    rows = [
        row(casualty=str(number), incident=incident, personnel=personnel)
        for number, (incident, personnel) in enumerate(
            zip(
                [
                    "Malicious Act",
                    "Accident",
                    "Illness",
                    "Self-Inflicted",
                    "To Be Determined",
                    "Unknown",
                ],
                [
                    "Military",
                    "Military Observer",
                    "Police",
                    "International Civilian",
                    "Local",
                    "Other",
                ],
                strict=True,
            )
        )
    ]
    report = run(tmp_path, rows)
    assert report.rules == Counter({"M49 code written as a decimal": 6})
    assert set(Fatality.objects.values_list("incident_type", flat=True)) == set(IncidentType.values)
    assert set(Fatality.objects.values_list("personnel_type", flat=True)) == set(
        PersonnelType.values
    )


def test_rule_no_gender_keeps_it_blank(source, unmik, tmp_path):
    report = run(tmp_path, [row(gender="")])
    assert Fatality.objects.get().gender == ""
    assert report.rules["no gender"] == 1


def test_rule_m49_code_written_as_a_decimal(source, unmik, tmp_path):
    report = run(tmp_path, [row(m49="578.0"), row(casualty="B", m49="578")])
    assert set(Fatality.objects.values_list("m49_code", flat=True)) == {578}
    assert report.rules["M49 code written as a decimal"] == 1


def test_rule_former_state_keeps_the_name_without_a_country(source, unmik, tmp_path):
    report = run(tmp_path, [row(nationality="Yugoslavia", m49="890.0", iso="YUG")])
    fatality = Fatality.objects.get()
    assert (fatality.nationality, fatality.nationality_label) == ("", "Yugoslavia")
    assert fatality.m49_code == 890
    assert report.rules["former state"] == 1


@pytest.mark.parametrize(
    ("name", "code"), [("Côte dIvoire", "CI"), ("Türkiye", "TR"), ("Viet Nam", "VN")]
)
def test_rule_nationality_named_without_a_code(source, unmik, tmp_path, name, code):
    report = run(tmp_path, [row(nationality=name, m49="", iso="")])
    fatality = Fatality.objects.get()
    assert (fatality.nationality.code, fatality.nationality_label) == (code, name)
    assert fatality.m49_code is None
    assert report.rules["nationality named without a code"] == 1


@pytest.mark.parametrize("name", ["ZZ [Undetermined]", ""])
def test_rule_nationality_undetermined(source, unmik, tmp_path, name):
    report = run(tmp_path, [row(nationality=name, m49="", iso="")])
    assert Fatality.objects.get().nationality == ""
    assert report.rules["nationality undetermined"] == 1


def test_rule_same_casualty_on_two_lines_is_one_death(source, unmik, tmp_path):
    # As in the file's UNMIK lines 1899 and 1900: only the nationality differs.
    report = run(
        tmp_path,
        [
            row(casualty="UNMIK-2003-05-03589", nationality="Montenegro", m49="499.0", iso="MNE"),
            row(
                casualty="UNMIK-2003-05-03589",
                nationality="Serbia and Montenegro",
                m49="891.0",
                iso="SCG",
            ),
        ],
    )
    assert report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    fatality = Fatality.objects.get()
    assert (fatality.row, fatality.repeated_row) == (2, 3)
    assert fatality.nationality.code == "ME"
    assert fatality.repeated_nationality_label == "Serbia and Montenegro"
    assert report.rules["same casualty on two lines"] == 1
    assert report.rule_examples["same casualty on two lines"] == f"{FILE} line 3"
    # Both lines are cited.
    assert Fatality.objects.summary().lines == [2, 3]


def test_a_repeated_casualty_with_another_date_or_type_is_rejected(source, unmik, tmp_path):
    report = run(
        tmp_path,
        [row(casualty="A"), row(casualty="A", incident="Illness", date="2003-05-06")],
    )
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert "already on line 2 with another date, incident type" in why
    assert Fatality.objects.get().incident_type == IncidentType.ACCIDENT


def test_a_casualty_on_three_lines_is_rejected_the_third_time(source, unmik, tmp_path):
    report = run(tmp_path, [row(casualty="A"), row(casualty="A"), row(casualty="A")])
    assert report.rejections == [(f"{FILE} line 4", "casualty id A is already on lines 2 and 3")]


def test_rule_one_name_for_successive_missions_picks_unef_by_date(source, tmp_path):
    first = make_mission(
        acronym="UNEF I",
        start_date=datetime.date(1956, 11, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(1967, 6, 30),
        end_precision=DatePrecision.MONTH,
    )
    second = make_mission(
        acronym="UNEF II",
        start_date=datetime.date(1973, 10, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(1979, 7, 31),
        end_precision=DatePrecision.MONTH,
    )
    report = run(
        tmp_path,
        [
            row(casualty="A", mission="UNEF", date="1958-01-05"),
            row(casualty="B", mission="UNEF", date="1974-08-09"),
            row(casualty="C", mission="UNEF", date="1980-01-01"),
        ],
    )
    by_id = {item.casualty_id: item for item in Fatality.objects.all()}
    assert (by_id["A"].mission, by_id["A"].mission_label) == (first, "UNEF I")
    assert (by_id["B"].mission, by_id["B"].mission_label) == (second, "UNEF II")
    # After UNEF II's end no period covers the date: kept, unlinked, named.
    assert (by_id["C"].mission, by_id["C"].mission_label) == (None, "UNEF")
    assert report.rules["one name for successive missions"] == 2
    assert report.rule_examples["successive name, no mission's period covers the date"] == (
        f"{FILE} line 4"
    )


def test_rule_outside_the_missions_dates_keeps_the_death_on_the_mission(source, tmp_path):
    mission = make_mission(
        acronym="UNPROFOR",
        start_date=datetime.date(1992, 2, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(1995, 3, 31),
        end_precision=DatePrecision.MONTH,
    )
    report = run(
        tmp_path,
        [
            row(casualty="A", mission="UNPROFOR", date="1994-01-01"),
            row(mission="UNPROFOR", casualty="B", date="1995-08-20"),
        ],
    )
    assert Fatality.objects.filter(mission=mission).count() == 2
    assert report.rules["outside the mission's dates in the atlas"] == 1
    assert report.rule_examples["outside the mission's dates in the atlas"] == f"{FILE} line 3"
    assert "dated outside the mission's period in the atlas, kept: UNPROFOR (1)" in report.notes


def test_names_the_atlas_does_not_describe_are_kept_unlinked_and_listed(source, tmp_path):
    report = run(tmp_path, [row(mission="UNTAG", casualty="A"), row(mission="UNAMA", casualty="B")])
    assert Fatality.objects.filter(mission=None).count() == 2
    assert "kept without a mission in the atlas: UNAMA (1), UNTAG (1)" in report.notes


# --- rejections -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (row(date="2003-13-05"), "incident_date '2003-13-05' is not a date"),
        (row(date=""), "incident_date '' is not a date"),
        (row(date="5/5/2003"), "is not a date"),
        (row(updated="recently"), "last_update 'recently' is not a date"),
        (row(date="2026-01-01"), "is after the row's last_update"),
        (row(mission=" "), "no mission"),
        (row(casualty=""), "no casualty id"),
        (row(kind="Injury"), "type_of_casualty 'Injury' is not a fatality"),
        (row(personnel="Cook"), "personnel type 'Cook' is none of"),
        (row(incident="Fire"), "incident type 'Fire' is none of"),
        (row(gender="X"), "gender 'X' is none of F, M"),
        (row(m49="north"), "m49_code 'north' is not a UN M49 country code"),
        (row(m49="578.5"), "is not a UN M49 country code"),
        (row(iso="XYZ"), "isocode3 'XYZ' is no ISO 3166 country or former state"),
        (row(iso="NO"), "isocode3 'NO' is no ISO 3166 country"),
        (row(m49="250.0"), "isocode3 NOR is country 578 in ISO 3166 but m49_code is 250"),
        (row(nationality="Atlantis", m49="", iso=""), "nationality 'Atlantis' has no isocode3"),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(source, unmik, tmp_path, bad, reason):
    bad = [bad[0], "SECOND" if bad[1] else "", *bad[2:]]
    report = run(tmp_path, [row(), bad])
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert reason in why
    assert Fatality.objects.count() == 1
    # A rejected row counts in no rule.
    assert report.rules == Counter({"M49 code written as a decimal": 1})


def test_strict_writes_nothing_when_a_row_is_rejected(source, unmik, tmp_path):
    write(tmp_path, [row(), row(casualty="B", date="someday")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "fatalities", "--strict")
    assert not Fatality.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, unmik, tmp_path, capsys):
    write(tmp_path, [row(), row(casualty="B", personnel="Local ")])
    call_command("import_datasets", str(tmp_path), "--only", "fatalities", "--dry-run")
    out = capsys.readouterr().out
    assert "rule 'trailing space': 1 row, first at DPPADPOSS-FATALITIES.csv line 3" in out
    # Two fatalities, and UNMIK's headline figures worked out from them.
    assert "Dry run, nothing written: created 3, updated 0, unchanged 0, rejected 0" in out
    assert not Fatality.objects.exists()


def test_a_missing_file_or_column_changes_nothing(source, unmik, tmp_path):
    run(tmp_path, [row()])
    (tmp_path / FILE).unlink()
    with pytest.raises(CommandError, match=f"{FILE} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "fatalities")
    (tmp_path / FILE).write_text("id,incident_date,mission_acronym\n1,2003-05-05,UNMIK\n")
    with pytest.raises(CommandError, match="has no column casualty_id"):
        call_command("import_datasets", str(tmp_path), "--only", "fatalities")
    assert Fatality.objects.count() == 1


def test_a_second_run_changes_nothing_and_a_changed_row_is_updated(source, unmik, tmp_path):
    rows = [row(), row(casualty="B", personnel="Local ", m49="", iso="", nationality="")]
    run(tmp_path, rows)
    assert run(tmp_path, rows).summary == "created 0, updated 0, unchanged 2, rejected 0"
    rows[1] = row(casualty="B", incident="Illness")
    assert run(tmp_path, rows).summary == "created 0, updated 1, unchanged 1, rejected 0"
    assert Fatality.objects.get(casualty_id="B").incident_type == IncidentType.ILLNESS
    # A casualty no longer in the file is removed.
    report = run(tmp_path, rows[:1])
    assert report.counts["removed"] == 1
    assert list(Fatality.objects.values_list("casualty_id", flat=True)) == ["UNMIK-2003-05-00001"]


def test_a_later_run_links_rows_to_a_mission_added_since(source, tmp_path):
    run(tmp_path, [row(mission="UNTAG")])
    assert Fatality.objects.get().mission is None
    mission = make_mission(
        acronym="UNTAG", start_date=datetime.date(1989, 4, 1), start_precision="month"
    )
    report = run(tmp_path, [row(mission="UNTAG")])
    assert report.summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert Fatality.objects.get().mission == mission


# --- the QuerySet's counts ------------------------------------------------------------------


def test_fatalities_per_mission_and_per_nationality(source, unmik, tmp_path):
    other = make_mission(
        acronym="UNFICYP", start_date=datetime.date(1964, 3, 27), start_precision="day"
    )
    run(
        tmp_path,
        [
            row(casualty="A"),
            row(casualty="B", nationality="India", m49="356.0", iso="IND"),
            row(casualty="C", mission="UNFICYP", nationality="India", m49="356.0", iso="IND"),
            row(casualty="D", mission="UNTAG", nationality="Yugoslavia", m49="890.0", iso="YUG"),
        ],
    )
    assert Fatality.objects.per_mission() == {unmik.pk: 2, other.pk: 1}
    assert Fatality.objects.per_nationality() == {"NO": 1, "IN": 2}
    assert Fatality.objects.filter(mission=unmik).per_nationality() == {"NO": 1, "IN": 1}


def test_summary_counts_every_year_between_the_first_and_last_death(source, unmik, tmp_path):
    run(
        tmp_path,
        [
            row(casualty="A", date="2000-01-01", incident="Illness"),
            row(casualty="B", date="2003-02-01", incident="Illness", personnel="Police"),
            row(casualty="C", date="2003-03-01", personnel="", incident=""),
        ],
    )
    summary = Fatality.objects.filter(mission=unmik).summary()
    assert summary.total == 3
    assert summary.by_year == [(2000, 1), (2001, 0), (2002, 0), (2003, 2)]
    assert summary.by_incident == [("Illness", 2), ("Not recorded", 1)]
    assert summary.by_personnel == [("Military", 1), ("Not recorded", 1), ("Police", 1)]
    assert sorted(summary.lines) == [2, 3, 4]


# --- the mission page's figure ----------------------------------------------------------------


def test_nice_ceiling_and_chart_bars():
    assert [nice_ceiling(value) for value in (0, 1, 3, 7, 10, 11, 45, 96)] == [
        1,
        1,
        5,
        10,
        10,
        20,
        50,
        100,
    ]
    chart = bar_chart([(2000, 4), (2001, 0), (2002, 2)])
    assert [bar.count for bar in chart["bars"]] == [4, 0, 2]
    tallest, empty, half = chart["bars"]
    assert empty.height == 0
    assert tallest.height == pytest.approx(2 * half.height)
    assert tallest.y + tallest.height == pytest.approx(chart["baseline"])
    assert all(bar.x + bar.width <= chart["width"] for bar in chart["bars"])


def test_the_builder_costs_two_queries_whatever_the_mission(
    source, unmik, tmp_path, django_assert_max_num_queries
):
    run(tmp_path, [row(casualty=str(n), date=f"{2000 + n}-01-01") for n in range(20)])
    quiet = make_mission(acronym="UNIPOM")
    for mission in (unmik, quiet):
        with django_assert_max_num_queries(2):
            data = for_mission(mission)
        assert data is not None
    assert for_mission(unmik)["summary"].total == 20
    assert for_mission(quiet)["summary"].total == 0


def page_of(client, mission):
    return client.get(mission.get_absolute_url()).content.decode()


def figure_of(client, mission):
    html = page_of(client, mission)
    start = html.index('<section class="figure figure-fatalities"')
    return html[start : html.index("</section>", start)]


def test_the_page_shows_total_chart_tables_coverage_and_source_lines(
    client, source, unmik, tmp_path
):
    run(
        tmp_path,
        [
            row(casualty="A", date="1999-07-01", incident="Illness", updated="2025-04-04"),
            row(casualty="B", date="2001-03-01", personnel="Police"),
            row(casualty="C", date="2001-04-01", personnel="Police"),
            row(casualty="D", mission="UNTAG", date="1948-07-06"),
        ],
    )
    figure = figure_of(client, unmik)
    assert "<strong>3 fatalities</strong>" in figure
    assert "recorded, 1999–2001" in figure
    assert "(UN data, July 1948 – April 2001, last updated 4 April 2025)" in figure
    assert 'role="img"' in figure and 'aria-labelledby="fatalities-chart-title"' in figure
    # The same numbers in the chart and its table.
    assert re.findall(r"<title>(\d{4}): (\d+)</title>", figure) == [("1999", "1"), ("2001", "2")]
    table = figure[figure.index("Fatalities per year</caption>") :]
    assert re.findall(r'<th scope="row">(\d{4})</th><td>(\d+)</td>', table) == [
        ("1999", "1"),
        ("2000", "0"),
        ("2001", "2"),
    ]
    assert '<th scope="row">Accident</th><td>2</td>' in figure
    assert '<th scope="row">Illness</th><td>1</td>' in figure
    assert '<th scope="row">Police</th><td>2</td>' in figure
    assert '<th scope="row">Military</th><td>1</td>' in figure
    assert f'<a href="{source.get_absolute_url()}">UN fatalities</a>, lines 2–4.' in figure


def test_a_un_mission_without_fatalities_says_so_with_the_coverage(client, source, unmik, tmp_path):
    run(tmp_path, [row(date="1948-07-06"), row(casualty="B", date="2025-02-18")])
    un = make_organization(slug="united-nations", acronym="UN", name="United Nations")
    quiet = make_mission(acronym="UNIPOM", organizations=[(un, Role.LEAD)])
    figure = figure_of(client, quiet)
    assert (
        "No fatalities are recorded for this mission in the UN's data set "
        "(July 1948 – February 2025)."
    ) in figure
    assert "<svg" not in figure
    # A mission with no lead recorded is not ruled out either.
    assert "No fatalities are recorded" in figure_of(client, make_mission())


def test_a_mission_led_by_another_organization_is_outside_the_data_set(
    client, source, unmik, tmp_path
):
    run(tmp_path, [row()])
    african_union = make_organization(slug="african-union", acronym="AU")
    un = make_organization(slug="united-nations", acronym="UN")
    amisom = make_mission(acronym="AMISOM", organizations=[(african_union, Role.LEAD)])
    figure = figure_of(client, amisom)
    assert "covers UN operations only" in figure
    assert "No fatalities are recorded" not in figure
    hybrid = make_mission(
        acronym="UNAMID", organizations=[(african_union, Role.LEAD), (un, Role.LEAD)]
    )
    assert "No fatalities are recorded" in figure_of(client, hybrid)


def test_before_the_import_the_figure_says_the_data_set_is_not_loaded(client, source, unmik):
    assert "peace operations (1948–2025) is not loaded." in figure_of(client, unmik)


def test_the_admin_lists_fatalities_read_only(admin_client, source, unmik, tmp_path):
    run(tmp_path, [row()])
    fatality = Fatality.objects.get()
    listing = admin_client.get(reverse("admin:datasets_fatality_changelist"))
    assert listing.status_code == 200
    assert "UNMIK-2003-05-00001" in listing.content.decode()
    assert admin_client.get(reverse("admin:datasets_fatality_add")).status_code == 403
    change = admin_client.get(reverse("admin:datasets_fatality_change", args=[fatality.pk]))
    assert change.status_code == 200  # a view only: no save button
    assert 'name="_save"' not in change.content.decode()
    delete = reverse("admin:datasets_fatality_delete", args=[fatality.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Fatality.objects.exists()


# --- the real file (the atlas as setup_atlas builds it, which runs this import) ---------------


def real_rows():
    with open(REAL / FILE, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def first_line_per_casualty(rows):
    """The file's rows, each casualty id once (its first line), as the importer counts."""
    seen = {}
    for values in rows:
        seen.setdefault(values["casualty_id"], values)
    return list(seen.values())


needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")


@needs_real
def test_real_file_every_casualty_taken_once_and_a_second_run_changes_nothing(ready_atlas):
    rows = real_rows()
    deaths = first_line_per_casualty(rows)
    assert (len(rows), len(deaths)) == (4429, 4423)
    started = time.perf_counter()
    reports, written = import_datasets(REAL, parts=["fatalities"])
    seconds = time.perf_counter() - started
    assert written
    report = reports[0]
    assert report.summary == "created 0, updated 0, unchanged 4423, rejected 0"
    assert Fatality.objects.count() == 4423
    assert report.rules["same casualty on two lines"] == 6
    assert report.rules["trailing space"] == sum(
        values["casualty_personnel_type"] != values["casualty_personnel_type"].strip()
        for values in rows
    )
    repeated = Counter(values["casualty_id"] for values in rows)
    assert {item.casualty_id for item in Fatality.objects.exclude(repeated_row=None)} == {
        casualty for casualty, count in repeated.items() if count == 2
    }
    assert seconds < 10, f"the second import took {seconds:.1f} s"


@needs_real
@pytest.mark.parametrize("acronym", ["UNAMSIL", "UNIFIL", "UNMIK"])
def test_real_file_figures_reproduce_on_the_rows_and_the_page(client, ready_atlas, acronym):
    labels = {
        "Malicious Act": "Malicious act",
        "Self-Inflicted": "Self-inflicted",
        "To Be Determined": "To be determined",
    }
    deaths = [v for v in first_line_per_casualty(real_rows()) if v["mission_acronym"] == acronym]
    incidents = Counter(labels.get(v["type_of_incident"], v["type_of_incident"]) for v in deaths)
    years = Counter(int(v["incident_date"][:4]) for v in deaths)
    mission = Mission.objects.get(acronym=acronym)
    summary = Fatality.objects.filter(mission=mission).summary()
    assert summary.total == len(deaths)
    assert dict(summary.by_incident) == incidents
    assert {year: count for year, count in summary.by_year if count} == years
    figure = figure_of(client, mission)
    assert f"<strong>{len(deaths):,} fatalities</strong>" in figure
    for label, count in incidents.items():
        assert f'<th scope="row">{label}</th><td>{count:,}</td>' in figure
    for year, count in years.items():
        assert f'<th scope="row">{year}</th><td>{count:,}</td>' in figure
    assert "(UN data, July 1948 – February 2025, last updated 4 April 2025)" in figure


@needs_real
def test_real_file_unmik_counts_its_six_repeated_casualties_once(ready_atlas):
    lines = [v for v in real_rows() if v["mission_acronym"] == "UNMIK"]
    assert len(lines) == 62
    assert Fatality.objects.filter(mission__acronym="UNMIK").count() == 56


@needs_real
def test_real_file_unef_splits_between_unef_i_and_unef_ii_by_date(ready_atlas):
    unef = [v for v in real_rows() if v["mission_acronym"] == "UNEF"]
    first = sum(v["incident_date"] <= "1967-06-30" for v in unef)
    second = sum("1973-10-01" <= v["incident_date"] <= "1979-07-31" for v in unef)
    assert (first, second, len(unef) - first - second) == (104, 55, 1)
    assert Fatality.objects.filter(mission__acronym="UNEF I").count() == first
    assert Fatality.objects.filter(mission__acronym="UNEF II").count() == second
    assert Fatality.objects.get(mission=None, mission_label="UNEF").date == datetime.date(
        1980, 1, 1
    )


@needs_real
def test_real_file_counts_per_mission_and_nationality_match_the_file(ready_atlas):
    deaths = first_line_per_casualty(real_rows())
    per_mission = Fatality.objects.per_mission()
    unifil = Mission.objects.get(acronym="UNIFIL")
    assert per_mission[unifil.pk] == sum(v["mission_acronym"] == "UNIFIL" for v in deaths)
    per_nationality = Fatality.objects.per_nationality()
    assert per_nationality["IN"] == sum(v["isocode3"] == "IND" for v in deaths) == 181
    assert per_nationality["CI"] == sum(v["casualty_nationality"] == "Côte dIvoire" for v in deaths)
    assert "YU" not in per_nationality


@needs_real
def test_real_file_a_non_un_mission_says_the_data_set_covers_un_operations(client, ready_atlas):
    assert "covers UN operations only" in figure_of(client, Mission.objects.get(acronym="AMISOM"))
    assert "No fatalities are recorded for this mission" in figure_of(
        client, Mission.objects.get(acronym="UNIPOM")
    )
