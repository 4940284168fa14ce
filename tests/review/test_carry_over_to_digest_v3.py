"""Migration review 0015 carries sign-offs over to the third canonical form of content (block
keys folded only in rich text's tags, an unhashed file named by its id and name), only where
the revision still hashes, in the second form, to exactly what was signed; content changed in a
way the second form could not see is left unsigned."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail_factories import ImageFactory

from content_models.models import TreatmentPage
from review.models import ATTESTATION, ClinicalSignoff
from signing.content import base_content_type
from signing.digest import canonical_content, content_digest
from signing.signoffs import signoff_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import factory_reviewer

migration = importlib.import_module("review.migrations.0015_carry_over_signoffs_to_digest_v3")

pytestmark = pytest.mark.django_db


def signed_in_the_second_form(revision) -> ClinicalSignoff:
    """A sign-off as it was recorded before the migration: the second form's digest."""
    obj = revision.as_object()
    return ClinicalSignoff.objects.create(
        base_content_type=base_content_type(obj),
        content_type=revision.content_type,
        object_id=str(revision.object_id),
        object_title=str(obj),
        revision=revision,
        digest=migration.digest_v2(obj),
        content={"signed": "in the second form"},
        reviewer=factory_reviewer(),
        reviewer_name="Dr Before",
        reviewer_credentials="MB BS",
        reviewer_registration="GMC 1234567",
        signed_at=timezone.now() - datetime.timedelta(days=30),
        review_kind="full",
        last_full_review_at=timezone.now() - datetime.timedelta(days=30),
        next_review_due=timezone.localdate() + datetime.timedelta(days=300),
        attestation=ATTESTATION,
    )


@pytest.fixture
def pictured_draft(treatment_index):
    image = ImageFactory()
    assert image.file_hash == ""  # made in code: the second form named it by nothing
    return TreatmentPageFactory(
        parent=treatment_index, image=image, image_alt_text="A picture.", live=False
    )


def test_a_sign_off_of_content_with_an_unhashed_image_is_carried_over(pictured_draft):
    revision = pictured_draft.save_revision()
    original = signed_in_the_second_form(revision)
    assert signoff_of(revision.as_object()) is None  # the image is named in the third form

    carried = migration.carry_over_signoffs(apps, None)

    signoff = signoff_of(revision.as_object())
    assert carried == [f"{original.object_title} ({original.object_id})"]
    assert signoff.carried_over_from == original
    assert signoff.carry_over_reason == migration.REASON
    assert signoff.content == canonical_content(revision.as_object())
    for kept in ("reviewer_name", "signed_at", "next_review_due", "review_kind", "revision_id"):
        assert getattr(signoff, kept) == getattr(original, kept)
    assert PageLogEntry.objects.filter(
        page=pictured_draft, action="clinical_review.signoff_carried_over"
    ).exists()
    assert migration.carry_over_signoffs(apps, None) == []  # twice adds nothing


def test_content_the_second_form_could_not_see_changing_is_not_carried_over(pictured_draft):
    signed = pictured_draft.save_revision()
    signed_in_the_second_form(signed)
    page = TreatmentPage.objects.get(pk=pictured_draft.pk)
    page.image = ImageFactory()  # another unhashed image: the same digest in the second form
    page.summary += ' data-block-key="No side effects."'  # and words the second form dropped
    edited = page.save_revision()
    assert migration.digest_v2(edited.as_object()) == migration.digest_v2(signed.as_object())

    migration.carry_over_signoffs(apps, None)

    assert signoff_of(signed.as_object()) is not None
    assert signoff_of(edited.as_object()) is None


def test_rows_record_the_digest_of_what_they_hold_in_the_third_form(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    TreatmentPage.objects.filter(pk=page.pk).update(content_digest="0" * 64)

    migration.carry_over_signoffs(apps, None)

    assert TreatmentPage.objects.get(pk=page.pk).content_digest == content_digest(page)
