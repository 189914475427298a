"""Two editors in two browsers save the same mission: the second is shown the first's save."""

import pytest
from django.contrib.auth.models import Group, User

from atlas.roles import sync_groups
from tests.e2e.test_editor_workflow import log_in
from tests.factories import make_mission

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_second_editor_sees_the_first_editors_save_and_keeps_it(
    browser, live_server, artifacts
):
    sync_groups()
    for name in ("amina", "bruno"):
        user = User.objects.create_user(name, password="a long test password", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
    mission = make_mission(status="draft", summary="First words.", mandate="First mandate.")
    url = f"{live_server.url}/admin/missions/mission/{mission.pk}/change/"
    pages = {}
    for name in ("amina", "bruno"):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        pages[name] = context.new_page()
        log_in(pages[name], live_server.url, name)
        pages[name].goto(url)
    pages["amina"].locator("#id_mandate").fill("Amina's mandate.")
    pages["amina"].get_by_role("button", name="Save draft").click()
    pages["amina"].wait_for_selector(".messagelist .success")

    bruno = pages["bruno"]
    bruno.locator("#id_mandate").fill("Bruno's mandate.")
    bruno.get_by_role("button", name="Save draft").click()
    bruno.wait_for_selector("#edit-conflict-heading")
    bruno.screenshot(path=str(artifacts / "admin-edit-conflict.png"), full_page=True)
    assert "amina changed this record on" in bruno.content().lower()
    assert bruno.locator("#id_mandate").input_value() == "Amina's mandate."
    # Saving what the form now shows keeps Amina's mandate.
    bruno.get_by_role("button", name="Save draft").click()
    bruno.wait_for_selector(".messagelist .success")
    mission.refresh_from_db()
    assert mission.mandate == "Amina's mandate."
