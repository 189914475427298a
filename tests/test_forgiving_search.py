"""Search that forgives: typos, other names, people and places, best match first."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from atlas.search import rebuild_index
from datasets.models import Appointment, DeploymentSite
from datasets.models.leaders import Post
from sources.models import SourceKind
from tests.factories import make_lesson, make_mission, make_organization, make_source, make_topic
from website.search import forgiving_search, search

pytestmark = pytest.mark.django_db
URL = reverse("search")
DIRECTORY = reverse("missions:list")


@pytest.fixture
def atlas():
    unoci = make_mission(
        acronym="UNOCI",
        name="United Nations Operation in Côte d'Ivoire",
        summary="Peacekeeping operation supporting the peace process in Côte d'Ivoire.",
        countries=("CI",),
    )
    unficyp = make_mission(
        acronym="UNFICYP",
        name="United Nations Peacekeeping Force in Cyprus",
        summary="Keeps the buffer zone between the two communities.",
        countries=("CY",),
    )
    organization = make_organization(
        name="United Nations", acronym="UN", summary="Deploys peacekeeping operations."
    )
    topic = make_topic(name="Protection of civilians", summary="How missions protect people.")
    lesson = make_lesson(
        title="Protection of civilians needs mobile patrols",
        observation="Protection of civilians was best where patrols moved.",
    )
    return {
        "unoci": unoci,
        "unficyp": unficyp,
        "organization": organization,
        "topic": topic,
        "lesson": lesson,
    }


def slugs(answer):
    return {hit.slug for group in answer.results.values() for hit in group["hits"]}


def test_a_typo_finds_the_corrected_words_and_says_so(client, atlas):
    assert search("peacekeping") == {}
    response = client.get(URL, {"q": "peacekeping"})
    answer = response.context["answer"]
    assert answer.corrected == "peacekeeping"
    assert atlas["unficyp"].slug in slugs(answer)
    html = response.content.decode()
    assert "Showing results for" in html and "Search instead for" in html
    assert "exact=1" in html


def test_searching_instead_for_the_words_as_typed_corrects_nothing(client, atlas):
    answer = client.get(URL, {"q": "peacekeping", "exact": "1"}).context["answer"]
    assert answer.corrected == "" and answer.total == 0


def test_a_word_the_index_holds_is_never_corrected(atlas):
    assert forgiving_search("cyprus").corrected == ""


@pytest.mark.parametrize(
    "query", ["ONU", "Organisation des Nations Unies", "onu peacekeeping", "casques bleus"]
)
def test_the_united_nations_other_names_find_it(atlas, query):
    assert atlas["organization"].slug in slugs(forgiving_search(query))


@pytest.mark.parametrize("query", ["blue helmets", "Blue Helmets Cyprus"])
def test_blue_helmets_means_peacekeeping(atlas, query):
    assert atlas["unficyp"].slug in slugs(forgiving_search(query))


@pytest.mark.parametrize(
    "query", ["Ivory Coast", "ivory coast operation", "Cote d'Ivoire", "ONUCI"]
)
def test_a_country_s_other_names_find_its_mission(atlas, query):
    assert slugs(forgiving_search(query)) >= {atlas["unoci"].slug}


def test_a_former_country_name_finds_the_mission(atlas):
    monusco = make_mission(
        acronym="MONUSCO", summary="Stabilization in the Democratic Republic of the Congo."
    )
    assert slugs(forgiving_search("Zaire")) == {monusco.slug}


def test_a_french_country_name_finds_the_mission(atlas):
    assert atlas["unficyp"].slug in slugs(forgiving_search("Chypre"))


@pytest.fixture
def people_and_places(atlas):
    leaders = make_source(slug="un-mission-leaders", title="Leaders", kind=SourceKind.DATASET)
    sites = make_source(slug="geo-pko-deployments", title="Sites", kind=SourceKind.DATASET)
    Appointment.objects.create(
        source=leaders,
        row=2,
        last_row=3,
        mission_label="UNOCI",
        mission=atlas["unoci"],
        post=Post.FORCE_COMMANDER,
        last_name="Kazura",
        first_name="Jean-Claude",
        gender="male",
        nationality_code="516",
        start_year=2005,
        end_year=2006,
    )
    DeploymentSite.objects.create(
        source=sites,
        row=2,
        mission_label="UNOCI",
        mission=atlas["unoci"],
        year=2011,
        country="CI",
        country_label="Ivory Coast",
        location="Bouaké",
        latitude=7.69,
        longitude=-5.03,
        police=False,
        observers=False,
        medical=False,
        air_units=0,
        headquarters=0,
        lines=[2],
    )
    # The import ends with a rebuild: the rows are written in bulk, without signals.
    rebuild_index()


@pytest.mark.parametrize("query", ["Kazura", "Jean-Claude Kazura", "kazurra"])
def test_a_force_commander_finds_the_mission(people_and_places, atlas, query):
    assert slugs(forgiving_search(query)) == {atlas["unoci"].slug}


@pytest.mark.parametrize("query", ["Bouaké", "bouake"])
def test_a_deployment_site_finds_the_mission(people_and_places, atlas, query):
    assert slugs(forgiving_search(query)) == {atlas["unoci"].slug}


def test_saving_the_mission_keeps_its_people_and_places(people_and_places, atlas):
    atlas["unoci"].summary = "Edited."
    atlas["unoci"].save()
    assert slugs(forgiving_search("Kazura")) == {atlas["unoci"].slug}


def test_a_topic_titled_by_the_query_is_the_best_match(client, atlas):
    response = client.get(URL, {"q": "protection of civilians"})
    best = response.context["answer"].best
    assert [hit.kind for hit in best][:1] == ["topic"]
    assert best[0].slug == atlas["topic"].slug
    html = response.content.decode()
    topic_url, lesson_url = atlas["topic"].get_absolute_url(), atlas["lesson"].get_absolute_url()
    assert html.index("Best matches") < html.index(topic_url) < html.index(lesson_url)


def test_an_organization_titled_by_the_query_comes_before_missions_naming_it(atlas):
    best = forgiving_search("united nations").best
    assert best[0].slug == atlas["organization"].slug


def test_a_search_with_no_results_suggests_what_to_try(client, atlas):
    response = client.get(URL, {"q": "zzzqqq xxyyzz"})
    html = response.content.decode()
    assert response.context["total"] == 0
    assert "Things to try" in html and "Fewer words" in html
    assert reverse("missions:list") in html and reverse("lessons:topics") in html


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", 'onu "', "ivory coast*", "\x00onu", "a" * 199, "(((", "💥"]
)
def test_odd_queries_never_break_the_page(client, atlas, query):
    assert client.get(URL, {"q": query}).status_code == 200
    assert client.get(DIRECTORY, {"q": query}).status_code == 200


def acronyms(response):
    return [mission.acronym for mission in response.context["mission_list"]]


def test_the_directory_box_forgives_a_typo_and_says_so(client, atlas):
    # "cyprs" finds Cyprus as a word's start, once stemmed; letters swapped do not.
    assert acronyms(client.get(DIRECTORY, {"q": "cyprs"})) == ["UNFICYP"]
    response = client.get(DIRECTORY, {"q": "cyrpus"})
    assert acronyms(response) == ["UNFICYP"]
    html = response.content.decode()
    assert "No mission matches “cyrpus”, so these are the missions matching “cyprus”." in html
    assert "<h1>Missions, matching “cyprus”</h1>" in html
    assert "No mission matches" not in client.get(DIRECTORY, {"q": "cyprus"}).content.decode()
    # The selection's downloads and timeline hold what the list showed.
    export = client.get(reverse("missions:export-csv"), {"q": "cyrpus"})
    assert b"UNFICYP" in b"".join(export.streaming_content)
    timeline = client.get(reverse("missions:timeline"), {"q": "cyrpus"}).content.decode()
    assert "UNFICYP" in timeline and "so these are the missions matching" in timeline


@pytest.mark.parametrize("query", ["Ivory Coast", "ONUCI", "Chypre"])
def test_the_directory_box_knows_other_names(client, atlas, query):
    expected = ["UNFICYP"] if query == "Chypre" else ["UNOCI"]
    assert acronyms(client.get(DIRECTORY, {"q": query})) == expected


def test_a_forgiven_search_costs_a_fixed_number_of_queries(
    client, atlas, django_assert_max_num_queries
):
    client.get(URL, {"q": "cyprus"})  # the vocabulary is built once per content version
    client.get(URL, {"q": "cyprs"})
    for number in range(10):
        make_lesson(title=f"Lesson {number}", observation="Buffer zones hold.")
    client.get(URL, {"q": "bufer"})
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "bufer zones"})


def test_an_import_makes_its_leaders_searchable(tmp_path):
    from tests.test_import_leaders import leader, write  # the leaders' sheet, made small

    make_source(slug="un-mission-leaders", title="Leaders", kind=SourceKind.DATASET)
    unmil = make_mission(acronym="UNMIL", name="United Nations Mission in Liberia")
    call_command("import_datasets", str(write(tmp_path, [leader()])), "--only", "leaders")
    assert slugs(forgiving_search("Daniel Opande")) == {unmil.slug}
