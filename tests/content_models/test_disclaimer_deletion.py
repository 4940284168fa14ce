"""A disclaimer that treatments choose cannot be deleted: deleting it would change their signed
content and take them offline. Wagtail's delete view lists the treatments instead. Nor can one
that has been shown to patients: the history of what patients saw keeps it."""

import re

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from wagtail.models import Locale

from content_models.models import Disclaimer
from tests.factories import DisclaimerFactory, TreatmentPageFactory
from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _delete_url(disclaimer) -> str:
    return f"/admin/snippets/content_models/disclaimer/delete/{disclaimer.pk}/"


def test_deleting_a_chosen_disclaimer_in_the_admin_is_refused_and_says_why(
    treatment_index, admin_client, django_capture_on_commit_callbacks
):
    disclaimer = DisclaimerFactory(title="Test pain disclaimer")
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail's reference index task
        treatment = TreatmentPageFactory(parent=treatment_index, disclaimer=disclaimer)

    confirm = _text(admin_client.get(_delete_url(disclaimer)).content.decode())
    refused = admin_client.post(_delete_url(disclaimer), follow=True)

    assert "references to this disclaimer prevent it from being deleted" in confirm
    assert "“Test pain disclaimer” cannot be deleted: treatments show it" in _text(
        refused.content.decode()
    )
    assert Disclaimer.objects.filter(pk=disclaimer.pk).exists()
    assert Client().get(f"/api/v1/treatments/{treatment.slug}/").status_code == 200


def test_the_refusal_holds_before_wagtails_reference_index_has_caught_up(
    treatment_index, admin_client
):
    disclaimer = DisclaimerFactory(title="Test pain disclaimer")
    TreatmentPageFactory(parent=treatment_index, disclaimer=disclaimer)  # index task not run

    refused = admin_client.post(_delete_url(disclaimer))

    assert refused.status_code == 302 and refused["Location"] == _delete_url(disclaimer)
    assert "cannot be deleted: treatments show it" in _text(
        admin_client.get(refused["Location"]).content.decode()
    )
    assert Disclaimer.objects.filter(pk=disclaimer.pk).exists()


def test_deleting_a_chosen_disclaimer_in_code_is_refused(treatment_index):
    disclaimer = DisclaimerFactory()
    TreatmentPageFactory(parent=treatment_index, disclaimer=disclaimer)

    with pytest.raises(ProtectedError):
        disclaimer.delete()


def test_a_draft_disclaimer_never_published_can_be_deleted(admin_client):
    disclaimer = DisclaimerFactory(live=False)

    response = admin_client.post(_delete_url(disclaimer))

    assert response.status_code == 302
    assert not Disclaimer.objects.filter(pk=disclaimer.pk).exists()


def test_a_default_disclaimer_patients_saw_cannot_be_deleted_and_history_keeps_it(
    treatment_index, admin_client
):
    default = DisclaimerFactory(title="Default wording", text="<p>Default words.</p>")
    default.is_default = True
    sign_and_publish(default)
    treatment = TreatmentPageFactory(parent=treatment_index)  # chooses none: shows the default
    assert "Default words." in Client().get(treatment.url).content.decode()

    refused = admin_client.post(_delete_url(default), follow=True)

    assert "“Default wording” cannot be deleted: it has been shown to patients" in _text(
        refused.content.decode()
    )
    assert Disclaimer.objects.filter(pk=default.pk).exists()
    assert "Default words." in Client().get(treatment.url).content.decode()


def test_an_unpublished_disclaimer_patients_once_saw_cannot_be_deleted_in_bulk(admin_client):
    shown, draft = DisclaimerFactory(title="Once shown"), DisclaimerFactory(live=False)
    shown.unpublish()
    url = (
        "/admin/bulk/content_models/disclaimer/delete/"
        f"?next=%2Fadmin%2F&id={shown.pk}&id={draft.pk}"
    )

    refused = admin_client.post(url, follow=True)

    assert "“Once shown” cannot be deleted" in _text(refused.content.decode())
    assert Disclaimer.objects.filter(pk__in=[shown.pk, draft.pk]).count() == 2


def test_a_draft_translation_of_a_published_disclaimer_can_be_deleted(admin_client):
    """Wagtail's copy gives the draft its source's publishing dates: it was never shown."""
    source = DisclaimerFactory(title="Shown in English")
    french = source.copy_for_translation(Locale.objects.get_or_create(language_code="fr")[0])
    french.live = False
    french.save()
    assert french.first_published_at is not None  # copied, which is why it is not the test

    response = admin_client.post(_delete_url(french))

    assert response.status_code == 302
    assert not Disclaimer.objects.filter(pk=french.pk).exists()
    assert Disclaimer.objects.filter(pk=source.pk).exists()


def test_deleting_a_published_disclaimer_in_code_is_refused_and_loses_nothing(treatment_index):
    default = DisclaimerFactory(title="Default wording", text="<p>Default words.</p>")
    default.is_default = True
    sign_and_publish(default)
    treatment = TreatmentPageFactory(parent=treatment_index)  # shows the default
    draft = DisclaimerFactory(live=False)

    # (Each in a transaction of its own, as a shell or a command would run it.)
    refused = pytest.raises(ProtectedError, match="“Default wording” cannot be deleted: it has")
    with refused, transaction.atomic():
        default.delete()
    with pytest.raises(ProtectedError), transaction.atomic():  # all or nothing: the draft too
        Disclaimer.objects.filter(pk__in=[default.pk, draft.pk]).delete()

    assert Disclaimer.objects.filter(pk__in=[default.pk, draft.pk]).count() == 2
    assert "Default words." in Client().get(treatment.url).content.decode()


def test_a_disclaimer_never_published_can_be_deleted_in_code():
    source = DisclaimerFactory(title="Shown in English")
    draft = DisclaimerFactory(live=False)
    french = source.copy_for_translation(Locale.objects.get_or_create(language_code="fr")[0])
    french.live = False
    french.save()

    draft.delete()
    Disclaimer.objects.filter(pk=french.pk).delete()

    assert list(Disclaimer.objects.values_list("pk", flat=True)) == [source.pk]


def test_a_draft_disclaimer_a_treatments_draft_chose_cannot_be_deleted(
    treatment_index, admin_client
):
    """The treatment's row does not choose it yet, but its draft does: deleting it would leave
    the draft, its review and its history unloadable (errors, and the editor's work stuck)."""
    treatment = TreatmentPageFactory(parent=treatment_index)
    chosen = DisclaimerFactory(title="Chosen in a draft", live=False)
    draft = treatment.get_latest_revision_as_object()
    draft.disclaimer = chosen
    draft.save_revision()

    refused = admin_client.post(_delete_url(chosen), follow=True)

    assert "“Chosen in a draft” cannot be deleted: a treatment" in _text(refused.content.decode())
    assert Disclaimer.objects.filter(pk=chosen.pk).exists()
    with pytest.raises(ProtectedError), transaction.atomic():
        chosen.delete()
    assert admin_client.get(f"/admin/pages/{treatment.pk}/edit/").status_code == 200
