"""The editor's and the reviewer's journey end to end in Chromium, asserting what each person
sees: the editor is refused for a missing risk, sees which tab holds the error and reaches it in
one click, adds a risk and submits; the reviewer rejects with a comment; the editor reads it on
the edit page (and in its status side panel) and resubmits; the reviewer sees what changed
since the rejected revision and signs off; the page is public and the history shows it as
patients saw it (its review line, no draft banner)."""

import datetime
import re

import pytest
from django.urls import reverse

from content_models.models import TreatmentPage
from tests.factories import UserFactory
from tests.factories.users import PASSWORD
from tests.workflow import make_reviewer, totp_code

from .browser import browser_test, signed_in_admin

pytestmark = browser_test

TITLE = "Gentle stretching"
COMMENT = "Say how long each session lasts."


def _signed_in(browser, base_url: str, username: str):
    return signed_in_admin(browser, base_url, username, PASSWORD)


def _submit(page) -> None:
    """Wagtail's action menu: open the dropdown beside the default action, then Submit. (The
    form is sent once the page has checked that its session lives: a moment after the click.)"""
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^(Submit|Resubmit)")).first.click()


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


@pytest.fixture
def people(db):
    UserFactory(username="editor", first_name="Eda", last_name="Editor", groups=["Editors"])
    return {"reviewer": make_reviewer("reviewer")}


def test_an_editor_and_a_reviewer_take_a_treatment_from_draft_to_public(
    browser, live_server, treatment_index, people
):
    editor = _signed_in(browser, live_server.url, "editor")
    add_url = reverse(
        "wagtailadmin_pages:add", args=("content_models", "treatmentpage", treatment_index.pk)
    )
    editor.goto(live_server.url + add_url)
    assert editor.locator("#w-autosave-indicator").count() == 0  # nothing saved while typing
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_role("button", name="Set schedule").click()
    dialog = editor.locator("#schedule-publishing-dialog")
    assert "takes effect only once a medical reviewer signs" in dialog.inner_text()
    dialog.get_by_role("button", name="Close dialog").click()
    editor.get_by_role("button", name="Toggle status").click()
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Slow stretches for stiff joints.")
    editor.locator("[data-contentpath=what_it_is] [contenteditable=true]").click()
    editor.keyboard.type("Slow stretches of the joints, guided by a physiotherapist.")
    editor.wait_for_function(
        "() => document.querySelector('#id_what_it_is').value.includes('Slow')"
    )

    # Refused for the missing risk: the tab says so, and one click reaches the error.
    _submit(editor)
    assert "could not be created" in editor.locator(".messages").inner_text()
    risks_tab = editor.get_by_role("tab", name=re.compile("Benefits and risks"))
    assert "2 errors" in risks_tab.inner_text()
    assert "error" not in editor.get_by_role("tab", name=re.compile("^Content")).inner_text()
    editor.get_by_role("button", name="Go to the first error").click()
    editor.wait_for_function("() => document.activeElement.matches('.help-critical')")
    error = editor.locator(":focus")
    assert "Add at least one risk" in error.inner_text()
    assert _in_viewport(editor, error)

    # A risk added, the treatment goes to clinical review.
    risks = editor.locator("[data-contentpath=common_side_effects]")
    risks.get_by_role("button", name=re.compile("Insert a block")).first.click()
    editor.locator("[name='common_side_effects-0-value-name']").fill("Muscle soreness")
    _submit(editor)
    assert "submitted for clinical review" in editor.locator(".messages").inner_text()
    page = TreatmentPage.objects.get(slug="gentle-stretching")

    # Bulk publish says who publishes, rather than only refusing.
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    editor.goto(f"{live_server.url}{bulk}?id={page.pk}")
    assert "Clinical review publishes this page" in editor.locator("main").inner_text()

    # The reviewer finds it on the dashboard and asks for a change.
    reviewer = _signed_in(browser, live_server.url, "reviewer")
    dashboard = reviewer.locator("main").inner_text()
    assert "Awaiting my review" in dashboard and "Awaiting your review" not in dashboard
    panel = reviewer.locator("[id^=awaiting-my-review]").first
    panel.get_by_role("link", name=TITLE).click()
    assert TITLE in reviewer.get_by_role("navigation", name="Breadcrumb").inner_text()
    with reviewer.context.expect_page() as opened:
        reviewer.get_by_role("link", name="Preview this revision").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "Preview, not the public page." in preview.locator("main").inner_text()
    preview.close()
    reviewer.locator("section[aria-labelledby=reject-heading] textarea").fill(COMMENT)
    reviewer.get_by_role("button", name="Reject with comment").click()
    reviewer.wait_for_url(re.compile(r".*/admin/$"))
    assert "Changes requested" in reviewer.locator(".messages").inner_text()

    # The editor reads the request where they work, changes the wording and resubmits.
    editor.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    request = editor.locator(".messages").inner_text()
    assert "Changes requested by Dr Reviewer" in request and COMMENT in request
    # The status side panel holds it too, without opening its dialog.
    editor.get_by_role("button", name="Toggle status").click()
    in_panel = editor.locator("section.requested-changes")
    in_panel.wait_for()
    assert "Changes requested by Dr Reviewer on" in in_panel.inner_text()
    assert COMMENT in in_panel.inner_text()
    editor.get_by_role("button", name="Toggle status").click()
    editor.fill("#id_summary", "Slow stretches for stiff joints; each session lasts 30 minutes.")
    _submit(editor)
    assert "submitted for clinical review" in editor.locator(".messages").inner_text()

    # The reviewer sees what changed since the rejected revision, and signs off.
    reviewer.goto(live_server.url + reverse("wagtailadmin_home"))
    reviewer.locator("[id^=awaiting-my-review]").first.get_by_role("link", name=TITLE).click()
    since = reviewer.locator("section[aria-labelledby=since-rejection-heading]")
    assert "rejected on" in since.inner_text() and COMMENT in since.inner_text()
    assert "30 minutes" in since.inner_text()
    reviewer.locator("#id_attest").check()
    reviewer.get_by_role("button", name="Sign off and publish").click()  # no password yet
    summary = reviewer.locator("#review-errors")
    summary.wait_for()
    assert summary.is_visible() and "The review was not recorded" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("Your password")).click()
    assert reviewer.evaluate("() => location.hash") == "#id_password"
    reviewer.locator("#id_attest").check()
    reviewer.locator("#id_password").fill(PASSWORD)
    # The second part of the signature: the code the reviewer's authenticator app shows.
    reviewer.get_by_label("Code from your authenticator app").fill(totp_code(people["reviewer"]))
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Sign off and publish").click()
    assert f"Signed off “{TITLE}”" in reviewer.locator(".messages").inner_text()

    # Public, and the history shows it as patients saw it.
    public = reviewer.context.browser.new_context().new_page()
    public.goto(f"{live_server.url}/treatments/gentle-stretching/")
    assert public.locator("h1").inner_text() == TITLE
    public.context.close()
    history = reverse("clinical_review:history", args=(page.pk,))
    reviewer.goto(f"{live_server.url}{history}?date={datetime.date.today().isoformat()}")
    frame = reviewer.frame_locator("iframe.seen-on-date__page")
    assert frame.locator("h1").inner_text() == TITLE
    shown = frame.locator("main").inner_text()
    assert "Preview, not the public page" not in shown and "Draft — not signed off" not in shown
    review_line = frame.locator(".review-line").inner_text()
    assert review_line.startswith("Last reviewed") and "by Dr Reviewer, MB ChB" in review_line
    editor.context.close()
    reviewer.context.close()
