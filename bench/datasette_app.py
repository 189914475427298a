"""Datasette over the benchmark's SQLite file, as an ASGI app for gunicorn's uvicorn workers."""

import os

from datasette.app import Datasette

app = Datasette(
    immutables=[os.environ["BENCH_SQLITE"]],
    settings={"default_page_size": 25, "suggest_facets": False, "sql_time_limit_ms": 10000},
).app()
