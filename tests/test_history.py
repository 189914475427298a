"""History: every save is a version; any version, relations included, can be restored."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from missions.models import HostCountry, Mission, MissionOrganization, Role
from sources.models import Citation
from tests.factories import cite, make_mission, make_organization, make_section

pytestmark = pytest.mark.django_db


def mission_state(mission):
    mission.refresh_from_db()
    return {
        "summary": mission.summary,
        "roles": sorted((r.organization.slug, r.role) for r in mission.roles.all()),
        "countries": sorted(str(h.country) for h in mission.host_countries.all()),
        "citations": sorted((c.section_id, c.field, c.locator) for c in mission.citations.all()),
    }


@pytest.fixture
def versioned_mission(admin_user):
    un = make_organization(slug="un", acronym="UN")
    au = make_organization(slug="au", acronym="AU")
    with reversion.create_revision():
        mission = make_mission(
            summary="The original summary.",
            status="draft",
            organizations=[(un, Role.LEAD), (au, Role.PARTNER)],
            countries=("SD",),
        )
        cite(mission, make_section(), locator="row 1")
        reversion.set_user(admin_user)
    return mission


def test_a_bad_edit_is_reverted_with_its_roles_countries_and_citations(versioned_mission):
    original = mission_state(versioned_mission)
    with reversion.create_revision():
        versioned_mission.summary = "A bad edit."
        versioned_mission.save()
        MissionOrganization.objects.filter(mission=versioned_mission, role=Role.PARTNER).delete()
        HostCountry.objects.create(mission=versioned_mission, country="TD")
        Citation.objects.filter(mission=versioned_mission).update(locator="wrong row")
        for related in (
            *versioned_mission.roles.all(),
            *versioned_mission.host_countries.all(),
            *versioned_mission.citations.all(),
        ):
            reversion.add_to_revision(related)
    assert mission_state(versioned_mission) != original

    versions = Version.objects.get_for_object(versioned_mission)
    assert versions.count() == 2
    versions.last().revision.revert(delete=True)
    assert mission_state(versioned_mission) == original


def test_admin_shows_history_and_a_field_by_field_diff(admin_client, versioned_mission):
    response = admin_client.post(
        reverse("admin:missions_mission_change", args=[versioned_mission.pk]),
        {
            "acronym": versioned_mission.acronym,
            "kind": versioned_mission.kind,
            "name": versioned_mission.name,
            "slug": versioned_mission.slug,
            "status": versioned_mission.status,
            "loaded_at": versioned_mission.updated_at.isoformat(),
            "summary": "An improved summary.",
            "outcome": versioned_mission.outcome,
            "start_date": versioned_mission.start_date.isoformat(),
            "start_precision": versioned_mission.start_precision,
            **{
                f"{prefix}-{key}": value
                for prefix in ("roles", "host_countries", "citations")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    history_url = reverse("admin:missions_mission_history", args=[versioned_mission.pk])
    history = admin_client.get(history_url)
    assert history.status_code == 200
    versions = list(Version.objects.get_for_object(versioned_mission).order_by("pk"))
    compare = admin_client.get(
        reverse("admin:missions_mission_compare", args=[versioned_mission.pk]),
        {"version_id1": versions[0].pk, "version_id2": versions[-1].pk},
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    # A word diff of the summary: what went and what came.
    assert "original" in html and "improved" in html and "summary" in html


def test_a_deleted_mission_can_be_recovered(admin_client, versioned_mission):
    slug = versioned_mission.slug
    with reversion.create_revision():
        versioned_mission.delete()
    assert not Mission.objects.filter(slug=slug).exists()
    recover_list = admin_client.get(reverse("admin:missions_mission_recoverlist"))
    assert recover_list.status_code == 200
    deleted = Version.objects.get_deleted(Mission).get()
    deleted.revision.revert(delete=False)
    restored = Mission.objects.get(slug=slug)
    assert restored.roles.count() == 2 and restored.citations.count() == 1
