"""Two reviewers approving the same review at the same moment: one sign-off, one approval in
the audit log, and the second reviewer is told who completed it. On PostgreSQL, in two threads
with their own connections, started together."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from wagtail.models import PageLogEntry

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
