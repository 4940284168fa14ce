"""The kiosk in several content languages: a switch on the home screen names each language in
its own language; each language is a bundle of its own (``?locale=``), kept on the device so
that every language works offline, updated by its own deltas; Arabic lays the screen out right
to left; the idle reset goes back to the default language; one language shows no switch."""

from __future__ import annotations

import pytest
from django.utils.translation import get_language_info
from wagtail.models import Page

from tests.factories.signing import sign, sign_and_publish
from tests.translations.conftest import (  # noqa: F401
    french_draft,
    french_reviewer,
    language_reviewer,
    languages,
    publish_translation,
    translate_parents,
    treatment,
)

from .browser import browser_test
from .test_kiosk_accessibility import KIOSK_AXE, MEASURE, axe_violations

pytestmark = browser_test

ARABIC_TITLE = "كيتامين"
CODES = ["en", "fr", "ar"]

# Each button of the language switch: its lang, dir, name (the text, without the check mark),
# whether it is the current one, and its box.
SWITCH = """() => [...document.querySelectorAll('.kiosk-language')].map((button) => {
    const box = button.getBoundingClientRect();
    return {
        lang: button.getAttribute('lang'),
        dir: button.getAttribute('dir'),
        name: [...button.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE)
            .map((node) => node.textContent).join('').trim(),
        current: button.getAttribute('aria-current') === 'true',
        x: box.x, width: box.width, height: box.height,
    };
})"""

# Where things sit: the page's direction, the first tile's accent border and where its title's
# text is, and the header's first and last controls.
LAYOUT = """() => {
    const tile = document.querySelector('[data-screen=home] .kiosk-tile');
    const title = tile.querySelector('.kiosk-tile__title');
    const text = document.createRange();
    text.selectNodeContents(title);
    const tileBox = tile.getBoundingClientRect();
    const textBox = text.getBoundingClientRect();
    const tileStyle = getComputedStyle(tile);
    const site = document.getElementById('kiosk-site-name').getBoundingClientRect();
    const textSize = document.getElementById('kiosk-text-size').getBoundingClientRect();
    return {
        html: {lang: document.documentElement.lang, dir: document.documentElement.dir},
        direction: getComputedStyle(document.getElementById('kiosk-main')).direction,
        borderLeft: parseFloat(tileStyle.borderLeftWidth),
        borderRight: parseFloat(tileStyle.borderRightWidth),
        textFromLeft: textBox.left - tileBox.left,
        textFromRight: tileBox.right - textBox.right,
        textSizeLeftOfSiteName: textSize.right <= site.left,
    };
}"""


def _publish(page, reviewer) -> None:
    revision = page.save_revision()
    sign(revision, reviewer=reviewer)
    revision.publish()


@pytest.fixture
def arabic_reviewer(db):
    return language_reviewer("arabic-reviewer", "ar")


@pytest.fixture
def three_languages(treatment, french_draft, french_reviewer, arabic_reviewer, languages):  # noqa: F811
    """The treatment "Ketamine" live and signed in English, French and Arabic."""
    publish_translation(french_draft, french_reviewer)  # "Kétamine", in a live French tree
    translate_parents(treatment, languages["ar"])
    arabic = treatment.copy_for_translation(languages["ar"])
    arabic.title = ARABIC_TITLE
    arabic.save_revision()
    publish_translation(arabic, arabic_reviewer)
    return {
        "en": treatment,
        "fr": Page.objects.get(pk=french_draft.pk).specific,
        "ar": Page.objects.get(pk=arabic.pk).specific,
    }


def choose(kiosk, code: str) -> None:
    kiosk.page.locator(f'.kiosk-language[data-language="{code}"]').click()
    kiosk.page.locator(f'#kiosk[data-language="{code}"][data-screen="home"]').wait_for()


def open_with_every_language_kept(kiosk, query: str = "") -> None:
    kiosk.open(query)
    kiosk.page.locator('#kiosk[data-stored-languages="en fr ar"]').wait_for()


def load_then_go_offline(kiosk) -> None:
    """As in test_kiosk_offline, and the round of requests after the reload (one a language)
    finished before the network goes, so nothing is still being stored."""
    kiosk.open()
    kiosk.wait_for_service_worker()
    kiosk.page.reload()  # now under the worker's control
    kiosk.wait_for_polls(1)
    assert kiosk.page.evaluate("navigator.serviceWorker.controller !== null")
    assert kiosk.page.locator("#kiosk").get_attribute("data-stored-languages") == "en fr ar"
    kiosk.context.set_offline(True)
    # Chromium logs the requests that fail while offline as console errors.
    kiosk.expect_errors(r"net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource")


def record_bundle_requests(kiosk) -> list[str]:
    urls: list[str] = []
    kiosk.page.on(
        "request",
        lambda request: "/api/v1/kiosk/bundle/" in request.url and urls.append(request.url),
    )
    return urls


