"""The edges of translation: a language with no locale, wagtail-localize's "Translate this
page", a translation made from an older source, the translator signing their own words, the
export of a translation's sign-off, and what a cache is told to drop."""

from __future__ import annotations

import importlib
import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import Page

from delivery.models import Document
from delivery.sync import public_urls
from review.eligibility import signoff_refusal
from review.translations import source_of
from tests.factories.signing import sign, sign_and_publish

from .conftest import LANGUAGES, language_reviewer, publish_translation, translate_parents

pytestmark = pytest.mark.django_db
CARRY_OVER = importlib.import_module("review.migrations.0015_carry_over_signoffs_to_digest_v3")


def test_a_language_without_its_locale_serves_nothing_under_its_prefix(treatment):
    # French is a content language, but nobody has created its locale.
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        Page.objects.filter(locale__language_code="fr").delete()
        from wagtail.models import Locale

        Locale.objects.filter(language_code="fr").delete()
        assert Client().get("/fr/treatments/ketamine/").status_code == 404
        assert Client().get("/fr/").status_code == 404
        assert Client().get("/treatments/ketamine/").status_code == 200


def test_translate_this_page_copies_its_parents_as_drafts(treatment, languages, admin_client):
    french = languages["fr"]

    response = admin_client.post(
        f"/admin/localize/submit/page/{treatment.pk}/", {"locales": [french.pk]}
    )

    assert response.status_code == 302
    translation = treatment.get_translation(french)
    assert not translation.live  # a draft, whatever its source's state
    parents = translation.get_ancestors().filter(depth__gt=1)
    assert [parent.alias_of_id for parent in parents] == [None, None]
    assert not any(parent.live for parent in parents)
    assert source_of(translation.specific) == treatment


def _localize_translation(treatment, locale, user=None):
    from wagtail_localize.models import Translation, TranslationSource

    translate_parents(treatment, locale)
    source, _ = TranslationSource.get_or_create_from_instance(treatment)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(user=user, publish=False)
    return translation, treatment.get_translation(locale).specific


def test_a_translation_made_from_an_older_source_must_be_synced_before_it_is_signed(
    treatment, languages, french_reviewer
):
    _, target = _localize_translation(treatment, languages["fr"])
    assert signoff_refusal(french_reviewer, target) is None

    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    refusal = signoff_refusal(french_reviewer, target)
    assert refusal is not None and "sync it from its source" in refusal


def test_the_source_pages_owner_may_sign_a_translation_someone_else_made(
    treatment, languages, french_reviewer
):
    # Wagtail logs a translation's creation in the name of the copied page's owner.
    Page.objects.filter(pk=treatment.pk).update(owner=french_reviewer)
    translator = language_reviewer("translator", "fr")

    _, target = _localize_translation(
        Page.objects.get(pk=treatment.pk).specific, languages["fr"], translator
    )

    assert signoff_refusal(french_reviewer, target) is None
    assert signoff_refusal(translator, target) is not None  # their revision


def test_a_reviewer_may_not_sign_words_they_translated(treatment, languages, french_reviewer):
    from wagtail_localize.models import StringSegment, StringTranslation

    translation, target = _localize_translation(treatment, languages["fr"])
    segment = StringSegment.objects.filter(source=translation.source).first()
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=languages["fr"],
        context=segment.context,
        data="Kétamine",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        last_translated_by=french_reviewer,
    )

    refusal = signoff_refusal(french_reviewer, target)

    assert refusal is not None and "You translated text of this content" in refusal


def test_a_reviewer_may_not_sign_values_they_overrode(treatment, languages, french_reviewer):
    from wagtail_localize.models import SegmentOverride, StringSegment

    translation, target = _localize_translation(treatment, languages["fr"])
    segment = StringSegment.objects.filter(source=translation.source).first()
    SegmentOverride.objects.create(
        locale=languages["fr"],
        context=segment.context,
        data_json='"https://example.com/elsewhere"',
        last_translated_by=french_reviewer,
    )

    refusal = signoff_refusal(french_reviewer, target)

    assert refusal is not None and "You translated text of this content" in refusal


def test_an_export_with_a_translations_signoff_verifies(french, tmp_path):
    path = tmp_path / "signoffs.jsonl"
    call_command("export_signoffs", "--output", str(path), stdout=io.StringIO())
    assert "translation_source_hash" in path.read_text(encoding="utf-8")

    out = io.StringIO()
    call_command("verify_signoffs", "--file", str(path), stdout=out)
    assert "broken" not in out.getvalue().lower()


