"""The project's own admin screens in Chromium, as a medical reviewer meets them on the demo
site: the review screen of a resubmitted treatment, the sign-off history with what patients
saw, and the reports (clinical reviews, sign-off records, live pages without a sign-off). Each
names its content, and axe finds no WCAG 2.2 AA violation in the project's part of the screen
(``main``; Wagtail's menu is Wagtail's).

``make screenshots`` saves the review screen and the history under docs/screenshots."""

import datetime
import re

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse

from signing.signoffs import signoffs_of
from tests.factories.signing import sign

from .browser import SCREENSHOTS, browser_test, signed_in_admin

pytestmark = browser_test

WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}
# The article's own wording (../shared/content), which the reviewer's notes call false: demo and
# screenshots show nothing the sources do not say.
RISKY_SUMMARY = (
    "Unlike opioids, ketamine does not have addictive properties, making it a safer long-term "
    "option for managing chronic pain."
)


@pytest.fixture
def resubmitted(demo_site):
    """The demo treatment, edited by the editor with a risky summary and submitted again."""
    editor = get_user_model().objects.get(username="editor")
    page = demo_site["treatment"]
    draft = page.get_latest_revision_as_object()
    draft.summary = RISKY_SUMMARY
    draft.save_revision(user=editor)
    page.refresh_from_db()
    page.get_workflow().start(page, editor)
    page.refresh_from_db()
    return page


@pytest.fixture
def reviewer(browser, live_server, demo_site):
    page = signed_in_admin(browser, live_server.url, "reviewer", "demo-reviewer-password")
    page.base_url = live_server.url
    yield page
    page.context.close()


