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


FRENCH_FIRST = [("fr", "français"), ("en", "English")]


@pytest.mark.django_db
@override_settings(
    LANGUAGE_CODE="fr", LANGUAGES=FRENCH_FIRST, WAGTAIL_CONTENT_LANGUAGES=FRENCH_FIRST
)
def test_the_page_says_its_title_and_no_script_message_in_the_default_language(tmp_path, client):
    """Before the app draws, and without JavaScript at all, the page speaks the site's default
    language; a message its catalogue leaves out stays English, marked so."""
    noscript = "This screen needs JavaScript to show information."
    french_noscript = "Cet écran a besoin de JavaScript pour afficher les informations."
    compile_catalogue(
        tmp_path / "title", "fr", {"Patient information": "Informations pour les patients"}
    )
    compile_catalogue(
        tmp_path / "both",
        "fr",
        {"Patient information": "Informations pour les patients", noscript: french_noscript},
    )
    pages = {}
    for name in ("title", "both"):
        with override_settings(LOCALE_PATHS=[tmp_path / name, *settings.LOCALE_PATHS]):
            pages[name] = client.get("/kiosk/").content.decode()

    assert '<html lang="fr">' in pages["title"]
    assert "<title>Informations pour les patients</title>" in pages["title"]
    assert f'<p class="kiosk-message" lang="en">{noscript}</p>' in pages["title"]
    assert f'<p class="kiosk-message" lang="fr">{french_noscript}</p>' in pages["both"]


@pytest.mark.django_db
def test_without_a_catalogue_the_page_says_its_own_words_in_english(client):
    page = client.get("/kiosk/").content.decode()

    assert "<title>Patient information</title>" in page
    assert (
        '<p class="kiosk-message" lang="en">'
        "This screen needs JavaScript to show information.</p>" in page
    )


def test_a_translations_kiosk_preview_says_its_first_words_in_its_language(
    tmp_path, french_draft, rf
):
    compile_catalogue(
        tmp_path / "locale", "fr", {"Patient information": "Informations pour les patients"}
    )
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        page = french_draft.serve_preview(rf.get("/"), "kiosk").content.decode()

    assert '<html lang="fr">' in page
    assert "<title>Informations pour les patients</title>" in page
    assert (
        '<p class="kiosk-message" lang="en">'
        "This screen needs JavaScript to show information.</p>" in page
    )
