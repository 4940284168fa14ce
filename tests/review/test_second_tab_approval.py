"""An approval posted to a review that another reviewer (or the same one, in another tab)
already completed: nothing is recorded, and the reviewer is told who completed it and when."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState

from review.models import ClinicalSignoff
from tests.workflow import approval_data, logged_in, make_reviewer, review_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("second", ["another reviewer", "the same reviewer"])
def test_approving_a_completed_review_says_who_completed_it_and_when(
    submitted, reviewer, reviewer_client, second
):
    url = review_url(submitted)  # both tabs opened the review while it was awaited
    task_state = submitted.current_workflow_task_state
    first = reviewer_client.post(url, approval_data(reviewer))
    assert first.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    late = make_reviewer("late") if second == "another reviewer" else reviewer
    late_client = logged_in(late) if second == "another reviewer" else reviewer_client

    response = late_client.post(url, approval_data(late))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    # The last message (the same client still holds its first approval's, unread).
    message = [str(message) for message in get_messages(response.wsgi_request)][-1]
    when = timezone.localtime(task_state.finished_at)
    assert message == (
        f"“{submitted.title}”: This review was already completed: approved by Dr Reviewer on "
        f"{when:%-d %B %Y at %H:%M}. Nothing was recorded for you."
    )
    assert ClinicalSignoff.objects.filter(task_state=task_state).count() == 1
    approvals = PageLogEntry.objects.filter(page=submitted, action="wagtail.workflow.approve")
    assert approvals.count() == 1
