"""Sign-off records: append-only, detachable, with a history that says what patients saw."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, Workflow, WorkflowContentType, WorkflowPage

from content_models.models import Disclaimer, TreatmentPage
from demo.loader import DemoLoader
from review.models import ClinicalReviewTask, ClinicalSignoff
from signing.signoffs import signoffs_of
from tests.factories import DisclaimerFactory
from tests.workflow import approval_data, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(submitted, reviewer, reviewer_client):
    reviewer_client.post(review_url(submitted), approval_data(reviewer))
    submitted.refresh_from_db()
    return submitted


def test_signoffs_are_append_only(signed):
    signoff = signoffs_of(signed).get()

    signoff.comment = "rewritten later"
    with pytest.raises(PermissionDenied):
        signoff.save()
    with pytest.raises(PermissionDenied):
        signoff.delete()
    with pytest.raises(PermissionDenied):
        ClinicalSignoff.objects.all().delete()
    with pytest.raises(PermissionDenied):
        ClinicalSignoff.objects.all().update(digest="0" * 64)
    assert signoffs_of(signed).get().comment == ""


def test_deleting_a_signed_page_works_and_leaves_its_signoffs_detached(signed, admin_client):
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(signed.pk,)))

    assert response.status_code == 302
    assert not TreatmentPage.objects.filter(pk=signed.pk).exists()
    signoff = signoffs_of(signed).get()
    assert signoff.revision is None
    assert signoff.object_title == "Exercise therapy"
    assert signoff.content["title"] == "Exercise therapy"


def test_the_signoff_history_shows_what_patients_saw_on_a_date(
    time_machine, editor_client, treatment_index, reviewer, reviewer_client, admin_client
):
    from tests.workflow import edit_and_submit, submit_new_treatment

    time_machine.move_to("2026-01-10 09:00:00+00:00")
    page = submit_new_treatment(editor_client, treatment_index, title="Cold therapy", slug="cold")
    reviewer_client.post(review_url(page), approval_data(reviewer, next_review_due="2027-01-10"))
    time_machine.move_to("2026-05-20 09:00:00+00:00")
    edit_and_submit(editor_client, page, title="Cold therapy, revised")
    reviewer_client.post(review_url(page), approval_data(reviewer, next_review_due="2027-05-20"))
    url = reverse("clinical_review:history", args=(page.pk,))

    history = admin_client.get(url)
    in_march = admin_client.get(url, {"date": "2026-03-01"})
    before = admin_client.get(url, {"date": "2025-12-31"})
    malformed = admin_client.get(url, {"date": "yesterday"})

    assert history.status_code == 200
    assert history.content.decode().count("Dr Reviewer") == 2
    seen = re.search(
        r'<section aria-labelledby="seen-heading".*?</section>', in_march.content.decode(), re.S
    ).group(0)
    assert "Signed off by</dt><dd>Dr Reviewer" in seen
    assert "_type" not in seen and "content_models.treatmentpage" not in seen  # no raw dict
    [shown] = re.findall(r'<iframe[^>]* src="([^"]+)"', seen)
    framed = admin_client.get(shown)
    assert framed.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"  # it shows in the frame
    page_seen = framed.content.decode()
    assert "<h1>Cold therapy</h1>" in page_seen  # the site's own page template
    assert "Cold therapy, revised" not in page_seen
    kiosk = admin_client.get(shown, {"mode": "kiosk"}).content.decode()
    assert 'id="kiosk-preview-item"' in kiosk and "Cold therapy, revised" not in kiosk
    assert "Compare with the content signed before" not in seen  # the first sign-off

    in_june = admin_client.get(url, {"date": "2026-06-01"}).content.decode()
    [compare] = re.findall(r'href="([^"]+)">Compare with the content signed before', in_june)
    comparison = admin_client.get(compare).content.decode()
    assert comparison.count("Cold therapy") >= 2 and "revised" in comparison
    assert "not public on that date" in before.content.decode()
    assert malformed.status_code == 200 and "YYYY-MM-DD" in malformed.content.decode()


def test_the_disclaimer_goes_through_the_same_review(editor, reviewer):
    disclaimer = DisclaimerFactory(live=False, text="<p>General information.</p>")
    disclaimer.save_revision(user=editor)
    workflow = disclaimer.get_workflow()
    state = workflow.start(disclaimer, editor)
    task_state = state.current_task_state

    from review.forms import SignoffForm

    due = (datetime.date.today() + datetime.timedelta(days=300)).isoformat()
    form = SignoffForm(
        approval_data(reviewer, next_review_due=due), user=reviewer, task_state=task_state
    )
    assert form.is_valid(), form.errors
    task_state.task.specific.on_action(
        task_state, reviewer, "approve", signoff=form.validated_signoff()
    )

    disclaimer = Disclaimer.objects.get(pk=disclaimer.pk)
    assert workflow.name == "Clinical review"
    assert disclaimer.live
    assert signoffs_of(disclaimer).get().object_title == disclaimer.title


def test_roles_and_the_workflow_are_set_up_by_migration(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Medical reviewers", "Publishers", "Admins"} <= names
    assert "Moderators" not in names

    workflow = Workflow.objects.get(active=True)
    assert workflow.name == "Clinical review"
    tasks = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert len(tasks) == 1 and isinstance(tasks[0], ClinicalReviewTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Medical reviewers"]
    assert WorkflowPage.objects.get(workflow=workflow).page.depth == 1
    assert WorkflowContentType.objects.get(workflow=workflow).content_type.model == "disclaimer"

    def page_codenames(group):
        return set(
            Group.objects.get(name=group).page_permissions.values_list(
                "permission__codename", flat=True
            )
        )

    assert "publish_page" not in page_codenames("Editors")
    assert "publish_page" not in page_codenames("Medical reviewers")
    assert "publish_page" in page_codenames("Publishers")


def test_the_demo_history_has_the_rejection_and_the_approval(db):
    DemoLoader().run()
    page = TreatmentPage.objects.get(slug="ketamine-therapy-for-chronic-pain")

    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "data")
    )
    names = [name for name, _ in actions]
    reject = next(data for name, data in actions if name == "wagtail.workflow.reject")
    assert "Non-Addictive" in reject["comment"]
    assert names.index("wagtail.workflow.reject") < names.index("clinical_review.sign_off")
    assert names.index("clinical_review.sign_off") < names.index("wagtail.publish")
    signoff = signoffs_of(page).get()
    assert signoff.review_kind == "full"
    assert signoff.revision_id == page.live_revision_id
    first_revision = page.revisions.order_by("created_at").first().as_object()
    assert "Non-Addictive" in [b.value["headline"] for b in first_revision.benefits]
    # home, 2 indexes, 5 conditions, the treatment, and two disclaimers (the default and ketamine's)
    assert ClinicalSignoff.objects.count() == 11


def test_the_database_refuses_to_change_or_delete_a_signoff(signed):
    from django.db import IntegrityError, connection, transaction

    signoff = signoffs_of(signed).get()
    for statement in (
        "UPDATE review_clinicalsignoff SET comment = 'rewritten' WHERE id = %s",
        "UPDATE review_clinicalsignoff SET digest = repeat('0', 64) WHERE id = %s",
        "UPDATE review_clinicalsignoff SET revision_id = revision_id + 1000 WHERE id = %s",
        "DELETE FROM review_clinicalsignoff WHERE id = %s",
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [signoff.pk])
    with connection.cursor() as cursor:  # what Django's SET_NULL does when a revision goes
        cursor.execute(
            "UPDATE review_clinicalsignoff SET revision_id = NULL WHERE id = %s", [signoff.pk]
        )
    unchanged = signoffs_of(signed).get()
    assert (unchanged.comment, unchanged.digest) == (signoff.comment, signoff.digest)
    assert unchanged.revision_id is None
