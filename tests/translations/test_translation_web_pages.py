"""Web pages of a translation: under its language's prefix, with ``lang``, ``dir`` and
``hreflang`` alternates; an out-of-date translation tells patients and links to its source."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content_models.models import TreatmentCondition, TreatmentPage
from review.translations import translate_ancestors as translate_parents
from tests.factories import ConditionPageFactory, TreatmentPageFactory
from tests.factories.signing import sign_and_publish

from .conftest import publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_site(french):
    """The French tree live: its home, its treatments index and the treatment, each signed."""
    return french


def test_a_translation_is_served_under_its_prefix_with_its_language(treatment, french_site):
    response = Client().get("/fr/treatments/ketamine/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Kétamine" in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert alternates["en"].endswith("/treatments/ketamine/")
    assert alternates["fr"].endswith("/fr/treatments/ketamine/")


def test_the_default_language_keeps_its_urls(treatment, french_site):
    response = Client().get("/treatments/ketamine/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in html
    assert 'hreflang="fr"' in html
    assert "Accept-Language" not in response.get("Vary", "")


def test_an_out_of_date_translation_says_so_and_links_to_its_source(treatment, french_site):
    html = Client().get("/fr/treatments/ketamine/").content.decode()
    assert "updated more recently" not in html

    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    html = Client().get("/fr/treatments/ketamine/").content.decode()
    assert "The English version of this page was updated more recently" in html
    assert re.search(r'<a href="[^"]*/treatments/ketamine/" hreflang="en">', html)


def test_a_draft_translation_answers_404(treatment, french_draft):
    assert Client().get("/fr/treatments/ketamine/").status_code == 404


def test_an_expired_translation_is_no_longer_offered_as_an_alternate(treatment, french_site):
    assert 'hreflang="fr"' in Client().get("/treatments/ketamine/").content.decode()
    TreatmentPage.objects.filter(pk=french_site.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    html = Client().get("/treatments/ketamine/").content.decode()

    assert Client().get("/fr/treatments/ketamine/").status_code == 404
    assert 'hreflang="fr"' not in html


def test_a_translations_header_leads_to_its_own_languages_site(treatment, french_site):
    html = Client().get("/fr/treatments/ketamine/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]

    assert 'class="site-name" href="/fr/"' in header
    assert 'href="/fr/treatments/"' in header
    assert 'href="/treatments/"' not in header
    english = Client().get("/treatments/ketamine/").content.decode()
    assert 'class="site-name" href="/"' in english


@pytest.mark.parametrize("withdrawn", ["private", "expired"])
def test_a_link_leads_to_the_translation_only_while_that_is_public(
    treatment, french_site, languages, french_reviewer, treatment_index, withdrawn
):
    """A link names a page; on a French page it leads to that page's French translation, which
    is the page that must be public."""
    linking = TreatmentPageFactory(
        parent=treatment_index,
        slug="linking",
        what_it_is=f'<p>See <a linktype="page" id="{treatment.pk}">ketamine</a>.</p>',
    )
    publish_translation(linking.copy_for_translation(languages["fr"]).specific, french_reviewer)
    link = 'href="/fr/treatments/ketamine/"'
    assert link in Client().get("/fr/treatments/linking/").content.decode()

    if withdrawn == "private":
        PageViewRestriction.objects.create(
            page=french_site, restriction_type="password", password="x"
        )
    else:
        TreatmentPage.objects.filter(pk=french_site.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )

    html = Client().get("/fr/treatments/linking/").content.decode()
    assert Client().get("/fr/treatments/ketamine/").status_code == 404
    assert link not in html and "ketamine" in html
    assert 'href="/treatments/ketamine/"' in Client().get("/treatments/linking/").content.decode()


def test_web_pages_link_only_pages_in_their_own_language_as_the_api_does(
    languages, treatment_index, condition_index, french_reviewer
):
    """A translation copies the treatment's condition links, which still name the English
    condition: the English condition must not list the French treatment, nor the French
    treatment show the English condition."""
    condition = ConditionPageFactory(parent=condition_index, title="Fibromyalgia")
    english = TreatmentPageFactory(
        parent=treatment_index,
        title="Ketamine",
        slug="ketamine",
        condition_links=[TreatmentCondition(condition=condition, note="Some evidence.")],
    )
    translate_parents(english, languages["fr"])
    draft = english.copy_for_translation(languages["fr"])
    draft.title = "Kétamine"
    draft.save_revision()
    french = publish_translation(TreatmentPage.objects.get(pk=draft.pk), french_reviewer)

    condition_page = Client().get(condition.url).content.decode()
    french_page = Client().get(french.url).content.decode()
    english_page = Client().get(english.url).content.decode()

    assert "Ketamine" in condition_page and "Kétamine" not in condition_page
    assert "Fibromyalgia" not in french_page
    assert "Fibromyalgia" in english_page
    api = Client().get("/api/v1/treatments/ketamine/?locale=fr").json()
    assert api["conditions"] == []


def test_an_out_of_date_translation_says_so_but_does_not_link_to_a_private_source(
    treatment, french_site
):
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)
    PageViewRestriction.objects.create(
        page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    html = Client().get("/fr/treatments/ketamine/").content.decode()

    assert "The English version of this page was updated more recently" in html
    assert not re.search(r'<a href="[^"]*/treatments/ketamine/" hreflang="en">', html)
