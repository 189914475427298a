"""The editorial path in a real browser: an editor drafts and submits, a publisher publishes,
and an anonymous reader finds the mission in the directory."""

import pytest
from django.contrib.auth.models import Group, User

from atlas.roles import sync_groups

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/admin/")


def choose(page, select_id, term, text):
    """Pick an option in one of the admin's autocomplete (select2) boxes.

    The box first lists unfiltered results; clicking in that list races the search
    request, so the option is looked for only after the response for `term` arrives.
    """
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    with page.expect_response(lambda r: "/autocomplete/" in r.url and "term=" in r.url):
        page.locator(".select2-search__field").last.fill(term)
    page.locator(f"#select2-{select_id}-results .select2-results__option", has_text=text).click()


def run_action(page, base_url, acronym, action_label):
    # Searched for: the shipped missions fill more than the changelist's first page.
    page.goto(base_url + f"/admin/missions/mission/?q={acronym}")
    row = page.locator("#result_list tr", has_text=acronym)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.locator("#changelist-form button[name=index]").first.click()


def test_editor_drafts_publisher_publishes_reader_sees(
    live_server, shipped_atlas, browser, artifacts
):
    sync_groups()
    for name, group in (("editor", "Editor"), ("publisher", "Publisher")):
        user = User.objects.create_user(name, password="a long test password", is_staff=True)
        user.groups.add(Group.objects.get(name=group))

    editor = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = editor.new_page()
    log_in(page, live_server.url, "editor")
    page.goto(live_server.url + "/admin/missions/mission/add/")
    page.locator("#id_acronym").fill("UNDRAFT")
    page.locator("#id_name").fill("A mission an editor is drafting")
    page.locator("#id_slug").fill("undraft")
    buttons = page.locator(".atlas-workflow button").all_inner_texts()
    assert buttons == ["Save draft", "Submit for review"]  # no publishing for an editor
    page.locator("#id_start_date").fill("2011-06-27")
    page.locator("#id_start_precision").select_option("day")
    page.locator("#id_summary").fill("A draft record for a force in the Abyei area.")
    choose(page, "id_roles-0-organization", "United Nations", "United Nations (UN)")
    page.locator("#id_roles-0-role").select_option("lead")
    choose(page, "id_roles-1-organization", "African Union", "African Union (AU)")
    page.locator("#id_roles-1-role").select_option("partner")
    page.locator("#id_host_countries-0-country").select_option("SD")
    choose(
        page, "id_citations-0-section", "Operations table", "United Nations Peacekeeping Operations"
    )
    page.locator("#id_citations-0-locator").fill("row id 35")
    page.get_by_role("button", name="Save draft").click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    run_action(page, live_server.url, "UNDRAFT", "Submit selected records for review")
    assert "Submitted 1 record" in page.locator(".messagelist").inner_text()
    page.screenshot(path=artifacts / "admin-editor.png", full_page=True)
    editor.close()

    reader = browser.new_context()
    anonymous = reader.new_page()
    anonymous.goto(live_server.url + "/missions/undraft/")
    assert "Page not found" in anonymous.content()

    publisher = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = publisher.new_page()
    log_in(page, live_server.url, "publisher")
    page.goto(live_server.url + "/admin/")
    assert "Waiting for review" in page.content()
    run_action(page, live_server.url, "UNDRAFT", "Publish selected records")
    assert "Published 1 record" in page.locator(".messagelist").inner_text()
    publisher.close()

    anonymous.goto(live_server.url + "/missions/?q=Abyei")
    anonymous.get_by_role("link", name="UNDRAFT", exact=True).click()
    facts = anonymous.get_by_role("region", name="Facts").inner_text()
    assert "27 June 2011" in facts and "UN" in facts and "Sudan" in facts
    reader.close()


def test_a_change_to_a_live_mission_waits_for_the_publisher(
    live_server, shipped_atlas, browser, artifacts
):
    """Edit a live mission as an editor, see it unchanged as a reader, approve it as a
    publisher from the review queue, see it live."""
    sync_groups()
    for name, group in (("editor", "Editor"), ("publisher", "Publisher")):
        user = User.objects.create_user(name, password="a long test password", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    from missions.models import Mission

    mission = Mission.objects.get(slug="unficyp")
    reader_url = live_server.url + mission.get_absolute_url()

    editor = browser.new_context(viewport={"width": 1366, "height": 1000})
    page = editor.new_page()
    log_in(page, live_server.url, "editor")
    page.goto(live_server.url + f"/admin/missions/mission/{mission.pk}/change/")
    assert "This record is live" in page.content()
    # The form, its citations inline included, fits the window: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.locator("#id_summary").fill("A peacekeeping force on Cyprus, as the editor rewrote it.")
    page.locator("#id_edit_summary").fill("Shorter summary.")
    page.get_by_role("button", name="Submit for review").click()
    assert "submitted for review" in page.locator(".messagelist").inner_text()
    assert "You are editing a pending revision" in page.content()
    page.screenshot(path=artifacts / "admin-pending-revision.png", full_page=True)
    page.locator(".atlas-workflow").screenshot(path=artifacts / "admin-workflow-buttons.png")
    editor.close()

    reader = browser.new_context()
    anonymous = reader.new_page()
    anonymous.goto(reader_url)
    assert "as the editor rewrote it" not in anonymous.content()

    publisher = browser.new_context(viewport={"width": 1366, "height": 1000})
    page = publisher.new_page()
    log_in(page, live_server.url, "publisher")
    page.goto(live_server.url + "/admin/atlas/pendingrevision/")
    assert "Shorter summary." in page.content()
    page.get_by_text("Field by field").click()
    page.screenshot(path=artifacts / "admin-review-queue.png", full_page=True)
    page.get_by_role("link", name=str(mission)).click()
    assert "as the editor rewrote it" in page.content()  # the difference
    changed = page.locator("#difference-heading + table tbody th").all_inner_texts()
    assert changed == ["Summary"]  # a browser's line breaks are not a change
    page.screenshot(path=artifacts / "admin-review-page.png", full_page=True)
    page.get_by_role("button", name="Approve and publish").click()
    assert "Approved" in page.locator(".messagelist").inner_text()
    publisher.close()

    anonymous.goto(reader_url)
    assert "as the editor rewrote it" in anonymous.content()
    reader.close()
