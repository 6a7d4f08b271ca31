"""/health/: database, cache, search engine and task queue, as JSON for monitoring.

HTTP 200 with {"status": "ok"} when every component is ok, 503 with {"status": "degraded"}
otherwise. Which components are degraded, and their figures, are shown only to staff users and
to monitoring that sends `Authorization: Bearer <HEALTH_TOKEN>`. Failures are reported by
exception class only; no connection details leave the server.
"""

import hmac
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .tasks import queue_figures, uses_database_queue


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, {"vendor": connection.vendor}


def check_cache():
    cache = caches["default"]
    key, value = "operations:health", str(time.time())
    cache.set(key, value, 30)
    return cache.get(key) == value, {"backend": cache.__class__.__name__}


def check_search():
    from search.engines import current_engine  # built by the search app

    engine = current_engine()
    return bool(engine.ping()), {"engine": engine.name}


def check_tasks():
    if not uses_database_queue():
        return True, {"backend": "immediate"}
    figures = queue_figures()
    return figures["oldest_pending_seconds"] <= settings.HEALTH_MAX_TASK_WAIT_SECONDS, figures


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search, "tasks": check_tasks}


def run_check(check):
    started = time.monotonic()
    try:
        ok, details = check()
    except Exception as error:  # noqa: BLE001 - a component that cannot even be asked is degraded
        ok, details = False, {"error": error.__class__.__name__}
    return {"status": "ok" if ok else "degraded", **details, "milliseconds": round((time.monotonic() - started) * 1000)}


def may_see_details(request):
    token = settings.HEALTH_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if token and scheme == "Bearer" and hmac.compare_digest(given.encode(), token.encode()):
        return True
    try:
        return request.user.is_active and request.user.is_staff
    except DatabaseError:  # the session cannot be read while the database is down
        return False


@never_cache
def health(request):
    components = {name: run_check(check) for name, check in CHECKS.items()}
    degraded = [name for name, result in components.items() if result["status"] != "ok"]
    body = {"status": "degraded" if degraded else "ok"}
    if may_see_details(request):
        body.update(degraded=degraded, components=components)
    return JsonResponse(body, status=503 if degraded else 200, json_dumps_params={"ensure_ascii": False})
