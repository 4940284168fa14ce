"""Changes made at the same moment, each in its own transaction on its own connection (two
threads, started together): the documents end as a fresh render of what is signed and live,
and neither change fails. On PostgreSQL."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import pre_save
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from delivery.models import Document
from signing.one_change import LOCK_KEY
from tests.factories import (
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from tests.factories.signing import sign

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

ROUNDS = 8


def at_once(*changes) -> list[BaseException]:
    """Run each change in its own thread and transaction, released together; their errors."""
    start, errors = threading.Barrier(len(changes)), []

    def run(change):
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                change()
        except BaseException as error:  # noqa: BLE001 (reported to the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(change,)) for change in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_a_treatment_published_as_its_condition_is_withdrawn_stops_showing_it(
    treatment_index, condition_index, client
):
    condition = ConditionPageFactory(parent=condition_index, title="Linked pain", slug="linked")
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        slug="linked-therapy",
        condition_links=[TreatmentCondition(condition=condition, note="Some evidence.")],
    )
    condition_signed = condition.live_revision
    treatment_signed = TreatmentPage.objects.get(pk=treatment.pk).save_revision()
    sign(treatment_signed)

    for round_ in range(ROUNDS):
        with transaction.atomic():
            condition_signed.publish()
        assert client.get("/api/v1/treatments/linked-therapy/").json()["conditions"]

        errors = at_once(
            treatment_signed.publish,
            lambda: ConditionPage.objects.get(pk=condition.pk).unpublish(),
        )

        assert errors == [], (round_, errors)  # no deadlock
        assert client.get("/api/v1/conditions/linked/").status_code == 404
        shown = client.get("/api/v1/treatments/linked-therapy/").json()["conditions"]
        assert shown == [], (round_, shown)


def test_two_rebuilds_at_once_both_finish(treatment_index, condition_index):
    """Two hosts running the deploy step's ``rebuild_documents`` while documents are missing."""
    for number in range(6):
        TreatmentPageFactory(parent=treatment_index, slug=f"rebuilt-{number}")
    Document.objects.all().delete()

    errors = at_once(*[lambda: call_command("rebuild_documents", stdout=io.StringIO())] * 2)

    assert errors == []
    assert Document.objects.filter(kind="treatment").count() == 6


def _lock_is_free() -> bool:
    """Asked from another connection: could another change start now?"""
    answer = []

    def ask():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
                answer.append(cursor.fetchone()[0])
        finally:
            connection.close()

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join(timeout=10)
    return answer[0]


@pytest.fixture
def lock_when_saved(monkeypatch):
    """Whether the change lock was free each time a page row was about to be written."""
    seen: list[bool] = []

    def probe(sender, instance, **kwargs):
        if isinstance(instance, Page):
            seen.append(_lock_is_free())

    pre_save.connect(probe, dispatch_uid="test.lock_probe")
    yield seen
    pre_save.disconnect(dispatch_uid="test.lock_probe")


def test_an_admin_change_holds_the_lock_before_it_writes_a_row(
    treatment_index, admin_user, lock_when_saved
):
    """Taken first, the lock cannot be waited for while holding a row another change needs
    (two changes locking rows in opposite orders deadlock)."""
    page = TreatmentPageFactory(parent=treatment_index, slug="to-withdraw")
    admin = Client()
    admin.force_login(admin_user)
    lock_when_saved.clear()  # the set-up's own saves

    assert admin.post(f"/admin/pages/{page.pk}/unpublish/").status_code == 302

    assert lock_when_saved and not any(lock_when_saved)
    assert not TreatmentPage.objects.get(pk=page.pk).live


def _locks_before_it_writes(change) -> bool:
    """Whether ``change``, run in a transaction, takes the change lock before its first write
    of any row (a revision's as much as a page's)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql.lstrip().upper())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record), transaction.atomic():
        change()
    lock = next(i for i, sql in enumerate(statements) if "PG_ADVISORY_XACT_LOCK" in sql)
    write = next(i for i, sql in enumerate(statements) if _locks_a_row(sql))
    return lock < write


def _locks_a_row(sql: str) -> bool:
    return sql.startswith(("UPDATE", "INSERT", "DELETE")) or " FOR UPDATE" in sql


def test_a_python_door_outside_a_transaction_holds_the_lock_while_it_writes(
    treatment_index, lock_when_saved
):
    """Called from a shell or a script (no transaction open), the door opens its own: the
    transaction-level lock would otherwise end with the statement that took it."""
    page = TreatmentPageFactory(parent=treatment_index, slug="from-a-script")
    revision = TreatmentPage.objects.get(pk=page.pk).save_revision()
    sign(revision)
    lock_when_saved.clear()  # the set-up's own saves

    revision.publish()
    TreatmentPage.objects.get(pk=page.pk).unpublish()

    assert len(lock_when_saved) >= 2 and not any(lock_when_saved)


def test_the_python_apis_doors_hold_the_lock_before_they_write_a_row(treatment_index, home_page):
    """``revision.publish()`` writes the page's revisions before the page, and the documents
    after both: a door called from Python takes the lock first, as the admin's do."""
    page = TreatmentPageFactory(parent=treatment_index, slug="python-door")
    revision = TreatmentPage.objects.get(pk=page.pk).save_revision()
    sign(revision)

    assert _locks_before_it_writes(revision.publish)
    assert _locks_before_it_writes(TreatmentPage.objects.get(pk=page.pk).unpublish)
    assert _locks_before_it_writes(revision.publish)  # published again, after the unpublish
    other = TreatmentIndexPageFactory(parent=home_page, slug="other-treatments")
    assert _locks_before_it_writes(
        lambda: TreatmentPage.objects.get(pk=page.pk).move(other, pos="last-child")
    )


def test_a_scheduled_expiry_holds_the_lock_before_it_writes_a_row(treatment_index, lock_when_saved):
    page = TreatmentPageFactory(parent=treatment_index, slug="to-expire")
    TreatmentPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    lock_when_saved.clear()  # the set-up's own saves

    call_command("publish_scheduled", stdout=io.StringIO())

    assert lock_when_saved and not any(lock_when_saved)
    assert not TreatmentPage.objects.get(pk=page.pk).live
