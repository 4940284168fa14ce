"""The worker: tasks wait in the database (django-tasks-db) until ``manage.py db_worker`` runs
them, in another process, as in production. Webhook deliveries and Wagtail's own tasks (search
indexing, the reference index) go through the same queue; nothing is lost while the worker is
stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import Delivery, DeliveryStatus
from outbox.tasks import PERIODIC
from tests.factories import TreatmentPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker(**extra_env: str) -> subprocess.CompletedProcess:
    """``db_worker --batch``: run every task that is ready, then stop."""
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECRET_KEY": settings.SECRET_KEY,
        **extra_env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def _search(client, word: str) -> list[str]:
    response = client.get("/api/v1/search/", {"q": word})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


@override_settings(TASKS=DATABASE_QUEUE)
def test_deliveries_and_wagtails_own_tasks_wait_for_the_worker_and_lose_nothing(
    treatment_index, webhook, receiver, client
):
    page = TreatmentPageFactory(parent=treatment_index, title="Quokkatherapy", slug="quokka")

    # The worker is stopped: the delivery and Wagtail's indexing wait in the queue.
    delivery = Delivery.objects.get(event__page_id=page.pk, event__kind="page.published")
    assert delivery.status == DeliveryStatus.PENDING
    waiting = set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert "outbox.tasks.deliver" in waiting
    assert "modelsearch.tasks.insert_or_update_object_task" in waiting
    assert "wagtail.tasks.update_reference_index_task" in waiting
    assert receiver.received == []
    assert _search(client, "Quokkatherapy") == []

    _run_worker()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert any(b'"/treatments/quokka/"' in body for body, _ in receiver.received)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert _search(client, "Quokkatherapy") == ["Quokkatherapy"]


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_failed_delivery_is_put_back_on_the_queue_for_later(treatment_index, webhook, receiver):
    receiver.failing = True
    page = TreatmentPageFactory(parent=treatment_index, slug="retried")
    # The receiver answers 503: the task puts the delivery back on the queue, to run in 2 s.
    _run_worker(OUTBOX_RETRY_BASE_SECONDS="2")
    delivery = Delivery.objects.get(event__page_id=page.pk, event__kind="page.published")
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts >= 1
    assert DBTaskResult.objects.filter(task_path="outbox.tasks.deliver", status="READY").exists()

    receiver.failing = False
    time.sleep(2.5)
    _run_worker()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_timers_enqueue_the_periodic_jobs_and_the_worker_runs_them(treatment_index):
    from django.core.management import call_command

    call_command("enqueue", *PERIODIC)
    assert set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)) == {
        task.module_path for task in PERIODIC.values()
    }
    _run_worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@override_settings(TASKS=DATABASE_QUEUE, HEALTH_WORKER_BACKLOG_SECONDS=60)
def test_readiness_reports_a_late_worker_and_failing_deliveries_as_degraded(
    treatment_index, webhook, receiver, client
):
    ready = client.get("/health/ready").json()
    assert ready["checks"]["worker"]["status"] == "ok"
    assert ready["checks"]["outbox"]["status"] == "ok"

    receiver.failing = True
    TreatmentPageFactory(parent=treatment_index)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        response = client.get("/health/ready")
    assert response.status_code == 200  # the site still serves
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["worker"]["status"] == "degraded"
    assert response.json()["checks"]["worker"]["oldest_ready_seconds"] >= 300

    _run_worker(OUTBOX_RETRY_BASE_SECONDS="600")  # the receiver answers 503
    outbox = client.get("/health/ready").json()["checks"]["outbox"]
    assert outbox["status"] == "degraded" and outbox["retrying"] >= 1
