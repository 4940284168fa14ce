"""Four eyes: nobody signs off content they changed since its last sign-off, whether or not the
revision that held their change is still there, and whoever brought their words back."""

import pytest
from wagtail.models import Revision

from content_models.models import TreatmentPage
from review.eligibility import signoff_refusal
from tests.factories import ClinicianProfileFactory, TreatmentPageFactory, UserFactory
from tests.factories.signing import factory_reviewer, sign, sign_and_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    other = UserFactory(groups=["Medical reviewers"])
    ClinicianProfileFactory(user=other, name="Dr Other", credentials="MB BS")
    return {
        "reviewer": factory_reviewer(),
        "editor": UserFactory(groups=["Editors"]),
        "other reviewer": other,
    }


def _edit(page, user, summary, **kwargs):
    page = TreatmentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.summary = summary
    return page.save_revision(user=user, log_action=True, **kwargs)


def test_an_edit_counts_after_purge_revisions_deleted_its_revision(treatment_index, people):
    page = TreatmentPageFactory(parent=treatment_index)
    theirs = _edit(page, people["reviewer"], "Worded by the reviewer.")
    latest = _edit(page, people["editor"], "Worded by the reviewer, then the editor.")
    Revision.objects.filter(pk=theirs.pk).delete()  # what purge_revisions does to old drafts

    refusal = signoff_refusal(people["reviewer"], latest.as_object())

    assert refusal is not None and "You edited this content since its last sign-off" in refusal
    assert signoff_refusal(people["other reviewer"], latest.as_object()) is None


def test_bringing_back_a_reviewers_earlier_draft_is_their_change(treatment_index, people):
    page = TreatmentPageFactory(parent=treatment_index)
    theirs = _edit(page, people["reviewer"], "Worded by the reviewer.")
    signed = _edit(page, people["editor"], "Worded by the editor.")
    sign_and_publish(signed.as_object())  # another reviewer signed the editor's wording
    assert signoff_refusal(people["reviewer"], TreatmentPage.objects.get(pk=page.pk)) is None

    reverted = theirs.as_object().save_revision(
        user=people["editor"], previous_revision=theirs, log_action=True
    )

    refusal = signoff_refusal(people["reviewer"], reverted.as_object())
    assert refusal is not None and "brought back" in refusal


def test_a_revert_to_their_draft_counts_after_purge_revisions_deleted_it(treatment_index, people):
    page = TreatmentPageFactory(parent=treatment_index)
    theirs = _edit(page, people["reviewer"], "Worded by the reviewer.")
    signed = _edit(page, people["editor"], "Worded by the editor.")
    sign_and_publish(signed.as_object())
    reverted = theirs.as_object().save_revision(
        user=people["editor"], previous_revision=theirs, log_action=True
    )
    Revision.objects.filter(pk=theirs.pk).delete()  # purge_revisions: the log remembers it

    refusal = signoff_refusal(people["reviewer"], reverted.as_object())

    assert refusal is not None and "brought back" in refusal
    assert signoff_refusal(people["other reviewer"], reverted.as_object()) is None


def test_bringing_back_words_another_reviewer_signed_is_not_their_change(treatment_index, people):
    page = TreatmentPageFactory(parent=treatment_index)
    theirs = _edit(page, people["reviewer"], "Worded by the reviewer.")
    sign(theirs, reviewer=people["other reviewer"])  # checked by someone else as it was
    theirs.publish()
    signed = _edit(page, people["editor"], "Worded by the editor.")
    sign(signed, reviewer=people["other reviewer"])
    signed.publish()

    reverted = theirs.as_object().save_revision(
        user=people["editor"], previous_revision=theirs, log_action=True
    )

    assert signoff_refusal(people["reviewer"], reverted.as_object()) is None
