"""Patients never read a note about the demo's sources in place of contact details (issue 18,
item 15): the sources give the clinic's name only, so the demo clinic has a placeholder email
and booking link on example.com and no phone, address or opening hours, and the kiosk, the web
page and the API show only what it has (an empty field is left out, not labelled)."""

from django.test import Client

from .browser import browser_test

pytestmark = browser_test

TREATMENT = "Ketamine therapy for chronic pain"


def test_the_kiosk_contact_screen_shows_only_the_clinics_email_and_booking_link(kiosk, demo_site):
    kiosk.open()
    kiosk.tile(TREATMENT).click()
    kiosk.button("Contact the clinic").click()

    details = kiosk.page.locator(".kiosk-details")
    assert details.locator("dt").all_inner_texts() == ["Email", "Book online"]
    assert details.locator("dd").all_inner_texts() == [
        "contact@example.com",
        "https://example.com/book",
    ]
    screen = kiosk.page.locator("#kiosk-main").inner_text().lower()
    assert "placeholder" not in screen
    assert "article gives" not in screen


def test_the_web_page_and_the_api_leave_the_empty_fields_out(kiosk, demo_site):
    page = demo_site["treatment"]
    kiosk.page.goto(kiosk.base_url + page.url)

    contact = kiosk.page.locator(".call-to-action")
    assert contact.locator("dt").all_inner_texts() == ["Email"]
    assert contact.get_by_role("link", name="Book an appointment at Unika Medical Centre").count()
    assert "placeholder" not in kiosk.page.content().lower()

    client = Client()
    detail = client.get(f"/api/v1/treatments/{page.slug}/")
    assert detail.json()["clinic"] == {
        "name": "Unika Medical Centre",
        "phone": "",
        "email": "contact@example.com",
        "address": "",
        "opening_hours": "",
        "booking_url": "https://example.com/book",
    }
    for answer in (detail, client.get("/api/v1/kiosk/bundle/")):
        assert answer.status_code == 200
        assert "placeholder" not in answer.content.decode().lower()
