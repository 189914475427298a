"""Attacks on the admin's bulk import (issue 16), each answered with a clear refusal.

Unpublishing by import (finding 3): only a publisher changes a record's publication state,
a missing status leaves it as it is, the dry run names every change, and every imported
record gets a version in its history. The confirm step (finding 7): it reads only the
upload its own user made, through a signed token, and never a file named in the form.
"""

import csv
import datetime
import io
import os
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from missions.models import Mission
from tests.factories import cite, make_mission, make_user

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:missions_mission_import")
CONFIRM = reverse("admin:missions_mission_process_import")


def user_in(group, name):
    return make_user(name, group)


@pytest.fixture
def editor(client):
    user = user_in("Editor", "editor")
    client.force_login(user)
    return user


@pytest.fixture
def publisher(client):
    user = user_in("Publisher", "publisher")
    client.force_login(user)
    return user


@pytest.fixture
def published():
    mission = make_mission(acronym="UNFICYP", slug="unficyp", summary="The old summary.")
    cite(mission)
    return mission


def as_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def row(slug="unficyp", acronym="UNFICYP", **fields):
    return {
        "slug": slug,
        "acronym": acronym,
        "name": f"Mission {acronym}",
        "start_date": "1964-03-27",
        "start_precision": "day",
        "summary": "An updated summary.",
        "outcome": "ongoing",
        **fields,
    }


def dry_run(client, rows, name="missions.csv"):
    upload = SimpleUploadedFile(name, as_csv(rows), content_type="text/csv")
    return client.post(IMPORT, {"resource": "0", "format": "0", "import_file": upload})


def confirm_fields(preview):
    confirm = preview.context["confirm_form"]
    assert confirm is not None, preview.content.decode()
    return {name: confirm[name].value() for name in confirm.fields}


def imported(client, rows, name="missions.csv"):
    response = client.post(CONFIRM, confirm_fields(dry_run(client, rows, name)))
    assert response.status_code == 302, response.content.decode()
    return response


# Finding 3: unpublishing by import.


def test_editor_importing_draft_over_a_published_record_is_rejected(client, editor, published):
    response = dry_run(client, [row(status="draft"), row("unisfa", "UNISFA", status="draft")])
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "Only a publisher can change the status of a published record" in html
    assert "status: published → draft" in html
    published.refresh_from_db()
    assert published.status == "published"
    assert published.summary == "The old summary."
    assert not Mission.objects.filter(slug="unisfa").exists()


def test_editor_cannot_unarchive_or_archive_by_import(client, editor, published):
    archived = make_mission(acronym="ONUC", slug="onuc", status="archived")
    response = dry_run(client, [row("onuc", "ONUC", status="review"), row(status="archived")])
    html = response.content.decode()
    assert "status: archived → in review" in html
    assert "status: published → archived" in html
    archived.refresh_from_db()
    published.refresh_from_db()
    assert (archived.status, published.status) == ("archived", "published")


def test_import_without_status_column_keeps_publication_state(client, publisher, published):
    make_mission(acronym="UNMEE", slug="unmee", status="review")
    rows = [row(), row("unmee", "UNMEE"), row("unisfa", "UNISFA")]
    preview = dry_run(client, rows)
    assert "status-changes" not in preview.content.decode()  # no state changes to warn of
    imported(client, rows)
    published.refresh_from_db()
    assert (published.status, published.summary) == ("published", "An updated summary.")
    assert Mission.objects.get(slug="unmee").status == "review"
    assert Mission.objects.get(slug="unisfa").status == "draft"


def test_import_with_empty_status_cells_keeps_publication_state(client, publisher, published):
    imported(client, [row(status=""), row("unisfa", "UNISFA", status="  ")])
    published.refresh_from_db()
    assert (published.status, published.summary) == ("published", "An updated summary.")
    assert Mission.objects.get(slug="unisfa").status == "draft"


def test_an_editors_import_cannot_change_a_published_record(client, editor, published):
    """A change to a live record waits for review; an import would make it live at once."""
    preview = dry_run(client, [row(status="published")])
    assert "is published: a change to it waits for review" in preview.content.decode()
    assert preview.context.get("confirm_form") is None
    published.refresh_from_db()
    assert published.summary != "An updated summary."


