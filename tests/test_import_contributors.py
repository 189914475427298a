"""Contributing countries: IPI's monthly file and Geo-PKO's yearly lists, the real files,
one small file per rule and rejection, and the mission page's figure."""

import csv
import datetime
import re
import time
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Max
from django_countries import countries

from datasets.figures import contributors as contributors_figure
from datasets.importers import import_datasets
from datasets.models import ContributionMonth, ContributorKind, SiteContributor
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
IPI = "ipi-contributors-by-mission-month.csv"
GEO = "geo-pko-contributors-v2.3.csv"
CATEGORIES = [
    "Individual Police",
    "Formed Police Units",
    "Experts on Mission",
    "Troops",
    "Total",
]
IPI_HEADER = ["", "Date", "Contributor", "Contributor ISO-3", "Mission"] + [
    f"{name} {part}" for name in CATEGORIES for part in ("Male", "Female", "Total")
]
GEO_HEADER = ["mission", "year", "location", "latitude", "longitude", "No.TCC", "year.overview"]


@pytest.fixture
def sources():
    return (
        make_source(
            slug="ipi-contributors-by-mission-month",
            title="Contributing countries per mission and month, by category and gender",
            kind=SourceKind.DATASET,
        ),
        make_source(
            slug="geo-pko-contributors",
            title="Geo-PKO: contributing countries by location, version 2.3",
            kind=SourceKind.DATASET,
        ),
    )


def monthly(
    record=1, date="2011-06-30", name="Albania", iso="ALB", mission="UNMIL", troops=(10, 2)
):
    """One IPI line: 3 police (all male) and `troops` (male, female); totals add up."""
    male, female = troops
    return [
        str(record),
        date,
        name,
        iso,
        mission,
        *("3", "0", "3"),
        *("0", "0", "0"),
        *("0", "0", "0"),
        *(str(male), str(female), str(male + female)),
        *(str(male + 3), str(female), str(male + female + 3)),
    ]


