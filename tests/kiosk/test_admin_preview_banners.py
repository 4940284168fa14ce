"""The admin's own preview panel, as the editor sees it in Chromium: in both its modes, Web and
Kiosk, the draft is marked as not signed off and not the public page, visibly."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import TreatmentPageFactory, UserFactory
from tests.factories.users import PASSWORD

from .browser import browser_test, signed_in_admin

pytestmark = browser_test


def test_the_preview_panel_marks_the_draft_in_web_and_kiosk_modes(
    browser, live_server, treatment_index
):
    UserFactory(username="editor", groups=["Editors"])
    page = TreatmentPageFactory(parent=treatment_index, title="A treatment")
    tab = signed_in_admin(browser, live_server.url, "editor", PASSWORD)
    tab.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    tab.get_by_role("button", name=re.compile("Toggle preview", re.I)).first.click()

    web = tab.frame_locator("#w-preview-iframe")
    expect(web.locator("h1")).to_have_text("A treatment")
    expect(web.locator(".preview-banner")).to_be_visible()
    assert "Preview, not the public page." in web.locator(".preview-banner").inner_text()
    draft = web.locator(".draft-banner")
    expect(draft).to_be_visible()
    assert "Draft — not signed off." in draft.inner_text()
    assert "Last reviewed" not in web.locator("main").inner_text()
    # Styled as a warning, not plain text: a border and a tinted background.
    style = draft.evaluate(
        "(el) => { const s = getComputedStyle(el);"
        " return [s.borderTopStyle, s.borderTopWidth, s.backgroundColor]; }"
    )
    assert style[0] != "none" and style[1] != "0px" and style[2] != "rgba(0, 0, 0, 0)"

    tab.select_option("#id_preview_mode", "kiosk")
    kiosk = tab.frame_locator("#w-preview-iframe")
    expect(kiosk.locator("#kiosk[data-last-poll=preview]")).to_be_attached()
    banner = kiosk.locator("#kiosk-preview-banner")
    expect(banner).to_be_visible()
    assert "Draft — not signed off." in banner.inner_text()
    tab.context.close()
