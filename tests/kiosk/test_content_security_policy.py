"""The site under its Content-Security-Policy in Chromium (cms/csp.py): the admin's screens
(the dashboard, a page editor with its preview panel, web and kiosk, an image upload, the review
screen, the sign-off records and the clinical reviews reports), a public page as a signed-in
editor sees it (with Wagtail's userbar) and as a visitor sees it, the server error page and the
API docs (Swagger UI) all work without a single violation.

Violations are collected twice over: the ``securitypolicyviolation`` event in every frame (the
preview panel is one), and Chromium's console errors (it logs each refusal there)."""

from __future__ import annotations

import io
import re

import PIL.Image
import pytest
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from playwright.sync_api import expect

from cms.urls import urlpatterns as site_urlpatterns

from .browser import admin_context, browser_test

pytestmark = browser_test

LISTEN = """() => document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(
        `${event.violatedDirective} refused ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile || location.pathname}:${event.lineNumber}) ${event.sample}`);
})"""


class Violations:
    """Every CSP violation and console error of a browser context."""

    def __init__(self, context):
        self.found: list[str] = []
        context.expose_binding("reportViolation", lambda source, text: self.found.append(text))
        context.add_init_script(f"({LISTEN})()")

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.found.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: message.type == "error" and self.found.append(message.text),
        )


def _png(name: str) -> dict:
    image = io.BytesIO()
    PIL.Image.new("RGB", (16, 16), "teal").save(image, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": image.getvalue()}


def _sign_in(browser, base_url: str, username: str, password: str):
    """A page of a fresh admin context, signed in, with violations watched."""
    context = admin_context(browser)
    violations = Violations(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations.watch(page)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page, violations


@pytest.fixture
def in_review(demo_site):
    """The demo treatment, edited by the editor and submitted for review again."""
    editor = get_user_model().objects.get(username="editor")
    page = demo_site["treatment"]
    draft = page.get_latest_revision_as_object()
    draft.summary = "A summary edited for the review."
    draft.save_revision(user=editor)
    page.refresh_from_db()
    page.get_workflow().start(page, editor)
    page.refresh_from_db()
    return page


def test_the_admin_works_under_its_policy(browser, live_server, demo_site):
    base_url = live_server.url
    page, violations = _sign_in(browser, base_url, "admin", "demo-admin-password")
    page.locator("main").first.wait_for()  # the dashboard

    treatment = demo_site["treatment"]
    page.goto(base_url + reverse("wagtailadmin_pages:edit", args=(treatment.pk,)))
    page.get_by_role("button", name=re.compile("Toggle preview", re.I)).first.click()
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == treatment.title
    page.select_option("#id_preview_mode", "kiosk")  # the kiosk's own policy, in the frame
    expect(page.frame_locator("iframe").first.locator("#kiosk")).to_be_attached()
    page.get_by_role("tab", name=re.compile("^Review checks")).click()
    assert "Reading level" in page.locator(".review-checks").inner_text()

    page.goto(base_url + reverse("wagtailimages:add_multiple"))
    page.set_input_files("#fileupload", files=[_png("csp-test.png")])
    expect(page.locator("#upload-list li.upload-success")).to_have_count(1)

    page.goto(base_url + reverse("clinical_review:signoff_records"))
    assert treatment.title in page.locator("main").inner_text()
    page.goto(base_url + reverse("clinical_review:reviews_report"))
    assert treatment.title in page.locator("main").inner_text()
    page.context.close()

    assert violations.found == []


def test_the_review_screen_works_under_the_admins_policy(browser, live_server, in_review):
    """The reviewer's screen, with its date picker, and the preview of the revision."""
    base_url = live_server.url
    page, violations = _sign_in(browser, base_url, "reviewer", "demo-reviewer-password")

    task_state = in_review.current_workflow_task_state
    page.goto(base_url + reverse("clinical_review:review", args=(task_state.pk,)))
    page.locator("#id_next_review_due").click()
    page.keyboard.press("Escape")
    page.goto(
        base_url
        + reverse("wagtailadmin_pages:revisions_view", args=(in_review.pk, task_state.revision_id))
    )
    assert page.locator("h1").first.inner_text() == in_review.title
    page.context.close()

    assert violations.found == []


def test_a_public_page_with_the_userbar_for_signed_in_staff(
    browser, live_server, demo_site, settings
):
    """The userbar loads its files from WAGTAILADMIN_BASE_URL: the live server here."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    page, violations = _sign_in(browser, live_server.url, "editor", "demo-editor-password")

    page.goto(live_server.url + demo_site["treatment"].url)
    page.get_by_role("button", name="View Wagtail quick actions").click()
    expect(page.get_by_role("menuitem", name=re.compile("Edit this page"))).to_be_visible()
    page.context.close()

    assert violations.found == []


def test_a_visitors_public_page_works_and_refuses_inline_script(browser, live_server, demo_site):
    context = browser.new_context(locale="en-GB")
    violations = Violations(context)
    page = context.new_page()
    violations.watch(page)
    treatment = demo_site["treatment"]

    response = page.goto(live_server.url + treatment.url)
    assert page.locator("h1").inner_text() == treatment.title
    assert "unsafe" not in response.headers["content-security-policy"]
    # Again, revalidated (304): the page keeps its policy, and its stylesheet.
    again = page.reload()
    assert again.headers["content-security-policy"] == response.headers["content-security-policy"]
    skip_link = "() => getComputedStyle(document.querySelector('.skip-link')).position"
    assert page.evaluate(skip_link) == "absolute"
    assert violations.found == []

    # An injected inline script is refused, and the refusal is seen (the watch works).
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
        }"""
    )
    for _ in range(50):  # the report reaches Python while Playwright waits
        if any(found.startswith("script-src") for found in violations.found):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.injected === undefined")
    context.close()
    assert any(found.startswith("script-src") for found in violations.found), violations.found


def test_the_api_docs_work_under_their_policy(browser, live_server, demo_site):
    context = browser.new_context(locale="en-GB")
    violations = Violations(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations.watch(page)

    response = page.goto(live_server.url + reverse("api:docs"))
    assert "unsafe" not in response.headers["content-security-policy"]
    operation = page.locator(".opblock-summary-path", has_text="/api/v1/treatments/").first
    operation.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tr.response .response-col_status").first
    expect(status).to_have_text("200")
    context.close()

    assert violations.found == []


def failing_view(request):
    raise RuntimeError("A failure for the server error page.")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_the_server_error_page_keeps_its_inline_styles(browser, live_server, home_page):
    context = browser.new_context(locale="en-GB")
    violations = Violations(context)
    page = context.new_page()
    violations.watch(page)

    response = page.goto(f"{live_server.url}/failing/")
    max_width = page.evaluate("() => getComputedStyle(document.querySelector('main')).maxWidth")
    context.close()

    assert response.status == 500
    assert max_width == "640px"  # 40rem: the page's own style applied
    assert [found for found in violations.found if "status of 500" not in found] == []
