"""Content updates reach the kiosk through the bundle only once signed off, and only between
visits: never while someone is reading."""

from content_models.models import TreatmentPage
from tests.workflow import (
    approval_data,
    edit_and_submit,
    logged_in,
    make_reviewer,
    review_url,
    submit_new_treatment,
)

from .browser import browser_test

pytestmark = browser_test

POLL = "?poll=2"


def approve(page) -> None:
    reviewer = make_reviewer("kiosk-reviewer")
    response = logged_in(reviewer).post(review_url(page), approval_data(reviewer))
    assert response.status_code == 302


def next_polls(kiosk, count: int = 2) -> None:
    """Wait for ``count`` more answers from the API (the first may have been on its way)."""
    kiosk.wait_for_polls(kiosk.polls() + count)


def test_a_revision_signed_off_in_the_admin_appears_after_the_next_poll(
    kiosk, content, editor_client
):
    kiosk.open(POLL)
    submitted = submit_new_treatment(
        editor_client, content["treatment_index"], title="Test treatment three", slug="test-three"
    )
    next_polls(kiosk)
    assert "Test treatment three" not in kiosk.tile_titles()  # submitted, not yet signed

    approve(submitted)

    kiosk.page.locator(".kiosk-tile__title", has_text="Test treatment three").wait_for()
    assert kiosk.tile_titles()[:3] == [
        "Test treatment one",
        "Test treatment three",
        "Test treatment two",
    ]


def test_an_unsigned_draft_never_appears(kiosk, content, editor_client):
    live = content["other_treatment"]
    kiosk.open(POLL)
    version = kiosk.page.locator("#kiosk").get_attribute("data-bundle-version")

    # A draft saved in the editor, and the same draft submitted for review: neither signed.
    draft = TreatmentPage.objects.get(pk=live.pk)
    draft.title = "Test treatment two, unsigned draft"
    draft.save_revision()
    next_polls(kiosk)
    edit_and_submit(editor_client, live, "Test treatment two, submitted draft")
    next_polls(kiosk)

    titles = kiosk.tile_titles()
    assert "Test treatment two" in titles
    assert not [title for title in titles if "draft" in title]
    assert kiosk.page.locator("#kiosk").get_attribute("data-bundle-version") == version
    assert kiosk.page.locator("#kiosk").get_attribute("data-last-poll") == "unchanged"


def test_an_update_waits_while_someone_is_reading_and_applies_at_home(
    kiosk, content, editor_client
):
    kiosk.open(POLL)
    kiosk.tile("Test treatment two").click()
    reading = kiosk.page.locator("#kiosk-main").inner_text()

    approve(edit_and_submit(editor_client, content["other_treatment"], "Test treatment two, new"))
    kiosk.page.wait_for_selector("#kiosk[data-pending-version]")

    assert kiosk.heading() == "Test treatment two"
    assert kiosk.page.locator("#kiosk-main").inner_text() == reading

    kiosk.button("Home").click()

    assert "Test treatment two, new" in kiosk.tile_titles()
    assert kiosk.page.locator("#kiosk").get_attribute("data-pending-version") is None


def test_a_withdrawn_page_disappears_from_the_kiosk(kiosk, content):
    kiosk.open(POLL)
    assert "Test treatment two" in kiosk.tile_titles()

    TreatmentPage.objects.get(pk=content["other_treatment"].pk).unpublish()

    kiosk.page.wait_for_function(
        "() => ![...document.querySelectorAll('.kiosk-tile__title')]"
        ".some(e => e.textContent === 'Test treatment two')"
    )
    assert kiosk.tile_titles()[:2] == ["Test treatment one", "Test condition alpha"]


def test_going_back_home_takes_a_withdrawal_that_waited(kiosk, content):
    """The reader's screen stays, but Back draws the home screen without the withdrawn page:
    the next visitor cannot open it."""
    kiosk.open(POLL)
    kiosk.tile("Test treatment two").click()
    reading = kiosk.page.locator("#kiosk-main").inner_text()

    TreatmentPage.objects.get(pk=content["other_treatment"].pk).unpublish()
    kiosk.page.wait_for_selector("#kiosk[data-pending-version]")
    assert kiosk.page.locator("#kiosk-main").inner_text() == reading

    kiosk.button("Back").click()

    assert "Test treatment two" not in kiosk.tile_titles()
    assert "Test treatment one" in kiosk.tile_titles()
    assert kiosk.page.locator("#kiosk").get_attribute("data-pending-version") is None