def test_a_publishers_import_changes_a_published_record(client, publisher, published):
    imported(client, [row(status="published")])
    published.refresh_from_db()
    assert (published.status, published.summary) == ("published", "An updated summary.")


def test_one_rejected_row_makes_the_whole_import_write_nothing(client, editor, published):
    response = dry_run(client, [row("unisfa", "UNISFA", status="draft"), row(status="draft")])
    assert response.context.get("confirm_form") is None
    assert not Mission.objects.filter(slug="unisfa").exists()
    assert not Version.objects.exists()


def test_publisher_unpublishing_by_import_is_named_in_the_dry_run(client, publisher, published):
    preview = dry_run(client, [row(status="draft")])
    html = preview.content.decode()
    assert "Publication state changes" in html
    assert "UNFICYP – Mission UNFICYP – status: published → draft" in html
    assert Mission.objects.get(slug="unficyp").status == "published"  # a dry run writes nothing
    client.post(CONFIRM, confirm_fields(preview))
    assert Mission.objects.get(slug="unficyp").status == "draft"


def test_import_keeps_a_history_version_of_every_record_with_user_and_file(
    client, publisher, published
):
    unchanged = row("unmee", "UNMEE")
    make_mission(
        **{**unchanged, "start_date": datetime.date(1964, 3, 27)}, status="draft", predecessor=None
    )
    rows = [row(), row("unisfa", "UNISFA"), unchanged]
    fields = confirm_fields(dry_run(client, rows, name="cyprus-and-abyei.csv"))
    fields["original_file_name"] = "something-else.csv"  # the token's file name is kept
    assert client.post(CONFIRM, fields).status_code == 302
    for slug in ("unficyp", "unisfa"):
        versions = Version.objects.get_for_object(Mission.objects.get(slug=slug))
        assert versions.count() == 1
        assert versions[0].revision.user == publisher
        assert versions[0].revision.comment == "Imported from cyprus-and-abyei.csv."
        assert versions[0].field_dict["summary"] == "An updated summary."
    # The unchanged row was skipped: no change, no new version.
    assert not Version.objects.get_for_object(Mission.objects.get(slug="unmee")).exists()


# Finding 7: the confirm step reads only its own user's upload.


def test_confirm_with_another_editors_upload_is_refused_and_keeps_it(client, editor):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    other = user_in("Editor", "other-editor")
    client.force_login(other)
    response = client.post(CONFIRM, fields)
    assert response.status_code == 400
    assert "belongs to another user" in response.content.decode()
    assert not Mission.objects.filter(slug="unisfa").exists()
    client.force_login(editor)  # the owner's upload is still there, untouched
    assert client.post(CONFIRM, fields).status_code == 302
    assert Mission.objects.get(slug="unisfa").updated_by == editor


@pytest.mark.parametrize("name", ["loose-file", "../loose-file", "/tmp/loose-file"])  # noqa: S108
def test_confirm_naming_a_file_in_the_temp_folder_is_refused(client, editor, name):
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as loose:
        loose.write(as_csv([row("unisfa", "UNISFA")]))
    name = name.replace("loose-file", os.path.basename(loose.name))
    try:
        response = client.post(
            CONFIRM,
            {"import_file_name": name, "original_file_name": "x.csv", "format": "0"},
        )
        assert response.status_code == 400
        assert "does not name an upload of yours" in response.content.decode()
        assert os.path.exists(loose.name)  # neither read nor deleted
        assert not Mission.objects.filter(slug="unisfa").exists()
    finally:
        os.remove(loose.name)


@pytest.mark.parametrize(
    "fields",
    [
        {"import_file_name": "no-such-file", "original_file_name": "x.csv", "format": "0"},
        {"import_file_name": "", "original_file_name": "", "format": "x"},
        {},
        {"import_file_name": "a" * 5000, "original_file_name": "x.csv", "format": "99"},
    ],
)
def test_a_confirm_with_a_made_up_or_missing_file_is_refused_not_a_500(client, editor, fields):
    response = client.post(CONFIRM, fields)
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()


