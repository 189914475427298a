"""The directory's downloads: file names that say what was filtered, host countries by
name, an Excel-friendly CSV, and dates as text at their precision."""

import csv
import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions.models import Role
from tests.factories import make_mission, make_organization

pytestmark = pytest.mark.django_db

CSV = reverse("missions:export-csv")
JSON = reverse("missions:export-json")
EXCEL = reverse("missions:export-excel")


@pytest.fixture
def missions():
    un = make_organization(name="United Nations", acronym="UN", slug="un")
    return {
        "UNFICYP": make_mission(
            acronym="UNFICYP",
            organizations=[(un, Role.LEAD)],
            countries=("CY",),
            region="europe",
            start_date=datetime.date(1964, 3, 27),
            start_precision="day",
        ),
        "UNAMIR": make_mission(
            acronym="UNAMIR",
            name="United Nations Assistance Mission for Rwanda",
            organizations=[(un, Role.LEAD)],
            countries=("RW", "UG"),
            region="africa",
            start_date=datetime.date(1993, 10, 1),
            start_precision="month",
            end_date=datetime.date(1996, 12, 31),
            end_precision="year",
        ),
    }


def filename(response):
    disposition = response["Content-Disposition"]
    assert disposition.startswith(("attachment; ", "inline; ")), disposition
    return disposition.split('filename="', 1)[1].removesuffix('"')


SAFE_NAME = re.compile(r"^missions(-[a-z0-9]+)*(-excel)?\.(csv|json)$")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from([CSV, EXCEL, JSON]),
    query=st.dictionaries(
        st.sampled_from(["q", "organization", "region", "start_from", "status", "sort"]),
        st.text(max_size=80),
        max_size=4,
    ),
)
def test_no_query_string_puts_anything_but_a_safe_name_in_the_header(client, missions, url, query):
    response = client.get(url, query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        name = filename(response)
        assert SAFE_NAME.match(name) and len(name) <= 110, name


def test_an_unfiltered_download_is_plainly_named(client, missions):
    assert filename(client.get(CSV)) == "missions.csv"
    assert filename(client.get(JSON)) == "missions.json"
    # The order and the page are not filters.
    assert filename(client.get(CSV, {"sort": "name", "page": "3"})) == "missions.csv"


def test_the_file_name_names_each_filter_in_the_forms_order(client, missions):
    response = client.get(CSV, {"status": "closed", "region": "africa", "organization": "un"})
    assert filename(response) == "missions-organization-un-region-africa-status-closed.csv"
    assert filename(client.get(CSV, {"start_from": "1990", "country": "RW"})) == (
        "missions-country-rw-start-from-1990.csv"
    )
    assert filename(client.get(JSON, {"q": "Côte d'Ivoire"})) == "missions-q-cote-divoire.json"


def test_the_file_name_of_the_other_directories_names_their_filters(client, missions):
    response = client.get(reverse("organizations:export-csv"), {"kind": "alliance"})
    assert filename(response) == "organizations-kind-alliance.csv"


@pytest.mark.parametrize(
    "query",
    [
        'x"; filename="evil.exe',
        "a\r\nSet-Cookie: session=1",
        "../../etc/passwd",
        "word " * 39,  # the longest search the box takes
    ],
)
def test_a_crafted_search_cannot_reach_the_header(client, missions, query):
    response = client.get(CSV, {"q": query})
    assert response.status_code == 200
    name = filename(response)
    assert name.startswith("missions-q")
    assert name.endswith(".csv") and len(name) <= 104
    stem = name.removesuffix(".csv")
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not stem.endswith("-")
    assert "Set-Cookie" not in response


def csv_rows(response):
    # utf-8-sig: the Excel CSV's byte-order mark is not part of the first column's name.
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["acronym"]: row for row in csv.DictReader(io.StringIO(text))}


def json_rows(response):
    return {item["acronym"]: item for item in json.loads(b"".join(response.streaming_content))}


def test_host_countries_come_by_name_beside_their_codes(client, missions):
    make_mission(acronym="UNMIK", countries=("XK",), region="europe")
    rows = csv_rows(client.get(CSV))
    assert rows["UNAMIR"]["host_countries"] == "RW;UG"
    assert rows["UNAMIR"]["host_country_names"] == "Rwanda;Uganda"
    assert rows["UNFICYP"]["host_country_names"] == "Cyprus"
    assert rows["UNMIK"]["host_country_names"] == "Kosovo"
    items = json_rows(client.get(JSON))
    assert items["UNAMIR"]["host_countries"] == ["RW", "UG"]
    assert items["UNAMIR"]["host_country_names"] == ["Rwanda", "Uganda"]


def test_new_columns_come_after_the_existing_ones(client, missions):
    """The open-data page promises that columns keep their place: new ones are added last."""
    text = b"".join(client.get(CSV).streaming_content).decode("utf-8")
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["acronym", "name", "slug", "url"]
    assert header.index("fatalities") < header.index("host_country_names")


