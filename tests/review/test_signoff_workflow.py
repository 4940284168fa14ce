"""The clinical review, through the admin as editors and reviewers use it."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from content_models.models import TreatmentPage
from review.models import ATTESTATION, ClinicalReviewTask
from signing.digest import content_digest
from signing.signoffs import signoffs_of
from tests.content_models.admin_forms import treatment_form_data
from tests.workflow import (
    approval_data,
    edit_and_submit,
    logged_in,
    make_reviewer,
    review_url,
)

pytestmark = pytest.mark.django_db


def _actions(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_submitting_starts_the_clinical_review_and_locks_the_page(submitted, editor, reviewer):
    state = WorkflowState.objects.get(object_id=str(submitted.pk))

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(state.current_task_state.task.specific, ClinicalReviewTask)
    assert submitted.get_lock().for_user(editor)
    assert submitted.get_lock().for_user(reviewer)
    assert "wagtail.workflow.start" in _actions(submitted)
    assert not submitted.live


def test_a_reviewer_signs_off_and_exactly_the_reviewed_content_goes_live(
    client, submitted, reviewer, reviewer_client
):
    url = review_url(submitted)
    screen = reviewer_client.get(url)
    assert screen.status_code == 200
    assert "Changes since the last signed content" in screen.content.decode()
    assert ATTESTATION in screen.content.decode()

    response = reviewer_client.post(url, approval_data(reviewer, comment="Checked against refs."))

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    signoff = signoffs_of(submitted).get()
    assert signoff.revision_id == submitted.live_revision_id
    assert signoff.digest == content_digest(submitted.specific)
    assert signoff.reviewer == reviewer
    assert (signoff.reviewer_name, signoff.reviewer_credentials) == ("Dr Reviewer", "MB ChB")
    assert signoff.reviewer_registration
    assert signoff.attestation == ATTESTATION
    assert signoff.review_kind == "full"
    assert signoff.comment == "Checked against refs."
    assert signoff.content["title"] == "Exercise therapy"
    public = client.get("/treatments/exercise-therapy/")
    assert public.status_code == 200
    assert "Last reviewed" in public.content.decode() and "Dr Reviewer" in public.content.decode()
    actions = _actions(submitted)
    for action in ("wagtail.workflow.approve", "clinical_review.sign_off", "wagtail.publish"):
        assert action in actions
    entry = PageLogEntry.objects.get(page=submitted, action="clinical_review.sign_off")
    assert entry.data["review_kind"] == "full" and entry.data["attestation"] == ATTESTATION


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"attest": None}, "Tick the attestation to sign off."),
        ({"password": "not my password"}, "That password is not right"),
        ({"next_review_due": "2000-01-01"}, "must be due after today"),
        ({"review_kind": "minor"}, "A minor edit needs an earlier full review"),
    ],
)
def test_approval_is_refused_with_a_reason(
    submitted, reviewer, reviewer_client, overrides, message
):
    response = reviewer_client.post(review_url(submitted), approval_data(reviewer, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not signoffs_of(submitted).exists()
    submitted.refresh_from_db()
    assert not submitted.live


def test_a_reviewer_who_edited_since_the_last_signoff_may_not_approve(
    submitted, reviewer, reviewer_client
):
    # The reviewer fixes a typo during an earlier round: a revision of theirs exists.
    submitted.refresh_from_db()
    submitted.get_latest_revision_as_object().save_revision(user=reviewer)
    url = review_url(submitted)

    screen = reviewer_client.get(url)
    response = reviewer_client.post(url, approval_data(reviewer))

    assert "another reviewer must approve it" in screen.content.decode()
    assert response.status_code == 200
    assert "nobody signs off their own changes" in response.content.decode()
    assert not signoffs_of(submitted).exists()

    colleague = make_reviewer("colleague")
    assert logged_in(colleague).post(url, approval_data(colleague)).status_code == 302
    assert signoffs_of(submitted).get().reviewer.username == "colleague"


def test_a_superuser_who_is_not_a_reviewer_may_not_approve(submitted, admin_client):
    url = review_url(submitted)

    screen = admin_client.get(url)
    response = admin_client.post(url, approval_data(None, password="password", code="000000"))

    assert "being an administrator is not enough" in screen.content.decode()
    assert response.status_code == 403
    assert not signoffs_of(submitted).exists()
    submitted.refresh_from_db()
    assert not submitted.live


def test_a_reviewer_without_an_active_profile_may_not_approve(submitted, reviewer, reviewer_client):
    reviewer.clinician_profile.active = False
    reviewer.clinician_profile.save()

    response = reviewer_client.post(review_url(submitted), approval_data(reviewer))

    assert response.status_code == 403
    assert not signoffs_of(submitted).exists()


def test_the_stock_approve_action_does_not_approve(submitted, reviewer_client):
    submitted.refresh_from_db()
    task_state = submitted.current_workflow_task_state
    stock_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk)
    )

    modal = reviewer_client.get(stock_url)
    assert reverse("clinical_review:review", args=(task_state.pk,)) in modal.content.decode()

    response = reviewer_client.post(stock_url, {"comment": "Looks fine"})
    edit_view = reviewer_client.post(
        reverse("wagtailadmin_pages:edit", args=(submitted.pk,)),
        {
            **treatment_form_data(title="Edited while approving", slug=submitted.slug),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        },
    )

    # Wagtail's admin turns a refusal into a redirect home with a "no permission" message.
    assert response.status_code in (302, 403)
    assert response.headers.get("Location", "/admin/") == "/admin/"
    assert edit_view.status_code in (200, 302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not signoffs_of(submitted).exists()
    submitted.refresh_from_db()
    assert not submitted.live


def test_a_rejection_needs_a_comment_which_reaches_the_editor(submitted, editor, reviewer_client):
    submitted.refresh_from_db()
    task_state = submitted.current_workflow_task_state
    stock_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "reject", task_state.pk)
    )
    mail.outbox.clear()

    reviewer_client.post(stock_url, {"comment": "  "})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    review_screen = reviewer_client.post(review_url(submitted), {"reject": "", "comment": ""})
    assert "a comment is required" in review_screen.content.decode()

    reviewer_client.post(stock_url, {"comment": "Add the serious risks."})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor
    body = to_editor[0].body
    assert "Add the serious risks." in body
    assert reverse("wagtailadmin_pages:edit", args=(submitted.pk,)) in body
    assert "wagtail.workflow.reject" in _actions(submitted)


def test_the_reviewed_revision_is_published_even_when_a_later_draft_exists(
    settings, submitted, reviewer, reviewer_client
):
    """Even where approvals survive edits (Wagtail's default), what goes live is the revision
    the reviewer signed, not the latest one."""
    settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
    url = review_url(submitted)
    reviewed_revision = submitted.current_workflow_task_state.revision_id
    later = submitted.get_latest_revision_as_object()
    later.title = "Unreviewed later title"
    later.save_revision()

    assert reviewer_client.post(url, approval_data(reviewer)).status_code == 302

    submitted.refresh_from_db()
    assert submitted.live_revision_id == reviewed_revision
    assert TreatmentPage.objects.get(pk=submitted.pk).title == "Exercise therapy"
    assert submitted.has_unpublished_changes


def test_an_edit_during_review_needs_the_new_revision_reviewed(
    submitted, reviewer, reviewer_client
):
    url = review_url(submitted)
    later = submitted.get_latest_revision_as_object()
    later.title = "Unreviewed later title"
    later_revision = later.save_revision()

    reviewer_client.post(url, approval_data(reviewer))

    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_task_state.revision_id == later_revision.pk
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_minor_edit_keeps_the_full_review_date(
    time_machine, client, submitted, editor_client, reviewer, reviewer_client
):
    time_machine.move_to("2026-03-02 10:00:00+00:00")
    reviewer_client.post(
        review_url(submitted), approval_data(reviewer, next_review_due="2027-03-02")
    )
    full = signoffs_of(submitted).get()

    time_machine.move_to("2026-06-15 10:00:00+00:00")
    edit_and_submit(editor_client, submitted, title="Exercise therapy (typo fixed)")
    response = reviewer_client.post(
        review_url(submitted),
        approval_data(reviewer, review_kind="minor", next_review_due="2027-03-02"),
    )

    assert response.status_code == 302
    minor = signoffs_of(submitted).first()
    assert minor.review_kind == "minor"
    assert minor.last_full_review_at == full.last_full_review_at
    assert minor.signed_at.date().isoformat() == "2026-06-15"
    html = client.get("/treatments/exercise-therapy/").content.decode()
    assert "2 March 2026" in html and "Exercise therapy (typo fixed)" in html


def test_an_edit_after_approval_needs_a_new_review(
    client, submitted, editor_client, reviewer, reviewer_client
):
    reviewer_client.post(review_url(submitted), approval_data(reviewer))

    edit_and_submit(editor_client, submitted, title="Changed after approval")

    submitted.refresh_from_db()
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert (
        "Changed after approval" not in client.get("/treatments/exercise-therapy/").content.decode()
    )


def test_the_review_screen_shows_what_changed_since_the_last_signoff(
    submitted, editor_client, reviewer, reviewer_client
):
    reviewer_client.post(review_url(submitted), approval_data(reviewer))
    edit_and_submit(editor_client, submitted, title="Exercise therapy for back pain")

    html = reviewer_client.get(review_url(submitted)).content.decode()

    assert "for back pain" in html
    assert "Last signed off" in html


def test_a_signed_revision_with_a_go_live_date_is_scheduled_not_published(
    client, admin_client, treatment_index, reviewer, reviewer_client
):
    # Only users who may publish see the schedule fields: here an admin submits.
    data = treatment_form_data(title="Scheduled therapy", slug="scheduled")
    data.update({"go_live_at": "2099-01-01 09:00", "action-submit": "Submit"})
    admin_client.post(
        reverse(
            "wagtailadmin_pages:add", args=("content_models", "treatmentpage", treatment_index.pk)
        ),
        data,
    )
    page = TreatmentPage.objects.get(slug="scheduled")

    assert reviewer_client.post(review_url(page), approval_data(reviewer)).status_code == 302

    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.pk == signoffs_of(page).get().revision_id
    assert client.get("/treatments/scheduled/").status_code == 404
