"""An idle sign-out never loses what was typed (cms/idle_sessions.py with
accounts/static/accounts/js/staff-session.js), in Chromium: typing keeps the session alive
(a new page's form has no autosave to do it); a form sent after the session ended stays on the
page, says to sign in again in a new tab, and is sent whole once that is done."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from cms.idle_sessions import LAST_ACTIVITY
from content_models.models import TreatmentPage
from tests.content_models.admin_forms import treatment_form_data
from tests.factories import UserFactory
from tests.factories.signing import sign
from tests.factories.users import PASSWORD
from tests.workflow import add_url, logged_in, make_reviewer, totp_code

from .browser import admin_context, browser_test, signed_in_admin

pytestmark = browser_test

TITLE = "Typed before the sign-out"


@pytest.fixture
def editor_page(browser, live_server, treatment_index, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    UserFactory(username="editor", groups=["Editors"])
    page = signed_in_admin(browser, live_server.url, "editor", PASSWORD)
    add = reverse(
        "wagtailadmin_pages:add", args=("content_models", "treatmentpage", treatment_index.pk)
    )
    page.goto(live_server.url + add)
    return page


def session_of(page) -> SessionStore:
    [key] = [c["value"] for c in page.context.cookies() if c["name"] == "sessionid"]
    return SessionStore(session_key=key)


def last_active(page, minutes_ago: float) -> int:
    """Set the session's last activity that long ago; returns the stamp."""
    session = session_of(page)
    session[LAST_ACTIVITY] = stamp = int(time.time() - minutes_ago * 60)
    session.save()
    return stamp


def test_typing_in_a_new_pages_form_keeps_the_session_alive(editor_page):
    stamp = last_active(editor_page, 25)  # five minutes before the sign-out

    editor_page.fill("#id_title", TITLE)

    editor_page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('/activity/'))"
    )
    deadline = time.monotonic() + 10
    while session_of(editor_page).get(LAST_ACTIVITY) == stamp and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_of(editor_page)[LAST_ACTIVITY] > stamp + 20 * 60


def test_a_form_sent_after_the_sign_out_stays_and_is_sent_after_signing_in_again(
    editor_page, browser, live_server
):
    editor_page.fill("#id_title", TITLE)
    editor_page.fill("#id_summary", "Every word of this stays.")
    last_active(editor_page, 45)

    editor_page.get_by_role("button", name="Save draft").click()

    notice = editor_page.locator("[data-signed-out-notice]")
    notice.wait_for()
    assert "What you entered is still here" in notice.inner_text()
    assert "/pages/add/" in editor_page.url
    assert editor_page.input_value("#id_title") == TITLE
    assert not TreatmentPage.objects.filter(title=TITLE).exists()

    # Signed in again in another tab (the same browser: the same cookies).
    other_tab = editor_page.context.new_page()
    other_tab.goto(live_server.url + notice.get_by_role("link").get_attribute("href"))
    assert "signed out after 30 minutes" in other_tab.locator("body").inner_text()
    other_tab.fill("#id_username", "editor")
    other_tab.fill("#id_password", PASSWORD)
    other_tab.get_by_role("button", name="Sign in").click()
    other_tab.wait_for_url(f"{live_server.url}/admin/")
    other_tab.close()

    editor_page.get_by_role("button", name="Save draft").click()
    editor_page.wait_for_url("**/edit/")
    saved = TreatmentPage.objects.get(title=TITLE)
    assert saved.get_latest_revision_as_object().summary == "Every word of this stays."
    assert not saved.live


def test_the_button_pressed_is_sent_after_the_check(browser, live_server, treatment_index):
    """Wagtail disables a pressed button while the page checks the session: Publish must still
    send ``action-publish``, not become a plain save."""
    chief = UserFactory(username="chief", is_superuser=True)
    data = treatment_form_data(title="Signed draft", slug="signed-draft")
    logged_in(chief).post(add_url(treatment_index), data)
    page = TreatmentPage.objects.get(slug="signed-draft")
    sign(page.get_latest_revision())
    tab = signed_in_admin(browser, live_server.url, "chief", PASSWORD)
    tab.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    tab.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Publish").click()

    assert "has been published" in tab.locator(".messages").inner_text()
    assert TreatmentPage.objects.get(pk=page.pk).live


def test_the_second_factor_step_is_not_held(browser, live_server, settings):
    """The code step is a signed-in page whose session check is sent to the code step: the
    form goes (only a session that has ended holds a form)."""
    settings.OTP_REQUIRED_FOR_STAFF = True
    reviewer = make_reviewer("coded")
    tab = admin_context(browser).new_page()
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", "coded")
    tab.fill("#id_password", PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/two-factor/verify/**")

    code = tab.get_by_label("Code from your authenticator app")
    code.fill(totp_code(reviewer))
    tab.locator("form", has=code).get_by_role("button", name="Continue").click()

    tab.wait_for_url(f"{live_server.url}/admin/")
    assert not tab.locator("[data-signed-out-notice]").count()
