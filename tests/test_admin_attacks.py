"""The admin's history, recovery and related-row screens, tried as an editor who wants past
the Publisher role would try them: each attempt is refused and changes nothing."""

import pytest
from django.urls import reverse
from reversion.models import Version

from atlas.publishing import set_status
from missions.models import HostCountry, Mission, MissionOrganization, Role
from sources.models import Citation
from tests.admin_forms import form_data
from tests.factories import cite, make_mission, make_organization, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("editor", "Editor")


@pytest.fixture
def publisher():
    return make_user("publisher", "Publisher")


def change_url(mission):
    return reverse("admin:missions_mission_change", args=[mission.pk])


def save_through_admin(client, user, mission, **changes):
    """Open the change form as `user`, change some fields, save; the save makes a version."""
    client.force_login(user)
    page = client.get(change_url(mission))
    response = client.post(change_url(mission), form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    mission.refresh_from_db()
    return Version.objects.get_for_object(mission).first()


def revision_url(mission, version):
    return reverse("admin:missions_mission_revision", args=[mission.pk, version.pk])


@pytest.fixture
def published_then_withdrawn(client, publisher):
    """A cited mission a publisher published, then unpublished: its history holds both."""
    mission = make_mission(status="review", summary="Reviewed text.")
    cite(mission)
    published = save_through_admin(client, publisher, mission, _workflow="publish")
    set_status([mission], "draft", publisher)
    client.logout()
    return mission, published


def test_editor_cannot_publish_by_revert(client, editor, published_then_withdrawn):
    mission, published = published_then_withdrawn
    client.force_login(editor)
    page = client.get(revision_url(mission, published))
    assert page.status_code == 200
    # The buttons are those of the record as it is now, not of the old version.
    assert [action for action, _ in page.context["workflow_buttons"]] == ["save", "submit"]
    response = client.post(revision_url(mission, published), form_data(page, _workflow="publish"))
    assert response.status_code == 403
    mission.refresh_from_db()
    assert mission.status == "draft"
    client.logout()
    assert client.get(mission.get_absolute_url()).status_code == 404


def test_editor_restores_an_old_version_as_a_draft(client, editor, published_then_withdrawn):
    mission, published = published_then_withdrawn
    save_through_admin(client, editor, mission, summary="A later, worse text.")
    page = client.get(revision_url(mission, published))
    response = client.post(revision_url(mission, published), form_data(page, _workflow="save"))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.status, mission.summary) == ("draft", "Reviewed text.")


def test_editor_cannot_unarchive_by_revert(client, editor, publisher):
    mission = make_mission(status="review")
    cite(mission)
    published = save_through_admin(client, publisher, mission, _workflow="publish")
    set_status([mission], "archived", publisher)
    client.force_login(editor)
    page = client.get(revision_url(mission, published))
    for action in ("publish", "submit"):
        response = client.post(revision_url(mission, published), form_data(page, _workflow=action))
        assert response.status_code == 403
    mission.refresh_from_db()
    assert mission.status == "archived"


def deleted_version(client, publisher):
    mission = make_mission(status="review")
    cite(mission)
    save_through_admin(client, publisher, mission, _workflow="publish")
    client.post(reverse("admin:missions_mission_delete", args=[mission.pk]), {"post": "yes"})
    assert not Mission.objects.filter(pk=mission.pk).exists()
    client.logout()
    return mission, Version.objects.get_deleted(Mission).get()


