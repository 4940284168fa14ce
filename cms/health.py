"""Health endpoints for load balancers and monitoring.

- ``GET /health/live``: the process answers. Touches nothing else, so that a restart is never
  triggered by a database outage that a restart cannot fix.
- ``GET /health/ready``: 503 only when the database does not answer (nothing can be served);
  every other check (the cache, and whatever ``HEALTH_CHECKS`` adds: the task worker's backlog,
  the outbox's failures) can only make it "degraded", still 200, because the site still serves.
- ``GET /healthz``: the original database-only readiness, kept for existing load balancers.

A check is a function of no arguments returning ``{"status": "ok" | "degraded" | "unavailable",
...details}``; ``HEALTH_CHECKS`` maps names to their dotted paths. Details are public (anyone can
ask), so they name what failed, never hosts or messages: those go to the log. A check marked
``needs_database = True`` is skipped while the database does not answer: each would wait out
the connect timeout again, and a probe would time out instead of getting its 503.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, DEGRADED, UNAVAILABLE = "ok", "degraded", "unavailable"
CheckResult = dict[str, Any]


def database() -> CheckResult:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.exception("Health check: the database did not answer")
        return {"status": UNAVAILABLE, "error": type(error).__name__}
    return {"status": OK}


def cache() -> CheckResult:
    """A round trip of a small key on the default cache. django-redis set to ignore errors
    (as REDIS_URL configures it) answers a miss instead of raising: the value tells."""
    key, value = "cms:health", uuid.uuid4().hex
    try:
        default_cache.set(key, value, timeout=10)
        answered = default_cache.get(key)
    except Exception as error:  # any backend, any client library: never a 500 from here
        logger.warning("Health check: the cache failed", exc_info=True)
        return {"status": DEGRADED, "error": type(error).__name__}
    if answered != value:
        logger.warning("Health check: the cache did not keep a value")
        return {"status": DEGRADED, "error": "value not kept"}
    return {"status": OK}


def _run(
    name: str, check: Callable[[], CheckResult] | str, *, database_up: bool = True
) -> CheckResult:
    try:
        if isinstance(check, str):
            check = import_string(check)
        if not database_up and getattr(check, "needs_database", False):
            return {"status": UNAVAILABLE, "skipped": "the database did not answer"}
        result = dict(check())
    except Exception as error:  # a broken check degrades readiness, never fails it
        logger.exception("Health check %s raised", name)
        return {"status": DEGRADED, "error": type(error).__name__}
    if result.get("status") not in (OK, DEGRADED, UNAVAILABLE):
        logger.error("Health check %s answered no valid status: %r", name, result)
        result["status"] = DEGRADED
    return result


def readiness() -> tuple[int, dict[str, Any]]:
    """The readiness status code and body."""
    checks = {"database": _run("database", database)}
    up = checks["database"]["status"] == OK
    checks.update(
        (name, _run(name, path, database_up=up)) for name, path in settings.HEALTH_CHECKS.items()
    )
    if not up:
        return 503, {"status": UNAVAILABLE, "checks": checks}
    degraded = any(result["status"] != OK for result in checks.values())
    return 200, {"status": DEGRADED if degraded else OK, "checks": checks}


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    status, body = readiness()
    return JsonResponse(body, status=status)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    result = _run("database", database)
    if result["status"] != OK:
        return JsonResponse({"status": UNAVAILABLE, "database": "unreachable"}, status=503)
    return JsonResponse({"status": OK, "database": OK})
