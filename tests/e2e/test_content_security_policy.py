"""The Content-Security-Policy (no inline script or style) breaks nothing a person uses:
every reader page and the admin's pages, widgets included, run without one refusal."""

import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READER = [
    "/", "/missions/", "/missions/?region=africa&sort=-start", "/missions/timeline/",
    "/missions/map/", "/missions/unmik/", "/organizations/united-nations/", "/lessons/",
    "/topics/", "/sources/", "/search/?q=kosovo", "/open-data/", "/missions/no-such/",
]  # fmt: skip
ADMIN = [
    "/admin/", "/admin/missions/mission/", "/admin/missions/mission/?q=UN",
    "/admin/missions/mission/add/", "/admin/missions/mission/import/",
    "/admin/missions/mission/export/", "/admin/missions/mission/recover/",
    "/admin/lessons/lesson/add/", "/admin/organizations/organization/",
]  # fmt: skip


def test_no_page_trips_the_content_security_policy(
    live_server, shipped_atlas, page, csp_violations
):
    for path in READER:
        page.goto(live_server.url + path)
    User.objects.create_superuser("admin", None, "a long test password")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    for path in ADMIN:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/admin/missions/mission/add/")
    page.locator("#id_roles-0-organization + .select2 .select2-selection").click()
    page.locator(".select2-results__option").first.wait_for()
    page.goto(live_server.url + "/admin/missions/mission/")
    page.locator("#result_list tbody tr th a").first.click()
    page.get_by_role("link", name="History").click()
    assert csp_violations == []
