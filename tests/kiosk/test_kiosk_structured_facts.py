"""The kiosk says the demo's structured facts in words: how ketamine is given (each way
labelled for what it is), a side effect's frequency with its context, and a step's timing."""

from .browser import browser_test

pytestmark = browser_test

TREATMENT = "Ketamine therapy for chronic pain"


def _main_text(kiosk) -> str:
    return kiosk.page.locator("#kiosk-main").inner_text()


def test_the_treatment_screen_says_how_it_is_given(kiosk, demo_site):
    kiosk.open()
    kiosk.tile(TREATMENT).click()

    ways = kiosk.page.locator("[aria-labelledby=kiosk-ways-given]").inner_text()
    assert "How it is given" in ways
    assert "Intravenous infusion (how a medicine is given)" in ways
    assert "Oral (how a medicine is given)" in ways


def test_a_side_effect_shows_its_frequency_and_a_step_its_timing(kiosk, demo_site):
    kiosk.open()
    kiosk.tile(TREATMENT).click()
    kiosk.button("Benefits, side effects and risks").click()

    frequency = kiosk.page.locator(".kiosk-frequency").all_inner_texts()
    assert frequency == ["Very common: about 12% of patients in anaesthesia"]  # as reference 4

    kiosk.button("Back").click()
    kiosk.button("What happens, step by step").click()
    kiosk.button("Next step").click()
    assert "The infusion" in _main_text(kiosk)
    assert kiosk.page.locator(".kiosk-step__duration").inner_text() == (
        "Takes about 45 minutes to an hour."
    )
