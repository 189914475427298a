"""Gunicorn settings for the atlas; every value can be overridden from the environment.

`gunicorn peacekeeping.wsgi` in the checkout picks this file up by itself.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request is short and database-bound; the cache makes reads cheap.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once in the master: a recycled worker is then a fork, not a fresh import.
preload_app = True
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Build the directory's facet index once in the master (the app is preloaded), so every
    worker forks with it in memory instead of building its own on its first request."""
    from django.db import connections

    from missions.directory.index import current_index

    try:
        current_index()
    except Exception as error:  # noqa: BLE001 - the workers will build it themselves
        server.log.warning("Facet index not prebuilt: %s", error)
    finally:
        connections.close_all()
