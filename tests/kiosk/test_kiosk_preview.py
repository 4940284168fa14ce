"""Preview of a draft (the editor's "Preview in web app" lands on /kiosk/?preview=<token>): the
draft is shown, marked as a draft, and nothing of it is kept on the device."""

from api import preview
from content_models.models import TreatmentPage
from tests.factories import UserFactory

from .browser import browser_test

pytestmark = browser_test


def test_a_preview_link_shows_the_draft_marked_as_such_and_keeps_nothing(kiosk, content):
    draft = TreatmentPage.objects.get(pk=content["treatment"].pk)
    draft.title = "Test treatment one, draft for preview"
    token = preview.issue(draft.save_revision(), UserFactory(groups=["Editors"]))
    bundle_requests = []
    kiosk.page.on(
        "request", lambda r: "/api/v1/kiosk/bundle/" in r.url and bundle_requests.append(r.url)
    )

    kiosk.open(f"?preview={token}", wait_for_content=False)
    kiosk.page.wait_for_selector("#kiosk[data-last-poll=preview]")

    assert kiosk.screen == "treatment"
    assert kiosk.heading() == "Test treatment one, draft for preview"
    assert kiosk.page.locator("#kiosk-preview-banner").is_visible()
    assert kiosk.page.locator("#kiosk-review").inner_text().startswith("Not signed off")
    kiosk.button("What happens, step by step").click()
    assert kiosk.page.locator("#kiosk-step-title").inner_text() == "Test step one"
    assert bundle_requests == []
    assert kiosk.page.evaluate("localStorage.length") == 0


def test_an_expired_or_altered_preview_link_says_so(kiosk, content):
    kiosk.expect_errors(r"status of 403")

    kiosk.open("?preview=not-a-real-token", wait_for_content=False)
    kiosk.page.wait_for_selector("#kiosk[data-last-poll=unavailable]")

    assert "preview link is not valid" in kiosk.page.locator(".kiosk-message").inner_text()
    assert kiosk.page.locator(".kiosk-tile").count() == 0
