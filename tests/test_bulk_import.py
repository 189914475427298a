"""Bulk import in the admin: a dry run row by row, then all or nothing, with who and when."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from atlas.roles import sync_groups
from missions.models import Mission
from tests.factories import cite, make_mission

pytestmark = pytest.mark.django_db

HEADER = (
    "slug,acronym,name,status,start_date,start_precision,end_date,end_precision,summary,outcome"
)
GOOD_NEW = ",".join(
    [
        "unisfa",
        "UNISFA",
        "United Nations Interim Security Force for Abyei",
        "draft",
        "2011-06-27",
        "day",
        "",
        "",
        "A force in Abyei.",
        "not-assessed",
    ]
)
GOOD_UPDATE = ",".join(
    [
        "unficyp",
        "UNFICYP",
        "United Nations Peacekeeping Force in Cyprus",
        "draft",
        "1964-03-27",
        "day",
        "",
        "",
        "An updated summary.",
        "ongoing",
    ]
)
BAD_DATES = ",".join(
    [
        "unmiss",
        "UNMISS",
        "United Nations Mission in South Sudan",
        "draft",
        "2011-07-08",
        "day",
        "2001-01-01",
        "day",
        "Ends before it starts.",
        "not-assessed",
    ]
)
BAD_PUBLISH = ",".join(
    [
        "minusca",
        "MINUSCA",
        "United Nations Mission in the Central African Republic",
        "published",
        "2014-04-10",
        "day",
        "",
        "",
        "Published by an editor.",
        "not-assessed",
    ]
)


@pytest.fixture
def editor(client):
    sync_groups()
    user = User.objects.create_user("importer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    make_mission(acronym="UNFICYP", slug="unficyp", status="draft", summary="The old summary.")
    return user


def upload(client, rows, name="missions.csv", file_format=0):
    content = "\n".join([HEADER, *rows]).encode()
    return client.post(
        reverse("admin:missions_mission_import"),
        {
            "resource": "0",
            "format": str(file_format),
            "import_file": SimpleUploadedFile(name, content, content_type="text/csv"),
        },
    )


def test_dry_run_reports_each_row_and_writes_nothing(client, editor):
    response = upload(client, [GOOD_NEW, GOOD_UPDATE, BAD_DATES, BAD_PUBLISH])
    assert response.status_code == 200
    result = response.context["result"]
    html = response.content.decode()
    assert result.has_validation_errors() or result.has_errors()
    assert "end date cannot be before the start date" in html
    assert "Only a publisher can import a record as published" in html
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Mission.objects.filter(slug__in=["unisfa", "unmiss", "minusca"]).exists()
    assert Mission.objects.get(slug="unficyp").summary == "The old summary."


def test_a_clean_file_is_previewed_then_applied_and_logged(client, editor):
    preview = upload(client, [GOOD_NEW, GOOD_UPDATE])
    rows = preview.context["result"].rows
    assert [row.import_type for row in rows] == ["new", "update"]
    assert not Mission.objects.filter(slug="unisfa").exists()  # the preview wrote nothing
    confirm = preview.context["confirm_form"]
    response = client.post(
        reverse("admin:missions_mission_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )
    assert response.status_code == 302
    assert Mission.objects.get(slug="unisfa").updated_by == editor
    assert Mission.objects.get(slug="unficyp").summary == "An updated summary."
    entries = LogEntry.objects.filter(user=editor).values_list("object_repr", flat=True)
    assert {"UNISFA – United Nations Interim Security Force for Abyei"} <= set(entries)


def test_export_gives_the_same_columns_back(client, editor):
    response = client.post(
        reverse("admin:missions_mission_export"),
        {
            "format": "2",
            "resource": "0",
            **{f"missionresource_{f}": "on" for f in HEADER.split(",")},
        },
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data[0]["slug"] == "unficyp"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00binary junk",  # not text at all
        b"\xff\xfe\x00n\x00o\x00t",  # the wrong encoding
        b'slug,acronym\n"unclosed,quote\n',  # broken quoting
        b"",  # empty
        ("nothing,like,the,columns\n" + "x,y,z,w\n" * 50).encode(),
    ],
)
def test_a_malformed_upload_is_refused_and_changes_nothing(client, editor, content):
    from tests.test_setup_atlas import data_checksum

    before = data_checksum()
    response = client.post(
        reverse("admin:missions_mission_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("missions.csv", content, content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    said = ("errornote", "errorlist", "Line number", "failed to validate", "<h2>Errors</h2>")
    assert any(words in html for words in said)
    assert "Traceback" not in html
    assert data_checksum() == before


def test_an_editors_import_cannot_change_a_live_record(client, editor):
    live = make_mission(acronym="UNLIVE", slug="unlive", status="published", summary="Live text.")
    cite(live)
    row = ",".join(
        ["unlive", "UNLIVE", live.name, "", "1990-01-01", "year", "", "", "Imported text.", ""]
    )
    html = upload(client, [row]).content.decode()
    assert "is published: a change to it waits for review" in html
    live.refresh_from_db()
    assert live.summary == "Live text."
