"""A treatment's standing for a condition is read beside it on the kiosk: on the demo's
Fibromyalgia screen, ketamine carries NICE's "not recommended", its off-label status and the
reviewer's note, and so does Fibromyalgia on the ketamine screen."""

from .browser import browser_test

pytestmark = browser_test

TREATMENT = "Ketamine therapy for chronic pain"


def _facts_beside(kiosk, title: str) -> str:
    item = kiosk.page.locator("#kiosk-main li", has=kiosk.page.get_by_text(title, exact=True))
    return item.locator(".kiosk-link-facts").inner_text()


def test_the_fibromyalgia_screen_shows_the_guideline_stance_beside_ketamine(kiosk, demo_site):
    kiosk.open()
    kiosk.tile("Fibromyalgia").click()
    assert kiosk.heading() == "Fibromyalgia"

    facts = _facts_beside(kiosk, TREATMENT)
    assert "Guidance: Not recommended (NICE guideline NG193, April 2021)." in facts
    assert "Licensing: Off-label (licensed for other uses)." in facts
    assert "NICE advises against starting ketamine for chronic primary pain" in facts


def test_the_treatment_screen_shows_each_conditions_standing(kiosk, demo_site):
    kiosk.open()
    kiosk.tile(TREATMENT).click()

    assert "Not recommended" in _facts_beside(kiosk, "Fibromyalgia")
    migraine = _facts_beside(kiosk, "Migraine headaches")
    assert "Off-label" in migraine
    assert "Guidance:" not in migraine  # no guideline stance was entered for it
