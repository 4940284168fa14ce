"""Migration review 0006 carries sign-offs over to the second canonical form of content, and
only where the revision still hashes, in the first form, to exactly what was signed."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import PageLogEntry

from content_models.models import TreatmentPage
from review.models import ClinicalSignoff
from signing.digest import canonical_content, content_digest
from signing.signoffs import signoff_of
from tests.factories import DisclaimerFactory, TreatmentPageFactory
from tests.factories.signing import signed_before_a_migration

migration = importlib.import_module("review.migrations.0006_carry_over_signoffs_to_digest_v2")

pytestmark = pytest.mark.django_db


def signed_in_the_first_form(revision, digest=None) -> ClinicalSignoff:
    """A sign-off as it was recorded before the migration: the first form's digest."""
    return signed_before_a_migration(
        revision, digest or migration.digest_v1(revision.as_object()), "first"
    )


@pytest.fixture
def draft_with_a_disclaimer(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, disclaimer=DisclaimerFactory(), live=False)


def test_a_sign_off_of_the_same_content_is_carried_over_with_its_review(draft_with_a_disclaimer):
    revision = draft_with_a_disclaimer.save_revision()
    original = signed_in_the_first_form(revision)
    assert signoff_of(revision.as_object()) is None  # the disclaimer is content now

    assert_carried_over(migration, revision, original)


def assert_carried_over(migration, revision, original) -> None:
    """Running ``migration`` carries ``original`` (a sign-off of ``revision``) over to the
    revision's digest in the new form, with its review, and logs it on the page's history."""
    carried = migration.carry_over_signoffs(apps, None)

    signoff = signoff_of(revision.as_object())
    assert carried == [f"{original.object_title} ({original.object_id})"]
    assert signoff.carried_over_from == original
    assert signoff.carry_over_reason == migration.REASON
    assert signoff.content == canonical_content(revision.as_object())
    for kept in ("reviewer_name", "signed_at", "next_review_due", "review_kind", "revision_id"):
        assert getattr(signoff, kept) == getattr(original, kept)
    assert PageLogEntry.objects.filter(
        page_id=revision.object_id, action="clinical_review.signoff_carried_over"
    ).exists()


def test_a_sign_off_of_other_content_is_not_carried_over(draft_with_a_disclaimer):
    revision = draft_with_a_disclaimer.save_revision()
    signed_in_the_first_form(revision, digest="0" * 64)

    assert migration.carry_over_signoffs(apps, None) == []
    assert signoff_of(revision.as_object()) is None


def test_carrying_over_twice_adds_nothing(draft_with_a_disclaimer):
    signed_in_the_first_form(draft_with_a_disclaimer.save_revision())
    migration.carry_over_signoffs(apps, None)
    count = ClinicalSignoff.objects.count()

    assert migration.carry_over_signoffs(apps, None) == []
    assert ClinicalSignoff.objects.count() == count


def test_rows_record_the_digest_of_what_they_hold_in_the_new_form(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    TreatmentPage.objects.filter(pk=page.pk).update(content_digest="stale")

    migration.carry_over_signoffs(apps, None)

    assert TreatmentPage.objects.get(pk=page.pk).content_digest == content_digest(page)
