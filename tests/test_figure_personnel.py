"""The mission page's "Uniformed personnel" figure, its chart, and the peak strength helper."""

import datetime
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from datasets.figures import FIGURES
from datasets.figures.linechart import Series, line_chart, nice_step, year_step
from datasets.figures.personnel import for_mission
from datasets.models import AuthorizedMonth, OperationPersonnelMonth, PersonnelMonth
from sources.models import SourceKind
from tests.factories import make_mission, make_source
from tests.test_html_validity import vnu_jar

pytestmark = pytest.mark.django_db


def month(year, number):
    return datetime.date(year, number, 1)


@pytest.fixture
def ipi():
    return make_source(
        slug="ipi-providing-for-peacekeeping-personnel",
        title="IPI personnel",
        kind=SourceKind.DATASET,
    )


@pytest.fixture
def passmore():
    return make_source(
        slug="authorized-vs-deployed-personnel", title="Authorized", kind=SourceKind.DATASET
    )


@pytest.fixture
def bara():
    return make_source(
        slug="un-and-non-un-peacekeeping", title="Bara and Hultman", kind=SourceKind.DATASET
    )


def deployed(source, mission, when, total, row, label=None):
    return PersonnelMonth.objects.create(
        source=source,
        mission=mission,
        mission_label=label or (mission.acronym if mission else "OTHER"),
        row=row,
        month=when,
        troops=total - 10,
        police=10,
        observers=0,
        total=total,
    )


def authorized(source, mission, when, total, row):
    return AuthorizedMonth.objects.create(
        source=source,
        mission=mission,
        mission_label=mission.acronym,
        row=row,
        month=when,
        troops=total,
        police=Decimal(0),
        observers=Decimal(0),
        total=total,
    )


def estimate(source, mission, when, total, row, operation=1, conflict=1, counted=True, sipri=None):
    return OperationPersonnelMonth.objects.create(
        source=source,
        mission=mission,
        mission_label=mission.acronym,
        row=row,
        operation=operation,
        organization_kind="regional",
        police_only=False,
        conflict=conflict,
        conflict_episode=conflict * 100,
        conflict_country="Bosnia-Herzegovina",
        conflict_active=False,
        incompatibility="territory",
        month=when,
        troops=total,
        police=0,
        observers=0,
        total=total,
        interpolated=sipri is None,
        sipri_total=sipri,
        counted=counted,
    )


@pytest.fixture
def unmil(ipi, passmore):
    mission = make_mission(acronym="UNMIL", slug="unmil")
    deployed(ipi, mission, month(2016, 9), 1200, 10)
    deployed(ipi, mission, month(2016, 10), 1500, 11)
    # November 2016 is missing from the file.
    deployed(ipi, mission, month(2016, 12), 1500, 13)
    deployed(ipi, mission, month(2017, 1), 900, 14)
    authorized(passmore, mission, month(2016, 9), Decimal("1800.0"), 7)
    authorized(passmore, mission, month(2016, 10), Decimal("1750.5"), 8)
    return mission


def test_the_figure_is_the_first_in_numbers():
    assert FIGURES[0].key == "personnel" and FIGURES[0].heading == "Uniformed personnel"


def test_peak_is_the_largest_total_and_its_first_month(unmil):
    data = for_mission(unmil)
    assert (data["peak"].total, data["peak"].month) == (1500, month(2016, 10))
    assert data["peak_span"] == "line 11"
    assert data["source_span"] == "lines 10–11 and 13–14"
    assert data["authorized_span"] == "rows 7–8"


def test_a_missing_month_breaks_the_line_and_is_named(unmil):
    data = for_mission(unmil)
    deployed_line, authorized_line = data["chart"].series
    assert len(deployed_line.paths) == 2  # Sep–Oct and Dec–Jan
    assert authorized_line.style.dash and not deployed_line.style.dash
    assert data["gaps"] == [month(2016, 11)]


def test_the_table_gives_each_year_s_highest_month(unmil):
    years = {year.year: (year.deployed, year.authorized) for year in for_mission(unmil)["years"]}
    assert years == {2016: (1500, Decimal("1800.0")), 2017: (900, None)}


def test_the_page_shows_chart_table_coverage_and_sources(client, unmil):
    page = client.get(unmil.get_absolute_url()).content.decode()
    section = page[page.index('id="figure-personnel"') :]
    section = section[: section.index("</section>")]
    assert "Peak uniformed strength: 1,500</strong> in October 2016" in section
    assert 'role="img"' in section and '<title id="personnel-chart-title">' in section
    assert 'stroke-dasharray="7 4"' in section  # the authorized line, and its legend sample
    assert ">Deployed</text>" in section and ">Authorized</text>" in section
    assert "IPI monthly data, Nov 1990 – Mar 2017." in section
    assert "No figures for Nov 2016: the line breaks there." in section
    assert "<caption>The highest monthly figure of each year</caption>" in section
    assert re.search(r'<th scope="row">2016</th>\s*<td>1,500</td>\s*<td>1,800</td>', section)
    assert re.search(r'<th scope="row">2017</th>\s*<td>900</td>\s*<td>–</td>', section)
    assert "IPI personnel</a>, lines 10–11 and 13–14 (the peak: line 11)" in section
    assert "Authorized</a>, rows 7–8." in section


