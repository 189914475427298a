"""Each speed technique measured before and after, in-process, on the benchmark's database.

Run by bench/run.py with the project's interpreter and the benchmark's DATABASE_URL; prints
one JSON object. "Before" is the straightforward SQL a Django view would otherwise run.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.http import QueryDict  # noqa: E402

from missions.directory.filterset import MissionFilter, sort_missions  # noqa: E402
from missions.directory.index import build, current_index, related_missions  # noqa: E402
from missions.models import HostCountry, Mission, MissionOrganization, Role  # noqa: E402

FILTERS = QueryDict("organization=synthetic-organization-3&type=traditional&region=africa&q=CD")
FACET_FIELDS = {"type": "operation_type", "region": "region", "outcome": "outcome"}


def timed(function, repeat=15):
    """Median milliseconds of `repeat` calls, after one warm-up call."""
    function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def queryset_without(filterset, excluded):
    """The filter set's queryset with every valid filter applied except `excluded`."""
    queryset = filterset.queryset.all()
    if not filterset.is_bound:
        return queryset
    for name, value in filterset.form.cleaned_data.items():
        if name not in (excluded, "sort") and value not in (None, ""):
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def sql_facets(filterset):
    """The facet counts as grouped queries, one per facet, over the other filters' result."""
    counts = {}
    for name, field in FACET_FIELDS.items():
        rows = queryset_without(filterset, name).order_by().values(field).annotate(n=Count("pk"))
        counts[name] = {row[field]: row["n"] for row in rows}
    for name, model, field in (
        ("organization", MissionOrganization, "organization__slug"),
        ("country", HostCountry, "country"),
    ):
        among = queryset_without(filterset, name).order_by().values("pk")
        rows = (
            model.objects.filter(mission__in=among)
            .values(field)
            .annotate(n=Count("mission", distinct=True))
            .order_by()
        )
        counts[name] = {row[field]: row["n"] for row in rows}
    counts["status"] = queryset_without(filterset, "status").aggregate(
        active=Count("pk", filter=Q(start_date__isnull=False, end_date__isnull=True)),
        closed=Count("pk", filter=Q(end_date__isnull=False)),
    )
    return counts


def old_related(mission):
    countries = [host.country for host in mission.host_countries.all()]
    leads = [role.organization_id for role in mission.roles.all() if role.role == Role.LEAD]
    return list(
        Mission.objects.published()
        .exclude(pk=mission.pk)
        .filter(
            Q(host_countries__country__in=countries)
            | Q(roles__organization__in=leads, roles__role=Role.LEAD)
        )
        .distinct()
        .order_by("start_date", "acronym")[:12]
    )


def without_indexes(sql):
    """Run `sql` with the planner kept off the indexes (SQLite: NOT INDEXED)."""

    def run():
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_indexscan = off")
                cursor.execute("SET LOCAL enable_bitmapscan = off")
                cursor.execute("SET LOCAL enable_indexonlyscan = off")
                cursor.execute(sql)
            else:
                cursor.execute(
                    sql.replace("FROM missions_mission", "FROM missions_mission NOT INDEXED")
                )
            cursor.fetchall()

    return run


def raw(sql):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return run


def main():
    index = current_index()
    filterset = MissionFilter(FILTERS.copy(), queryset=Mission.objects.published())
    assert filterset.is_valid(), filterset.errors  # nosec B101
    unfiltered = MissionFilter(None, queryset=Mission.objects.published())
    everything = Mission.objects.published()
    mission = Mission.objects.for_detail().get(slug="synthetic-mission-5")
    deep = (index.size // 25 - 1) * 25  # the last full page
    page_sql = (
        "SELECT id FROM missions_mission WHERE status = 'published' "
        "ORDER BY start_date, acronym LIMIT 25 OFFSET {}"
    )
    results = {
        "facet counts, 3 facets + search selected": {
            "before": timed(lambda: sql_facets(filterset)),
            "after": timed(lambda: filterset.facets(FILTERS, index)),
            "before_is": "one grouped SQL query per facet",
            "after_is": "popcounts on the facet index",
        },
        "facet counts, nothing selected": {
            "before": timed(lambda: sql_facets(unfiltered)),
            "after": timed(lambda: unfiltered.facets(None, index)),
            "before_is": "one grouped SQL query per facet",
            "after_is": "popcounts on the facet index",
        },
        "match count, nothing selected": {
            "before": timed(lambda: everything.count()),
            "after": timed(lambda: unfiltered.results(index).count()),
            "before_is": "SELECT COUNT(*)",
            "after_is": "popcount",
        },
        "last page of the directory": {
            "before": timed(
                lambda: list(
                    sort_missions(everything, "start").values_list("pk", flat=True)[
                        deep : deep + 25
                    ]
                )
            ),  # fmt: skip
            "after": timed(lambda: index.page(index.everything, "start", deep, 25)),
            "before_is": f"ORDER BY … OFFSET {deep}",
            "after_is": "bitset word skipping",
        },
        "first page of the directory": {
            "before": timed(
                lambda: list(sort_missions(everything, "start").values_list("pk", flat=True)[:25])
            ),  # fmt: skip
            "after": timed(lambda: index.page(index.everything, "start", 0, 25)),
            "before_is": "ORDER BY … LIMIT 25",
            "after_is": "bitset word skipping",
        },
        "directory search for one word": {
            "before": timed(
                lambda: list(
                    everything.filter(
                        Q(acronym__icontains="CD")
                        | Q(name__icontains="CD")
                        | Q(summary__icontains="CD")
                        | Q(mandate__icontains="CD")
                    ).values_list("pk", flat=True)
                )
            ),  # fmt: skip
            "after": timed(lambda: filterset.filter_search(everything, "q", "CD").count()),
            "before_is": "icontains over four text columns",
            "after_is": "full-text index (FTS5 / GIN)",
        },
        "directory order, a deep page": {
            "before": timed(without_indexes(page_sql.format(deep))),
            "after": timed(raw(page_sql.format(deep))),
            "before_is": "no index on (status, start_date, acronym)",
            "after_is": "with that index",
        },
        "related missions on a mission page": {
            "before": timed(lambda: old_related(mission)),
            "after": timed(
                lambda: related_missions(
                    current_index(),
                    mission,
                    [host.country.code for host in mission.host_countries.all()],
                    [
                        role.organization.slug
                        for role in mission.roles.all()
                        if role.role == Role.LEAD
                    ],
                    12,
                )
            ),
            "before_is": "join, DISTINCT and sort over every match",
            "after_is": "facet index bitsets, then one query by primary key",
        },
        "building the facet index (once per change, per process)": {
            "before": None,
            "after": timed(build, repeat=3),
            "before_is": "",
            "after_is": "6 queries and a pass in Python",
        },
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
