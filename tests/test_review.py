"""Changes to published records wait for review: drafts, the queue, decisions, the thread,
notifications, concurrency and previews."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from reversion.models import Version

from atlas import drafts, freshness
from atlas.models import CommentKind, Notification, PendingRevision, RecordComment, Watch
from missions.models import HostCountry, Mission
from tests.admin_forms import form_data
from tests.factories import cite, make_mission, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = make_user("editor", "Editor")
    user.email = "editor@example.org"
    user.save()
    return user


@pytest.fixture
def publisher():
    user = make_user("publisher", "Publisher")
    user.email = "publisher@example.org"
    user.save()
    return user


@pytest.fixture
def live():
    mission = make_mission(summary="The published summary.")
    cite(mission)
    return mission


def change_url(mission):
    return reverse("admin:missions_mission_change", args=[mission.pk])


def edit(client, user, mission, **changes):
    """Open the change form as `user`, change fields, press a button (default Save draft)."""
    client.force_login(user)
    page = client.get(change_url(mission))
    assert page.status_code == 200
    changes.setdefault("_workflow", "save")
    return client.post(change_url(mission), form_data(page, **changes))


def mission_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Mission).pk


def pending_of(mission):
    return PendingRevision.objects.get(object_id=str(mission.pk))


def test_an_editors_change_to_a_live_record_waits_and_readers_see_the_live_version(
    client, editor, live
):
    token = freshness.current()
    response = edit(client, editor, live, summary="A better summary.", edit_summary="Clearer.")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "The published summary."
    assert freshness.current() == token  # no cache, index or page is rebuilt
    pending = pending_of(live)
    assert (pending.state, pending.summary, pending.author) == ("draft", "Clearer.", editor)
    client.logout()
    page = client.get(live.get_absolute_url()).content.decode()
    assert "The published summary." in page and "A better summary." not in page
    assert "A better summary." not in client.get("/search/?q=better").content.decode()
    export = client.get(reverse("missions:export-json"))
    assert b"A better summary." not in b"".join(export.streaming_content)


def test_the_form_shows_the_pending_revision_to_keep_editing(client, editor, live):
    edit(client, editor, live, summary="First draft words.")
    page = client.get(change_url(live))
    assert page.context["adminform"].form["summary"].value() == "First draft words."
    assert "You are editing a pending revision" in page.content.decode()
    response = client.post(change_url(live), form_data(page, summary="Second draft words."))
    assert response.status_code == 302
    assert PendingRevision.objects.count() == 1
    assert "Second draft words." in str(pending_of(live).data)
    live.refresh_from_db()
    assert live.summary == "The published summary."


def test_a_row_added_in_the_draft_stays_out_of_the_live_record(client, editor, live):
    client.force_login(editor)
    page = client.get(change_url(live))
    data = form_data(page, _workflow="save")
    section = make_section()
    number = int(data["citations-TOTAL_FORMS"])
    data["citations-TOTAL_FORMS"] = str(number + 1)
    data[f"citations-{number}-section"] = str(section.pk)
    data[f"citations-{number}-field"] = "mandate"
    data[f"citations-{number}-mission"] = str(live.pk)
    assert client.post(change_url(live), data).status_code == 302
    assert live.citations.count() == 1
    client.force_login(make_user("boss", "Publisher"))
    review_page = client.get(
        reverse("admin:atlas_pendingrevision_change", args=[pending_of(live).pk])
    )
    rows = review_page.context["difference"].rows
    assert [(row.kind, row.change) for row in rows] == [("citation", "added")]


def test_submitting_tells_the_publishers(
    client, editor, publisher, live, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, editor, live, summary="Submitted.", _workflow="submit", edit_summary="Fix.")
    assert pending_of(live).state == "review"
    assert Notification.objects.filter(user=publisher).count() == 1
    assert [message.to for message in mail.outbox] == [["publisher@example.org"]]
    assert RecordComment.objects.filter(kind=CommentKind.SUBMITTED).count() == 1


def approve(client, pending, seen=None):
    url = reverse("admin:atlas_review_approve", args=[pending.pk])
    return client.post(url, {"seen": seen or pending.updated_at.isoformat()})


def test_a_publisher_approves_from_the_queue_and_it_goes_live(client, editor, publisher, live):
    edit(client, editor, live, summary="Approved words.", _workflow="submit", edit_summary="Why.")
    before = Version.objects.get_for_object(live).count()
    token = freshness.current()
    client.force_login(publisher)
    queue = client.get(reverse("admin:atlas_pendingrevision_changelist"))
    assert "Approve and publish" in queue.content.decode()
    response = approve(client, pending_of(live))
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.summary, live.status) == ("Approved words.", "published")
    assert not PendingRevision.objects.exists()
    assert freshness.current() != token
    versions = Version.objects.get_for_object(live)
    assert versions.count() == before + 1
    assert versions.first().revision.comment == "Why. (by editor, approved by publisher)"
    assert Notification.objects.filter(user=editor, message__contains="approved").exists()
    client.logout()
    assert "Approved words." in client.get(live.get_absolute_url()).content.decode()


def test_approving_a_revision_changed_since_it_was_opened_is_refused(
    client, editor, publisher, live
):
    edit(client, editor, live, summary="Words one.", _workflow="submit")
    seen = pending_of(live).updated_at.isoformat()
    edit(client, editor, live, summary="Words two.", _workflow="submit")
    client.force_login(publisher)
    response = approve(client, pending_of(live), seen=seen)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Editor changed this revision on" in page  # capitalized by the admin
    live.refresh_from_db()
    assert live.summary == "The published summary."


def test_request_changes_needs_a_comment_and_tells_the_author(client, editor, publisher, live):
    edit(client, editor, live, summary="Needs work.", _workflow="submit")
    pending = pending_of(live)
    client.force_login(publisher)
    url = reverse("admin:atlas_review_request_changes", args=[pending.pk])
    client.post(url, {"body": "   "})
    assert pending_of(live).state == "review"
    client.post(url, {"body": "Cite the resolution for the date."})
    assert pending_of(live).state == "returned"
    assert RecordComment.objects.filter(kind=CommentKind.CHANGES_REQUESTED).count() == 1
    note = Notification.objects.get(user=editor)
    assert "Cite the resolution" in note.message
    client.force_login(editor)
    mine = client.get(reverse("admin:atlas_review_mine")).content.decode()
    assert "Cite the resolution" in mine and "changes requested" in mine


def test_an_editor_cannot_approve_or_send_back(client, editor, live):
    edit(client, editor, live, summary="My own words.", _workflow="submit")
    pending = pending_of(live)
    assert approve(client, pending).status_code == 403
    url = reverse("admin:atlas_review_request_changes", args=[pending.pk])
    assert client.post(url, {"body": "no"}).status_code == 403
    live.refresh_from_db()
    assert live.summary == "The published summary."
    assert pending_of(live).state == "review"


def test_a_viewer_cannot_comment_or_edit(client, live):
    client.force_login(make_user("viewer", "Viewer"))
    url = reverse("admin:atlas_review_record", args=[mission_type(), live.pk, "comment"])
    assert client.post(url, {"body": "Looks wrong."}).status_code == 403
    assert not RecordComment.objects.exists()
    response = client.post(change_url(live), {"summary": "Vandalised.", "_workflow": "save"})
    assert response.status_code == 403
    assert not PendingRevision.objects.exists()


def test_a_publisher_approves_their_own_edit_in_one_step(client, publisher, live):
    response = edit(
        client, publisher, live, summary="Straight to readers.", _workflow="publish",
        edit_summary="Typo.",
    )  # fmt: skip
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "Straight to readers."
    assert not PendingRevision.objects.exists()
    comment = Version.objects.get_for_object(live).first().revision.comment
    assert comment == "Typo. (approved by publisher)"


def test_a_publisher_publishing_a_pending_revision_applies_it(client, editor, publisher, live):
    edit(client, editor, live, summary="Drafted by the editor.", _workflow="submit")
    response = edit(client, publisher, live, _workflow="publish")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "Drafted by the editor."
    assert not PendingRevision.objects.exists()


def test_two_editors_on_the_same_pending_revision_do_not_lose_updates(client, editor, live):
    other = make_user("other", "Editor")
    client.force_login(editor)
    first_page = client.get(change_url(live))
    edit(client, other, live, summary="The other editor's words.")
    client.force_login(editor)
    response = client.post(
        change_url(live), form_data(first_page, summary="My words.", _workflow="save")
    )
    assert response.status_code == 409
    assert "The other editor" in str(pending_of(live).data)


def test_the_preview_shows_the_pending_change_to_staff_only(client, editor, live):
    edit(client, editor, live, summary="Previewed words.")
    response = client.get(live.get_absolute_url() + "?preview=pending")
    page = response.content.decode()
    assert "Previewed words." in page and "pending change" in page
    assert "no-cache" in response["Cache-Control"]
    live.refresh_from_db()
    assert live.summary == "The published summary."
    client.logout()
    anonymous = client.get(live.get_absolute_url() + "?preview=pending").content.decode()
    assert "Previewed words." not in anonymous


def test_a_mail_failure_never_blocks_a_save(
    client, editor, publisher, live, django_capture_on_commit_callbacks
):
    with (
        mock.patch("atlas.review.send_mail", side_effect=OSError("mail server down")) as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = edit(client, editor, live, summary="Sent anyway.", _workflow="submit")
    assert sent.called
    assert response.status_code == 302
    assert pending_of(live).state == "review"
    assert Notification.objects.filter(user=publisher).exists()


def test_watchers_hear_when_the_live_version_changes(
    client, editor, publisher, live, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    client.post(reverse("admin:atlas_review_record", args=[mission_type(), live.pk, "watch"]))
    assert Watch.objects.filter(user=editor).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client, publisher, live, summary="Watched words.", _workflow="publish",
            edit_summary="Reworded.",
        )  # fmt: skip
    assert response.status_code == 302
    note = Notification.objects.get(user=editor)
    assert note.message == f"“{live}” changed: Reworded."
    assert "editor@example.org" in [address for message in mail.outbox for address in message.to]


def test_a_stale_draft_is_flagged_with_both_sides(client, editor, publisher, live):
    before = (live.name, live.summary)
    edit(
        client, editor, live, summary="Drafted on the old version.", mandate="Drafted mandate.",
        _workflow="submit",
    )  # fmt: skip
    Mission.objects.filter(pk=live.pk).update(name="Renamed live", mandate="Live mandate.")
    live.refresh_from_db()
    live.save()  # the live version moves on after the draft began
    client.force_login(publisher)
    page = client.get(reverse("admin:atlas_pendingrevision_change", args=[pending_of(live).pk]))
    html = page.content.decode()
    assert "The live version changed after this draft began" in html
    # One table, three columns: where the draft began, live now, pending.
    merge = {line.name: line for line in page.context["merge"]}
    assert (merge["full name"].base, merge["full name"].live, merge["full name"].pending) == (
        before[0], "Renamed live", before[0],
    )  # fmt: skip
    assert merge["full name"].changed_in == "live"
    assert (merge["summary"].base, merge["summary"].pending) == (
        before[1], "Drafted on the old version.",
    )  # fmt: skip
    assert merge["summary"].changed_in == "draft"
    assert merge["mandate"].conflict  # both sides changed it, differently
    assert html.count("both: conflict") == 1
    assert "updated at" not in merge  # bookkeeping is left out
    queue = client.get(reverse("admin:atlas_pendingrevision_changelist")).content.decode()
    assert "The live version changed after this draft began" in queue


def test_the_three_way_difference_shows_rows_each_side_added_or_removed(live):
    base = drafts.snapshot(live, drafts.keys_of(live))
    HostCountry.objects.create(mission=live, country="GR")  # the live version gains a row
    live_now = drafts.snapshot(live, drafts.keys_of(live))
    HostCountry.objects.filter(mission=live, country="GR").delete()
    live.host_countries.filter(country="CY").delete()  # the draft drops the one it had
    pending = drafts.snapshot(live, drafts.keys_of(live))
    lines = [
        (line.kind, line.base, line.live, line.pending, line.changed_in)
        for line in drafts.three_way(base, live_now, pending)
    ]
    assert ("host country", drafts.ABSENT, "Greece", drafts.ABSENT, "live") in lines
    assert ("host country", "Cyprus", "Cyprus", drafts.ABSENT, "draft") in lines
    assert drafts.three_way(base, base, base) == []


def test_restoring_an_old_version_of_a_live_record_waits_for_review(client, editor, publisher):
    mission = make_mission(status="review", summary="The first text.")
    cite(mission)
    client.force_login(publisher)
    page = client.get(change_url(mission))
    client.post(change_url(mission), form_data(page, _workflow="publish"))
    first = Version.objects.get_for_object(mission).first()
    edit(client, publisher, mission, summary="The second text.", _workflow="publish")
    client.force_login(editor)
    url = reverse("admin:missions_mission_revision", args=[mission.pk, first.pk])
    page = client.get(url)
    response = client.post(url, form_data(page, _workflow="submit"))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.summary == "The second text."
    assert "The first text." in str(pending_of(mission).data)


def test_the_queue_costs_a_fixed_number_of_queries(
    client, editor, publisher, django_assert_max_num_queries
):
    missions = [make_mission() for _ in range(4)]
    for mission in missions:
        cite(mission)
    edit(client, editor, missions[0], summary="Change 0.", _workflow="submit")
    client.force_login(publisher)
    with django_assert_max_num_queries(40) as captured:
        client.get(reverse("admin:atlas_pendingrevision_changelist"))
    few = len(captured.captured_queries)
    for number, mission in enumerate(missions[1:], 1):
        edit(client, editor, mission, summary=f"Change {number}.", _workflow="submit")
    make_mission(status="review")
    client.force_login(publisher)
    with django_assert_max_num_queries(few) as captured:
        page = client.get(reverse("admin:atlas_pendingrevision_changelist"))
    html = page.content.decode()
    assert html.count("Approve and publish") == 5
    assert "Change 3." in html  # each change field by field, against its live version
    import re

    boxes = re.findall(r'<textarea id="(decide-[^"]+)"', html)
    assert len(boxes) == len(set(boxes)) == 5  # each label names its own box


def test_versions_made_before_review_can_still_be_compared_and_restored(client, publisher):
    import reversion

    with reversion.create_revision():
        mission = make_mission(summary="Kept from long ago.")
        cite(mission)
    with reversion.create_revision():
        mission.summary = "A later text."
        mission.save()
    old, new = Version.objects.get_for_object(mission).order_by("pk")
    client.force_login(publisher)
    compare = client.get(
        reverse("admin:missions_mission_compare", args=[mission.pk]),
        {"version_id1": old.pk, "version_id2": new.pk},
    )
    html = compare.content.decode()
    assert compare.status_code == 200 and "Kept from long ago." in html
    # Bookkeeping and links other records hold are left out of the difference.
    assert "Updated at" not in html and "successors" not in html.lower()
    url = reverse("admin:missions_mission_revision", args=[mission.pk, old.pk])
    response = client.post(url, form_data(client.get(url), _workflow="publish"))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.summary == "Kept from long ago."


def test_each_save_asks_for_an_edit_summary_shown_in_the_history(client, editor):
    mission = make_mission(status="draft")
    response = edit(client, editor, mission, summary="Changed.", edit_summary="Tightened it.")
    assert response.status_code == 302
    history = client.get(reverse("admin:missions_mission_history", args=[mission.pk]))
    assert "Tightened it." in history.content.decode()


def test_the_page_cache_and_the_directory_never_show_a_pending_change(
    client, editor, live, settings
):
    from django.core.cache import cache

    settings.ATLAS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    directory = reverse("missions:list")
    assert live.name in client.get(directory).content.decode()  # cached and indexed now
    edit(client, editor, live, name="A renamed mission", summary="Pending words.")
    client.logout()
    page = client.get(live.get_absolute_url())
    assert "Pending words." not in page.content.decode()
    listing = client.get(directory).content.decode()
    assert live.name in listing and "A renamed mission" not in listing
    assert "A renamed mission" not in client.get(directory + "?q=renamed").content.decode()


def test_the_change_form_costs_the_same_queries_however_long_the_thread(client, editor, live):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from atlas import review

    client.force_login(editor)
    client.get(change_url(live))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(live)).status_code == 200
        return len(captured.captured_queries)

    review.comment(live, editor, CommentKind.COMMENT, "One.")
    few = count()
    for number in range(10):
        review.comment(live, make_user(f"commenter{number}", "Editor"), CommentKind.COMMENT, "…")
    assert count() == few


def test_a_lessons_themes_wait_for_review_like_any_field(client, editor, publisher):
    from lessons.models import Lesson
    from tests.factories import make_lesson, make_theme

    old_theme, new_theme = make_theme(), make_theme()
    lesson = make_lesson(observation="Seen live.")
    lesson.themes.set([old_theme])
    cite(lesson)
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    client.force_login(editor)
    page = client.get(url)
    data = form_data(page, themes=[str(new_theme.pk)], _workflow="submit")
    assert client.post(url, data).status_code == 302
    assert list(lesson.themes.all()) == [old_theme]
    client.logout()
    assert new_theme.name not in client.get(lesson.get_absolute_url()).content.decode()
    client.force_login(publisher)
    pending = PendingRevision.objects.get(object_id=str(lesson.pk))
    review_page = client.get(reverse("admin:atlas_pendingrevision_change", args=[pending.pk]))
    changes = {label: after for label, _, after in review_page.context["difference"].fields}
    assert changes["themes"] == new_theme.name
    assert approve(client, pending).status_code == 302
    assert list(Lesson.objects.get(pk=lesson.pk).themes.all()) == [new_theme]


def test_submitting_new_records_from_the_list_tells_the_publishers(client, editor, publisher):
    draft = make_mission(status="draft")
    client.force_login(editor)
    client.post(
        reverse("admin:missions_mission_changelist"),
        {"action": "submit_for_review", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "review"
    assert Notification.objects.filter(user=publisher, message__contains="submitted").exists()


def test_the_compare_view_shows_rows_added_and_removed(client, publisher):
    import reversion

    from sources.models import Citation

    with reversion.create_revision():
        mission = make_mission(summary="Two citations.")
        cite(mission, make_section(heading="Kept section"))
        cite(mission, make_section(heading="Dropped section"))
        reversion.add_to_revision(mission)
    with reversion.create_revision():
        Citation.objects.filter(section__heading="Dropped section").delete()
        cite(mission, make_section(heading="Added section"))
        mission.save()
        reversion.add_to_revision(mission)
    old, new = Version.objects.get_for_object(mission).order_by("pk")
    client.force_login(publisher)
    html = client.get(
        reverse("admin:missions_mission_compare", args=[mission.pk]),
        {"version_id1": old.pk, "version_id2": new.pk},
    ).content.decode()
    assert "Dropped section" in html and "Added section" in html and "Deleted" in html
    # A link empty in both versions is no change.
    assert "predecessor" not in html


def test_the_history_page_keeps_the_thread(client, editor, publisher, live):
    edit(client, editor, live, summary="Threaded.", _workflow="submit", edit_summary="Why not.")
    client.force_login(publisher)
    pending = pending_of(live)
    client.post(
        reverse("admin:atlas_review_request_changes", args=[pending.pk]), {"body": "Cite it."}
    )
    history = client.get(reverse("admin:missions_mission_history", args=[live.pk]))
    html = history.content.decode()
    assert "Review thread" in html and "Cite it." in html and "Why not." in html


def test_the_review_page_costs_the_same_queries_however_many_rows_changed(
    client, editor, publisher, live
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def review_page_queries(rows):
        client.force_login(editor)
        page = client.get(change_url(live))
        data = form_data(page, _workflow="submit")
        number = int(data["citations-TOTAL_FORMS"])
        data["citations-TOTAL_FORMS"] = str(number + rows)
        for extra in range(number, number + rows):
            data[f"citations-{extra}-section"] = str(make_section().pk)
            data[f"citations-{extra}-mission"] = str(live.pk)
        assert client.post(change_url(live), data).status_code == 302
        client.force_login(publisher)
        url = reverse("admin:atlas_pendingrevision_change", args=[pending_of(live).pk])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = review_page_queries(1)
    assert review_page_queries(6) == few


def test_a_documents_milestones_wait_for_review_too(client, editor, publisher, live):
    from documents.models import Milestone
    from tests.documents_factories import make_document

    document = make_document(number=1509, year=2003)
    url = reverse("admin:documents_officialdocument_change", args=[document.pk])
    client.force_login(editor)
    data = form_data(client.get(url), _workflow="submit")
    data["milestones-TOTAL_FORMS"] = str(int(data["milestones-TOTAL_FORMS"]) + 1)
    data["milestones-0-mission"] = str(live.pk)
    data["milestones-0-action"] = "established"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not Milestone.objects.exists()
    client.logout()
    assert "resolution 1509" not in client.get(live.get_absolute_url()).content.decode()
    client.force_login(publisher)
    approve(client, PendingRevision.objects.get(object_id=str(document.pk)))
    assert Milestone.objects.get().mission == live
