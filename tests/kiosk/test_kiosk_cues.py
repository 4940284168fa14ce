"""What a patient sees of what they cannot see yet, and of a toggle's state (issue 18, item 16).

- On the demo's benefits-and-risks screen (1280×900) the serious risks start under the pinned
  footer: a "More below ↓" cue shows just above the footer, a touch on it scrolls on, it goes
  when the end of the screen is in view and comes back on the way up. A screen that fits shows
  none. Focus is never left under it.
- "Larger text" looks different when on: filled near-black with white text, a check mark and
  "Larger text: on"; its accessible name stays "Larger text" (aria-pressed says the state), and
  the idle reset turns it off again, in looks too.

Measured from the page's layout and computed styles in Chromium.
"""

from .browser import browser_test
from .test_kiosk_accessibility import KIOSK_AXE, axe_violations

pytestmark = browser_test

TREATMENT = "Ketamine therapy for chronic pain"

# Where things are on screen: the cue, the footer, and the first serious risk.
LAYOUT = """() => {
    const box = (element) => element ? element.getBoundingClientRect() : null;
    const cue = document.getElementById('kiosk-more');
    const label = cue.querySelector('.kiosk-more__cue');
    const risks = [...document.querySelectorAll('#kiosk-main h3')]
        .find((heading) => heading.textContent === 'Serious risks');
    const footer = box(document.getElementById('kiosk-footer'));
    const screen = box(document.querySelector('#kiosk-main .kiosk-screen'));
    return {
        shown: !cue.hidden && getComputedStyle(cue).display !== 'none',
        flag: document.getElementById('kiosk').dataset.moreBelow,
        hidden_from_assistive_technology: cue.getAttribute('aria-hidden') === 'true',
        text: label.innerText.replace(/\\s+/g, ' ').trim(),
        cue_top: box(label).top,
        cue_bottom: box(label).bottom,
        cue_height: box(label).height,
        font_size: parseFloat(getComputedStyle(label).fontSize),
        color: getComputedStyle(label).color,
        background: getComputedStyle(label).backgroundColor,
        footer_top: footer.top,
        risks_top: risks ? box(risks).top : null,
        screen_bottom: screen.bottom,
        scroll_y: scrollY,
    };
}"""

# The toggle's look: the words shown (its parts on screen, in order), its colours and size.
TOGGLE = """() => {
    const toggle = document.getElementById('kiosk-text-size');
    const style = getComputedStyle(toggle);
    const shown = [...toggle.childNodes].filter((node) =>
        node.nodeType === Node.TEXT_NODE || getComputedStyle(node).display !== 'none');
    return {
        pressed: toggle.getAttribute('aria-pressed'),
        parts: shown.map((node) => node.textContent.trim()).filter(Boolean),
        background: style.backgroundColor,
        color: style.color,
        border: style.borderTopColor,
        width: toggle.getBoundingClientRect().width,
        height: toggle.getBoundingClientRect().height,
        font_size: parseFloat(style.fontSize),
    };
}"""

WHITE = "rgb(255, 255, 255)"
INK = "rgb(11, 12, 12)"
BRAND = "rgb(0, 48, 120)"


def open_benefits(kiosk) -> None:
    kiosk.open()
    kiosk.tile(TREATMENT).click()
    kiosk.button("Benefits, side effects and risks").click()
    assert kiosk.screen == "benefits"


def layout(kiosk) -> dict:
    kiosk.page.wait_for_timeout(100)  # the cue is measured on the next animation frame
    return kiosk.page.evaluate(LAYOUT)


def test_the_serious_risks_under_the_footer_are_announced_by_a_more_below_cue(kiosk, demo_site):
    open_benefits(kiosk)

    at_top = layout(kiosk)
    assert at_top["risks_top"] > at_top["footer_top"]  # the situation the issue describes
    assert at_top["shown"] and at_top["flag"] == "true"
    assert at_top["text"] == "More below ↓"
    assert at_top["hidden_from_assistive_technology"]
    assert at_top["cue_bottom"] <= at_top["footer_top"]  # above the footer, not over it
    assert at_top["cue_height"] >= 44 and at_top["font_size"] >= 20
    assert (at_top["color"], at_top["background"]) == (WHITE, BRAND)  # 12.6:1
    kiosk.screenshot("benefits-and-risks-more-below")

    kiosk.page.locator("#kiosk-more .kiosk-more__cue").click()
    kiosk.page.wait_for_function("() => scrollY > 0")
    kiosk.page.wait_for_timeout(800)  # a smooth scroll
    assert layout(kiosk)["scroll_y"] > 0

    kiosk.page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight})")
    at_end = layout(kiosk)
    assert not at_end["shown"] and at_end["flag"] == "false"
    assert at_end["screen_bottom"] <= at_end["footer_top"]  # everything can now be read
    assert at_end["risks_top"] < at_end["footer_top"]

    kiosk.page.evaluate("window.scrollTo({top: 0})")
    assert layout(kiosk)["shown"]