def test_a_mission_with_no_rows_shows_the_one_line_text(client, ipi, passmore, bara):
    mission = make_mission(acronym="UNEF I", slug="unef-i")
    assert for_mission(mission) is None
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "No monthly personnel figures are recorded" in page
    assert "personnel-chart-title" not in page


def test_a_non_un_operation_shows_the_estimates_and_says_they_are_interpolated(
    client, ipi, passmore, bara
):
    sfor = make_mission(acronym="SFOR", slug="sfor")
    # The same operation-month under three conflicts counts once; December is SIPRI's own.
    for conflict in (1, 2, 3):
        estimate(
            bara,
            sfor,
            month(1997, 11),
            30000,
            10 + conflict,
            conflict=conflict,
            counted=conflict == 1,
        )
    estimate(bara, sfor, month(1997, 12), 31000, 20, sipri=31000)
    data = for_mission(sfor)
    assert data["estimates"] and not data["authorized"]
    assert (data["peak"].total, data["peak"].interpolated) == (31000, False)
    assert (data["interpolated"], data["month_count"]) == (1, 2)
    page = client.get(sfor.get_absolute_url()).content.decode()
    assert "Peak uniformed strength: 31,000</strong> in December 1997" in page
    assert "Bara &amp; Hultman monthly estimates, Jan 1993 – Dec 2016" in page
    assert "1 of the 2 months shown are interpolated" in page
    assert "Authorized strength is recorded for UN missions only." in page
    assert "Bara and Hultman</a>, rows 11 and 20 (the peak: row 20)." in page


def test_the_figure_costs_two_queries_whatever_the_mission(
    django_assert_max_num_queries, unmil, bara
):
    with django_assert_max_num_queries(2):
        for_mission(unmil)
    sfor = make_mission(acronym="SFOR")
    for number in range(30):
        estimate(bara, sfor, month(1997 + number // 12, number % 12 + 1), 1000 + number, number + 1)
    with django_assert_max_num_queries(2):
        data = for_mission(sfor)
        assert data["source"].get_absolute_url()
    nothing = make_mission()
    with django_assert_max_num_queries(2):
        assert for_mission(nothing) is None


def test_peaks_give_each_linked_mission_its_largest_month(ipi):
    first, second = make_mission(acronym="A"), make_mission(acronym="B")
    deployed(ipi, first, month(2000, 1), 500, 2)
    deployed(ipi, first, month(2000, 2), 700, 3)
    deployed(ipi, first, month(2000, 3), 700, 4)  # the same peak again: the first month counts
    deployed(ipi, second, month(2001, 1), 90, 5)
    deployed(ipi, None, month(2001, 1), 99999, 6, label="UNAMA")
    assert PersonnelMonth.objects.peaks() == {
        first.pk: (700, month(2000, 2)),
        second.pk: (90, month(2001, 1)),
    }
    assert PersonnelMonth.objects.filter(mission=second).peaks() == {
        second.pk: (90, month(2001, 1))
    }


def test_nice_steps_and_year_labels():
    assert [nice_step(value) for value in (4, 17477, 42500, 300)] == [1, 5000, 10000, 100]
    assert [year_step(years) for years in (3, 7, 27, 60)] == [1, 2, 5, 10]


def test_a_single_month_is_a_dot_and_the_axis_names_its_year():
    chart = line_chart([Series("Deployed", [(month(1997, 4), 23)])])
    [series] = chart.series
    assert series.paths == [] and len(series.dots) == 1
    assert chart.x_ticks == [(chart.left + (chart.right - chart.left) / 2, "1997")]
    assert chart.y_ticks[0][1] == "0" and chart.y_ticks[-1][1] == "25"


@pytest.mark.parametrize("model", [PersonnelMonth, AuthorizedMonth, OperationPersonnelMonth])
def test_the_admin_lists_the_rows_read_only(admin_client, unmil, bara, model):
    estimate(bara, unmil, month(2016, 9), 1200, 3)
    name = model._meta.model_name
    listing = admin_client.get(f"/admin/datasets/{name}/")
    assert listing.status_code == 200 and "UNMIL" in listing.content.decode()
    assert admin_client.get(f"/admin/datasets/{name}/add/").status_code == 403
    item = model.objects.first()
    page = admin_client.get(f"/admin/datasets/{name}/{item.pk}/change/").content.decode()
    assert 'type="submit"' not in page or "Save" not in page


def test_the_figure_s_pages_are_valid_html(client, unmil, bara, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    sfor = make_mission(acronym="SFOR", slug="sfor")
    estimate(bara, sfor, month(1997, 12), 31000, 20, sipri=31000)
    files = []
    for mission in (unmil, sfor, make_mission(slug="empty")):
        path = tmp_path / f"{mission.slug}.html"
        path.write_bytes(client.get(mission.get_absolute_url()).content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [message["message"] for message in messages if message.get("type") == "error"] == []
