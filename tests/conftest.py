import pytest

from tests.factories import make_atlas


@pytest.fixture
def atlas(db):
    """A small connected atlas: three missions with roles, countries, lessons and citations."""
    return make_atlas(3)


def _module_atlas(*arguments):
    """A module-scoped database with the atlas set up once; tests roll back their changes."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        from django.core.management import call_command

        with django_db_blocker.unblock():
            call_command("setup_atlas", *arguments, verbosity=0)
            yield
            call_command("flush", interactive=False, verbosity=0)

    return fixture


ready_atlas = _module_atlas()
ready_atlas_without_import = _module_atlas("--no-import")
