"""The kiosk app's own words (headings, buttons, the footer's review line, the "Still
reading?" dialog) are in the language shown when the clinic's catalogue translates them; a word
it leaves out stays English and says so (lang="en"); offline too, since the page carries every
language's words. The catalogue is compiled with ``msgfmt`` at test time, as in
``tests/translations/test_translated_chrome.py``."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.test import override_settings

from kiosk.words import WORDS
from tests.translations.catalogues import compile_catalogue
from tests.translations.conftest import (  # noqa: F401
    french_draft,
    french_reviewer,
    language_reviewer,
    languages,
    treatment,
)

from .browser import browser_test
from .test_kiosk_accessibility import KIOSK_AXE, axe_violations
from .test_kiosk_languages import (  # noqa: F401
    arabic_reviewer,
    choose,
    load_then_go_offline,
    three_languages,
)

pytestmark = browser_test

TREATMENT = "Ketamine therapy for chronic pain"

FRENCH = {
    "Home": "Accueil",
    "Information for patients": "Informations pour les patients",
    "Larger text": "Texte plus grand",
    "on": "activé",
    "Last reviewed {date}": "Relu le {date}",
    "Still reading?": "Vous lisez encore ?",
    "To keep your reading private, this screen will go back to the start in {seconds} seconds.": (
        "Pour protéger votre lecture, cet écran revient au début dans {seconds} secondes."
    ),
}


@pytest.fixture
def french_words(tmp_path):
    compile_catalogue(tmp_path / "locale", "fr", FRENCH)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        yield


@pytest.fixture
def every_word_marked(tmp_path):
    """An English catalogue that writes every word the app lists between « and »: a word on a
    screen without them is one the app does not list, or does not look up."""
    compile_catalogue(tmp_path / "locale", "en", {key: f"«{key}»" for key in WORDS})
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        yield


# In the browser -------------------------------------------------------------------------------

# What of the app's own is not written by the catalogue of every_word_marked: a word element
# (an element that says its language) without the mark, an aria-label without it, and any other
# text that is not the bundle's content (so an English literal the app writes without looking
# it up shows). The language switch names languages; a disclaimer is content.
UNMARKED = """(content) => {
    const marked = (text) => /«[^»]*»/.test(text);
    const skip = '[hidden], .kiosk-language, #kiosk-disclaimer, #kiosk-preview-banner, svg';
    const found = [];
    const roots = [document.getElementById('kiosk'), document.getElementById('kiosk-idle-dialog')];
    for (const root of roots) {
        for (const element of root.querySelectorAll('[aria-label]')) {
            const label = element.getAttribute('aria-label');
            if (!element.closest(skip) && !marked(label)) found.push(`aria-label ${label}`);
        }
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const parent = walker.currentNode.parentElement;
            const text = walker.currentNode.textContent.replace(/\\s+/g, ' ').trim();
            if (!text || !parent || parent.closest(skip)) continue;
            const word = parent.closest('[lang]');
            if (word && word !== document.documentElement) {
                if (!marked(word.textContent)) found.push(`word ${text}`);
                continue;
            }
            // Content, pieced together ("Not recommended (NICE NG193)."): each piece is in it.
            const pieces = text.toLowerCase().split(/[().,:;·←↓✓]+/).map((piece) => piece.trim());
            if (pieces.some((piece) => /\\p{L}/u.test(piece) && !content.includes(piece))) {
                found.push(`text ${text}`);
            }
        }
    }
    return found;
}"""


def content_text(kiosk) -> str:
    """The bundle's content as one lower-case text: its strings, rich text without its tags."""
    bundle = kiosk.page.evaluate("fetch('/api/v1/kiosk/bundle/').then((r) => r.json())")
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            texts.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", value)).split()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(bundle)
    return "\n".join(texts).lower()


def _word(kiosk, selector: str) -> dict:
    return kiosk.page.locator(selector).first.evaluate(
        "(element) => ({text: element.innerText.trim(),"
        " lang: (element.querySelector('[lang]') || element.closest('[lang]')).lang})"
    )


@pytest.mark.usefixtures("three_languages")
def test_the_words_follow_the_language_chosen(kiosk, french_words):
    kiosk.open()
    assert _word(kiosk, "#kiosk-main h1") == {"text": "Information for patients", "lang": "en"}

    choose(kiosk, "fr")

    assert _word(kiosk, "#kiosk-main h1") == {
        "text": "Informations pour les patients",
        "lang": "fr",
    }
    # Not in the catalogue: English, and marked so.
    assert _word(kiosk, ".kiosk-lead") == {"text": "Touch a topic to read about it.", "lang": "en"}
    assert kiosk.page.locator("#kiosk-text-size").get_attribute("lang") == "fr"
    assert kiosk.button("Texte plus grand").is_visible()
    kiosk.tile("Kétamine").click()
    assert kiosk.button("Accueil").is_visible()
    review = _word(kiosk, "#kiosk-review span")
    assert review["lang"] == "fr" and review["text"].startswith("Relu le ")
    assert kiosk.page.locator("#kiosk-review time").first.inner_text().split()[1] in {
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    }  # the date in the sentence's language
    dialog = kiosk.page.locator("#kiosk-idle-text")
    assert dialog.get_attribute("lang") == "fr"
    assert "secondes" in dialog.text_content()
    assert dialog.locator("#kiosk-idle-seconds").count() == 1  # the countdown kept

    kiosk.button("Accueil").click()
    choose(kiosk, "en")
    assert _word(kiosk, "#kiosk-main h1") == {"text": "Information for patients", "lang": "en"}
    assert kiosk.button("Larger text").is_visible()


@pytest.mark.usefixtures("three_languages")
def test_offline_the_words_are_still_translated(kiosk, french_words):
    load_then_go_offline(kiosk)
    kiosk.page.reload()
    kiosk.wait_for_polls(1)

    choose(kiosk, "fr")

    assert _word(kiosk, "#kiosk-main h1")["text"] == "Informations pour les patients"


@pytest.mark.usefixtures("demo_site")
def test_every_word_on_the_screens_comes_from_the_catalogue(kiosk, every_word_marked):
    kiosk.open()
    known = content_text(kiosk)
    unmarked = {"home": kiosk.page.evaluate(UNMARKED, known)}
    kiosk.tile(TREATMENT).click()
    unmarked["treatment"] = kiosk.page.evaluate(UNMARKED, known)
    for name in [
        "Benefits, side effects and risks",
        "What happens, step by step",
        "Is this right for me?",
        "Contact the clinic",
    ]:
        kiosk.button(f"«{name}»").click()
        unmarked[name] = kiosk.page.evaluate(UNMARKED, known)
        kiosk.button("«Back»").click()
    kiosk.page.locator(".kiosk-tile").first.click()  # a condition the treatment is used for
    unmarked["condition"] = kiosk.page.evaluate(UNMARKED, known)

    assert unmarked == {screen: [] for screen in unmarked}
    assert kiosk.page.evaluate("document.title").endswith(": patient information»")
    assert axe_violations(kiosk.page, KIOSK_AXE) == []
