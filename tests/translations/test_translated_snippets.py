"""Disclaimers and clinics are translatable. A translation shows its own language's disclaimer
once that is signed (until then the default language's signed one, marked with its language,
never none) and its own language's clinic; the translation editor's Publish button submits a
translation to clinical review."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from content_models.models import Clinic, Disclaimer
from review.eligibility import signoff_refusal
from signing.digest import reference
from tests.factories import ClinicFactory, DisclaimerFactory, TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import make_reviewer

from .conftest import publish_translation, translate_parents

pytestmark = pytest.mark.django_db

ENGLISH = "<p>Test: talk to a specialist.</p>"
FRENCH = "<p>Test : parlez-en à un spécialiste.</p>"


@pytest.fixture
def disclaimer(db):
    return DisclaimerFactory(title="Test specialist", text=ENGLISH)


@pytest.fixture
def clinic(db):
    return ClinicFactory(name="Test clinic", address="Test road", phone="0100 000 000")


@pytest.fixture
def french_treatment(languages, treatment_index, disclaimer, clinic, french_reviewer):
    """A treatment choosing the disclaimer and clinic, and its signed, live French version
    (which still points at the English ones, as Wagtail's copy leaves them)."""
    english = TreatmentPageFactory(
        parent=treatment_index, slug="ketamine", disclaimer=disclaimer, clinic=clinic
    )
    translate_parents(english, languages["fr"])
    draft = english.copy_for_translation(languages["fr"])
    draft.title = "Kétamine"
    draft.save_revision()
    return publish_translation(draft.specific_class.objects.get(pk=draft.pk), french_reviewer)


def _french_disclaimer(disclaimer, languages):
    french = disclaimer.copy_for_translation(languages["fr"])
    french.text = FRENCH
    french.live = False
    french.save()
    return french


def _french_detail() -> dict:
    return Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).json()


def test_a_translation_shows_the_signed_english_disclaimer_until_its_own_is_signed(
    french_treatment, disclaimer, languages, french_reviewer
):
    shown = _french_detail()["disclaimer"]
    assert (shown["text"]["html"], shown["locale"]) == (ENGLISH, "en")
    web = Client().get(french_treatment.url).content.decode()
    assert f'lang="en">{ENGLISH}' in web

    french = _french_disclaimer(disclaimer, languages)  # a draft: not shown
    assert _french_detail()["disclaimer"]["locale"] == "en"

    revision = french.save_revision()
    sign(revision, reviewer=french_reviewer)
    revision.publish()  # the French treatment itself is not published again

    shown = _french_detail()["disclaimer"]
    assert (shown["text"]["html"], shown["locale"]) == (FRENCH, "fr")
    kiosk = Client().get("/api/v1/kiosk/bundle/", {"locale": "fr"}).json()
    assert kiosk["treatments"][0]["disclaimer"] == {"text": FRENCH, "locale": "fr"}
    web = Client().get(french_treatment.url).content.decode()
    assert FRENCH in web and 'lang="en"' not in web.split('class="disclaimer"')[1]
    english = Client().get("/api/v1/treatments/ketamine/").json()["disclaimer"]
    assert (english["text"]["html"], english["locale"]) == (ENGLISH, "en")


def test_a_disclaimers_translation_is_signed_by_a_reviewer_for_its_language(
    disclaimer, languages, french_reviewer
):
    french = _french_disclaimer(disclaimer, languages)
    french.save_revision()

    refusal = signoff_refusal(make_reviewer("english-only", two_factor=False), french)

    assert refusal is not None and "(fr)" in refusal
    assert signoff_refusal(french_reviewer, french) is None


def test_a_translation_shows_its_languages_clinic(french_treatment, clinic, languages):
    french = clinic.copy_for_translation(languages["fr"])
    french.name, french.address = "Test clinique", "Test rue"
    french.save()  # operational data: shown at once, no sign-off

    [item] = Client().get("/api/v1/kiosk/bundle/", {"locale": "fr"}).json()["treatments"]
    assert (item["clinic"]["name"], item["clinic"]["phone"]) == ("Test clinique", "0100 000 000")
    assert "Test rue" in Client().get(french_treatment.url).content.decode()
    [english] = Client().get("/api/v1/kiosk/bundle/").json()["treatments"]
    assert english["clinic"]["name"] == "Test clinic"


def test_a_chosen_snippet_is_named_by_its_id_in_the_digest(disclaimer, languages):
    """So sign-offs made before disclaimers were translatable still match their content."""
    french = _french_disclaimer(disclaimer, languages)

    assert reference(disclaimer) == {"object": f"content_models.disclaimer:{disclaimer.pk}"}
    assert reference(french) != reference(disclaimer)


def _localize(obj, locale):
    """A translation made the wagtail-localize way: its source, then a draft target."""
    source, _ = TranslationSource.get_or_create_from_instance(obj)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    return translation, obj.get_translation(locale)


def test_the_translation_editors_publish_submits_a_page_for_clinical_review(
    languages, treatment, admin_client
):
    translate_parents(treatment, languages["fr"])
    _, target = _localize(treatment, languages["fr"])

    response = admin_client.post(
        f"/admin/pages/{target.pk}/edit/", {"action": "publish"}, follow=True
    )

    target = Page.objects.get(pk=target.pk)
    assert not target.live
    state = target.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision == target.get_latest_revision()
    assert "submitted for clinical review" in response.content.decode()


