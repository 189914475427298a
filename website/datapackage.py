"""datapackage.json: every download of the open-data page described as a Frictionless Data
Tabular Data Package (https://specs.frictionlessdata.io/tabular-data-package/), so that
a reader loads any of them with its column types in one line of pandas, R or frictionless.

The fields are the same Column declarations the downloads write, so the description
cannot drift from the files.
"""

from django.urls import reverse

from atlas.exports import absolute
from datasets.exports import DOWNLOADS
from lessons.exports import LESSON_COLUMNS
from missions.exports import MISSION_COLUMNS
from organizations.exports import ORGANIZATION_COLUMNS
from sources.models import Source
from website.context_processors import fixed_links

# The atlas's own records: (name, title, description, columns).
RECORDS = [
    ("missions", "Missions", "One row per published mission.", MISSION_COLUMNS),
    ("organizations", "Organizations", "One row per published organization.", ORGANIZATION_COLUMNS),
    ("lessons", "Lessons", "One row per published lesson learned.", LESSON_COLUMNS),
]


def resource(request, name, title, description, path, columns, sources=()):
    """One CSV download as a Tabular Data Resource."""
    described = {
        "profile": "tabular-data-resource",
        "name": name,
        "title": title,
        "description": description,
        "path": absolute(request, path),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": column.name, "type": column.type, "description": column.description}
                for column in columns
            ],
            # An empty cell is a value the record or the file does not give.
            "missingValues": [""],
        },
    }
    if sources:
        described["sources"] = list(sources)
    return described


def data_set_sources(request):
    """{slug: [the Frictionless source]} of the data sets the downloads cite, in one query."""
    slugs = {download.source for download in DOWNLOADS}
    found = {}
    for source in Source.objects.filter(slug__in=slugs).only("slug", "title", "url"):
        page = absolute(request, source.get_absolute_url())
        found[source.slug] = [{"title": source.title, "path": source.url or page}]
    return found


def descriptor(request):
    links = fixed_links()
    resources = [
        resource(request, name, title, description, links[f"{name}_csv"], columns)
        for name, title, description, columns in RECORDS
    ]
    sources = data_set_sources(request)
    resources += [
        resource(
            request,
            download.slug,
            download.title,
            download.description,
            reverse("datasets:download-csv", args=[download.slug]),
            download.columns,
            sources.get(download.source, ()),
        )
        for download in DOWNLOADS
    ]
    return {
        "profile": "tabular-data-package",
        "name": "peacekeeping-atlas",
        "title": "Peacekeeping Atlas: missions, organizations, lessons and figures",
        "description": (
            "The atlas's published missions, organizations and lessons, and the outside data "
            "sets' figures it shows (uniformed personnel, fatalities, deployments, budgets), "
            "each row citing its file and line. Column meanings: "
            + absolute(request, links["open_data"])
        ),
        "homepage": absolute(request, links["home"]),
        "resources": resources,
    }