def html_language(kiosk) -> dict:
    return kiosk.page.evaluate(
        "() => ({lang: document.documentElement.lang, dir: document.documentElement.dir})"
    )


def test_the_switch_names_each_language_in_its_own_language_and_shows_its_content(
    kiosk, three_languages
):
    bundle_requests = record_bundle_requests(kiosk)
    open_with_every_language_kept(kiosk)

    expected = []
    for code in CODES:
        info = get_language_info(code)
        expected.append((code, "rtl" if info["bidi"] else "ltr", info["name_local"]))
    switch = kiosk.page.evaluate(SWITCH)
    assert [(button["lang"], button["dir"], button["name"]) for button in switch] == expected
    assert [button["current"] for button in switch] == [True, False, False]
    assert all(button["height"] >= 72 and button["width"] >= 72 for button in switch)
    assert kiosk.page.get_by_role("navigation", name="Language").is_visible()
    assert kiosk.tile_titles() == ["Ketamine"]
    assert html_language(kiosk) == {"lang": "en", "dir": "ltr"}
    # One bundle per language, each asked for by its own locale.
    assert {f"locale={code}" for code in CODES} <= {
        part for url in bundle_requests for part in url.split("?")[1].split("&")
    }

    choose(kiosk, "fr")

    assert kiosk.tile_titles() == ["Kétamine"]
    assert html_language(kiosk) == {"lang": "fr", "dir": "ltr"}
    assert [button["current"] for button in kiosk.page.evaluate(SWITCH)] == [False, True, False]
    # The choice holds while reading, and on the way home.
    kiosk.tile("Kétamine").click()
    assert kiosk.heading() == "Kétamine"
    kiosk.button("Home").click()
    assert kiosk.tile_titles() == ["Kétamine"]

    choose(kiosk, "en")
    assert kiosk.tile_titles() == ["Ketamine"]
    assert html_language(kiosk) == {"lang": "en", "dir": "ltr"}


def test_offline_every_language_is_shown_from_the_bundle_kept_for_it(kiosk, three_languages):
    """From the page's own copies: the worker's are dropped (say its cache was cleared)."""
    load_then_go_offline(kiosk)
    kiosk.page.evaluate("caches.delete('kiosk-bundle')")

    kiosk.page.reload()
    kiosk.wait_for_polls(1)
    assert kiosk.page.locator("#kiosk").get_attribute("data-last-poll") == "unavailable"
    assert kiosk.tile_titles() == ["Ketamine"]

    choose(kiosk, "fr")
    assert kiosk.tile_titles() == ["Kétamine"]
    kiosk.tile("Kétamine").click()
    assert kiosk.heading() == "Kétamine"
    kiosk.button("Home").click()

    choose(kiosk, "ar")
    assert kiosk.tile_titles() == [ARABIC_TITLE]
    assert html_language(kiosk) == {"lang": "ar", "dir": "rtl"}

    choose(kiosk, "en")
    assert kiosk.tile_titles() == ["Ketamine"]


def test_offline_the_service_worker_keeps_each_languages_bundle_apart(kiosk, three_languages):
    """Without the page's own copies (say localStorage was cleared), the worker's kept copy of
    each language answers for that language, not one bundle for all."""
    load_then_go_offline(kiosk)
    kiosk.page.evaluate("localStorage.clear()")

    kiosk.page.reload()
    kiosk.wait_for_polls(1)
    assert kiosk.page.evaluate("localStorage.length") == 0
    assert kiosk.tile_titles() == ["Ketamine"]

    choose(kiosk, "ar")
    assert kiosk.tile_titles() == [ARABIC_TITLE]
    choose(kiosk, "fr")
    assert kiosk.tile_titles() == ["Kétamine"]


def test_arabic_sets_rtl_and_the_layout_mirrors(kiosk, three_languages):
    open_with_every_language_kept(kiosk)
    ltr = kiosk.page.evaluate(LAYOUT)
    switch = {button["lang"]: button for button in kiosk.page.evaluate(SWITCH)}
    assert ltr["direction"] == "ltr"
    assert ltr["borderLeft"] > ltr["borderRight"]  # the tile's accent at its start: the left
    assert ltr["textFromLeft"] < ltr["textFromRight"]
    assert not ltr["textSizeLeftOfSiteName"]
    assert switch["en"]["x"] < switch["ar"]["x"]

    choose(kiosk, "ar")

    rtl = kiosk.page.evaluate(LAYOUT)
    switch = {button["lang"]: button for button in kiosk.page.evaluate(SWITCH)}
    assert rtl["html"] == {"lang": "ar", "dir": "rtl"}
    assert kiosk.page.locator("html").get_attribute("dir") == "rtl"
    assert rtl["direction"] == "rtl"
    assert rtl["borderRight"] > rtl["borderLeft"]  # the accent at its start: now the right
    assert rtl["textFromRight"] < rtl["textFromLeft"]  # text from the right edge
    assert rtl["textSizeLeftOfSiteName"]  # the header's order mirrored too
    assert switch["en"]["x"] > switch["ar"]["x"]  # the first language on the right
    kiosk.tile(ARABIC_TITLE).click()
    assert kiosk.heading() == ARABIC_TITLE
    assert (
        kiosk.page.evaluate(
            "getComputedStyle(document.querySelector('.kiosk-back-arrow')).transform"
        )
        == "matrix(-1, 0, 0, 1, 0, 0)"
    )  # "Back" points right

    kiosk.button("Home").click()
    choose(kiosk, "en")
    again = kiosk.page.evaluate(LAYOUT)
    assert again["html"] == {"lang": "en", "dir": "ltr"}
    assert again["borderLeft"] > again["borderRight"]


