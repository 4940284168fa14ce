"""Finding one's way around the kiosk: home, a treatment and its screens, a condition, and the
disclaimer and review dates that stay in view on every content screen."""

from .browser import browser_test

pytestmark = browser_test


def footer_in_view(kiosk) -> bool:
    """The footer is shown and wholly inside the viewport (not scrolled away)."""
    return kiosk.page.evaluate(
        """() => {
            const footer = document.getElementById('kiosk-footer');
            if (footer.hidden) return false;
            const box = footer.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight + 1;
        }"""
    )


def test_home_lists_the_signed_treatments_and_conditions_as_tiles(kiosk, content):
    kiosk.open()

    assert kiosk.screen == "home"
    assert kiosk.tile_titles() == [
        "Test treatment one",
        "Test treatment two",
        "Test condition alpha",
        "Test condition beta",
    ]
    assert kiosk.page.locator("#kiosk-footer").is_hidden()
    assert kiosk.button("Back").is_hidden()


def test_home_treatment_steps_next_and_back(kiosk, content):
    treatment = content["treatment"]
    kiosk.open()

    kiosk.tile(treatment.title).click()
    assert kiosk.screen == "treatment"
    assert kiosk.heading() == treatment.title
    assert kiosk.page.get_by_text(treatment.summary).is_visible()

    kiosk.button("What happens, step by step").click()
    count = kiosk.page.locator(".kiosk-step__count")
    title = kiosk.page.locator("#kiosk-step-title")
    assert count.inner_text() == "Step 1 of 3"
    assert title.inner_text() == "Test step one"
    assert kiosk.button("Previous step").count() == 0

    kiosk.button("Next step").click()
    assert count.inner_text() == "Step 2 of 3"
    assert title.inner_text() == "Test step two"
    # Focus follows the step, so that a screen reader reads the new one.
    assert kiosk.page.evaluate("document.activeElement.id") == "kiosk-step-title"

    kiosk.button("Previous step").click()
    assert count.inner_text() == "Step 1 of 3"
    assert title.inner_text() == "Test step one"

    kiosk.button("Next step").click()
    kiosk.button("Next step").click()
    assert count.inner_text() == "Step 3 of 3"
    kiosk.button("Done").click()
    assert kiosk.screen == "treatment"

    kiosk.button("Back").click()
    assert kiosk.screen == "home"


def test_benefits_are_shown_beside_side_effects_and_risks(kiosk, content):
    kiosk.open()
    kiosk.tile("Test treatment one").click()
    kiosk.button("Benefits, side effects and risks").click()

    benefits = kiosk.page.locator(".kiosk-balance__column--benefits")
    risks = kiosk.page.locator(".kiosk-balance__column--risks")
    assert "Test benefit" in benefits.inner_text()
    assert "Test side effect" in risks.inner_text()
    assert "Test serious risk" in risks.inner_text()
    # Side by side on a landscape screen: both columns start at the same height.
    assert abs(benefits.bounding_box()["y"] - risks.bounding_box()["y"]) < 2


def test_eligibility_and_the_clinics_call_to_action(kiosk, content):
    kiosk.open()
    kiosk.tile("Test treatment one").click()

    kiosk.button("Is this right for me?").click()
    assert kiosk.heading() == "Is this right for me?"
    text = kiosk.page.locator("#kiosk-main").inner_text()
    assert "Test suitable criterion" in text
    assert "Test unsuitable criterion" in text

    kiosk.button("Contact the clinic").click()
    text = kiosk.page.locator("#kiosk-main").inner_text()
    assert "Ask the test clinic." in text
    assert "Test clinic" in text
    assert kiosk.page.locator(".kiosk-qr svg[role=img]").is_visible()


def test_a_condition_lists_its_treatments_which_open(kiosk, content):
    kiosk.open()

    kiosk.tile("Test condition beta").click()
    assert kiosk.screen == "condition"
    assert kiosk.heading() == "Test condition beta"
    related = kiosk.page.locator("#kiosk-main .kiosk-tile__title").all_inner_texts()
    assert related == ["Test treatment one", "Test treatment two"]

    kiosk.tile("Test treatment two").click()
    assert kiosk.heading() == "Test treatment two"
    kiosk.button("Back").click()
    assert kiosk.heading() == "Test condition beta"
    kiosk.button("Home").click()
    assert kiosk.screen == "home"


def test_the_disclaimer_and_review_dates_stay_in_view_on_every_content_screen(kiosk, content):
    kiosk.open()
    screens = [
        ("tile", "Test treatment one"),
        ("button", "Benefits, side effects and risks"),
        ("back", None),
        ("button", "What happens, step by step"),
        ("back", None),
        ("button", "Is this right for me?"),
        ("button", "Contact the clinic"),
        ("home", None),
        ("tile", "Test condition alpha"),
    ]
    seen = []
    for kind, name in screens:
        if kind == "tile":
            kiosk.tile(name).click()
        elif kind == "button":
            kiosk.button(name).click()
        else:
            kiosk.button(kind.title()).click()
            continue
        seen.append(kiosk.screen)
        assert kiosk.page.locator("#kiosk-disclaimer").inner_text() == (
            "Test disclaimer: general information."
        )
        review = kiosk.page.locator("#kiosk-review").inner_text()
        assert review.startswith("Last reviewed ") and " · Next review due " in review
        assert footer_in_view(kiosk), kiosk.screen
        kiosk.page.mouse.wheel(0, 5000)
        assert footer_in_view(kiosk), kiosk.screen

    assert seen == ["treatment", "benefits", "steps", "eligibility", "contact", "condition"]


def test_the_larger_text_toggle_enlarges_the_text(kiosk, content):
    kiosk.open()
    kiosk.tile("Test treatment one").click()
    lead = kiosk.page.locator(".kiosk-lead")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    before = lead.evaluate(size)

    toggle = kiosk.button("Larger text")
    toggle.click()

    assert toggle.get_attribute("aria-pressed") == "true"
    assert lead.evaluate(size) >= before * 1.2