def _assert_accessible(page) -> None:
    results = Axe().run(page, context="main", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def _screenshot(page, name: str) -> None:
    """What the screen shows first, at the admin's 1,400 × 1,000 (Wagtail's admin scrolls
    inside its layout: a "full page" shot would be the same viewport, wherever it had scrolled)."""
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/admin-{name}.png")


def test_the_review_screen_names_the_content_and_marks_flags_where_they_changed(
    reviewer, resubmitted
):
    task_state = resubmitted.current_workflow_task_state
    reviewer.goto(reviewer.base_url + reverse("clinical_review:review", args=(task_state.pk,)))

    breadcrumbs = reviewer.get_by_role("navigation", name="Breadcrumb").inner_text()
    assert resubmitted.title in breadcrumbs and "Clinical review" in breadcrumbs
    _screenshot(reviewer, "review")  # the top: the title, the flagged change and its link
    flagged = reviewer.locator("tr.review-change--flagged", has_text="Summary")
    marked = " ".join(flagged.locator("mark").all_inner_texts()).lower()
    assert "addictive" in marked
    flagged.get_by_role("link").first.click()
    focused_id = reviewer.evaluate("() => location.hash")
    assert focused_id.startswith("#id_resolve_")
    assert reviewer.locator(focused_id).is_visible()
    _assert_accessible(reviewer)


def test_the_history_shows_what_patients_saw_as_the_page(reviewer, demo_site):
    page = demo_site["treatment"]
    today = datetime.date.today().isoformat()
    url = reverse("clinical_review:history", args=(page.pk,))
    reviewer.goto(f"{reviewer.base_url}{url}?date={today}")

    assert page.title in reviewer.get_by_role("navigation", name="Breadcrumb").inner_text()
    seen = reviewer.locator("section[aria-labelledby=seen-heading]")
    assert "Signed off by" in seen.inner_text() and "_type" not in seen.inner_text()
    frame = reviewer.frame_locator("iframe.seen-on-date__page")
    assert frame.locator("h1").inner_text() == page.title
    shown = frame.locator("main").inner_text()
    assert "Benefits and risks" in shown
    # As patients saw it: none of a preview's banners, and the review line they read.
    assert "Preview, not the public page" not in shown and "Draft — not signed off" not in shown
    assert frame.locator(".preview-banner, .draft-banner").count() == 0
    review_line = frame.locator(".review-line").inner_text()
    signed = signoffs_of(page).first()
    assert review_line.startswith("Last reviewed") and f"by {signed.reviewer_name}," in review_line
    # The sign-off beside the page, not above it.
    signoff = reviewer.locator(".seen-on-date__signoff").bounding_box()
    framed = reviewer.locator("iframe.seen-on-date__page").bounding_box()
    assert signoff["x"] >= framed["x"] + framed["width"] and signoff["y"] < framed["y"] + 50
    # The kiosk as patients saw it: no draft banner, the review in its footer.
    kiosk_url = reviewer.get_by_role("link", name="as the kiosk showed it").get_attribute("href")
    kiosk = reviewer.context.new_page()
    kiosk.goto(reviewer.base_url + kiosk_url)
    kiosk.locator("#kiosk[data-last-poll=preview]").wait_for(state="attached")
    assert kiosk.locator("h1").first.inner_text() == page.title
    assert not kiosk.locator("#kiosk-preview-banner").is_visible()
    assert kiosk.locator("#kiosk-review").inner_text().startswith("Last reviewed")
    kiosk.close()
    _screenshot(reviewer, "history")
    _assert_accessible(reviewer)


def test_the_kiosk_as_it_showed_a_page_keeps_that_days_review_status(reviewer, demo_site):
    """Due soon on the day shown, overdue now: the kiosk shows the day's status, as the page
    view beside it does (the device's date applies to a live kiosk, not to the history)."""
    page = demo_site["treatment"]
    shown_day = datetime.date.today() - datetime.timedelta(days=35)
    with time_machine.travel(shown_day - datetime.timedelta(days=5), tick=False):
        draft = page.get_latest_revision_as_object()
        draft.summary = "A treatment signed off forty days ago."
        revision = draft.save_revision()
        signoff = sign(revision, next_review_due=shown_day + datetime.timedelta(days=10))
        revision.publish()
    seen = reverse("clinical_review:seen", args=(page.pk, signoff.pk))

    reviewer.goto(f"{reviewer.base_url}{seen}?date={shown_day.isoformat()}&mode=kiosk")
    reviewer.locator("#kiosk[data-last-poll=preview]").wait_for(state="attached")

    review_line = reviewer.locator("#kiosk-review").inner_text()
    assert "Review due soon" in review_line and "overdue" not in review_line


def test_the_clinical_reviews_report_is_accessible(reviewer, demo_site):
    reviewer.goto(reviewer.base_url + reverse("clinical_review:reviews_report"))

    assert demo_site["treatment"].title in reviewer.locator("main").inner_text()
    _assert_accessible(reviewer)


def test_the_sign_off_records_report_is_accessible(reviewer, demo_site):
    reviewer.goto(reviewer.base_url + reverse("clinical_review:signoff_records"))

    assert demo_site["treatment"].title in reviewer.locator("main").inner_text()
    _assert_accessible(reviewer)


def test_the_live_pages_without_a_sign_off_report_is_accessible(reviewer, demo_site):
    reviewer.goto(reviewer.base_url + reverse("clinical_review:unsigned_live"))

    assert "Live pages without a sign-off" in reviewer.locator("main").inner_text()
    _assert_accessible(reviewer)


def test_the_editors_reading_level_warnings_are_about_prose_not_references(
    browser, live_server, demo_site
):
    """The demo treatment cites four sources with long findings: none is warned about."""
    editor = signed_in_admin(browser, live_server.url, "editor", "demo-editor-password")
    edit = reverse("wagtailadmin_pages:edit", args=(demo_site["treatment"].pk,))
    editor.goto(live_server.url + edit)

    editor.get_by_role("tab", name=re.compile("^Review checks")).click()
    checks = editor.locator(".review-checks").inner_text()

    assert "Reading level" in checks and "Whole page:" in checks
    assert "Reference" not in checks and "Finding" not in checks
    editor.context.close()


def test_the_two_factor_screen_is_accessible(browser, live_server, demo_site):
    """The demo editor has no authenticator yet: the screen shows the QR code to scan."""
    editor = signed_in_admin(browser, live_server.url, "editor", "demo-editor-password")
    editor.goto(live_server.url + reverse("accounts:two_factor"))

    assert "Set up an authenticator app" in editor.locator("main").inner_text()
    assert editor.locator(".two-factor-qr svg").is_visible()
    _assert_accessible(editor)
    editor.context.close()
