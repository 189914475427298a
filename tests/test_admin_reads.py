"""Who reads what in the admin: history, its comparisons and reverts, and the dashboard.

Each test is the attack: a staff account without a group, or a Viewer, asks for what its
permissions do not cover, and gets a 403 (or a page without it), with nothing changed.
"""

import pytest
import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from lessons.models import Lesson
from missions.models import Mission
from tests.factories import make_lesson, make_mission, make_user

pytestmark = pytest.mark.django_db

FIRST_DRAFT = "First draft: the unpublished assessment of the ceasefire."
SECOND_DRAFT = "Second draft: the commander's confidential note."


@pytest.fixture
def draft_mission():
    """A draft mission with two versions, each with text no reader has seen."""
    with reversion.create_revision():
        mission = make_mission(status="draft", summary=FIRST_DRAFT)
    with reversion.create_revision():
        mission.summary = SECOND_DRAFT
        mission.save()
    return mission


@pytest.fixture
def groupless_client(client):
    """A staff account with no group and no permission: it may log in to the admin, no more."""
    client.force_login(User.objects.create_user("staff", password="pw", is_staff=True))
    return client


@pytest.fixture
def viewer_client(client):
    client.force_login(make_user("viewer", "Viewer"))
    return client


def versions_of(record):
    return list(Version.objects.get_for_object(record).order_by("pk"))


def compare_url(record):
    first, second = versions_of(record)[:2]
    url = reverse("admin:missions_mission_compare", args=[record.pk])
    return f"{url}?version_id1={first.pk}&version_id2={second.pk}"


def assert_no_draft_text(response):
    body = response.content.decode()
    assert FIRST_DRAFT not in body and SECOND_DRAFT not in body
    assert "ceasefire" not in body and "confidential" not in body


def test_staff_without_permission_cannot_compare_history(groupless_client, draft_mission):
    response = groupless_client.get(compare_url(draft_mission))
    assert response.status_code == 403
    assert_no_draft_text(response)


def test_compare_is_refused_before_the_record_is_looked_up(groupless_client, draft_mission):
    # A missing record is a 403 too: the answer tells nothing about which ids exist.
    url = reverse("admin:missions_mission_compare", args=[draft_mission.pk + 1000])
    assert groupless_client.get(url, {"version_id1": 1, "version_id2": 2}).status_code == 403


def test_viewer_compares_what_the_history_page_shows(viewer_client, draft_mission):
    response = viewer_client.get(compare_url(draft_mission))
    assert response.status_code == 200
    assert "confidential" in response.content.decode()


def reversion_views(record):
    """(name, method, url) of every reversion and reversion-compare view of one record."""
    versions = versions_of(record)
    return [
        ("history", "get", reverse("admin:missions_mission_history", args=[record.pk])),
        ("compare", "get", compare_url(record)),
        (
            "revision",
            "get",
            reverse("admin:missions_mission_revision", args=[record.pk, versions[0].pk]),
        ),
        (
            "revert",
            "post",
            reverse("admin:missions_mission_revision", args=[record.pk, versions[0].pk]),
        ),
        ("recover list", "get", reverse("admin:missions_mission_recoverlist")),
        ("recover", "get", reverse("admin:missions_mission_recover", args=[versions[0].pk])),
        ("recover post", "post", reverse("admin:missions_mission_recover", args=[versions[0].pk])),
    ]


# What each account may do with a record's history: a Viewer reads it (as it reads the
# record), only editors revert or recover; an account without permissions does nothing.
ALLOWED = {
    "groupless": set(),
    "viewer": {"history", "compare", "revision"},
}


@pytest.mark.parametrize("account", sorted(ALLOWED))
def test_every_history_view_asks_for_the_records_permission(client, draft_mission, account):
    if account == "viewer":
        client.force_login(make_user("viewer", "Viewer"))
    else:
        client.force_login(User.objects.create_user("staff", password="pw", is_staff=True))
    before = Mission.objects.values().get(pk=draft_mission.pk)
    version_count = Version.objects.count()
    for name, method, url in reversion_views(draft_mission):
        if method == "post":
            response = client.post(url, {"summary": "Overwritten by an attack."})
        else:
            response = client.get(url)
        if name in ALLOWED[account]:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, name
            assert_no_draft_text(response)
    assert Mission.objects.values().get(pk=draft_mission.pk) == before
    assert Version.objects.count() == version_count


def test_a_version_of_another_model_is_not_reverted_through_this_admin(admin_client):
    """The revision view looked the version up by id alone, then reverted its revision."""
    mission = make_mission(summary="The mission as it is.")
    with reversion.create_revision():
        lesson = make_lesson(pk=mission.pk, observation="The lesson as it was.")
    with reversion.create_revision():
        lesson.observation = "The lesson as it is."
        lesson.save()
    old_lesson_version = versions_of(lesson)[0]
    url = reverse("admin:missions_mission_revision", args=[mission.pk, old_lesson_version.pk])
    assert admin_client.get(url).status_code == 404
    recover = reverse("admin:missions_mission_recover", args=[old_lesson_version.pk])
    assert admin_client.post(recover).status_code == 404
    assert Lesson.objects.get(pk=lesson.pk).observation == "The lesson as it is."


def test_viewer_does_not_see_user_account_changes_on_the_dashboard(client, draft_mission):
    viewer = make_user("viewer", "Viewer")
    admin = User.objects.create_superuser("root", password="pw")
    newcomer = User.objects.create_user("new-editor-account", password="pw")
    for record in (newcomer, draft_mission):
        LogEntry.objects.log_actions(
            admin.pk, [record], ADDITION, change_message="Added.", single_object=True
        )
    client.force_login(viewer)
    body = client.get(reverse("admin:index")).content.decode()
    assert "new-editor-account" not in body
    assert draft_mission.acronym in body  # a record a Viewer may see stays listed
    client.force_login(admin)
    body = client.get(reverse("admin:index")).content.decode()
    assert "new-editor-account" in body and draft_mission.acronym in body


def test_an_account_without_permissions_sees_no_changes_on_the_dashboard(
    groupless_client, draft_mission
):
    admin = User.objects.create_superuser("root", password="pw")
    LogEntry.objects.log_actions(
        admin.pk, [draft_mission], ADDITION, change_message="Added.", single_object=True
    )
    body = groupless_client.get(reverse("admin:index")).content.decode()
    assert draft_mission.acronym not in body
    assert "No changes recorded yet." in body
