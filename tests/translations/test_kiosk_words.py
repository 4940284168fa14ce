"""The kiosk's own words go through the clinic's catalogue only (context "kiosk"): each
language gets the words its catalogue translates, keyed by their English text."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from kiosk.words import WORDS, words_by_language

from .catalogues import compile_catalogue

FRENCH = {"Home": "Accueil", "Last reviewed {date}": "Relu le {date}", "on": "activé"}


@pytest.fixture
def french_words(tmp_path):
    compile_catalogue(tmp_path / "locale", "fr", FRENCH)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        yield


def test_each_word_is_keyed_by_its_english_text():
    assert words_by_language(["en"]) == {"en": {}}
    assert all("{" not in key or key.count("{") == key.count("}") for key in WORDS)


def test_only_the_clinics_catalogue_translates_the_kiosks_words():
    """Django and Wagtail translate "Home" and "Done" into French: not the kiosk's words."""
    assert words_by_language(["fr"]) == {"fr": {}}


def test_the_catalogue_gives_each_language_its_translated_words(french_words):
    assert words_by_language(["en", "fr"]) == {"en": {}, "fr": FRENCH}


def test_a_translation_that_loses_a_placeholder_is_left_out(tmp_path):
    """The idle dialog's countdown and the review line's date fill placeholders: a translation
    without them would drop the countdown or the date, so the word stays English."""
    compile_catalogue(
        tmp_path / "locale",
        "fr",
        {"Last reviewed {date}": "Relu récemment", "Next review due {date}": "Revoir le {jour}"},
    )
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        assert words_by_language(["fr"]) == {"fr": {}}
