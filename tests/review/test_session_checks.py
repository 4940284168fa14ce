"""A sign-off is made only by the session's user as they are now: a reviewer deactivated, whose
password was changed, who left the medical reviewers, or whose session went idle since they
signed in, cannot sign off with that session (issue #20, item 8)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import TaskState

from review.models import ClinicalSignoff
from tests.workflow import approval_data, review_url

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def signoffs(page) -> int:
    return ClinicalSignoff.objects.filter(object_id=str(page.pk)).count()


def still_in_review(page) -> bool:
    page.refresh_from_db()
    state = page.current_workflow_task_state
    return state is not None and state.status == TaskState.STATUS_IN_PROGRESS


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_active_reviewer_signs_off(submitted, reviewer, reviewer_client):
    """The control: the same session and form, with nothing changed since sign-in."""
    response = reviewer_client.post(review_url(submitted), approval_data(reviewer))

    assert response.status_code == 302 and not sent_to_sign_in(response)
    assert signoffs(submitted) == 1


def test_a_reviewer_deactivated_after_signing_in_cannot_sign_off(
    submitted, reviewer, reviewer_client
):
    url, data = review_url(submitted), approval_data(reviewer)
    reviewer.is_active = False
    reviewer.save()

    response = reviewer_client.post(url, data)

    assert sent_to_sign_in(response)
    assert signoffs(submitted) == 0 and still_in_review(submitted)


def test_a_session_from_before_a_password_change_cannot_sign_off(
    submitted, reviewer, reviewer_client
):
    url, data = review_url(submitted), approval_data(reviewer)
    reviewer.set_password("a-new-password-set-elsewhere")
    reviewer.save()

    response = reviewer_client.post(url, {**data, "password": "a-new-password-set-elsewhere"})

    assert sent_to_sign_in(response)
    assert signoffs(submitted) == 0 and still_in_review(submitted)


def test_a_reviewer_no_longer_in_the_reviewer_group_cannot_sign_off(
    submitted, reviewer, reviewer_client
):
    """Still an editor, so still in the admin: the review screen itself refuses."""
    reviewer.groups.add(Group.objects.get(name="Editors"))
    url, data = review_url(submitted), approval_data(reviewer)
    reviewer.groups.remove(Group.objects.get(name="Medical reviewers"))

    response = reviewer_client.post(url, data)

    assert response.status_code == 403
    assert signoffs(submitted) == 0 and still_in_review(submitted)


def test_a_reviewer_whose_clinician_profile_was_deactivated_cannot_sign_off(
    submitted, reviewer, reviewer_client
):
    url, data = review_url(submitted), approval_data(reviewer)
    reviewer.clinician_profile.active = False
    reviewer.clinician_profile.save()

    response = reviewer_client.post(url, data)

    assert response.status_code == 403
    assert signoffs(submitted) == 0 and still_in_review(submitted)


def test_an_idle_session_cannot_post_a_sign_off(submitted, reviewer, reviewer_client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    url = review_url(submitted)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert reviewer_client.get(url).status_code == 200  # the review screen is opened
        clock.shift(datetime.timedelta(minutes=45))  # and left

        response = reviewer_client.post(url, approval_data(reviewer))

    assert sent_to_sign_in(response)
    assert "next=" not in response["Location"]  # the form is not replayed after signing in
    assert signoffs(submitted) == 0 and still_in_review(submitted)
