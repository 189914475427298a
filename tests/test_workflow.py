"""Editorial workflow: editors submit, publishers publish, drafts preview, no lost updates."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from missions.models import Mission, Role
from tests.factories import cite, make_mission, make_organization, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", "Editor"))
    return client


@pytest.fixture
def publisher_client(client):
    client.force_login(make_user("publisher", "Publisher"))
    return client


def change_data(mission, **overrides):
    """What the mission change form posts, built from the record as it is."""
    data = {
        "acronym": mission.acronym,
        "kind": mission.kind,
        "name": mission.name,
        "slug": mission.slug,
        "loaded_at": mission.updated_at.isoformat() if mission.updated_at else "",
        "summary": mission.summary,
        "outcome": mission.outcome,
        "start_date": mission.start_date.isoformat() if mission.start_date else "",
        "start_precision": mission.start_precision,
        "end_date": "",
        "end_precision": "",
        "operation_type": "",
        "region": "",
    }
    for prefix, rows in (("roles", []), ("host_countries", []), ("citations", [])):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def change_url(mission):
    return reverse("admin:missions_mission_change", args=[mission.pk])


def add_citation_rows(data, mission):
    citations = list(mission.citations.all())
    data["citations-TOTAL_FORMS"] = str(len(citations))
    data["citations-INITIAL_FORMS"] = str(len(citations))
    for number, citation in enumerate(citations):
        data[f"citations-{number}-id"] = citation.pk
        data[f"citations-{number}-mission"] = mission.pk
        data[f"citations-{number}-section"] = citation.section_id
        data[f"citations-{number}-field"] = citation.field
    return data


def test_editor_cannot_publish_by_crafted_post(editor_client):
    mission = make_mission(status="review")
    cite(mission)
    response = editor_client.post(
        change_url(mission), add_citation_rows(change_data(mission, _workflow="publish"), mission)
    )
    assert response.status_code == 403
    mission.refresh_from_db()
    assert mission.status == "review"


def test_editor_cannot_create_a_published_record(editor_client):
    data = change_data(Mission(acronym="NEW", slug="new", summary="s"), _workflow="publish")
    response = editor_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 403
    assert not Mission.objects.filter(slug="new").exists()


def test_a_crafted_status_field_is_ignored(editor_client):
    """The state moves by the buttons only: a status in the POST changes nothing."""
    for status in ("draft", "archived"):
        mission = make_mission(status="published")
        cite(mission)
        data = add_citation_rows(change_data(mission, status=status), mission)
        assert editor_client.post(change_url(mission), data).status_code == 302
        mission.refresh_from_db()
        assert mission.status == "published"


def test_an_unknown_button_is_refused_and_changes_nothing(editor_client):
    mission = make_mission(status="draft")
    response = editor_client.post(
        change_url(mission), change_data(mission, summary="New words.", _workflow="delete-all")
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    mission.refresh_from_db()
    assert mission.summary != "New words."


def test_editor_can_submit_for_review_and_edit_text(editor_client):
    mission = make_mission(status="draft")
    response = editor_client.post(
        change_url(mission), change_data(mission, _workflow="submit", summary="Better words.")
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.status, mission.summary) == ("review", "Better words.")


def test_saving_a_draft_keeps_it_a_draft(editor_client):
    mission = make_mission(status="draft")
    response = editor_client.post(
        change_url(mission), change_data(mission, _workflow="save", summary="Later words.")
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.status, mission.summary) == ("draft", "Later words.")


def buttons(client, mission):
    page = client.get(change_url(mission)).content.decode()
    return [
        label
        for label in ("Save draft", "Submit for review", "Approve and publish")
        if f'value="{label_value(label)}"' in page
    ]


def label_value(label):
    return {"Save draft": "save", "Submit for review": "submit", "Approve and publish": "publish"}[
        label
    ]


def test_the_form_offers_the_buttons_of_the_role(editor_client, client):
    mission = make_mission(status="draft")
    assert buttons(editor_client, mission) == ["Save draft", "Submit for review"]
    form = editor_client.get(change_url(mission)).context["adminform"].form
    assert "status" not in form.fields  # no drop-down: the state shows as text
    client.force_login(make_user("publisher", "Publisher"))
    assert buttons(client, mission) == ["Save draft", "Submit for review", "Approve and publish"]


def test_publisher_publishes_a_cited_record(publisher_client):
    mission = make_mission(status="review")
    cite(mission)
    response = publisher_client.post(
        change_url(mission), add_citation_rows(change_data(mission, _workflow="publish"), mission)
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.status == "published"


def test_a_record_without_citations_cannot_be_published(publisher_client):
    mission = make_mission(status="review")
    response = publisher_client.post(change_url(mission), change_data(mission, _workflow="publish"))
    assert response.status_code == 200
    assert "cannot be published without at least one citation" in response.content.decode()
    mission.refresh_from_db()
    assert mission.status == "review"


def test_publish_action_checks_permission_and_citations(editor_client, client):
    cited = make_mission(status="review")
    cite(cited)
    uncited = make_mission(status="review")
    url = reverse("admin:missions_mission_changelist")
    payload = {"action": "publish", "_selected_action": [cited.pk, uncited.pk]}
    editor_client.post(url, payload)
    cited.refresh_from_db()
    assert cited.status == "review"  # the action is not even offered to an editor

    client.force_login(make_user("publisher2", "Publisher"))
    response = client.post(url, payload, follow=True)
    cited.refresh_from_db()
    uncited.refresh_from_db()
    assert cited.status == "published" and uncited.status == "review"
    assert "was not published" in response.content.decode()


def test_staff_preview_a_draft_with_a_banner_and_no_cache(editor_client, client):
    mission = make_mission(status="draft")
    response = editor_client.get(mission.get_absolute_url())
    assert response.status_code == 200
    assert "not visible to readers" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(mission.get_absolute_url()).status_code == 404


def test_staff_preview_a_drafts_json_uncached_and_readers_get_a_404(editor_client, client):
    mission = make_mission(status="draft")
    url = reverse("missions:detail-json", kwargs={"slug": mission.slug})
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response.json()["slug"] == mission.slug
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 404


def test_a_preview_lists_organizations_and_countries_as_the_published_page_does(editor_client):
    # A published page reads them from the facet index; a draft's preview from the database.
    un, council = make_organization(acronym="UN"), make_organization(acronym="UNSC")
    unpublished = make_organization(acronym="HIDDEN", status="draft")
    roles = [(council, Role.AUTHORIZING), (unpublished, Role.PARTNER), (un, Role.LEAD)]
    published = make_mission(organizations=roles, countries=("SO", "KE"))
    draft = make_mission(status="draft", organizations=roles, countries=("SO", "KE"))

    def facts(mission):
        context = editor_client.get(mission.get_absolute_url()).context
        organizations = [(org.slug, name, role) for org, name, role in context["organizations"]]
        return organizations, context["host_countries"]

    assert (
        facts(published)
        == facts(draft)
        == (
            [(un.slug, "UN", "lead"), (council.slug, "UNSC", "authorizing body")],
            ["Kenya", "Somalia"],
        )
    )


def test_second_save_is_refused_and_shows_both_versions(client):
    first, second = make_user("first", "Editor"), User.objects.create_user("second", is_staff=True)
    second.groups.add(Group.objects.get(name="Editor"))
    mission = make_mission(status="draft", summary="Original.")
    opened = change_data(mission)  # both editors open the form now
    client.force_login(first)
    assert client.post(change_url(mission), {**opened, "summary": "First edit."}).status_code == 302
    client.force_login(second)
    response = client.post(change_url(mission), {**opened, "summary": "Second edit."})
    html = response.content.decode()
    assert response.status_code == 409
    assert "first changed this record on" in html.lower()
    assert "Second edit." in html and "First edit." in html  # the diff shows both
    mission.refresh_from_db()
    assert mission.summary == "First edit."
    # The form now holds the newer save; a second save made from it keeps that save.
    form = response.context["adminform"].form
    assert form["summary"].value() == "First edit."
    # Typing the change in again, on purpose, goes through.
    again = {**opened, "summary": "Second edit.", "loaded_at": form["loaded_at"].value()}
    assert client.post(change_url(mission), again).status_code == 302
    mission.refresh_from_db()
    assert mission.summary == "Second edit."


def test_admin_index_shows_the_review_queue_and_who_changed_what(publisher_client):
    make_mission(status="review")
    make_mission(status="review")
    mission = make_mission(status="draft")
    publisher_client.post(change_url(mission), change_data(mission, summary="Edited."))
    html = publisher_client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review" in html
    assert '?status__exact=review">Missions</a></th><td>2</td>' in html
    assert "publisher" in html and str(mission) in html


def test_form_explains_an_acronym_taken_in_another_case(editor_client):
    make_mission(acronym="UNFICYP")
    data = change_data(Mission(acronym="unficyp", slug="copy", summary="s"), status="draft")
    response = editor_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 200
    assert "Another mission already uses this acronym." in response.content.decode()
