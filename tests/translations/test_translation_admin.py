"""Out of date is visible in the admin: the explorer, the Clinical reviews report and a home
panel; reviewers record the languages they review in on their clinician profile."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.panels import get_edit_handler

from content_models.models import ClinicianProfile
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign_and_publish
from tests.translations.conftest import publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def out_of_date(treatment, french):
    """A live French translation, then its English source signed off again with changes."""
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)
    return type(french).objects.get(pk=french.pk)


def test_the_explorer_marks_an_out_of_date_translation(out_of_date, admin_client):
    response = admin_client.get(f"/admin/pages/{out_of_date.get_parent().pk}/")

    assert response.status_code == 200
    assert "Translation out of date" in response.content.decode()


def test_the_page_search_marks_an_out_of_date_translation_too(out_of_date, admin_client):
    """The search's listing is not the explorer's (its queryset hook does not run there)."""
    response = admin_client.get("/admin/pages/search/", {"q": "Kétamine"})

    assert response.status_code == 200
    assert "Kétamine" in response.content.decode()
    assert response.content.decode().count("Translation out of date") == 1


def test_the_explorer_marks_nothing_while_translations_are_current(french, admin_client):
    response = admin_client.get(f"/admin/pages/{french.get_parent().pk}/")

    assert "Translation out of date" not in response.content.decode()


def test_the_clinical_reviews_report_says_which_translations_are_out_of_date(
    out_of_date, admin_client
):
    html = admin_client.get("/admin/clinical-review/reports/reviews/").content.decode()

    assert "Translation out of date" in html
    csv = admin_client.get("/admin/clinical-review/reports/reviews/?export=csv")
    assert b"Translation out of date" in b"".join(csv.streaming_content)


def test_the_home_panel_lists_out_of_date_translations(out_of_date, admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "Translations out of date" in html
    assert f"/admin/pages/{out_of_date.pk}/edit/" in html


def test_the_home_panel_is_absent_on_a_single_language_site(admin_client, home_page):
    assert "Translations out of date" not in admin_client.get("/admin/").content.decode()


def test_a_clinician_profile_records_the_languages_reviewed_in(languages, french_reviewer):
    profile = ClinicianProfile.objects.get(user=french_reviewer)
    form_class = get_edit_handler(ClinicianProfile).get_form_class()
    data = {
        "user": profile.user_id,
        "name": profile.name,
        "credentials": profile.credentials,
        "registration": profile.registration,
        "languages": ["ar", "en"],
        "active": "on",
    }

    form = form_class(data, instance=profile)
    assert form.is_valid(), form.errors
    form.save()

    profile.refresh_from_db()
    assert profile.languages == ["ar", "en"]
    assert profile.reviews_in("ar") and not profile.reviews_in("fr")
    bad = form_class({**data, "languages": ["de"]}, instance=profile)
    assert not bad.is_valid() and "languages" in bad.errors


def _more_french_treatments(count, treatment_index, languages, reviewer, out_of_date=False):
    """``count`` more live French translations (their sources signed again with changes when
    ``out_of_date``)."""
    for _ in range(count):
        source = TreatmentPageFactory(parent=treatment_index)
        publish_translation(source.copy_for_translation(languages["fr"]), reviewer)
        if out_of_date:
            source.summary = "A changed summary, signed again."
            sign_and_publish(source)


# What the mark would read for each row if it worked the status out there and then.
STATUS_TABLES = ("delivery_document", "review_clinicalsignoff", 'wagtail_localize_translation"')


@pytest.mark.parametrize("out_of_date", [False, True], ids=["current", "out-of-date"])
def test_the_explorers_translation_mark_costs_the_same_for_many_pages_as_for_few(
    french, treatment_index, languages, french_reviewer, admin_client, out_of_date
):
    """(wagtail-localize's own listing buttons still ask about each row's translations.)"""
    index = f"/admin/pages/{french.get_parent().pk}/"

    def status_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(index).status_code == 200
        return sum(
            any(table in query["sql"] for table in STATUS_TABLES)
            for query in captured.captured_queries
        )

    _more_french_treatments(1, treatment_index, languages, french_reviewer, out_of_date)
    few = status_queries()
    _more_french_treatments(4, treatment_index, languages, french_reviewer, out_of_date)
    many = status_queries()

    assert many == few
    marked = admin_client.get(index).content.decode().count("Translation out of date")
    assert marked == (5 if out_of_date else 0)
