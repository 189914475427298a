"""Two app servers sharing one database and one Redis: a publish through one is read through
the other at once, and the shared page cache never serves the old page."""

import os
import re
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.servers import AdminSession, Deployment, get

pytestmark = pytest.mark.servers

PASSWORD = "a long test password"  # noqa: S105 - a throwaway test account
SETUP = f"""
from django.contrib.auth.models import Group, User
from atlas.roles import sync_groups
from missions.models import Mission
from sources.models import Citation, SourceSection
sync_groups()
user = User.objects.create_user("publisher", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name="Publisher"))
mission = Mission.objects.create(
    acronym="UNISFA", name="United Nations Interim Security Force for Abyei", slug="unisfa",
    status="review", summary="A force in the Abyei area.",
)
Citation.objects.create(mission=mission, section=SourceSection.objects.first())
print(mission.pk)
"""


def separate_postgres_database(url):
    """On PostgreSQL, a database of the servers' own beside the test run's."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_servers"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    database_url = separate_postgres_database(url) if url.startswith("postgres") else None
    deployment = Deployment(tmp_path_factory.mktemp("deploy"), servers=2, database_url=database_url)
    deployment.draft_pk = deployment.manage("shell", "-c", SETUP).split()[-1]
    yield deployment
    deployment.stop()


def test_a_publish_through_one_server_is_read_through_the_other_at_once(deployment):
    one, other = (server["url"] for server in deployment.servers)

    before = get(other + "/missions/")
    assert before.status == 200 and before.headers["X-Atlas-Cache"] == "miss"
    assert "UNISFA" not in before.text
    shared = get(one + "/missions/")
    assert shared.headers["X-Atlas-Cache"] == "hit"  # the page the other server cached
    assert get(other + "/missions/unisfa/").status == 404

    editor = AdminSession(one, "publisher", PASSWORD)
    changelist = editor.get("/admin/missions/mission/")
    response = editor.post(
        "/admin/missions/mission/",
        changelist.text,
        {"action": "publish", "_selected_action": deployment.draft_pk, "index": "0"},
    )
    assert response.status == 302

    after = get(other + "/missions/")
    assert after.headers["X-Atlas-Cache"] == "miss"
    assert "UNISFA" in after.text
    page = get(other + "/missions/unisfa/")
    assert page.status == 200
    assert "Abyei" in page.text
    assert re.search(r"<h1[^>]*>.*UNISFA", page.text, re.S)
