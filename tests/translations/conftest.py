"""A site in three content languages: English (the default), French and Arabic."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.models import Locale

from tests.factories import TreatmentPageFactory
from tests.workflow import make_reviewer

LANGUAGES = [("en", "English"), ("fr", "français"), ("ar", "العربية")]


@pytest.fixture
def languages(db):
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        yield {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in LANGUAGES}


@pytest.fixture
def treatment(languages, treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="Ketamine", slug="ketamine")


def translate_parents(page, locale) -> None:
    """Drafts of ``page``'s ancestors in ``locale``, top down (Wagtail would make them aliases,
    which clinical content may not be)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale)


@pytest.fixture
def french_draft(treatment, languages):
    """The treatment translated into French: a draft, under drafts of its parents."""
    translate_parents(treatment, languages["fr"])
    draft = treatment.copy_for_translation(languages["fr"])
    draft.title = "Kétamine"
    draft.save_revision()
    return draft.specific_class.objects.get(pk=draft.pk)


@pytest.fixture
def french_reviewer(db):
    reviewer = make_reviewer("french-reviewer", two_factor=False)
    reviewer.clinician_profile.languages = ["en", "fr"]
    reviewer.clinician_profile.save()
    return reviewer