def test_the_home_screen_passes_axe_in_every_language(kiosk, three_languages):
    open_with_every_language_kept(kiosk)
    problems = {}
    for code in ["fr", "ar", "en"]:
        choose(kiosk, code)
        found = axe_violations(kiosk.page, KIOSK_AXE)
        sizes = kiosk.page.evaluate(MEASURE)
        found += [f"target under 44px: {item}" for item in sizes["small_targets"]]
        found += [f"text under 20px: {item}" for item in sizes["small_text"]]
        if found:
            problems[code] = found
        kiosk.screenshot(f"home-{code}")

    assert problems == {}


def test_each_language_is_updated_by_its_own_deltas(kiosk, three_languages, french_reviewer):  # noqa: F811
    open_with_every_language_kept(kiosk, "?poll=2")
    # A second round: each language has asked ?since= once, and now holds that answer's ETag,
    # so the next 200 for French is news.
    kiosk.wait_for_polls(2)
    french = three_languages["fr"]
    french.title = "Kétamine (mise à jour)"

    with kiosk.page.expect_response(
        lambda response: "locale=fr&since=" in response.url and response.status == 200,
        timeout=15_000,
    ) as delta:
        _publish(french, french_reviewer)
    body = delta.value.json()

    assert body["full"] is False
    assert [item["title"] for item in body["treatments"]] == ["Kétamine (mise à jour)"]
    # Nobody was reading French: its news is taken at once; English stays English.
    kiosk.wait_for_polls(kiosk.polls() + 1)
    assert kiosk.tile_titles() == ["Ketamine"]
    choose(kiosk, "fr")
    assert kiosk.tile_titles() == ["Kétamine (mise à jour)"]


def test_the_idle_reset_goes_back_to_the_default_language(kiosk, three_languages):
    kiosk.page.clock.install()
    open_with_every_language_kept(kiosk, "?idle=60&warn=30")
    choose(kiosk, "ar")

    # Another language on the untouched home screen is a trace of the last visitor.
    kiosk.page.clock.fast_forward(61_000)
    assert kiosk.page.locator("#kiosk-idle-dialog").is_visible()
    kiosk.page.clock.fast_forward(31_000)

    assert kiosk.page.locator("#kiosk-idle-dialog").is_hidden()
    assert html_language(kiosk) == {"lang": "en", "dir": "ltr"}
    assert kiosk.tile_titles() == ["Ketamine"]
    assert [button["current"] for button in kiosk.page.evaluate(SWITCH)] == [True, False, False]


def test_with_one_language_there_is_no_switch(kiosk, content):
    bundle_requests = record_bundle_requests(kiosk)
    kiosk.open()

    assert kiosk.page.locator(".kiosk-languages, .kiosk-language").count() == 0
    assert kiosk.page.get_by_role("navigation", name="Language").count() == 0
    assert kiosk.page.locator("#kiosk").get_attribute("data-stored-languages") == "en"
    assert html_language(kiosk) == {"lang": "en", "dir": "ltr"}
    assert "Test treatment one" in kiosk.tile_titles()
    assert bundle_requests and all("locale=en" in url for url in bundle_requests)


def test_an_out_of_date_translation_says_so_where_it_is_read(kiosk, three_languages):
    english = three_languages["en"]
    english.summary = "A changed summary, signed again."
    sign_and_publish(english)

    open_with_every_language_kept(kiosk)
    choose(kiosk, "fr")
    kiosk.tile("Kétamine").click()
    assert kiosk.heading() == "Kétamine"
    footer = kiosk.page.locator("#kiosk-review").inner_text()
    assert "updated more recently than this translation" in footer

    kiosk.button("Home").click()
    choose(kiosk, "en")
    kiosk.tile("Ketamine").click()
    assert "updated more recently" not in kiosk.page.locator("#kiosk-review").inner_text()