def test_editor_cannot_publish_by_recover(client, editor, publisher):
    mission, version = deleted_version(client, publisher)
    client.force_login(editor)
    url = reverse("admin:missions_mission_recover", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert [action for action, _ in page.context["workflow_buttons"]] == ["save", "submit"]
    response = client.post(url, form_data(page, _workflow="publish"))
    assert response.status_code == 403
    assert not Mission.objects.filter(slug=mission.slug).exists()


def test_editor_recovers_a_deleted_record_as_a_draft(client, editor, publisher):
    mission, version = deleted_version(client, publisher)
    client.force_login(editor)
    url = reverse("admin:missions_mission_recover", args=[version.pk])
    page = client.get(url)
    response = client.post(url, form_data(page, _workflow="save"))
    assert response.status_code == 302
    recovered = Mission.objects.get(slug=mission.slug)
    assert recovered.status == "draft" and recovered.citations.count() == 1


def test_publisher_recovers_a_deleted_record_as_published(client, publisher):
    mission, version = deleted_version(client, publisher)
    client.force_login(publisher)
    url = reverse("admin:missions_mission_recover", args=[version.pk])
    response = client.post(url, form_data(client.get(url), _workflow="publish"))
    assert response.status_code == 302
    assert Mission.objects.get(slug=mission.slug).status == "published"


def test_a_version_of_another_model_is_not_restored_through_this_screen(client, publisher):
    organization = make_organization(status="draft")
    client.force_login(publisher)
    url = reverse("admin:organizations_organization_change", args=[organization.pk])
    client.post(url, form_data(client.get(url), summary="Saved once."))
    version = Version.objects.get_for_object(organization).first()
    recover = reverse("admin:missions_mission_recover", args=[version.pk])
    assert client.get(recover).status_code == 404
    mission = make_mission(pk=organization.pk)
    assert client.get(revision_url(mission, version)).status_code == 404


def test_editor_cannot_delete_rows_by_revert(client, editor, publisher):
    un = make_organization()
    mission = make_mission(status="draft", organizations=[(un, Role.LEAD)], countries=("SD",))
    cite(mission)
    first = save_through_admin(client, editor, mission, summary="First text.")
    HostCountry.objects.create(mission=mission, country="TD")
    cite(mission, make_section(), locator="added later")
    save_through_admin(client, editor, mission, summary="Second text.")
    page = client.get(revision_url(mission, first))
    assert "would delete 1 citation, 1 host country" in page.content.decode()
    response = client.post(revision_url(mission, first), form_data(page))
    assert response.status_code == 403
    assert "would delete 1 citation, 1 host country" in response.content.decode()
    assert mission.host_countries.count() == 2 and mission.citations.count() == 2
    # A publisher holds the delete permission, and may restore it.
    client.force_login(publisher)
    page = client.get(revision_url(mission, first))
    assert client.post(revision_url(mission, first), form_data(page)).status_code == 302
    assert mission.host_countries.count() == 1 and mission.citations.count() == 1


RELATED_ROWS = [
    ("missions", "missionorganization"),
    ("missions", "hostcountry"),
    ("sources", "citation"),
    ("sources", "sourcesection"),
]


@pytest.mark.parametrize(("app", "model"), RELATED_ROWS)
def test_related_rows_change_only_with_their_record(client, editor, publisher, app, model):
    """Roles, host countries, citations and sections are edited on their record's form,
    where the workflow and history apply; their own lists are read-only, for everyone."""
    un = make_organization()
    mission = make_mission(organizations=[(un, Role.LEAD)])
    citation = cite(mission)
    rows = {
        "missionorganization": MissionOrganization.objects.get(mission=mission),
        "hostcountry": mission.host_countries.get(),
        "citation": citation,
        "sourcesection": citation.section,
    }
    row = rows[model]
    for user in (editor, publisher):
        client.force_login(user)
        changelist = client.get(reverse(f"admin:{app}_{model}_changelist"))
        assert changelist.status_code == 200
        assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
        change = reverse(f"admin:{app}_{model}_change", args=[row.pk])
        page = client.get(change)
        assert page.status_code == 200  # viewable, with a link to where it is edited
        assert client.post(change, {"locator": "moved", "country": "FR"}).status_code == 403
        delete = reverse(f"admin:{app}_{model}_delete", args=[row.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


def test_editor_cannot_strip_a_published_mission_of_its_citations(client, editor):
    mission = make_mission(status="published")
    citation = cite(mission)
    other = make_mission(status="draft")
    client.force_login(editor)
    url = reverse("admin:sources_citation_change", args=[citation.pk])
    response = client.post(url, {"mission": other.pk, "section": citation.section_id})
    assert response.status_code == 403
    assert list(mission.citations.all()) == [citation]
    # Nor through the mission's own form: its citation inline keeps at least one.
    page = client.get(change_url(mission))
    data = form_data(page, **{"citations-0-DELETE": "on"})
    client.post(change_url(mission), data)  # an editor's form offers no delete box
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_a_theme_change_keeps_history(client, publisher):
    from lessons.models import Theme

    theme = Theme.objects.create(name="Planning", slug="planning")
    client.force_login(publisher)
    url = reverse("admin:lessons_theme_change", args=[theme.pk])
    response = client.post(url, form_data(client.get(url), name="Planning and mandates"))
    assert response.status_code == 302
    version = Version.objects.get_for_object(theme).get()
    assert version.revision.user == publisher
    assert client.get(reverse("admin:lessons_theme_history", args=[theme.pk])).status_code == 200


def test_a_second_save_after_a_conflict_keeps_the_other_editors_change(client, editor):
    """The refusal shows what the other editor changed, and the form it shows again holds
    their version with this editor's own, untouched-by-them changes kept."""
    other = make_user("other", "Editor")
    mission = make_mission(status="draft", summary="Original summary.", mandate="Original.")
    save_through_admin(client, editor, mission)  # a version to compare with
    client.force_login(editor)
    opened = client.get(change_url(mission))
    save_through_admin(client, other, mission, mandate="The other editor's mandate.")

    client.force_login(editor)
    mine = form_data(opened, summary="My new summary.", mandate="My mandate.")
    refused = client.post(change_url(mission), mine)
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "other changed this record on" in html.lower()
    assert "The other editor&#x27;s mandate." in html and "My mandate." in html  # the diff
    form = refused.context["adminform"].form
    assert form["mandate"].value() == "The other editor's mandate."  # theirs, not mine
    assert form["summary"].value() == "My new summary."  # mine: they did not touch it
    mission.refresh_from_db()
    assert mission.mandate == "The other editor's mandate."

    # Saving the form as shown again keeps both changes; nothing is silently overwritten.
    assert client.post(change_url(mission), form_data(refused)).status_code == 302
    mission.refresh_from_db()
    assert (mission.summary, mission.mandate) == ("My new summary.", "The other editor's mandate.")
