"""What a load balancer asks (/healthz) and what readers see when the database is down."""

import sys
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as default_server_error


@never_cache
def healthz(request):
    """200 when this server can reach its database and its cache, else 503 with the reason."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError as error:
        checks["database"] = f"error: {type(error).__name__}"
    probe = f"atlas:healthz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, "ok", 10)
        checks["cache"] = "ok" if cache.get(probe) == "ok" else "error: value not read back"
        cache.delete(probe)
    except Exception as error:  # noqa: BLE001 - any cache backend failure means unhealthy
        checks["cache"] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def server_error(request):
    """The 500 handler: a database outage is a 503 with a page that needs no database."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        page = render_to_string("503.html")  # no request: no context processor touches the DB
        return HttpResponse(page, status=503, headers={"Retry-After": "30"})
    return default_server_error(request)