def test_the_translation_editors_publish_submits_a_disclaimer_for_clinical_review(
    languages, disclaimer, admin_client
):
    _, target = _localize(disclaimer, languages["fr"])
    assert not target.live  # a new translation starts as a draft

    response = admin_client.post(
        f"/admin/snippets/content_models/disclaimer/edit/{target.pk}/", {"action": "publish"}
    )

    assert response.status_code == 302
    target = Disclaimer.objects.get(pk=target.pk)
    assert not target.live
    assert target.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_translating_a_page_brings_its_disclaimer_and_clinic_along_as_drafts(
    languages, treatment_index, disclaimer, clinic, admin_client
):
    english = TreatmentPageFactory(parent=treatment_index, disclaimer=disclaimer, clinic=clinic)

    response = admin_client.post(
        f"/admin/localize/submit/page/{english.pk}/", {"locales": [languages["fr"].pk]}
    )

    assert response.status_code == 302, response.content[:500]
    french_page = english.get_translation(languages["fr"]).specific
    french_disclaimer = disclaimer.get_translation(languages["fr"])
    assert not french_page.live and not french_disclaimer.live
    assert french_page.get_latest_revision_as_object().disclaimer == french_disclaimer
    assert Clinic.objects.filter(translation_key=clinic.translation_key).count() == 2


def _live_french_disclaimer(disclaimer, languages, french_reviewer):
    """The disclaimer's French translation, signed and live, known to wagtail-localize."""
    french = _french_disclaimer(disclaimer, languages)
    revision = french.save_revision()
    sign(revision, reviewer=french_reviewer)
    revision.publish()
    source, _ = TranslationSource.get_or_create_from_instance(disclaimer)
    Translation.objects.create(source=source, target_locale=languages["fr"])
    return Disclaimer.objects.get(pk=french.pk)


def test_submitting_a_live_translation_again_leaves_it_live_until_the_new_one_is_signed(
    french_treatment, disclaimer, languages, french_reviewer, admin_client
):
    french = _live_french_disclaimer(disclaimer, languages, french_reviewer)

    response = admin_client.post(
        f"/admin/snippets/content_models/disclaimer/edit/{french.pk}/", {"action": "publish"}
    )

    assert response.status_code == 302
    french = Disclaimer.objects.get(pk=french.pk)
    assert french.live and french.text == FRENCH  # the signed text, still shown
    assert french.get_latest_revision() != french.live_revision  # the new draft, in review
    assert french.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _french_detail()["disclaimer"]["locale"] == "fr"


def test_submitting_a_live_page_translation_again_keeps_it_live(
    languages, treatment, french_reviewer, admin_client
):
    translate_parents(treatment, languages["fr"])
    _, target = _localize(treatment, languages["fr"])
    target = publish_translation(target.specific, french_reviewer)

    response = admin_client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})

    assert response.status_code == 302
    target = Page.objects.get(pk=target.pk)
    assert target.live
    assert target.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_translating_another_page_leaves_a_live_disclaimer_translation_alone(
    french_treatment, disclaimer, languages, french_reviewer, treatment_index, admin_client
):
    french = _live_french_disclaimer(disclaimer, languages, french_reviewer)
    other = TreatmentPageFactory(parent=treatment_index, slug="other", disclaimer=disclaimer)

    response = admin_client.post(
        f"/admin/localize/submit/page/{other.pk}/", {"locales": [languages["fr"].pk]}
    )

    assert response.status_code == 302
    assert Disclaimer.objects.get(pk=french.pk).live
    assert other.get_translation(languages["fr"]).specific.disclaimer_id == french.pk


def test_a_duplicate_in_a_language_is_a_form_error_not_a_database_error(disclaimer, clinic):
    """Forms leave ``locale`` out, so Django alone would not check these constraints."""
    twin = Disclaimer(title=disclaimer.title, text=ENGLISH, locale=disclaimer.locale)
    with pytest.raises(ValidationError, match="in this language has this title"):
        twin.full_clean(exclude=["locale"])
    second_default = Disclaimer(title="Other", text=ENGLISH, is_default=True)
    DisclaimerFactory(title="Default", is_default=True)
    with pytest.raises(ValidationError, match="already the default"):
        second_default.full_clean(exclude=["locale"])
    with pytest.raises(ValidationError, match="clinic in this language has this name"):
        Clinic(name=clinic.name).full_clean(exclude=["locale"])


def test_only_the_default_languages_disclaimer_is_the_default(languages):
    english = DisclaimerFactory(title="Default", is_default=True)
    french = english.copy_for_translation(languages["fr"])
    french.live = False
    french.save()

    assert not Disclaimer.objects.get(pk=french.pk).is_default
    assert Disclaimer.default() == english


def test_a_disclaimers_translation_is_out_of_date_once_its_source_is_signed_again(
    disclaimer, languages, french_reviewer, admin_client
):
    from review.translations import live_translation_status
    from tests.factories.signing import sign_and_publish

    french = _live_french_disclaimer(disclaimer, languages, french_reviewer)
    edit_url = f"/admin/snippets/content_models/disclaimer/edit/{french.pk}/"
    listing_url = "/admin/snippets/content_models/disclaimer/?locale=fr"
    assert live_translation_status(french) == "current"
    assert edit_url not in admin_client.get("/admin/").content.decode()
    assert "Translation out of date" not in admin_client.get(listing_url).content.decode()

    disclaimer.text = "<p>Test: talk to a specialist first.</p>"
    sign_and_publish(disclaimer)

    assert live_translation_status(french) == "out_of_date"
    home = admin_client.get("/admin/").content.decode()
    assert "Translations out of date" in home and edit_url in home
    assert "Translation out of date" in admin_client.get(listing_url).content.decode()
