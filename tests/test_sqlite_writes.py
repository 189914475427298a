"""SQLite, the embedded default, takes concurrent writers without "database is locked".

Two processes (as two gunicorn workers, or an editor saving while an import runs) each read
and then write inside a transaction, many times, their transactions overlapping on purpose.
The database is a file: the test suite's own in-memory database cannot be shared.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 60

WORKER = """
import sys, time, pathlib
import django
django.setup()
from django.db import connection, transaction

name, go = sys.argv[1], pathlib.Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
for _ in range(int(sys.argv[3])):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT n FROM counter WHERE id = 1")
        (n,) = cursor.fetchone()
        time.sleep(0.003)  # hold the transaction open, so the other worker's overlaps it
        cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
        cursor.execute("INSERT INTO writes (worker) VALUES (%s)", [name])
print("done")
"""


def test_two_processes_writing_at_once_both_finish(tmp_path):
    database = tmp_path / "atlas.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        setup.execute("INSERT INTO counter VALUES (1, 0)")
        setup.execute("CREATE TABLE writes (id INTEGER PRIMARY KEY, worker TEXT NOT NULL)")
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "peacekeeping.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, name, str(go), str(ROUNDS)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    time.sleep(1.5)  # both have started Django and wait at the line
    go.touch()
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert "database is locked" not in err
        assert worker.returncode == 0, err
        assert out.strip() == "done"
    with sqlite3.connect(database) as check:
        # Serialized, not merely error-free: no read-then-write lost the other's update.
        assert check.execute("SELECT n FROM counter").fetchone() == (2 * ROUNDS,)
        rows = dict(check.execute("SELECT worker, count(*) FROM writes GROUP BY worker"))
    assert rows == {"a": ROUNDS, "b": ROUNDS}
