import sqlite3

import pytest

from tests.factories import make_atlas


@pytest.fixture
def atlas(db):
    """A small connected atlas: three missions with roles, countries, lessons and citations."""
    return make_atlas(3)


# The files that take a minute or more, first: pytest-xdist hands each process whole files in
# collection order, and one of these left for the end would run alone while the other
# processes sit idle.
SLOW_FILES = [
    "test_backup.py",
    "test_two_servers.py",
    "test_faults.py",
    "test_setup_atlas.py",
    "test_shipped_fixtures.py",
    "test_titles.py",
    "test_entries.py",
    "test_country_pages.py",
    "test_import_fatalities.py",
]


def pytest_collection_modifyitems(items):
    first = {name: position for position, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: first.get(item.path.name, len(first)))


# The shipped atlas as setup_atlas first built it in this process, by its arguments: on
# SQLite's in-memory test database a later module copies it back in well under a second
# instead of loading every fixture and data set again (some 25 seconds each time).
_built = {}


def _restore(arguments):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    kept = _built.get(arguments)
    if kept is None:
        return False
    connection.ensure_connection()
    kept.backup(connection.connection)
    ContentType.objects.clear_cache()  # the copy's rows, not those a flush made since
    return True


def _keep(arguments):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _built[arguments] = copy


def _module_atlas(*arguments):
    """A module-scoped database with the atlas set up once; tests roll back their changes."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        from django.core.management import call_command

        with django_db_blocker.unblock():
            if not _restore(arguments):
                call_command("setup_atlas", *arguments, verbosity=0)
                _keep(arguments)
            yield
            call_command("flush", interactive=False, verbosity=0)

    return fixture


ready_atlas = _module_atlas()
ready_atlas_without_import = _module_atlas("--no-import")
