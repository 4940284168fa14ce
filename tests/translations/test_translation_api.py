"""?locale= chooses the document; items list their translations; a translation says when its
source was signed off again with changes (and stays public, signed as it was)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories.signing import sign, sign_and_publish

pytestmark = pytest.mark.django_db


def get(path: str, **params):
    return Client().get(path, params)


def test_the_locale_parameter_chooses_the_language(treatment, french):
    english = get("/api/v1/treatments/ketamine/").json()
    in_french = get("/api/v1/treatments/ketamine/", locale="fr").json()

    assert (english["title"], english["locale"]) == ("Ketamine", "en")
    assert (in_french["title"], in_french["locale"]) == ("Kétamine", "fr")
    assert in_french["url"].endswith("/fr/treatments/ketamine/")
    assert [
        item["title"] for item in get("/api/v1/treatments/", locale="fr").json()["results"]
    ] == ["Kétamine"]
    assert [item["title"] for item in get("/api/v1/treatments/").json()["results"]] == ["Ketamine"]


def test_accept_language_does_not_choose(treatment, french):
    response = Client().get("/api/v1/treatments/ketamine/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["locale"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_an_unknown_locale_is_a_400_problem(treatment):
    response = get("/api/v1/treatments/", locale="de")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "locale" in response.json()["detail"] and "fr" in response.json()["detail"]


def test_a_language_without_the_content_answers_404(treatment):
    assert get("/api/v1/treatments/ketamine/", locale="ar").status_code == 404


def test_items_list_their_translations(treatment, french):
    english = get("/api/v1/treatments/").json()["results"][0]
    in_french = get("/api/v1/treatments/ketamine/", locale="fr").json()

    assert english["translations"] == [
        {
            "locale": "fr",
            "language": "français",
            "title": "Kétamine",
            "url": in_french["url"],
        }
    ]
    assert [t["locale"] for t in in_french["translations"]] == ["en"]


def test_an_unsigned_translation_is_not_listed_or_served(treatment, french_draft):
    assert get("/api/v1/treatments/ketamine/").json()["translations"] == []
    assert get("/api/v1/treatments/ketamine/", locale="fr").status_code == 404


def test_re_signing_the_source_marks_the_translation_out_of_date(treatment, french):
    assert (
        get("/api/v1/treatments/ketamine/", locale="fr").json()["review"]["translation_status"]
        == "current"
    )
    assert get("/api/v1/treatments/ketamine/").json()["review"]["translation_status"] is None

    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    in_french = get("/api/v1/treatments/ketamine/", locale="fr")
    assert in_french.status_code == 200  # still public, signed as it was
    assert in_french.json()["review"]["translation_status"] == "out_of_date"
    assert in_french.json()["title"] == "Kétamine"


def test_a_new_french_signoff_against_the_new_source_is_current_again(
    treatment, french, french_reviewer
):
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)
    french.summary = "Un résumé modifié."
    revision = french.save_revision()
    sign(revision, reviewer=french_reviewer)
    revision.publish()

    review = get("/api/v1/treatments/ketamine/", locale="fr").json()["review"]
    assert review["translation_status"] == "current"


def test_the_kiosk_keeps_one_bundle_per_language(treatment, french):
    from api.models import KioskBundleSnapshot

    english = get("/api/v1/kiosk/bundle/").json()
    in_french = get("/api/v1/kiosk/bundle/", locale="fr").json()
    assert [item["title"] for item in in_french["treatments"]] == ["Kétamine"]
    assert [item["title"] for item in english["treatments"]] == ["Ketamine"]
    assert english["version"] != in_french["version"]

    # Asking for either again writes nothing: neither language supersedes the other.
    before = KioskBundleSnapshot.objects.count()
    get("/api/v1/kiosk/bundle/")
    get("/api/v1/kiosk/bundle/", locale="fr")
    assert KioskBundleSnapshot.objects.count() == before
    assert set(
        KioskBundleSnapshot.objects.filter(superseded_at=None).values_list("language", flat=True)
    ) == {"en", "fr"}


def test_out_of_date_translations_may_be_withdrawn_from_kiosks_only(treatment, french, settings):
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)
    assert [i["title"] for i in get("/api/v1/kiosk/bundle/", locale="fr").json()["treatments"]] == [
        "Kétamine"
    ]

    settings.KIOSK_WITHDRAW_OUT_OF_DATE_TRANSLATIONS = True

    assert get("/api/v1/kiosk/bundle/", locale="fr").json()["treatments"] == []
    assert [i["title"] for i in get("/api/v1/kiosk/bundle/").json()["treatments"]] == ["Ketamine"]
    assert get("/api/v1/treatments/ketamine/", locale="fr").status_code == 200  # still public


def test_list_items_and_kiosk_items_carry_the_translation_status(treatment, french):
    def statuses():
        item = get("/api/v1/treatments/", locale="fr").json()["results"][0]
        kiosk = get("/api/v1/kiosk/bundle/", locale="fr").json()["treatments"][0]
        return item["review"]["translation_status"], kiosk["review"]["translation_status"]

    assert statuses() == ("current", "current")
    english = get("/api/v1/treatments/").json()["results"][0]
    assert english["review"]["translation_status"] is None

    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    assert statuses() == ("out_of_date", "out_of_date")
