"""Property-based hostile input: random and crafted values in every reader URL's query
parameters and path segments never give a 5xx, and never come back unescaped."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LISTS = {
    "/missions/": [
        "q",
        "organization",
        "type",
        "region",
        "country",
        "status",
        "outcome",
        "decade",
        "start_from",
        "start_to",
        "theme",
        "sort",
        "page",
    ],
    "/missions/timeline/": ["q", "organization", "country", "decade", "theme", "start_from"],
    "/missions/map/": ["q", "organization", "region", "status", "outcome"],
    "/missions/export.csv": ["q", "organization", "country", "sort", "start_to"],
    "/missions/export.json": ["q", "type", "theme", "decade"],
    "/missions/export-excel.csv": ["q", "region", "status", "organization"],
    "/organizations/": ["kind", "q", "page"],
    "/organizations/export.csv": ["kind", "q"],
    "/lessons/": ["kind", "theme", "q", "page"],
    "/lessons/export.json": ["kind", "theme", "q"],
    "/search/": ["q", "page"],
    "/sources/": ["page"],
    "/topics/": ["kind"],
    "/": ["q"],
}
DETAILS = [
    "/missions/{}/", "/missions/{}.json", "/organizations/{}/", "/lessons/{}/",
    "/lessons/themes/{}/", "/topics/{}/", "/sources/{}/",
]  # fmt: skip
NASTY = [
    "' OR 1=1 --", '"; DROP TABLE missions_mission; --', "%", "_", "\\", "\x00", "NULL",
    "1e309", "NaN", "-1", "0", "99999999999999999999999999", "0x1F", "１２", "٣",
    "../../etc/passwd", "{{ 7*7 }}", "{% debug %}", "${jndi:ldap://x}", "\u202e", "😀" * 50,
    "a" * 5000, " ", "\t\n", "MATCH", '"unbalanced', "NEAR(", "*", "-", "AND OR NOT",
]  # fmt: skip

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@FUZZ
@given(
    page=st.sampled_from(sorted(LISTS)),
    pairs=st.lists(st.tuples(st.integers(min_value=0, max_value=20), values), max_size=6),
)
def test_query_strings_never_break_a_reader_page(client, atlas, page, pairs):
    names = LISTS[page]
    query = [(names[index % len(names)], value) for index, value in pairs]
    response, _ = fetch(client, f"{page}?{urlencode(query)}")
    assert response.status_code < 500


@FUZZ
@given(
    page=st.sampled_from(sorted(LISTS)),
    marker=st.from_regex(r"\A[a-z]{10}\Z"),
    shape=st.sampled_from(
        [
            "<script>alert('{}')</script>",
            '"><img src=x onerror="{}">',
            "'><svg onload={}>",
            "</textarea><b>{}</b>",
            "javascript:{}()",
        ]
    ),
)
def test_markup_in_parameters_is_never_reflected_unescaped(client, atlas, page, marker, shape):
    payload = shape.format(marker)
    query = [(name, payload) for name in LISTS[page]]
    response, body = fetch(client, f"{page}?{urlencode(query)}")
    assert response.status_code < 500
    if "<" in payload or '"' in payload:
        assert payload.encode() not in body


@FUZZ
@given(pattern=st.sampled_from(DETAILS), segment=st.one_of(st.sampled_from(NASTY), st.text()))
def test_path_segments_never_break_a_detail_page(client, atlas, pattern, segment):
    if not segment:
        return
    response, _ = fetch(client, pattern.format(quote(segment, safe="")))
    assert response.status_code < 500
    assert response.status_code in (200, 301, 404)


@FUZZ
@given(
    page=st.sampled_from(["/missions/", "/lessons/", "/organizations/", "/search/"]),
    number=st.one_of(st.integers(), st.sampled_from(NASTY), st.text(max_size=20)),
    repeats=st.integers(min_value=1, max_value=4),
)
def test_page_numbers_of_any_kind_give_a_page(client, atlas, page, number, repeats):
    query = urlencode([("page", str(number))] * repeats + [("q", "mission")])
    response, _ = fetch(client, f"{page}?{query}")
    assert response.status_code == 200
