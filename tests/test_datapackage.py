"""datapackage.json: a Frictionless Tabular Data Package describing every download of the
open-data page, whose fields are the files' headers and types, and which pandas reads."""

import csv
import datetime
import io
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from atlas.exports import TYPES, Column
from datasets.exports import DOWNLOADS
from tests.factories import make_atlas
from tests.numbers_factories import make_numbers

pytestmark = pytest.mark.django_db

URL = "/open-data/datapackage.json"
# The spec's name: lower-case letters, digits and . - _ only.
NAME = re.compile(r"^[a-z0-9._-]+$")


@pytest.fixture
def filled(db):
    make_atlas(3)
    return make_numbers(missions=2)


def descriptor(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def fetch(client, url):
    """The body of a resource's absolute address, from the test client."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver", url
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8")


def test_the_descriptor_has_the_tabular_data_package_essentials(client, filled):
    package = descriptor(client)
    assert package["profile"] == "tabular-data-package"
    assert NAME.match(package["name"])
    assert package["homepage"] == "http://testserver/"
    resources = package["resources"]
    names = [resource["name"] for resource in resources]
    assert len(names) == len(set(names))
    assert names[:3] == ["missions", "organizations", "lessons"]
    assert names[3:] == [download.slug for download in DOWNLOADS]
    for resource in resources:
        assert NAME.match(resource["name"])
        assert resource["profile"] == "tabular-data-resource"
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
            "csv",
            "text/csv",
            "utf-8",
        )
        assert resource["path"].startswith("http://testserver/")
        assert resource["title"] and resource["description"]
        fields = resource["schema"]["fields"]
        assert fields, resource["name"]
        for field in fields:
            assert set(field) == {"name", "type", "description"}
            assert field["type"] in TYPES and field["description"]


def test_the_data_set_resources_name_their_sources(client, filled):
    sources, _missions = filled
    resources = {resource["name"]: resource for resource in descriptor(client)["resources"]}
    assert "sources" not in resources["missions"]
    assert resources["fatalities"]["sources"] == [
        {"title": "Data set fatalities", "path": "https://example.org/fatalities"}
    ]
    for download in DOWNLOADS:
        [source] = resources[download.slug]["sources"]
        assert source["title"] and source["path"]


def test_every_path_resolves_and_its_header_is_the_schema(client, filled):
    for resource in descriptor(client)["resources"]:
        rows = list(csv.reader(io.StringIO(fetch(client, resource["path"]))))
        header = rows[0]
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["name"]
        assert len(rows) > 1, f"{resource['name']} has no rows to check the types against"


PARSERS = {
    "string": str,
    "integer": int,
    "number": Decimal,
    "date": datetime.date.fromisoformat,
    "boolean": lambda value: {"True": True, "False": False}[value],
}


def test_every_cell_is_of_its_fields_type(client, filled):
    """The declared types hold: an integer column holds whole numbers, a date ISO dates …"""
    for resource in descriptor(client)["resources"]:
        fields = resource["schema"]["fields"]
        for row in csv.DictReader(io.StringIO(fetch(client, resource["path"]))):
            for field in fields:
                value = row[field["name"]]
                if value != "":  # missingValues: an empty cell is no value
                    PARSERS[field["type"]](value)


def test_pandas_reads_a_resource_in_one_line(client, filled):
    pandas = pytest.importorskip("pandas")
    resources = {resource["name"]: resource for resource in descriptor(client)["resources"]}
    content = fetch(client, resources["personnel"]["path"])
    frame = pandas.read_csv(io.StringIO(content))
    assert list(frame.columns) == [
        field["name"] for field in resources["personnel"]["schema"]["fields"]
    ]
    assert len(frame) == 7
    assert str(frame["total"].dtype) == "int64"
    assert frame["total"].sum() == 3 * 1015 + 3 * 2015 + 7


def test_the_empty_atlas_still_describes_every_download(client):
    package = descriptor(client)
    for resource in package["resources"]:
        assert fetch(client, resource["path"]).splitlines()[0].split(",") == [
            field["name"] for field in resource["schema"]["fields"]
        ]


def test_the_descriptor_costs_one_query_and_is_linked_from_open_data(
    client, filled, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        descriptor(client)
    html = client.get(reverse("open-data")).content.decode()
    assert f'href="{URL}"' in html
    assert '<h2 id="figures">Figures from outside data sets</h2>' in html
    for download in DOWNLOADS:
        assert f'href="/numbers/{download.slug}.csv"' in html
        for column in download.columns:
            assert f"<code>{column.name}</code></th><td>{column.type}</td>" in html


def test_a_column_type_outside_the_table_schema_is_refused():
    with pytest.raises(ValueError, match="unknown type 'float'"):
        Column("share", "A share.", lambda record, request: 0.5, type="float")
