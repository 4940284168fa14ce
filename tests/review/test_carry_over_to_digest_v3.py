"""Migration review 0015 carries sign-offs over to the third canonical form of content (block
keys folded only in rich text's tags, an unhashed file named by its id and name), only where
the revision still hashes, in the second form, to exactly what was signed; content changed in a
way the second form could not see is left unsigned."""

import importlib

import pytest
from django.apps import apps
from wagtail_factories import ImageFactory

from content_models.models import TreatmentPage
from review.models import ClinicalSignoff
from signing.digest import content_digest
from signing.signoffs import signoff_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import signed_before_a_migration

from .test_carry_over_migration import assert_carried_over

migration = importlib.import_module("review.migrations.0015_carry_over_signoffs_to_digest_v3")

pytestmark = pytest.mark.django_db


def signed_in_the_second_form(revision) -> ClinicalSignoff:
    """A sign-off as it was recorded before the migration: the second form's digest."""
    return signed_before_a_migration(revision, migration.digest_v2(revision.as_object()), "second")


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

    assert_carried_over(migration, revision, original)
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
