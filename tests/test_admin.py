"""Editors work in the admin: every changelist opens, and a mission is made in one form."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from atlas.roles import sync_groups
from missions.models import Mission
from tests.factories import make_atlas, make_organization, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    sync_groups()
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editor_creates_a_mission_with_two_organizations_and_a_citation(client, editor):
    un = make_organization(name="United Nations", acronym="UN")
    au = make_organization(name="African Union", acronym="AU")
    section = make_section()
    data = {
        "acronym": "UNAMID",
        "kind": "peace-operation",
        "name": "African Union-United Nations Hybrid Operation in Darfur",
        "slug": "unamid",
        "status": "draft",
        "operation_type": "multidimensional",
        "region": "africa",
        "start_date": "2007-07-31",
        "start_precision": "day",
        "end_date": "2020-12-31",
        "end_precision": "day",
        "summary": "A joint operation of the two organizations in Darfur.",
        "outcome": "not-assessed",
        **inline_management("roles", 2),
        "roles-0-organization": un.pk,
        "roles-0-role": "lead",
        "roles-1-organization": au.pk,
        "roles-1-role": "lead",
        **inline_management("host_countries", 1),
        "host_countries-0-country": "SD",
        **inline_management("citations", 1),
        "citations-0-section": section.pk,
        "citations-0-field": "",
        "citations-0-locator": "row id 57",
        "citations-0-note": "Dates and name.",
    }
    response = client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    mission = Mission.objects.get(acronym="UNAMID")
    assert {role.organization.acronym for role in mission.roles.all()} == {"UN", "AU"}
    assert mission.citations.get().locator == "row id 57"
    assert mission.host_countries.get().country == "SD"
    assert mission.updated_by == editor


def test_admin_form_explains_an_end_before_the_start(client, editor):
    data = {
        "acronym": "BAD",
        "kind": "peace-operation",
        "slug": "bad",
        "status": "draft",
        "start_date": "2007-07-31",
        "start_precision": "day",
        "end_date": "2001-01-01",
        "end_precision": "day",
        "summary": "s",
        "outcome": "not-assessed",
        **inline_management("roles", 0),
        **inline_management("host_countries", 0),
        **inline_management("citations", 0),
    }
    response = client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 200
    assert "cannot be before the start date" in response.content.decode()
    assert not Mission.objects.filter(acronym="BAD").exists()


def test_every_admin_changelist_and_add_form_opens(admin_client):
    make_atlas(3)
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = admin_client.get(changelist)
        assert response.status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        # django-axes' login attempts are a read-only record: nobody may add one by hand.
        expected = 200 if model_admin.has_add_permission(response.wsgi_request) else 403
        assert admin_client.get(add).status_code == expected, add


def test_mission_changelist_cost_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries
):
    make_atlas(40)
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("admin:missions_mission_changelist")).status_code == 200


def test_viewer_cannot_change_a_mission(client):
    sync_groups()
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    client.force_login(user)
    mission = make_atlas(1)["missions"][0]
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"acronym": "CHANGED"})
    assert response.status_code == 403
    mission.refresh_from_db()
    assert mission.acronym != "CHANGED"


@pytest.mark.parametrize("citations", [1, 30])
def test_mission_change_form_costs_do_not_grow_per_citation(
    admin_client, django_assert_max_num_queries, citations
):
    from tests.factories import cite, make_mission

    source = make_section().source
    mission = make_mission()
    for number in range(citations):
        cite(mission, make_section(source=source), locator=str(number))
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    # One lookup per citation row's selected section is the autocomplete widget's own cost.
    with django_assert_max_num_queries(20 + citations):
        assert admin_client.get(url).status_code == 200


def test_mission_changelist_filters_by_decade_organization_and_region(admin_client):
    import datetime

    from tests.factories import make_mission

    un = make_organization(name="United Nations", acronym="UN")
    make_mission(acronym="OLD", start_date=datetime.date(1964, 1, 1), organizations=[(un, "lead")])
    au = make_organization(name="African Union", acronym="AU")
    make_mission(
        acronym="NEW",
        start_date=datetime.date(2004, 1, 1),
        region="africa",
        organizations=[(au, "lead")],
    )
    url = reverse("admin:missions_mission_changelist")
    names = lambda response: [m.acronym for m in response.context["cl"].result_list]  # noqa: E731
    assert names(admin_client.get(url, {"decade": "1960"})) == ["OLD"]
    assert names(admin_client.get(url, {"region__exact": "africa"})) == ["NEW"]
    assert names(admin_client.get(url, {"roles__organization__id__exact": un.pk})) == ["OLD"]
    assert names(admin_client.get(url, {"q": "new"})) == ["NEW"]
