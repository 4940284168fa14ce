"""Deleting what a sign-off record refers to (its reviewer's account, its workflow task state)
leaves the record with a null reference, keeps what it states, and the chain still verifies: the
append-only trigger lets Django's ``SET_NULL`` clear those references, and they are not chained."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from wagtail.models import TaskState, WorkflowState

from content_models.models import ClinicianProfile
from review.models import ClinicalSignoff
from tests.workflow import approval_data, review_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the tests run on PostgreSQL"),
]


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_signoffs", stdout=out)
    return out.getvalue()


@pytest.fixture
def reviewed(submitted, reviewer, reviewer_client) -> ClinicalSignoff:
    """The submitted page signed through the review screen: a record with every reference."""
    response = reviewer_client.post(review_url(submitted), approval_data(reviewer))
    assert response.status_code == 302
    record = ClinicalSignoff.objects.get(object_id=str(submitted.pk))
    assert record.reviewer_id == reviewer.pk and record.task_state_id is not None
    return record


def _unchanged_but(record: ClinicalSignoff, **nulled) -> ClinicalSignoff:
    after = ClinicalSignoff.objects.get(pk=record.pk)
    for name in nulled:
        assert getattr(after, name) is None, name
    assert (after.record_hash, after.previous_hash, after.sequence) == (
        record.record_hash,
        record.previous_hash,
        record.sequence,
    )
    assert (after.reviewer_name, after.digest, after.signed_at) == (
        record.reviewer_name,
        record.digest,
        record.signed_at,
    )
    count = ClinicalSignoff.objects.count()
    assert f"intact: {count} records" in _verify()
    return after


def test_deleting_the_reviewers_account_nulls_the_reference_and_the_chain_still_verifies(
    reviewed, reviewer
):
    # A clinician profile protects its account: an administrator removes the profile first.
    ClinicianProfile.objects.filter(user=reviewer).delete()
    reviewer.delete()

    assert not get_user_model().objects.filter(pk=reviewer.pk).exists()
    after = _unchanged_but(reviewed, reviewer_id=None)
    assert after.reviewer_name == "Dr Reviewer"  # the snapshot of who signed stays


def test_deleting_the_task_state_nulls_the_reference_and_the_chain_still_verifies(reviewed):
    TaskState.objects.filter(pk=reviewed.task_state_id).delete()

    _unchanged_but(reviewed, task_state_id=None)


def test_deleting_the_workflow_state_and_its_tasks_leaves_the_chain_verifying(reviewed):
    task_state = TaskState.objects.get(pk=reviewed.task_state_id)
    WorkflowState.objects.filter(pk=task_state.workflow_state_id).delete()

    assert not TaskState.objects.filter(pk=task_state.pk).exists()
    _unchanged_but(reviewed, task_state_id=None)