def test_an_edited_token_is_refused(client, editor):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    token = fields["import_file_name"]
    fields["import_file_name"] = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    response = client.post(CONFIRM, fields)
    assert response.status_code == 400
    assert not Mission.objects.filter(slug="unisfa").exists()


def test_a_confirm_replayed_after_success_is_refused(client, editor):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    assert client.post(CONFIRM, fields).status_code == 302
    Mission.objects.filter(slug="unisfa").update(summary="Edited after the import.")
    replay = client.post(CONFIRM, fields)
    assert replay.status_code == 400
    assert "already been imported" in replay.content.decode()
    assert Mission.objects.get(slug="unisfa").summary == "Edited after the import."
    assert Version.objects.count() == 1


def test_an_expired_confirm_is_refused(client, editor, monkeypatch):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    monkeypatch.setattr("atlas.import_forms.PENDING_SECONDS", -1)
    response = client.post(CONFIRM, fields)
    assert response.status_code == 400
    assert "more than an hour old" in response.content.decode()
    assert not Mission.objects.filter(slug="unisfa").exists()


def test_a_confirm_with_another_format_imports_what_was_previewed(client, editor):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    fields["format"] = "1"  # XLSX: would not read the CSV bytes
    assert client.post(CONFIRM, fields).status_code == 302
    assert Mission.objects.filter(slug="unisfa").exists()


def test_a_confirm_without_the_import_permission_is_forbidden(client, editor):
    fields = confirm_fields(dry_run(client, [row("unisfa", "UNISFA")]))
    viewer = user_in("Viewer", "viewer")
    client.force_login(viewer)
    assert client.post(CONFIRM, fields).status_code == 403
    assert not Mission.objects.filter(slug="unisfa").exists()


def test_a_row_refused_at_the_confirm_writes_nothing(client, editor, published):
    """Someone publishes a record between the editor's dry run and confirm."""
    make_mission(acronym="UNMEE", slug="unmee", status="draft")
    rows = [row("unisfa", "UNISFA", status="draft"), row("unmee", "UNMEE", status="draft")]
    fields = confirm_fields(dry_run(client, rows))
    Mission.objects.filter(slug="unmee").update(status="published")
    cite(Mission.objects.get(slug="unmee"))
    response = client.post(CONFIRM, fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in html
    assert "status: published → draft" in html
    assert not Mission.objects.filter(slug="unisfa").exists()
    assert not Version.objects.exists()


def test_lessons_follow_the_same_rules_and_keep_their_themes_in_history(client, editor):
    from lessons.models import Lesson
    from tests.factories import make_lesson, make_theme

    lesson = make_lesson(slug="consent", title="Consent matters")
    cite(lesson)
    make_theme(slug="consent-theme")
    content = (
        b"slug,title,kind,themes,observation\n"
        b"consent,Consent matters,lesson,consent-theme,Seen again.\n"
    )
    upload = SimpleUploadedFile("lessons.csv", content, content_type="text/csv")
    client.force_login(user_in("Publisher", "lesson-publisher"))  # it changes a live lesson
    preview = client.post(
        reverse("admin:lessons_lesson_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    response = client.post(reverse("admin:lessons_lesson_process_import"), confirm_fields(preview))
    assert response.status_code == 302
    lesson = Lesson.objects.get(slug="consent")
    assert lesson.status == "published"
    assert list(lesson.themes.values_list("slug", flat=True)) == ["consent-theme"]
    version = Version.objects.get_for_object(lesson).get()
    assert version.revision.comment == "Imported from lessons.csv."
    assert version.field_dict["themes"] == [lesson.themes.get().pk]

    upload = SimpleUploadedFile(
        "lessons.csv",
        content.replace(b"themes,", b"status,themes,").replace(
            b"lesson,consent", b"lesson,draft,consent"
        ),
        content_type="text/csv",
    )
    client.force_login(editor)
    refused = client.post(
        reverse("admin:lessons_lesson_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert "status: published → draft" in refused.content.decode()
    assert refused.context.get("confirm_form") is None
    assert Lesson.objects.get(slug="consent").status == "published"