def test_dates_also_come_as_text_at_their_precision(client, missions):
    make_mission(
        acronym="UNAVEM",
        start_date=datetime.date(1991, 6, 1),
        start_precision="month",
        end_date=datetime.date(1995, 2, 8),
        end_precision="day",
    )
    make_mission(acronym="UNDATED", start_date=None, start_precision="", end_date=None)
    rows = csv_rows(client.get(CSV, {"kind": "all"}))
    unavem = rows["UNAVEM"]
    assert (unavem["start_date"], unavem["start_date_text"]) == ("1991-06-01", "June 1991")
    assert (unavem["end_date"], unavem["end_date_text"]) == ("1995-02-08", "8 February 1995")
    assert rows["UNFICYP"]["start_date_text"] == "27 March 1964"
    assert rows["UNFICYP"]["end_date_text"] == ""
    # The end is stored as the last day of the year it is known to, and reads as the year.
    assert (rows["UNAMIR"]["end_date"], rows["UNAMIR"]["end_date_text"]) == ("1996-12-31", "1996")
    assert rows["UNDATED"]["start_date_text"] == rows["UNDATED"]["end_date_text"] == ""
    items = json_rows(client.get(JSON))
    assert items["UNAMIR"]["start_date_text"] == "October 1993"


def body(response):
    return b"".join(response.streaming_content)


def test_the_excel_csv_is_the_standard_one_with_a_byte_order_mark(client, missions):
    make_mission(acronym="ONUCI", name="Opération des Nations unies en Côte d'Ivoire")
    query = {"region": "africa", "sort": "name"}
    standard = body(client.get(CSV, query))
    excel = client.get(EXCEL, query)
    assert excel["Content-Type"] == "text/csv; charset=utf-8"
    assert filename(excel) == "missions-region-africa-excel.csv"
    assert body(excel) == b"\xef\xbb\xbf" + standard
    # The standard file has no mark, and both end their lines in CRLF.
    assert standard.startswith(b"acronym,name,")
    lines = standard.split(b"\r\n")
    assert len(lines) == 3 and lines[-1] == b"" and b"\n" not in b"".join(lines)
    everything = body(client.get(EXCEL, {"kind": "all"})).decode("utf-8-sig")
    assert "Opération des Nations unies en Côte d'Ivoire" in everything


def test_the_excel_csv_takes_the_same_filters_and_refuses_bad_ones(client, missions):
    rows = csv_rows(client.get(EXCEL, {"country": "CY"}))
    assert list(rows) == ["UNFICYP"]
    response = client.get(EXCEL, {"country": "ZZ"})
    assert response.status_code == 400 and b"country" in response.content


def test_the_directory_offers_the_excel_csv_beside_the_standard_one(client, missions):
    html = client.get(reverse("missions:list"), {"region": "africa", "page": "1"}).content.decode()
    assert f'<a href="{CSV}?region=africa" download>CSV</a>' in html
    assert f'<a href="{EXCEL}?region=africa" download>CSV for Excel</a>' in html


def test_crawlers_are_kept_off_the_excel_csv_as_off_the_others(client):
    robots = client.get(reverse("robots")).content.decode()
    for url in (CSV, EXCEL, JSON):
        assert f"Disallow: /*{url.rsplit('/', 1)[1]}" in robots


def export_queries(client, url, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
        body(response)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [CSV, EXCEL, JSON])
def test_an_export_costs_the_same_queries_however_many_missions_it_holds(
    client, missions, url, django_assert_max_num_queries
):
    query = {"organization": "un", "sort": "-start"}
    few = export_queries(client, url, query)
    un = missions["UNAMIR"].roles.get().organization
    au = make_organization(name="African Union", acronym="AU", slug="au")
    for number in range(30):
        make_mission(
            acronym=f"M{number}",
            organizations=[(un, Role.LEAD), (au, Role.PARTNER)],
            countries=("CD", "RW", "BI"),
            start_date=datetime.date(1990 + number, 1, 1),
            start_precision="year",
        )
    with django_assert_max_num_queries(few):
        rows = body(client.get(url, query))
    assert b"M29" in rows and b"Burundi" in rows
    # The organization filter's look-up, the missions, their organizations, their countries.
    assert few <= 4, few


@pytest.mark.parametrize(
    ("page", "standard", "excel"),
    [
        ("organizations:list", "organizations:export-csv", "organizations:export-excel"),
        ("lessons:list", "lessons:export-csv", "lessons:export-excel"),
    ],
)
def test_organizations_and_lessons_offer_the_excel_csv_too(client, missions, page, standard, excel):
    html = client.get(reverse(page)).content.decode()
    assert f'<a href="{reverse(excel)}" download>CSV for Excel</a>' in html
    plain, marked = client.get(reverse(standard)), client.get(reverse(excel))
    assert marked["Content-Type"] == "text/csv; charset=utf-8"
    assert filename(marked).endswith("-excel.csv")
    assert body(marked) == b"\xef\xbb\xbf" + body(plain)
