"""Two app servers sharing one database and one Redis: a publish through one is read through
the other at once, and the shared page cache never serves the old page."""

import html
import json
import os
import re
import shutil
import subprocess
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.servers import ROOT, AdminSession, Deployment, get

pytestmark = pytest.mark.servers
ARTIFACTS = ROOT / "test-artifacts"

# The directory, newest first: where the draft of 2026 appears once it is published.
NEWEST = "/missions/?sort=-start"
PASSWORD = "a long test password"  # noqa: S105 - a throwaway test account
SETUP = f"""
import datetime
from django.contrib.auth.models import Group, User
from atlas.roles import sync_groups
from missions.models import Mission
from sources.models import Citation, SourceSection
sync_groups()
user = User.objects.create_user("publisher", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name="Publisher"))
mission = Mission.objects.create(
    acronym="UNDRAFT", name="A mission an editor is drafting", slug="undraft",
    status="review", summary="A draft record, not yet published.",
    start_date=datetime.date(2026, 1, 1), start_precision="year",
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

    before = get(other + NEWEST)
    assert before.status == 200 and before.headers["X-Atlas-Cache"] == "miss"
    assert "UNDRAFT" not in before.text
    shared = get(one + NEWEST)
    assert shared.headers["X-Atlas-Cache"] == "hit"  # the page the other server cached
    assert get(other + "/missions/undraft/").status == 404

    editor = AdminSession(one, "publisher", PASSWORD)
    changelist = editor.get("/admin/missions/mission/")
    response = editor.post(
        "/admin/missions/mission/",
        changelist.text,
        {"action": "publish", "_selected_action": deployment.draft_pk, "index": "0"},
    )
    assert response.status == 302

    after = get(other + NEWEST)
    assert after.headers["X-Atlas-Cache"] == "miss"
    assert "UNDRAFT" in after.text
    page = get(other + "/missions/undraft/")
    assert page.status == 200
    assert "not yet published" in page.text
    assert re.search(r"<h1[^>]*>.*UNDRAFT", page.text, re.S)


IMPORT_CSV = (
    b"slug,acronym,name,start_date,start_precision,summary,outcome\n"
    b"unimported,UNIMPORTED,A mission imported from a file,"
    b"1991-04-29,day,A mission an editor imports.,ongoing\n"
)
ANOTHER_EDITOR = f"""
from django.contrib.auth.models import Group, User
user = User.objects.create_user("another-editor", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name="Editor"))
"""
IMPORTED = """
from reversion.models import Version
from missions.models import Mission
missions = Mission.objects.filter(slug="unimported")
print(missions.count(), Version.objects.get_for_model(Mission).filter(object_id__in=[
    str(pk) for pk in missions.values_list("pk", flat=True)]).count())
"""


def imported(deployment):
    """[missions with the imported slug, their versions of history] from the database."""
    return deployment.manage("shell", "-c", IMPORTED).split()[-2:]


def test_an_import_previewed_on_one_server_is_confirmed_on_the_other_once(deployment):
    """The upload waits in the shared Redis, not in server A's temporary folder: the confirm
    lands on server B and imports once; another user's confirm and a replay are refused."""
    one, other = (server["url"] for server in deployment.servers)
    importer = AdminSession(one, "publisher", PASSWORD)
    page = importer.get("/admin/missions/mission/import/")
    preview = importer.post_file(
        "/admin/missions/mission/import/",
        page.text,
        {"resource": "0", "format": "0"},
        "import_file",
        "western-sahara.csv",
        IMPORT_CSV,
    )
    assert preview.status == 200, preview.text
    confirm_form = re.search(r'<form action="[^"]*process_import/".*?</form>', preview.text, re.S)
    assert confirm_form, preview.text
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)"', confirm_form[0]
        )
        if name != "csrfmiddlewaretoken"
    }
    assert set(fields) >= {"import_file_name", "original_file_name", "format"}
    assert imported(deployment) == ["0", "0"]

    deployment.manage("shell", "-c", ANOTHER_EDITOR)
    intruder = AdminSession(other, "another-editor", PASSWORD)
    own_page = intruder.get("/admin/missions/mission/import/")
    refused = intruder.post("/admin/missions/mission/process_import/", own_page.text, fields)
    assert refused.status == 400
    assert "belongs to another user" in refused.text
    assert imported(deployment) == ["0", "0"]

    confirmed = importer.on(other).post(
        "/admin/missions/mission/process_import/", page.text, fields
    )
    assert confirmed.status == 302, confirmed.text
    assert confirmed.headers["Location"].endswith("/admin/missions/mission/")
    assert imported(deployment) == ["1", "1"]

    for server in (one, other):
        replay = importer.on(server).post(
            "/admin/missions/mission/process_import/", page.text, fields
        )
        assert replay.status == 400
        assert "already been imported" in replay.text
    assert imported(deployment) == ["1", "1"]


LOAD_SECONDS = int(os.environ.get("ATLAS_LOAD_SECONDS", "60"))
READERS = 64


def test_64_readers_for_a_minute_while_an_editor_publishes(deployment):
    """Half the readers on each server; every second the editor publishes or unpublishes a
    mission through one server and checks that the other shows it at once."""
    wrk = shutil.which("wrk")
    assert wrk, "wrk is missing: run `make system-packages`"
    servers = [server["url"] for server in deployment.servers]
    loads = [
        subprocess.Popen(  # noqa: S603
            [
                wrk,
                "--threads",
                "1",
                "--connections",
                str(READERS // len(servers)),
                "--duration",
                f"{LOAD_SECONDS}s",
                "--timeout",
                "30s",
                "--script",
                str(ROOT / "tests" / "load.lua"),
                url,
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            text=True,
        )
        for url in servers
    ]
    editors = [AdminSession(url, "publisher", PASSWORD) for url in servers]
    changes, stale = 0, 0
    started = time.monotonic()
    while time.monotonic() - started < LOAD_SECONDS - 2:
        through, reader = changes % 2, 1 - changes % 2
        action = "publish" if changes % 2 == 0 else "unpublish"
        page = editors[through].get("/admin/missions/mission/")
        response = editors[through].post(
            "/admin/missions/mission/",
            page.text,
            {"action": action, "_selected_action": deployment.draft_pk, "index": "0"},
        )
        assert response.status == 302
        seen = get(servers[reader] + "/missions/undraft/").status
        stale += seen != (200 if action == "publish" else 404)
        changes += 1
        time.sleep(1)
    results = []
    for load in loads:
        output, _ = load.communicate(timeout=LOAD_SECONDS + 60)
        results.append(json.loads(output.strip().splitlines()[-1]))
    total = {
        "readers": READERS,
        "seconds": LOAD_SECONDS,
        "servers": len(servers),
        "database": "postgresql" if "postgres" in deployment.env["DATABASE_URL"] else "sqlite",
        "requests": sum(r["requests"] for r in results),
        "requests_per_second": round(
            sum(r["requests"] / (r["duration_us"] / 1e6) for r in results), 1
        ),
        "errors": sum(r["socket_errors"] + r["non_2xx"] for r in results),
        "p50_ms": max(r["p50_ms"] for r in results),
        "p95_ms": max(r["p95_ms"] for r in results),
        "p99_ms": max(r["p99_ms"] for r in results),
        "editor_changes": changes,
        "stale_reads_after_a_change": stale,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"load-{total['database']}.json").write_text(json.dumps(total, indent=2))
    assert total["requests"] > 0 and changes > 0
    assert total["errors"] == 0, total
    assert stale == 0, total
