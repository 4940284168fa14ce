"""Idle reset (WCAG 2.2.1): after the idle time, "Still reading?" with a "Carry on" button and
its own countdown; when that runs out, the home screen and no trace of the last visitor.

The browser's clock is Playwright's fake clock, moved on by the test: the real timers of the
app run, only faster."""

from .browser import browser_test

pytestmark = browser_test


def open_with_clock(kiosk, query: str) -> None:
    kiosk.page.clock.install()
    kiosk.open(query)


def dialog(kiosk):
    return kiosk.page.locator("#kiosk-idle-dialog")


def test_idle_warning_then_carry_on_keeps_the_reader_where_they_were(kiosk, content):
    open_with_clock(kiosk, "?idle=60&warn=30")
    kiosk.tile("Test treatment one").click()
    kiosk.button("What happens, step by step").click()
    kiosk.button("Next step").click()

    kiosk.page.clock.fast_forward(59_000)
    assert dialog(kiosk).is_hidden()
    kiosk.page.clock.fast_forward(2_000)

    assert dialog(kiosk).is_visible()
    assert kiosk.page.get_by_role("dialog", name="Still reading?").is_visible()
    assert kiosk.page.locator("#kiosk-idle-seconds").inner_text() == "30"
    assert kiosk.page.evaluate("document.activeElement.id") == "kiosk-idle-continue"
    kiosk.page.clock.fast_forward(10_000)
    assert kiosk.page.locator("#kiosk-idle-seconds").inner_text() in {"20", "19"}

    kiosk.button("Carry on").click()

    assert dialog(kiosk).is_hidden()
    assert kiosk.screen == "steps"
    assert kiosk.page.locator(".kiosk-step__count").inner_text() == "Step 2 of 3"
    # The idle time starts again from the "Carry on".
    kiosk.page.clock.fast_forward(59_000)
    assert dialog(kiosk).is_hidden()


def test_escape_also_carries_on(kiosk, content):
    open_with_clock(kiosk, "?idle=60")
    kiosk.tile("Test treatment one").click()
    kiosk.page.clock.fast_forward(61_000)
    assert dialog(kiosk).is_visible()

    kiosk.page.keyboard.press("Escape")

    assert dialog(kiosk).is_hidden()
    assert kiosk.screen == "treatment"


def test_when_the_countdown_runs_out_the_kiosk_goes_home_and_forgets(kiosk, content):
    open_with_clock(kiosk, "?idle=60&warn=30")
    kiosk.tile("Test treatment one").click()
    kiosk.button("What happens, step by step").click()
    kiosk.button("Next step").click()
    kiosk.button("Larger text").click()
    assert kiosk.page.evaluate("document.documentElement.classList.contains('kiosk-large-text')")

    kiosk.page.clock.fast_forward(61_000)
    assert dialog(kiosk).is_visible()
    kiosk.page.clock.fast_forward(31_000)

    assert dialog(kiosk).is_hidden()
    assert kiosk.screen == "home"
    assert kiosk.button("Back").is_hidden()
    assert kiosk.button("Larger text").get_attribute("aria-pressed") == "false"
    assert not kiosk.page.evaluate(
        "document.documentElement.classList.contains('kiosk-large-text')"
    )
    assert kiosk.page.evaluate("window.scrollY") == 0
    # Nothing of the last visit is left to go back to.
    kiosk.tile("Test treatment one").click()
    kiosk.button("What happens, step by step").click()
    assert kiosk.page.locator(".kiosk-step__count").inner_text() == "Step 1 of 3"


def test_the_untouched_home_screen_asks_nothing(kiosk, content):
    open_with_clock(kiosk, "?idle=60")

    kiosk.page.clock.fast_forward(5 * 60_000)

    assert dialog(kiosk).is_hidden()
    assert kiosk.screen == "home"


def test_the_default_idle_time_is_two_minutes_and_a_bad_value_falls_back_to_it(kiosk, content):
    messages = []
    kiosk.page.on("console", lambda message: messages.append(message.text))
    open_with_clock(kiosk, "?idle=3")  # below the minimum of 10 seconds
    kiosk.tile("Test treatment one").click()

    kiosk.page.clock.fast_forward(119_000)
    assert dialog(kiosk).is_hidden()
    kiosk.page.clock.fast_forward(2_000)
    assert dialog(kiosk).is_visible()
    assert any("idle: expected whole seconds from 10 to 3600" in text for text in messages)
