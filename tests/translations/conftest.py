"""A site in three content languages: English (the default), French and Arabic."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.models import Locale

from review.translations import translate_ancestors as translate_parents
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import make_reviewer

LANGUAGES = [("en", "English"), ("fr", "français"), ("ar", "العربية")]


@pytest.fixture
def languages(db):
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        yield {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in LANGUAGES}


@pytest.fixture
def treatment(languages, treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="Ketamine", slug="ketamine")


@pytest.fixture
def french_draft(treatment, languages):
    """The treatment translated into French: a draft, under drafts of its parents."""
    translate_parents(treatment, languages["fr"])
    draft = treatment.copy_for_translation(languages["fr"])
    draft.title = "Kétamine"
    draft.save_revision()
    return draft.specific_class.objects.get(pk=draft.pk)


def language_reviewer(username: str, *languages: str):
    """A medical reviewer who reviews in English and ``languages``."""
    reviewer = make_reviewer(username, two_factor=False)
    reviewer.clinician_profile.languages = ["en", *languages]
    reviewer.clinician_profile.save()
    return reviewer


@pytest.fixture
def french_reviewer(db):
    return language_reviewer("french-reviewer", "fr")


def publish_signed(page, reviewer) -> None:
    """Sign ``page``'s latest revision as ``reviewer`` and publish it."""
    revision = page.get_latest_revision() or page.save_revision()
    sign(revision, reviewer=reviewer)
    revision.publish()


def publish_translation(page, reviewer):
    """A translation live, with its language's tree: its ancestors that are drafts, then the
    page, each signed by ``reviewer``. Returns the live page."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            publish_signed(ancestor, reviewer)
    publish_signed(page, reviewer)
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def french(french_draft, french_reviewer):
    """The French translation, signed by a French reviewer and live, in a live French tree."""
    return publish_translation(french_draft, french_reviewer)
