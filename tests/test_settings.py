"""Production refuses to start without a secret; development needs nothing set; SQLite is
set up for concurrent writers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction

from atlas.models import ContentVersion

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import peacekeeping.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_stops_production_start_up():
    result = import_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = import_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.stdout.split()[0] == "False"


def test_sqlite_is_the_default_database():
    result = import_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_database_url_selects_postgresql():
    result = import_settings(DJANGO_DEBUG="1", DATABASE_URL="postgres://u:p@127.0.0.1:5432/db")
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


def run_manage(*arguments, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_manage_py_in_an_unconfigured_checkout_is_in_development_mode():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_manage_py_with_a_secret_key_keeps_debug_off():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SECRET_KEY="x" * 50,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_the_wsgi_entry_point_refuses_to_start_without_a_key():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", "import peacekeeping.wsgi"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr


def database_options(url):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, peacekeeping.settings as s; "
            "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_sqlite_gets_an_immediate_write_lock_a_busy_timeout_and_normal_sync(tmp_path):
    options = database_options(f"sqlite:///{tmp_path / 'atlas.sqlite3'}")
    assert options["timeout"] == 20
    assert options["transaction_mode"] == "IMMEDIATE"
    # WAL is switched on per file by atlas.sqlite.use_wal (see the test below).
    assert options["init_command"] == "PRAGMA synchronous=NORMAL"


def test_postgresql_gets_none_of_the_sqlite_options():
    options = database_options("postgres://u:p@127.0.0.1:5432/db")
    assert not {"timeout", "transaction_mode", "init_command"} & set(options)


def test_a_sqlite_file_opens_in_wal_mode_with_the_timeout(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.db import connection\n"
            "with connection.cursor() as c:\n"
            "    for p in ('journal_mode', 'synchronous', 'busy_timeout'):\n"
            "        c.execute('PRAGMA ' + p); print(c.fetchone()[0])",
        ],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "peacekeeping.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'atlas.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["wal", "1", "20000"]  # synchronous 1 is NORMAL


@pytest.mark.django_db(transaction=True)
def test_the_suites_own_database_still_works_with_these_options():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite options apply to SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
    # In memory, WAL is a no-op; a file-based test database is in WAL.
    assert journal == ("memory" if connection.is_in_memory_db() else "wal")
    with transaction.atomic():
        ContentVersion.objects.create(token="written-in-an-immediate-transaction")
    assert ContentVersion.objects.filter(token="written-in-an-immediate-transaction").exists()