def write(folder, name, header, rows):
    with open(folder / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return folder


def site(overview, mission="UNMIH", year="1995", location="Jacmel"):
    return [mission, year, location, "18.23", "-72.53", "1", overview]


def run(folder, part):
    reports, _ = import_datasets(folder, parts=[part])
    return reports[0]


# --- IPI, the real file ------------------------------------------------------------------


def real_peaks(acronym):
    """{alpha-2: peak 'Total Total'} of one mission, summed straight from the file."""
    peaks = defaultdict(int)
    with open(REAL / IPI, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Mission"] == acronym:
                code = countries.alpha2(row["Contributor ISO-3"])
                peaks[code] = max(peaks[code], int(row["Total Total"]))
    return peaks


def test_real_monthly_file_every_line_taken_and_a_second_run_changes_nothing(sources):
    make_mission(acronym="UNMIL", slug="unmil")
    started = time.perf_counter()
    report = run(REAL, "contributors")
    seconds = time.perf_counter() - started
    assert report.summary == "created 29115, updated 0, unchanged 0, rejected 0"
    # February 2012 is dated the 28th, though it had 29 days.
    assert (
        report.rules["month dated before its last day"]
        == ContributionMonth.objects.filter(month=datetime.date(2012, 2, 1)).count()
    )
    assert seconds < 15
    again = run(REAL, "contributors")
    assert again.summary == "created 0, updated 0, unchanged 29115, rejected 0"


def test_real_monthly_figures_equal_the_file_and_the_page(client, sources):
    unmil = make_mission(acronym="UNMIL", slug="unmil")
    run(REAL, "contributors")
    expected = real_peaks("UNMIL")
    stored = {
        item["country"]: item["peak"]
        for item in ContributionMonth.objects.filter(mission=unmil)
        .values("country")
        .annotate(peak=Max("total"))
    }
    assert stored == expected
    assert expected["PK"] == 3136  # Pakistan's largest month in UNMIL, from the file
    page = client.get(unmil.get_absolute_url()).content.decode()
    top = sorted(expected.items(), key=lambda item: (-item[1], countries.name(item[0])))[:10]
    for code, peak in top:
        assert f'<th scope="row">{countries.name(code)}</th><td>{peak:,}</td>' in page
    assert "Coverage: IPI monthly data, Nov 2009 – Feb 2014." in page
    by_pakistan = {
        item["mission_label"]: item["peak"]
        for item in ContributionMonth.objects.contributed_by("PK")
    }
    assert by_pakistan["UNMIL"] == 3136


# --- IPI, one small file per rule ----------------------------------------------------------


def test_a_line_keeps_its_month_categories_and_country(sources, tmp_path):
    mission = make_mission(acronym="UNMIL")
    report = run(write(tmp_path, IPI, IPI_HEADER, [monthly()]), "contributors")
    assert report.summary == "created 1, updated 0, unchanged 0, rejected 0"
    line = ContributionMonth.objects.get()
    assert (line.record, line.row, line.month) == (1, 2, datetime.date(2011, 6, 1))
    assert (line.police, line.troops, line.total, line.female_total) == (3, 12, 15, 2)
    assert (line.country.code, line.country_label, line.mission) == ("AL", "Albania", mission)


def test_na_means_none(sources, tmp_path):
    line = monthly()
    line[5:8] = ["0", "0", "0"]
    line[8:11] = ["NA", "NA", "NA"]  # formed police
    line[-3:] = ["10", "2", "12"]
    report = run(write(tmp_path, IPI, IPI_HEADER, [line]), "contributors")
    assert report.rules["NA as none"] == 3
    assert ContributionMonth.objects.get().formed_police == 0


def test_february_2012_dated_the_28th_is_february(sources, tmp_path):
    report = run(write(tmp_path, IPI, IPI_HEADER, [monthly(date="2012-02-28")]), "contributors")
    assert report.rules["month dated before its last day"] == 1
    assert ContributionMonth.objects.get().month == datetime.date(2012, 2, 1)


def test_the_same_mission_under_another_name(sources, tmp_path):
    unoci = make_mission(acronym="UNOCI")
    report = run(write(tmp_path, IPI, IPI_HEADER, [monthly(mission="ONUCI")]), "contributors")
    assert report.rules["other name"] == 1
    assert ContributionMonth.objects.get().mission == unoci


def bad_sum():
    line = monthly()
    line[-3] = "10"  # 10 male and 2 female are not the line's 15
    return line


def bad_total():
    line = monthly()
    line[-3:] = ["20", "2", "22"]
    return line


@pytest.mark.parametrize(
    "line, reason",
    [
        (monthly(iso="XKX"), "is not an ISO 3166-1 alpha-3 code"),
        (monthly(date="2011-13-31"), "is not a date"),
        (monthly(record="x"), "row id 'x' is not a number"),
        (monthly(mission=""), "no mission"),
        (monthly(troops=(-1, 2)), "is not a whole number"),
        (bad_sum(), "do not make"),
        (bad_total(), "not the total"),
        (monthly(record=1), "row id 1 is given twice"),
    ],
)
def test_bad_lines_are_rejected_with_line_and_reason(sources, tmp_path, line, reason):
    write(tmp_path, IPI, IPI_HEADER, [monthly(record=1), line])
    report = run(tmp_path, "contributors")
    [(where, why)] = report.rejections
    assert where == f"{IPI} line 3"
    assert reason in why
    assert ContributionMonth.objects.count() == 1


def test_strict_writes_nothing_when_a_line_is_rejected(sources, tmp_path):
    write(tmp_path, IPI, IPI_HEADER, [monthly(), monthly(record=2, iso="ZZZ")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "contributors", "--strict")
    assert not ContributionMonth.objects.exists()


def test_dry_run_reports_and_writes_nothing(sources, tmp_path, capsys):
    write(tmp_path, IPI, IPI_HEADER, [monthly()])
    write(tmp_path, GEO, GEO_HEADER, [site("Nepal (650)")])
    call_command(
        "import_datasets",
        str(tmp_path),
        "--only",
        "contributors",
        "--only",
        "site-contributors",
        "--dry-run",
    )
    assert "Dry run, nothing written: created 2, updated 0, unchanged 0, rejected 0" in (
        capsys.readouterr().out
    )
    assert not ContributionMonth.objects.exists() and not SiteContributor.objects.exists()


def test_a_missing_file_or_column_changes_nothing(sources, tmp_path):
    with pytest.raises(CommandError, match=f"{IPI} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "contributors")
    (tmp_path / IPI).write_text('"","Date","Mission"\n"1",2011-06-30,UNMIL\n')
    with pytest.raises(CommandError, match="has no column Contributor"):
        call_command("import_datasets", str(tmp_path), "--only", "contributors")
    (tmp_path / GEO).write_text("mission,year\nUNMIL,2004\n")
    with pytest.raises(CommandError, match="has no column location"):
        call_command("import_datasets", str(tmp_path), "--only", "site-contributors")
    assert not ContributionMonth.objects.exists() and not SiteContributor.objects.exists()


def test_a_changed_line_updates_and_a_removed_one_is_deleted(sources, tmp_path):
    run(write(tmp_path, IPI, IPI_HEADER, [monthly(), monthly(record=2, iso="NPL")]), "contributors")
    report = run(write(tmp_path, IPI, IPI_HEADER, [monthly(troops=(20, 2))]), "contributors")
    assert report.summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert report.counts["removed"] == 1
    assert ContributionMonth.objects.get().troops == 22


# --- Geo-PKO -------------------------------------------------------------------------------


def real_site_years(acronym):
    """{country name as the file spells it: site-years} of one mission, from the file."""
    found = defaultdict(set)
    with open(REAL / GEO, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["mission"] != acronym:
                continue
            for name in re.findall(r"([^,]+?) \((?:\d+|size unknown)\)", row["year.overview"]):
                found[name.strip()].add((row["year"], row["location"]))
    return {name: len(sites) for name, sites in found.items()}


def test_real_yearly_file_every_entry_taken_and_a_second_run_changes_nothing(sources):
    started = time.perf_counter()
    report = run(REAL, "site-contributors")
    seconds = time.perf_counter() - started
    # Five entries name 'Un' (UNISFA, 2022–2024): no country; the rest of their lines stay.
    assert report.summary == "created 8724, updated 0, unchanged 0, rejected 5"
    assert all("'Un' is not a country name" in why for _, why in report.rejections)
    assert report.rules["contributor not named"] == 162
    assert report.rules["multinational unit"] == 66
    assert seconds < 10
    again = run(REAL, "site-contributors")
    assert again.summary == "created 0, updated 0, unchanged 8724, rejected 5"


def test_real_yearly_figures_equal_the_file_and_the_page(client, sources):
    unprofor = make_mission(acronym="UNPROFOR", slug="unprofor")
    run(REAL, "contributors")
    run(REAL, "site-contributors")
    expected = real_site_years("UNPROFOR")
    assert expected["France"] == 10
    assert expected["Britain"] + expected.get("UK", 0) == 7  # one country, two spellings
    page = client.get(unprofor.get_absolute_url()).content.decode()
    assert '<th scope="row">France</th><td>10</td>' in page
    assert '<th scope="row">United Kingdom</th><td>7</td>' in page
    assert "Coverage: Geo-PKO yearly data, 1994–2024." in page
    assert "site-years" in page
    by_france = {
        item["mission_label"]: item for item in SiteContributor.objects.contributed_by("FR")
    }
    assert by_france["UNPROFOR"]["first"] == 1994


def test_a_list_becomes_one_entry_per_contributor(sources, tmp_path):
    mission = make_mission(acronym="UNMIH")
    overview = (
        "Argentina (217), CARICOM (35), Nepal (size unknown), TCC name unknown (150), Us (35)"
    )
    report = run(write(tmp_path, GEO, GEO_HEADER, [site(overview)]), "site-contributors")
    assert report.summary == "created 5, updated 0, unchanged 0, rejected 0"
    entries = list(SiteContributor.objects.values_list("entry", "kind", "country", "size"))
    assert entries == [
        (1, ContributorKind.COUNTRY, "AR", 217),
        (2, ContributorKind.MULTINATIONAL, "", 35),
        (3, ContributorKind.COUNTRY, "NP", None),
        (4, ContributorKind.UNKNOWN, "", 150),
        (5, ContributorKind.COUNTRY, "US", 35),
    ]
    assert {rule: report.rules[rule] for rule in report.rules} == {
        "multinational unit": 1,
        "size unknown": 1,
        "contributor not named": 1,
        "abbreviation in title case": 1,
    }
    assert set(SiteContributor.objects.values_list("mission", flat=True)) == {mission.pk}


def test_a_name_with_a_bracketed_qualifier(sources, tmp_path):
    report = run(
        write(tmp_path, GEO, GEO_HEADER, [site("Korea (ROK) (150), UK (35)")]), "site-contributors"
    )
    assert list(SiteContributor.objects.values_list("country", flat=True)) == ["KR", "GB"]
    assert report.rules["qualifier in brackets"] == 1 and report.rules["abbreviation"] == 1


def test_a_site_listed_twice_in_a_year_counts_once_in_the_figure(sources, tmp_path):
    mission = make_mission(acronym="UNMIH")
    rows = [site("Nepal (650)"), site("Nepal (150)"), site("Nepal (35)", location="Cap-Haïtien")]
    report = run(write(tmp_path, GEO, GEO_HEADER, rows), "site-contributors")
    assert report.rules["site listed twice in a year"] == 1
    data = contributors_figure.for_mission(mission)
    assert [(bar.country.code, bar.value) for bar in data["bars"]] == [("NP", 2)]


def test_an_unknown_name_rejects_its_entry_only(sources, tmp_path):
    report = run(
        write(tmp_path, GEO, GEO_HEADER, [site("Ethiopia (150), Un (150)")]), "site-contributors"
    )
    assert report.rejections == [
        (f"{GEO} line 2, entry 2", "'Un' is not a country name the atlas knows")
    ]
    assert list(SiteContributor.objects.values_list("country", flat=True)) == ["ET"]


@pytest.mark.parametrize(
    "row, reason",
    [
        (site("Nepal 650"), "does not read as 'name (size), …'"),
        (site("Nepal (650); Ghana (150)"), "does not read as 'name (size), …'"),
        (site(""), "the list of contributors is empty"),
        (site("Nepal (650)", year="c. 1995"), "is not a year"),
        (site("Nepal (650)", location=" "), "no location"),
        (site("Nepal (650)", mission=""), "no mission"),
    ],
)
def test_bad_site_lines_are_rejected_with_line_and_reason(sources, tmp_path, row, reason):
    write(tmp_path, GEO, GEO_HEADER, [site("Ghana (150)"), row])
    report = run(tmp_path, "site-contributors")
    [(where, why)] = report.rejections
    assert where == f"{GEO} line 3"
    assert reason in why
    assert SiteContributor.objects.count() == 1


# --- the figure ----------------------------------------------------------------------------


def test_monthly_data_wins_and_costs_one_query(sources, tmp_path, django_assert_max_num_queries):
    mission = make_mission(acronym="UNMIL")
    write(
        tmp_path, IPI, IPI_HEADER, [monthly(), monthly(record=2, date="2011-07-31", troops=(30, 0))]
    )
    write(tmp_path, GEO, GEO_HEADER, [site("Nepal (650)", mission="UNMIL")])
    run(tmp_path, "contributors")
    run(tmp_path, "site-contributors")
    with django_assert_max_num_queries(1):
        data = contributors_figure.for_mission(mission)
    [bar] = data["bars"]
    assert (bar.country.code, bar.value, bar.detail) == ("AL", 33, "Jul 2011; listed 2 months")
    assert data["lines"] == "lines 2–3"
    assert data["coverage"] == "IPI monthly data, Nov 2009 – Feb 2014"


def test_yearly_lists_stand_in_with_two_queries(sources, tmp_path, django_assert_max_num_queries):
    mission = make_mission(acronym="UNMIH")
    write(
        tmp_path, GEO, GEO_HEADER, [site("Nepal (650), Us (35)"), site("Nepal (650)", year="1996")]
    )
    run(tmp_path, "site-contributors")
    with django_assert_max_num_queries(2):
        data = contributors_figure.for_mission(mission)
    assert [(bar.country.code, bar.value, bar.detail) for bar in data["bars"]] == [
        ("NP", 2, "2 years, 1995–1996"),
        ("US", 1, "1 year, 1995"),
    ]
    assert data["coverage"] == "Geo-PKO yearly data, 1994–2024"
    other = make_mission(acronym="UNTSO")
    with django_assert_max_num_queries(2):
        assert contributors_figure.for_mission(other) is None


def test_a_mission_without_contributors_says_so_in_one_line(client, sources):
    mission = make_mission(acronym="EUFOR")
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "No contributing countries are recorded" in page


def test_the_chart_and_its_table_show_the_same_numbers(client, sources, tmp_path):
    mission = make_mission(acronym="UNMIL", slug="unmil")
    write(
        tmp_path,
        IPI,
        IPI_HEADER,
        [monthly(), monthly(record=2, name="Nepal", iso="NPL", troops=(100, 5))],
    )
    run(tmp_path, "contributors")
    page = client.get(mission.get_absolute_url()).content.decode()
    chart = page[
        page.index('<svg class="bar-chart"') : page.index("</svg>", page.index("bar-chart"))
    ]
    assert 'role="img"' in chart and 'viewBox="0 0 400 84"' in chart
    assert ">108</text>" in chart and ">15</text>" in chart
    assert '<th scope="row">Nepal</th><td>108</td>' in page
    assert '<th scope="row">Albania</th><td>15</td>' in page
    assert chart.index("Nepal") < chart.index("Albania")
