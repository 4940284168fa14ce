"""Flagged claims in the editor and on the review screen; approval needs every flag resolved."""

import pytest
from django.urls import reverse

from content_models.models import TreatmentPage
from demo.loader import DemoLoader
from review.models import ClinicalSignoff
from signing.signoffs import signoffs_of
from tests.content_models.admin_forms import treatment_form_data
from tests.workflow import add_url, approval_data, review_url, submit_new_treatment

pytestmark = pytest.mark.django_db

RISKY = "Completely safe"


@pytest.fixture
def risky(editor_client, treatment_index):
    """A submitted treatment whose title is a risky claim (the form builds the summary from it)."""
    return submit_new_treatment(editor_client, treatment_index, title=RISKY, slug="risky")


def _flag_fields(response) -> list[str]:
    form = response.context["signoff_form"]
    return [field.name for field in form.flag_fields]


def test_the_editor_shows_flagged_wording_and_the_reading_level(editor_client, treatment_index):
    editor_client.post(add_url(treatment_index), treatment_form_data(title=RISKY, slug="risky"))
    page = TreatmentPage.objects.get(slug="risky")

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()

    assert "Review checks" in html
    assert "Wording a medical reviewer will check" in html
    assert "Completely safe" in html and "Reading level" in html


def test_the_review_screen_lists_each_flag_for_resolution(risky, reviewer_client):
    response = reviewer_client.get(review_url(risky))

    assert response.status_code == 200
    assert _flag_fields(response)
    assert "Flagged wording" in response.content.decode()


def test_approval_is_refused_while_a_flag_is_unresolved(risky, reviewer, reviewer_client):
    response = reviewer_client.post(review_url(risky), approval_data(reviewer))

    assert response.status_code == 200
    assert "Resolve this flag" in response.content.decode()
    assert not signoffs_of(risky).exists()


def test_resolved_flags_are_stored_with_the_signoff(risky, reviewer, reviewer_client):
    url = review_url(risky)
    fields = _flag_fields(reviewer_client.get(url))
    resolutions = dict.fromkeys(fields, "Checked: the summary is qualified in the risks section.")

    response = reviewer_client.post(url, {**approval_data(reviewer), **resolutions})

    assert response.status_code == 302
    signoff = signoffs_of(risky).get()
    assert len(signoff.flag_resolutions) == len(fields)
    resolution = signoff.flag_resolutions[0]
    assert resolution["justification"].startswith("Checked")
    assert "safe" in resolution["sentence"].lower() and resolution["category"]
    assert TreatmentPage.objects.get(pk=risky.pk).live


def test_on_action_refuses_a_signoff_that_leaves_flags_unresolved(risky, reviewer):
    from review.signoff import ValidatedSignoff

    risky.refresh_from_db()
    task_state = risky.current_workflow_task_state.specific
    incomplete = ValidatedSignoff(
        task_state_id=task_state.pk,
        user_id=reviewer.pk,
        review_kind="full",
        next_review_due=__import__("datetime").date(2099, 1, 1),
    )

    with pytest.raises(Exception, match="unresolved"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", signoff=incomplete)
    assert not signoffs_of(risky).exists()


def test_the_demo_signoffs_resolve_every_flag_of_what_they_signed(db):
    from claims.checker import check_object

    DemoLoader().run()

    for signoff in ClinicalSignoff.objects.exclude(revision=None):
        flags = {flag.key for flag in check_object(signoff.revision.as_object())}
        assert flags <= {resolution["key"] for resolution in signoff.flag_resolutions}
    first = TreatmentPage.objects.get().revisions.order_by("created_at").first().as_object()
    assert check_object(first), "the article as written should carry flags"
