import pytest

from tests.factories import make_atlas


@pytest.fixture
def atlas(db):
    """A small connected atlas: three missions with roles, countries, lessons and citations."""
    return make_atlas(3)
