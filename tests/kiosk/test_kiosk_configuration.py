"""Per-device configuration in the kiosk's URL: clinic, sections and text size."""

from .browser import browser_test

pytestmark = browser_test


def test_a_clinic_sees_only_its_treatments_and_the_conditions_they_treat(kiosk, content):
    kiosk.open("?clinic=test%20CLINIC")  # matched without regard to case

    assert kiosk.tile_titles() == [
        "Test treatment one",
        "Test condition alpha",
        "Test condition beta",
    ]
    kiosk.tile("Test condition beta").click()
    # Of the condition's treatments, only this clinic's.
    assert kiosk.page.locator("#kiosk-main .kiosk-tile__title").all_inner_texts() == [
        "Test treatment one"
    ]


def test_sections_leave_the_others_out_and_links_to_them_become_plain_text(kiosk, content):
    kiosk.open("?sections=treatments")

    assert kiosk.page.locator("#kiosk-main h2").all_inner_texts() == ["Treatments"]
    assert kiosk.tile_titles() == ["Test treatment one", "Test treatment two"]
    kiosk.tile("Test treatment one").click()
    used_for = kiosk.page.locator("#kiosk-main .kiosk-section", has_text="Used for")
    assert "Test condition alpha" in used_for.inner_text()
    assert used_for.get_by_role("button").count() == 0


def test_text_large_starts_with_larger_text_and_resets_to_it(kiosk, content):
    kiosk.page.clock.install()
    kiosk.open("?text=large&idle=60")
    toggle = kiosk.button("Larger text")
    assert toggle.get_attribute("aria-pressed") == "true"

    kiosk.tile("Test treatment one").click()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    kiosk.page.clock.fast_forward(61_000)
    kiosk.page.clock.fast_forward(31_000)

    assert kiosk.screen == "home"
    assert toggle.get_attribute("aria-pressed") == "true"
