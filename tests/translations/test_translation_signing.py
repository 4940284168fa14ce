"""A translation is medical text like any other: signed by a reviewer for its language,
against the signed source it was made from, and never live unsigned."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail_factories import ImageFactory

from review.chain import verify_database
from review.eligibility import signoff_refusal
from review.translations import source_of
from signing.signoffs import signoff_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign, sign_and_publish
from tests.workflow import make_reviewer

from .conftest import publish_translation, translate_parents

pytestmark = pytest.mark.django_db


def test_a_reviewer_who_does_not_review_in_the_language_may_not_sign_it(french_draft):
    reviewer = make_reviewer("english-only", two_factor=False)

    refusal = signoff_refusal(reviewer, french_draft)

    assert refusal is not None
    assert "français" in refusal and "(fr)" in refusal


def test_a_reviewer_for_the_language_may_sign_it(french_draft, french_reviewer):
    assert signoff_refusal(french_reviewer, french_draft) is None


def test_a_reviewer_for_another_language_only_may_not_sign_the_source(treatment, french_reviewer):
    french_reviewer.clinician_profile.languages = ["fr"]
    french_reviewer.clinician_profile.save()
    treatment.title = "Ketamine therapy"
    treatment.save_revision()

    refusal = signoff_refusal(french_reviewer, treatment)

    assert refusal is not None and "English" in refusal


def test_a_translation_of_unsigned_live_content_cannot_be_signed(french_draft, french_reviewer):
    Page.objects.filter(pk=source_of(french_draft).pk).update(live=False)

    refusal = signoff_refusal(french_reviewer, french_draft)

    assert refusal is not None and "source must be signed off first" in refusal


def test_the_signoff_records_the_source_signoff_it_was_checked_against(
    treatment, french_draft, french_reviewer
):
    source_signoff = signoff_of(treatment)

    record = sign(french_draft.get_latest_revision(), reviewer=french_reviewer)

    assert record.translation_source == source_signoff
    assert record.translation_source_digest == source_signoff.digest
    assert record.translation_source_hash == source_signoff.record_hash
    assert source_signoff.translation_source is None  # the source is no translation
    assert verify_database().ok


@pytest.mark.parametrize("how", ["revision", "page"])
def test_an_unsigned_translation_cannot_go_live(french_draft, how):
    with pytest.raises(ValidationError):
        if how == "revision":
            french_draft.get_latest_revision().publish()
        else:
            french_draft.live = True
            french_draft.save()
    assert not Page.objects.get(pk=french_draft.pk).live


def _localize_translation(treatment, locale):
    """A translation made the wagtail-localize way: its source, then a draft target."""
    from wagtail_localize.models import Translation, TranslationSource

    translate_parents(treatment, locale)
    source, _ = TranslationSource.get_or_create_from_instance(treatment)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    return translation, treatment.get_translation(locale)


def test_wagtail_localize_editor_cannot_publish_an_unsigned_translation(
    treatment, languages, admin_client, django_capture_on_commit_callbacks
):
    translation, target = _localize_translation(treatment, languages["ar"])
    assert not target.live
    assert source_of(target.specific) == treatment  # the content localize translated from

    # Its editor's Publish button, as an administrator (who may publish in stock Wagtail).
    response = admin_client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})

    assert response.status_code == 302
    assert not Page.objects.get(pk=target.pk).live
    # Its Python API publishes once the transaction commits: the guard refuses it then.
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert not Page.objects.get(pk=target.pk).live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtail_localize_update_and_publish_submits_to_review_and_publishes_nothing(
    treatment, languages, admin_client
):
    translation, target = _localize_translation(treatment, languages["ar"])

    response = admin_client.post(
        f"/admin/localize/update/{translation.source_id}/",
        {"publish_translations": "on"},
        follow=True,
    )

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("submitted for clinical review" in message for message in shown), shown
    target = Page.objects.get(pk=target.pk).specific
    assert not target.live
    assert target.current_workflow_state.status == "in_progress"


def test_update_and_publish_of_a_live_translation_submits_the_update_and_keeps_it_live(
    treatment, languages, french_reviewer, admin_client
):
    """It used to say it had succeeded and change nothing."""
    translation, french = _localize_translation(treatment, languages["fr"])
    publish_translation(french.specific, french_reviewer)
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    response = admin_client.post(
        f"/admin/localize/update/{translation.source_id}/",
        {"publish_translations": "on"},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    assert any("translation was saved as a draft" in message for message in shown), shown
    french = Page.objects.get(pk=french.pk).specific
    assert french.live and french.has_unpublished_changes
    assert french.get_latest_revision_as_object().summary == "A changed summary, signed again."
    assert french.current_workflow_state.status == "in_progress"


def test_a_signed_translation_goes_live(french_draft, french_reviewer):
    sign(french_draft.get_latest_revision(), reviewer=french_reviewer)
    french_draft.get_latest_revision().publish()

    assert Page.objects.get(pk=french_draft.pk).live


def _image_override(treatment_index, languages, admin_client, chosen: str):
    """A treatment with an image, translated into French with an override for the image: one
    deleted since, or ``"junk"``, a value that names nothing."""
    from wagtail_localize.models import OverridableSegment

    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title="Ketamine",
        slug="ketamine",
        image=ImageFactory(),
        image_alt_text="An infusion room.",
    )
    translation, target = _localize_translation(treatment, languages["fr"])
    segment = OverridableSegment.objects.get(source=translation.source, context__path="image")
    french_picture = ImageFactory(title="Salle de perfusion")
    value = french_picture.pk if chosen == "deleted image" else "abc"
    admin_client.put(
        f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/",
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    french_picture.delete()
    return translation, target


@pytest.mark.parametrize("chosen", ["deleted image", "junk"])
def test_the_translation_editors_publish_says_why_an_image_override_fails(
    languages, treatment_index, admin_client, chosen
):
    """An override naming an image deleted since, or nothing at all, is a message, not a 500."""
    _, target = _image_override(treatment_index, languages, admin_client, chosen)

    response = admin_client.post(
        f"/admin/pages/{target.pk}/edit/", {"action": "publish"}, follow=True
    )

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("Not submitted: a value chosen for this translation" in m for m in shown)
    assert not Page.objects.get(pk=target.pk).live


@pytest.mark.parametrize("chosen", ["deleted image", "junk"])
def test_the_translation_editors_preview_says_why_an_image_override_fails(
    languages, treatment_index, admin_client, chosen
):
    translation, _ = _image_override(treatment_index, languages, admin_client, chosen)

    response = admin_client.get(f"/admin/localize/translate/{translation.pk}/preview/")

    assert response.status_code == 400
    assert "a value chosen for this translation" in response.content.decode()
