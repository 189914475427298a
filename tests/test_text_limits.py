"""Every long text has a length limit: the admin, the bulk import and loaddata refuse more.

The attack was a 1.9 MB body that made its mission page outlast the worker timeout.
"""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.urls import reverse

from atlas import text_limits
from atlas.roles import sync_groups
from atlas.text_limits import LimitedTextField
from missions.models import Mission
from organizations.models import Organization
from tests.factories import (
    make_lesson,
    make_mission,
    make_organization,
    make_source,
    make_theme,
    make_topic,
)
from tests.test_admin import inline_management

pytestmark = pytest.mark.django_db

CURATED_APPS = ("missions", "organizations", "lessons", "sources")
# Markdown that is costly to parse: deep nesting, links, emphasis, bracket runs, long lines.
WORST_CASE = (
    "> " * 30 + "- item\n" + "[a link](https://example.org/" + "a" * 300 + ") " * 20
    + "*a **b `c [d " * 40 + "[" * 400 + "\n"
)  # fmt: skip


def fill(limit, pattern=WORST_CASE):
    return (pattern * (limit // len(pattern) + 1))[:limit]


@pytest.fixture
def editor(client):
    sync_groups()
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


def mission_form(**fields):
    return {
        "acronym": "LONG",
        "kind": "peace-operation",
        "slug": "long",
        "status": "draft",
        "summary": "A mission with a long body.",
        "outcome": "not-assessed",
        **inline_management("roles", 0),
        **inline_management("host_countries", 0),
        **inline_management("citations", 0),
        **fields,
    }


def test_every_long_text_of_every_curated_model_has_a_limit():
    for app in CURATED_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField):
                    assert isinstance(field, LimitedTextField), f"{model.__name__}.{field.name}"
                    assert field.max_length


def test_a_body_over_the_limit_is_refused_in_the_admin_form(client, editor):
    url = reverse("admin:missions_mission_add")
    assert f'maxlength="{text_limits.ARTICLE}"' in client.get(url).content.decode()
    response = client.post(url, mission_form(body="x" * (text_limits.ARTICLE + 1)))
    assert response.status_code == 200
    assert "at most 60,000 characters, and this text has 60001" in response.content.decode()
    assert not Mission.objects.filter(slug="long").exists()


def test_a_body_at_the_limit_is_accepted_and_its_page_renders(client, editor):
    body = fill(text_limits.ARTICLE)
    response = client.post(reverse("admin:missions_mission_add"), mission_form(body=body))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    mission = Mission.objects.get(slug="long")
    assert mission.body == body
    preview = client.get(mission.get_absolute_url())  # staff see the draft as a preview
    assert preview.status_code == 200 and "<blockquote>" in preview.content.decode()


def test_an_organization_description_over_the_limit_is_refused_in_its_form(client, editor):
    organization = make_organization(description="Short.")
    url = reverse("admin:organizations_organization_change", args=[organization.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["description"] = "y" * (text_limits.ARTICLE + 5)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "at most 60,000 characters" in response.content.decode()
    assert Organization.objects.get(pk=organization.pk).description == "Short."


@pytest.mark.parametrize(
    ("make", "field", "limit"),
    [
        (make_mission, "summary", text_limits.SUMMARY),
        (make_mission, "mandate", text_limits.PASSAGE),
        (make_mission, "outcome_reasoning", text_limits.PASSAGE),
        (make_mission, "body", text_limits.ARTICLE),
        (make_organization, "summary", text_limits.SUMMARY),
        (make_organization, "description", text_limits.ARTICLE),
        (make_lesson, "observation", text_limits.PASSAGE),
        (make_lesson, "recommendation", text_limits.PASSAGE),
        (make_topic, "summary", text_limits.SUMMARY),
        (make_topic, "body", text_limits.ARTICLE),
        (make_source, "description", text_limits.DESCRIPTION),
        (make_theme, "description", text_limits.DESCRIPTION),
    ],
)
def test_full_clean_accepts_a_text_at_the_limit_and_refuses_one_over(make, field, limit):
    record = make()
    setattr(record, field, fill(limit))
    record.full_clean()
    setattr(record, field, fill(limit + 1))
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert refused.value.message_dict[field] == [
        f"Too long: this field holds at most {limit:,} characters, and this text has {limit + 1}."
    ]


def test_an_import_row_over_the_limit_is_rejected_and_nothing_is_written(client, editor):
    rows = [
        "slug,acronym,name,status,summary,outcome",
        "fits,FITS,A mission that fits,draft,A short summary.,not-assessed",
        f"toolong,TOOLONG,A mission too long,draft,{'z' * (text_limits.SUMMARY + 1)},not-assessed",
    ]
    response = client.post(
        reverse("admin:missions_mission_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(
                "missions.csv", "\n".join(rows).encode(), content_type="text/csv"
            ),
        },
    )
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert "at most 1,000 characters, and this text has 1001" in response.content.decode()
    assert not Mission.objects.filter(slug__in=["fits", "toolong"]).exists()


def test_loaddata_refuses_a_text_over_the_limit_and_loads_nothing(tmp_path):
    def fixture(description):
        record = {
            "model": "organizations.organization",
            "fields": {
                "slug": "wordy",
                "name": "Wordy Organization",
                "kind": "regional",
                "summary": "An organization with a long description.",
                "description": description,
                "status": "draft",
                "created_at": "2026-12-01T00:00:00Z",
                "updated_at": "2026-12-01T00:00:00Z",
            },
        }
        path = tmp_path / "organizations.json"
        path.write_text(json.dumps([record]))
        return str(path)

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", fixture("w" * (text_limits.ARTICLE + 1)), verbosity=0)
    assert "description: Too long: this field holds at most 60,000 characters" in str(refused.value)
    assert not Organization.objects.filter(slug="wordy").exists()

    call_command("loaddata", fixture(fill(text_limits.ARTICLE)), verbosity=0)
    assert len(Organization.objects.get(slug="wordy").description) == text_limits.ARTICLE
