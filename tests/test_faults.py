"""A database outage under load: readers get a friendly 503 page (never a stack trace), the
health check says what is wrong, and the site recovers by itself when the database returns.

The outage is real: a PostgreSQL cluster of the test's own, stopped and started again while
readers keep asking. It never touches the cluster the rest of the suite runs on.
"""

import http.client
import json
import shutil
import subprocess
import threading
import time

import pytest

from tests.servers import Deployment, free_port, get, wait_for

pytestmark = pytest.mark.servers

VERSION, CLUSTER = "15", "atlasfaults"
PATHS = ["/", "/missions/", "/missions/unficyp/", "/search/?q=force", "/missions/export.csv"]


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603


def psql(port, sql):
    run("su", "postgres", "-c", f'psql -q -p {port} -c "{sql}"')


@pytest.fixture(scope="module")
def own_cluster(tmp_path_factory):
    if not shutil.which("pg_createcluster"):
        pytest.fail("PostgreSQL 15's cluster tools are missing (apt-get install postgresql-15)")
    subprocess.run(["pg_dropcluster", "--stop", VERSION, CLUSTER], capture_output=True)  # noqa: S607
    port = free_port()
    run("pg_createcluster", VERSION, CLUSTER, "--port", str(port), "--start")
    try:
        psql(port, "CREATE ROLE atlas LOGIN PASSWORD 'atlas' CREATEDB")
        psql(port, "CREATE DATABASE atlas OWNER atlas")
        deployment = Deployment(
            tmp_path_factory.mktemp("outage"),
            servers=1,
            database_url=f"postgres://atlas:atlas@127.0.0.1:{port}/atlas",
        )
        try:
            yield deployment
        finally:
            deployment.stop()
    finally:
        subprocess.run(["pg_dropcluster", "--stop", VERSION, CLUSTER], capture_output=True)  # noqa: S607


class Readers(threading.Thread):
    """A reader asking for page after page until told to stop; keeps every answer's status."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.statuses, self.leaks, self.cut_off = url, [], [], []
        self.stopping = threading.Event()

    def run(self):
        number = 0
        while not self.stopping.is_set():
            path = PATHS[number % len(PATHS)]
            number += 1
            try:
                response = get(self.url + path)
            except http.client.IncompleteRead as error:
                # A download already streaming when the database stops cannot turn into a
                # 503; its chunked body is cut short, so the client knows it is incomplete.
                (self.cut_off if path.endswith(".csv") else self.leaks).append(repr(error))
                continue
            except (OSError, http.client.HTTPException) as error:
                self.leaks.append(repr(error))
                continue
            self.statuses.append(response.status)
            if "Traceback" in response.text or "OperationalError" in response.text:
                self.leaks.append(response.status)


def test_a_database_outage_gives_a_friendly_503_and_the_site_recovers(own_cluster):
    url = own_cluster.servers[0]["url"]
    assert get(url + "/missions/").status == 200
    readers = [Readers(url) for _ in range(4)]
    for reader in readers:
        reader.start()
    time.sleep(2)

    run("pg_ctlcluster", VERSION, CLUSTER, "stop", "--mode", "fast")
    time.sleep(2)
    down = get(url + "/missions/")
    assert down.status == 503
    assert down.headers["Retry-After"] == "30"
    assert "briefly unavailable" in down.text
    health = get(url + "/healthz")
    assert health.status == 503
    assert json.loads(health.text)["database"].startswith("error")
    time.sleep(2)

    run("pg_ctlcluster", VERSION, CLUSTER, "start")
    wait_for(lambda: get(url + "/missions/").status == 200, seconds=30, what="recovery")
    time.sleep(2)
    for reader in readers:
        reader.stopping.set()
    for reader in readers:
        reader.join(30)

    statuses = [status for reader in readers for status in reader.statuses]
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert 503 in statuses and statuses[-1] == 200
    assert not [leak for reader in readers for leak in reader.leaks]
    assert get(url + "/healthz").status == 200