def test_the_cue_follows_the_text_size_and_passes_axe(kiosk, demo_site):
    open_benefits(kiosk)
    kiosk.button("Larger text").click()

    shown = layout(kiosk)
    assert shown["shown"] and shown["font_size"] >= 30 * 0.99  # 1rem of the larger text
    kiosk.screenshot("benefits-and-risks-larger-text-more-below")
    assert axe_violations(kiosk.page, KIOSK_AXE) == []


def test_a_screen_that_fits_shows_no_cue(kiosk, content):
    kiosk.open()
    assert layout(kiosk)["flag"] == "false"  # the home screen of two tiles a section fits
    kiosk.tile(content["other_treatment"].title).click()  # a summary and one button
    assert kiosk.screen == "treatment"

    fits = layout(kiosk)
    assert fits["screen_bottom"] <= fits["footer_top"]
    assert not fits["shown"] and fits["flag"] == "false"


def test_focus_is_never_left_under_the_cue(kiosk, demo_site):
    """Tabbing down the demo treatment's screen, which runs on under the footer: a focused
    control that fits between the header and the cue is wholly clear of the cue (kiosk.css
    reserves its height below focus) and of the footer; a taller one is never hidden."""
    page = kiosk.page
    kiosk.open()
    kiosk.tile(TREATMENT).click()
    assert layout(kiosk)["shown"]
    checked = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const element = document.activeElement;
                if (element === document.body || element.closest('.kiosk-header, .kiosk-footer')) {
                    return null;
                }
                const box = element.getBoundingClientRect();
                const cue = document.getElementById('kiosk-more');
                const label = cue.querySelector('.kiosk-more__cue').getBoundingClientRect();
                const footer = document.getElementById('kiosk-footer').getBoundingClientRect();
                const header = document.querySelector('.kiosk-header').getBoundingClientRect();
                const clear = cue.hidden ? footer.top : label.top;
                return {
                    name: element.innerText.slice(0, 40),
                    fits: box.height <= clear - header.bottom,
                    clear_of_cue: cue.hidden || box.bottom <= label.top + 1,
                    clear_of_footer: box.bottom <= footer.top + 1,
                    seen: box.bottom > header.bottom && box.top < clear,
                };
            }"""
        )
        if state is None:
            continue
        checked += 1
        assert state["seen"], f"{state['name']} is hidden"
        if state["fits"]:
            assert state["clear_of_cue"], f"{state['name']} is under the More below cue"
            assert state["clear_of_footer"], f"{state['name']} is under the footer"
    assert checked >= 5


def test_larger_text_looks_different_when_on_and_keeps_its_name(kiosk, content):
    kiosk.page.clock.install()
    kiosk.open("?idle=60")
    toggle = kiosk.button("Larger text")

    off = kiosk.page.evaluate(TOGGLE)
    assert off["pressed"] == "false"
    assert off["parts"] == ["Larger text"]
    assert (off["background"], off["color"]) == (WHITE, BRAND)

    toggle.click()
    on = kiosk.page.evaluate(TOGGLE)
    assert on["pressed"] == "true"
    assert on["parts"] == ["✓", "Larger text", ": on"]  # reads "✓ Larger text: on"
    assert (on["background"], on["color"], on["border"]) == (INK, WHITE, WHITE)  # 19:1
    assert on["width"] >= 44 and on["height"] >= 44 and on["font_size"] >= 30 * 0.99
    # The state is shown, and said once by aria-pressed: the name stays "Larger text".
    assert kiosk.button("Larger text").get_attribute("aria-pressed") == "true"
    assert kiosk.page.get_by_role("button", name="Larger text", pressed=True).count() == 1

    kiosk.tile(content["treatment"].title).click()  # not pristine: the idle reset will act
    kiosk.page.clock.fast_forward(61_000)
    kiosk.page.locator("#kiosk-idle-dialog").wait_for()
    kiosk.page.clock.fast_forward(31_000)
    kiosk.page.wait_for_function("document.getElementById('kiosk').dataset.screen === 'home'")

    reset = kiosk.page.evaluate(TOGGLE)
    assert reset["pressed"] == "false"
    assert (reset["parts"], reset["background"]) == (["Larger text"], WHITE)
