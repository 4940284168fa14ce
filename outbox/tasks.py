"""The outbox's tasks, and the periodic jobs, on Django's tasks framework (django-tasks; in
production the database backend of django-tasks-db and its ``db_worker``).

Delivery is at least once: a delivery is tried under a row lock, marked delivered once the
receiver took it, otherwise retried later with exponential backoff (re-enqueued with a later
``run_after``) until ``OUTBOX_MAX_ATTEMPTS``. The minute's sweep (``deliver_due``) also tries
every due delivery, which covers a task lost with a killed worker or a backend that cannot defer.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Delivery, DeliveryStatus
from .send import DeliveryFailed, send

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: base × 2^(attempts−1), capped."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def enqueue(delivery_ids: list[int], run_after=None) -> None:
    """Put deliveries on the queue; a queue that is down or cannot defer leaves them to the
    sweep (they are in the outbox either way)."""
    for delivery_id in delivery_ids:
        try:
            if run_after is not None:
                if not default_task_backend.supports_defer:
                    continue
                deliver.using(run_after=run_after).enqueue(delivery_id)
            else:
                deliver.enqueue(delivery_id)
        except Exception:
            logger.exception("Could not enqueue delivery %s; the sweep will send it", delivery_id)


@task()
def deliver(delivery_id: int) -> str:
    """Try one delivery if it is pending and due; returns what happened."""
    return attempt(delivery_id)


def attempt(delivery_id: int, *, force: bool = False) -> str:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "webhook")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return "not pending"
        now = timezone.now()
        if not force and delivery.next_attempt_at > now:
            return "not due"
        delivery.attempts += 1
        delivery.last_attempt_at = now
        try:
            send(delivery)
        except Exception as error:
            # Anything that stops a send is a failed attempt, recorded and retried: one that
            # raised past this would stay first in every sweep, and hold up the others.
            if not isinstance(error, DeliveryFailed):
                logger.exception("Sending %s raised", delivery)
                error = DeliveryFailed(f"{type(error).__name__}: {error}")
            delivery.last_error = str(error)[:2000]
            if delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                logger.error("Gave up on %s after %d attempts", delivery, delivery.attempts)
            else:
                delivery.next_attempt_at = now + backoff(delivery.attempts)
                logger.warning(
                    "%s failed (attempt %d), next at %s: %s",
                    delivery,
                    delivery.attempts,
                    delivery.next_attempt_at.isoformat(),
                    error,
                )
            delivery.save()
            if delivery.status == DeliveryStatus.PENDING:
                when = delivery.next_attempt_at
                transaction.on_commit(lambda: enqueue([delivery_id], run_after=when))
            return "failed"
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
        delivery.save()
        return "delivered"


def deliver_due_now(limit: int = 500) -> dict[str, int]:
    """Try every pending delivery that is due (oldest first)."""
    due = Delivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")
    counts: dict[str, int] = {}
    for delivery_id in due.values_list("pk", flat=True)[:limit]:
        try:
            outcome = attempt(delivery_id)
        except Exception:  # say so, and go on with the others
            logger.exception("Could not attempt delivery %s", delivery_id)
            outcome = "error"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def retry(delivery: Delivery) -> None:
    """An admin's "retry": a failed or waiting delivery is due again now, with its count of
    attempts kept."""
    Delivery.objects.filter(pk=delivery.pk).exclude(status=DeliveryStatus.DELIVERED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue([delivery.pk]))


# Periodic jobs: systemd timers enqueue them (``manage.py enqueue``), the worker runs them.


@task()
def deliver_due() -> dict[str, int]:
    return deliver_due_now()


@task()
def publish_scheduled() -> None:
    call_command("publish_scheduled")


@task()
def send_review_reminders() -> None:
    call_command("notify_reviews_due")


PERIODIC = {
    "publish-scheduled": publish_scheduled,
    "outbox-sweep": deliver_due,
    "review-reminders": send_review_reminders,
}
