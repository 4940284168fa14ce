"""Offline: after one good load, the kiosk keeps working without the API (the service worker
serves the app, the device keeps the last good bundle), says nothing alarming, and hides each
item once its expires_at has passed."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from api import views_kiosk
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign

from .browser import browser_test

pytestmark = browser_test

DAY_MS = 24 * 60 * 60 * 1000


def load_then_go_offline(kiosk, query: str = "") -> None:
    """A first load online (the worker installs and caches the app), then the network goes."""
    kiosk.open(query)
    kiosk.wait_for_service_worker()
    kiosk.page.reload()  # now under the worker's control
    kiosk.page.locator(".kiosk-tile").first.wait_for()
    assert kiosk.page.evaluate("navigator.serviceWorker.controller !== null")
    kiosk.context.set_offline(True)
    # Chromium logs the requests that fail while offline as console errors.
    kiosk.expect_errors(r"net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource")


def test_after_one_load_the_kiosk_starts_and_works_offline(kiosk, content):
    load_then_go_offline(kiosk)

    kiosk.page.reload()
    kiosk.wait_for_polls(1)

    assert kiosk.page.locator("#kiosk").get_attribute("data-last-poll") == "unavailable"
    assert kiosk.tile_titles() == [
        "Test treatment one",
        "Test treatment two",
        "Test condition alpha",
        "Test condition beta",
    ]
    kiosk.tile("Test treatment one").click()
    kiosk.button("What happens, step by step").click()
    kiosk.button("Next step").click()
    assert kiosk.page.locator("#kiosk-step-title").inner_text() == "Test step two"
    assert "not available" not in kiosk.page.locator("body").inner_text().lower()


def test_the_page_itself_renders_the_kept_bundle_when_the_worker_has_nothing(kiosk, content):
    """Even without the worker's cache (say it was cleared), the page's own copy is shown."""
    kiosk.open()
    kiosk.wait_for_service_worker()
    kiosk.page.evaluate(
        "caches.keys().then(names => Promise.all(names.filter(n => n === 'kiosk-bundle')"
        ".map(n => caches.delete(n))))"
    )
    kiosk.context.set_offline(True)
    kiosk.expect_errors(r"net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource")

    kiosk.page.reload()
    kiosk.wait_for_polls(1)

    assert "Test treatment one" in kiosk.tile_titles()


def test_api_errors_keep_the_last_good_content_silently(kiosk, content, monkeypatch):
    kiosk.open("?poll=2")
    shown = kiosk.tile_titles()

    def broken(*args, **kwargs):
        raise RuntimeError("the API is down (test)")

    monkeypatch.setattr(views_kiosk.KioskBundleView, "get", broken)
    cache.clear()  # no cached answer either
    kiosk.expect_errors(r"status of 500")
    polls = kiosk.polls()
    kiosk.wait_for_polls(polls + 2)

    assert kiosk.tile_titles() == shown
    assert kiosk.page.locator("#kiosk").get_attribute("data-last-poll") == "unavailable"
    kiosk.tile("Test treatment one").click()
    assert kiosk.heading() == "Test treatment one"


def _signed_with_review_due_tomorrow(parent) -> None:
    """ "Test treatment due soon", signed and live, its next review due tomorrow."""
    page = TreatmentPageFactory(parent=parent, title="Test treatment due soon", live=False)
    revision = page.save_revision()
    sign(revision, next_review_due=timezone.localdate() + datetime.timedelta(days=1))
    revision.publish()


def test_an_item_is_hidden_once_its_expiry_has_passed_even_offline(kiosk, content, settings):
    """With overdue reviews withdrawn, an item expires when its review becomes overdue, which
    can be before the bundle's own expiry: a kiosk that stays offline hides it on time."""
    settings.KIOSK_WITHDRAW_OVERDUE = True
    _signed_with_review_due_tomorrow(content["treatment_index"])

    kiosk.page.clock.install()
    load_then_go_offline(kiosk)
    assert "Test treatment due soon" in kiosk.tile_titles()

    kiosk.page.clock.fast_forward(3 * DAY_MS)  # past its review date, within the bundle's week

    titles = kiosk.tile_titles()
    assert "Test treatment due soon" not in titles
    assert "Test treatment one" in titles


def test_a_review_that_falls_due_offline_reads_overdue(kiosk, content, settings):
    """Overdue reviews not withdrawn (the default): the item stays, and its footer says its
    review is overdue once the date passes, as the API would say that day."""
    settings.KIOSK_WITHDRAW_OVERDUE = False
    _signed_with_review_due_tomorrow(content["treatment_index"])

    kiosk.page.clock.install()
    load_then_go_offline(kiosk)
    kiosk.tile("Test treatment due soon").click()
    assert "Review overdue" not in kiosk.page.locator("#kiosk-review").inner_text()
    kiosk.button("Back").click()

    kiosk.page.clock.fast_forward(3 * DAY_MS)  # past its review date, within the bundle's week
    kiosk.tile("Test treatment due soon").click()

    assert "Review overdue" in kiosk.page.locator("#kiosk-review").inner_text()


def test_everything_is_hidden_once_the_bundle_has_expired_offline(kiosk, content):
    kiosk.page.clock.install()
    load_then_go_offline(kiosk)
    kiosk.tile("Test treatment one").click()
    kiosk.button("Benefits, side effects and risks").click()

    kiosk.page.clock.fast_forward(8 * DAY_MS)  # the maximum offline age is 7 days

    assert kiosk.screen == "home"
    assert kiosk.tile_titles() == []
    assert kiosk.page.locator(".kiosk-message").inner_text() == (
        "There is no information to show at the moment."
    )
