"""Two reviewers approving the same review at the same moment: one sign-off, one approval in
the audit log, and the second reviewer is told who completed it. On PostgreSQL, in two threads
with their own connections, started together."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from wagtail.models import PageLogEntry, TaskState
from wagtail.signals import page_published

from review.forms import SignoffForm
from review.models import ClinicalSignoff
from tests.workflow import approval_data, make_reviewer, submit_new_treatment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _validated(task_state, user):
    form = SignoffForm(approval_data(user), user=user, task_state=task_state)
    assert form.is_valid(), form.errors
    return form.validated_signoff()


def test_of_two_simultaneous_approvals_one_is_recorded_and_the_other_told_why(
    editor_client, treatment_index
):
    page = submit_new_treatment(editor_client, treatment_index)
    task_state = page.current_workflow_task_state.specific
    task = task_state.task.specific
    reviewers = [make_reviewer("first"), make_reviewer("second")]
    signoffs = [_validated(task_state, reviewer) for reviewer in reviewers]
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def approve(reviewer, signoff):
        try:
            start.wait(timeout=10)
            task.on_action(task_state, reviewer, "approve", signoff=signoff)
            outcomes[reviewer.username] = "signed"
        except PermissionDenied as refusal:
            outcomes[reviewer.username] = str(refusal)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=pair)
        for pair in zip(reviewers, signoffs, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values())[-1] == "signed", outcomes
    [refused] = [text for text in outcomes.values() if text != "signed"]
    winner = next(name for name, text in outcomes.items() if text == "signed")
    assert "already completed: approved by Dr " + winner.title() in refused
    assert ClinicalSignoff.objects.filter(task_state=task_state).count() == 1
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert approvals.count() == 1


def test_the_database_allows_one_signoff_a_task_state(editor_client, treatment_index):
    page = submit_new_treatment(editor_client, treatment_index)
    task_state = page.current_workflow_task_state.specific
    reviewer = make_reviewer("only")
    task_state.task.specific.on_action(
        task_state, reviewer, "approve", signoff=_validated(task_state, reviewer)
    )
    signed = ClinicalSignoff.objects.get(task_state=task_state)

    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicalSignoff.objects.bulk_create([ClinicalSignoff(**{**_fields(signed), "id": None})])


def _fields(record: ClinicalSignoff) -> dict:
    return {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}


def test_a_rejection_that_waited_on_an_approval_is_told_and_changes_nothing(
    editor_client, treatment_index
):
    """The approval holds the review while it publishes; a rejection sent meanwhile waits,
    then finds the review approved, instead of marking the signed review rejected."""
    page = submit_new_treatment(editor_client, treatment_index)
    task_state = page.current_workflow_task_state.specific
    task = task_state.task.specific
    approver, rejecter = make_reviewer("approver"), make_reviewer("rejecter")
    signoff = _validated(task_state, approver)
    publishing, release = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def hold_the_publish(**kwargs):
        publishing.set()
        release.wait(timeout=20)

    def act(name, *args, **kwargs):
        try:  # each reviewer's request loads the review
            task.on_action(TaskState.objects.get(pk=task_state.pk).specific, *args, **kwargs)
            outcomes[name] = "done"
        except PermissionDenied as refusal:
            outcomes[name] = str(refusal)
        finally:
            connection.close()

    page_published.connect(hold_the_publish, dispatch_uid="test.hold")
    try:
        approving = threading.Thread(
            target=act, args=("approve", approver, "approve"), kwargs={"signoff": signoff}
        )
        approving.start()
        assert publishing.wait(timeout=20)
        rejecting = threading.Thread(
            target=act, args=("reject", rejecter, "reject"), kwargs={"comment": "Changes."}
        )
        rejecting.start()
        _wait_for_a_lock_wait()
        release.set()
        for thread in (approving, rejecting):
            thread.join(timeout=60)
    finally:
        release.set()
        page_published.disconnect(dispatch_uid="test.hold")

    assert outcomes["approve"] == "done"
    assert "already completed: approved by Dr Approver" in outcomes["reject"]
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_APPROVED
    assert task_state.finished_by == approver
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").exists()


def _wait_for_a_lock_wait(timeout: float = 10.0) -> None:
    """Until another session of this database waits on a row lock (the rejection)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the rejection never waited for the approval")