def test_a_cache_is_told_to_drop_each_languages_addresses(treatment, french):
    english = Document.objects.select_related("site", "locale").get(page=treatment)
    in_french = Document.objects.select_related("site", "locale").get(page=french)

    assert {
        "http://localhost/treatments/ketamine/",
        "http://localhost/api/v1/treatments/ketamine/",
        "http://localhost/api/v1/treatments/ketamine/?locale=en",  # the kiosk names it
        "http://localhost/api/v1/kiosk/bundle/?locale=en",
    } <= set(public_urls(english))
    assert {
        "http://localhost/fr/treatments/ketamine/",
        "http://localhost/api/v1/treatments/ketamine/?locale=fr",
        "http://localhost/api/v1/treatments/?locale=fr",
        "http://localhost/api/v1/kiosk/bundle/?locale=fr",
        "http://localhost/api/v1/pages/?path=/treatments/ketamine/&locale=fr",
    } <= set(public_urls(in_french))
    assert "http://localhost/treatments/ketamine/" not in public_urls(in_french)


def test_withdrawing_a_languages_root_withdraws_its_pages(treatment, french, french_reviewer):
    root = french.get_ancestors().get(depth=2)
    assert Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).status_code == 200

    root.specific.unpublish()

    assert Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).status_code == 404
    assert Client().get("/api/v1/treatments/ketamine/").status_code == 200
    # Live again: its pages are public again.
    publish_translation(root.specific, french_reviewer)
    assert Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).status_code == 200


def test_the_english_page_lists_no_alternate_for_a_language_whose_tree_is_not_live(
    treatment, french_draft, french_reviewer
):
    revision = french_draft.get_latest_revision()
    sign(revision, reviewer=french_reviewer)
    revision.publish()  # the translation is live, its tree's root is not

    assert Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).status_code == 404
    assert 'hreflang="fr"' not in Client().get("/treatments/ketamine/").content.decode()
    assert Client().get("/api/v1/treatments/ketamine/").json()["translations"] == []


def test_a_translation_stays_current_when_its_sources_sign_off_is_carried_over(french):
    from content_models.models import TreatmentPage
    from review.models import ClinicalSignoff
    from review.translations import TranslationStatus, live_translation_status
    from signing.signoffs import signoff_of

    source = source_of(french)
    original = signoff_of(source)
    assert live_translation_status(french) == TranslationStatus.CURRENT
    # What the migration appends for a source whose content hashes otherwise in the new form.
    fields = {
        field.attname: getattr(original, field.attname)
        for field in ClinicalSignoff._meta.concrete_fields
        if field.name not in CARRY_OVER.NOT_COPIED
    }
    fields.update(digest="d" * 64, carried_over_from_id=original.pk, carry_over_reason="A test.")
    ClinicalSignoff.objects.create(**fields)
    TreatmentPage.objects.filter(pk=source.pk).update(content_digest="d" * 64)
    assert live_translation_status(french) == TranslationStatus.CURRENT

    # Its next review signs the same content again: nothing to carry over, still current.
    fields.update(carried_over_from_id=None, carry_over_reason="")
    ClinicalSignoff.objects.create(**fields)
    assert live_translation_status(french) == TranslationStatus.CURRENT


def test_the_review_screen_says_the_claims_checker_cannot_read_the_language(
    treatment, french_draft
):
    from review.views import unchecked_language

    assert unchecked_language(treatment) == ""
    assert unchecked_language(french_draft) == "French"


def test_a_translations_webhook_events_carry_its_own_address(french):
    """A receiver that acts on the event's URL must reach the French page, not the English
    one (which stays live)."""
    from outbox.models import Event, EventKind

    published = Event.objects.get(page_id=french.pk, kind=EventKind.PUBLISHED).payload()["data"]
    assert published["locale"] == "fr"
    assert published["url"] == f"http://localhost/fr{published['path']}"
    response = Client().get(published["url"].removeprefix("http://localhost"))
    assert response.status_code == 200 and "Kétamine" in response.content.decode()

    type(french).objects.get(pk=french.pk).unpublish()

    withdrawn = Event.objects.get(page_id=french.pk, kind=EventKind.WITHDRAWN).payload()["data"]
    assert withdrawn["url"] == published["url"]
    assert Client().get(withdrawn["url"].removeprefix("http://localhost")).status_code == 404


@pytest.mark.parametrize("source_live", [True, False], ids=["source-live", "source-offline"])
def test_a_translation_cannot_be_converted_into_an_alias(
    treatment, languages, admin_client, source_live
):
    """An alias is refreshed from its source outside any review; converting a draft
    translation into one would also stop its source's next approval going live."""
    _, target = _localize_translation(treatment, languages["fr"])
    if not source_live:
        treatment.unpublish()

    response = admin_client.post(f"/admin/localize/page/{target.pk}/convert_to_alias/")

    assert response.status_code == 409
    assert "Not published: no clinical sign-off" in response.content.decode()
    assert Page.objects.get(pk=target.pk).alias_of_id is None
    assert not Page.objects.get(pk=target.pk).live
    treatment = type(treatment).objects.get(pk=treatment.pk)
    treatment.summary = "Signed again after the refusal."
    sign_and_publish(treatment)
    assert Client().get("/api/v1/treatments/ketamine/").json()["summary"] == (
        "Signed again after the refusal."
    )
