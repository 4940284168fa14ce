"""Readiness checks for the worker and the outbox (see cms.health and HEALTH_CHECKS). They
degrade readiness, never fail it: the site still serves while mail and webhooks wait."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, When
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from .models import Delivery, DeliveryStatus


def backlog() -> dict:
    """How long the oldest task that is ready to run has waited for the worker."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return {"status": "ok", "queue": "runs tasks at once"}
    from django_tasks_db.models import DBTaskResult, get_date_max

    # A deferred task has waited since its run_after, not since it was enqueued; the others
    # carry the latest date there.
    due = Case(When(run_after=get_date_max(), then="enqueued_at"), default="run_after")
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(due=due)
        .order_by("due")
        .values_list("due", flat=True)
        .first()
    )
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    late = age > settings.HEALTH_WORKER_BACKLOG_SECONDS
    return {"status": "degraded" if late else "ok", "oldest_ready_seconds": age}


def failures() -> dict:
    """Deliveries given up on, and deliveries still failing."""
    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED).count()
    retrying = Delivery.objects.filter(status=DeliveryStatus.PENDING).exclude(last_error="").count()
    status = "degraded" if failed or retrying else "ok"
    return {"status": status, "failed": failed, "retrying": retrying}


backlog.needs_database = True  # see cms.health
failures.needs_database = True
