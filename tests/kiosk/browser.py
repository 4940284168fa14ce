"""Helpers for the kiosk's browser tests: where Chromium is, how it is launched, and a small
page object for the kiosk."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOTS = os.environ.get("KIOSK_SCREENSHOTS_DIR")

# Every browser test: transactional, with the migrations' rows restored.
browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# The admin's editor sends a "release" of its editing session as the page closes: it can reach
# the live server after the test, while the next test flushes the database, and deadlock the
# flush. The tests close their pages without it (a session then simply times out).
EDITING_SESSION_RELEASE = re.compile(r".*/admin/editing-sessions/release/.*")


def admin_context(browser, **options):
    """A browser context for the Wagtail admin whose pages close without releasing their
    editing session (see EDITING_SESSION_RELEASE)."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-GB", **options
    )
    context.route(EDITING_SESSION_RELEASE, lambda route: route.abort())
    return context


def signed_in_admin(browser, base_url: str, username: str, password: str):
    """A page of a fresh admin context, signed in through Wagtail's login form."""
    page = admin_context(browser).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def chromium_args() -> list[str]:
    args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
    return args


@dataclass
class Kiosk:
    """A kiosk in a browser tab, with the few questions the tests ask of it."""

    page: object
    context: object
    base_url: str
    errors: list[str] = field(default_factory=list)
    expected_errors: list[re.Pattern] = field(default_factory=list)

    def open(self, query: str = "", *, wait_for_content: bool = True) -> None:
        self.page.goto(f"{self.base_url}/kiosk/{query}")
        if wait_for_content:
            self.page.locator('#kiosk[data-polls]:not([data-polls="0"])').wait_for()
            self.page.locator(".kiosk-tile").first.wait_for()

    @property
    def screen(self) -> str:
        return self.page.locator("#kiosk").get_attribute("data-screen")

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def tile(self, title: str):
        return self.page.locator(".kiosk-tile", has=self.page.get_by_text(title, exact=True))

    def tile_titles(self) -> list[str]:
        return self.page.locator("[data-screen=home] .kiosk-tile__title").all_inner_texts()

    def heading(self) -> str:
        return self.page.locator("#kiosk-main h1").inner_text()

    def polls(self) -> int:
        return int(self.page.locator("#kiosk").get_attribute("data-polls") or 0)

    def wait_for_polls(self, count: int, timeout: float = 15_000) -> None:
        self.page.wait_for_function(
            "n => Number(document.getElementById('kiosk').dataset.polls || 0) >= n",
            arg=count,
            timeout=timeout,
        )

    def wait_for_service_worker(self) -> None:
        """Until the worker is active and has cached the app (it controls the next load)."""
        self.page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    def expect_errors(self, pattern: str) -> None:
        self.expected_errors.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        return [
            error
            for error in self.errors
            if not any(pattern.search(error) for pattern in self.expected_errors)
        ]

    def screenshot(self, name: str) -> None:
        """Saved under KIOSK_SCREENSHOTS_DIR when set (``make screenshots``)."""
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SCREENSHOTS) / f"kiosk-{name}.png"))
