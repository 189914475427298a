"""Property-based hostile input in the admin: any query string on any changelist, export or
import view of any registered model, as a Viewer or a superuser, never gives a 5xx.

Keys come from real lookups (each model's fields with their lookups, the list filters'
parameters, the changelist's own o, p, q, e, _to_field, _popup, all) and from junk;
values from junk, numbers, huge numbers and lists. The views, keys and export forms are
read from the admin site, so a model registered later is fuzzed without an edit here.
"""

import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.admin_views import (
    admin_views,
    lookup_keys,
    request,
    small_admin,
)
from tests.test_hypothesis import NASTY

pytestmark = pytest.mark.django_db

JUNK_KEYS = [
    "a;env;", ";", "a;b", "__", "id__", "__exact", "pk__in__exact", "nosuchfield",
    "status__nosuchlookup", "id__regex", "name__iregex", "\x00", "é" * 20, "😀", "k" * 3000,
    "o__exact", "p__gte", "_to_field__exact", "",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0, -1, 9999, 10000, 99999, 2**31, 2**63, 2**64, 10**30]),
).map(str)
values = st.one_of(
    st.sampled_from(NASTY),
    NUMBERS,
    st.lists(NUMBERS, min_size=0, max_size=4).map(",".join),  # __in lists
    st.sampled_from(["True", "False", "1", "0", "yes", "review", "draft", "1990-01-01"]),
    st.sampled_from(["-1", "1.-2", "0.0", "-", "1.1.1", "a.b"]),  # o= orderings
    st.sampled_from(["[", "(a+)+$", "*", "\\"]),  # patterns for __regex
    st.text(max_size=40),
)
FUZZ = settings(
    max_examples=int(os.environ.get("ATLAS_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VIEWS = admin_views()


@pytest.fixture(scope="module")
def fuzzed_admin(django_db_setup, django_db_blocker):
    """A small atlas, a Viewer's and a superuser's clients, every model's keys, export forms."""
    with small_admin(django_db_blocker) as (clients, superuser, export_data):
        yield {"clients": clients, "keys": lookup_keys(superuser), "export_data": export_data}


def query_strings(real_keys):
    """Query strings of one to five pairs; a key may repeat, as a list's items do."""
    keys = st.one_of(st.sampled_from(real_keys), st.sampled_from(JUNK_KEYS), st.text(max_size=12))
    return st.lists(st.tuples(keys, values), min_size=1, max_size=5).map(urlencode)


@pytest.mark.parametrize("role", ["viewer", "superuser"])
@pytest.mark.parametrize("view", VIEWS, ids=str)
@FUZZ
@given(data=st.data())
def test_no_query_string_gives_an_admin_list_a_5xx(fuzzed_admin, view, role, data):
    query = data.draw(query_strings(fuzzed_admin["keys"][view.label]), label="query")
    client = fuzzed_admin["clients"][role]
    response = request(client, view, query, fuzzed_admin["export_data"])
    assert response.status_code < 500, query
