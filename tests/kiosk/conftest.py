"""Browser tests of the kiosk: Debian's headless Chromium driven by Playwright for Python,
against pytest-django's ``live_server``.

- One browser for the whole session; a fresh context (own storage, service workers and
  caches) per test.
- ``live_server`` tests are transactional: each one flushes the database, including the rows
  that migrations made (root page, default site, groups, the workflow). ``serialized_rollback``
  puts those back before each test.
- Playwright's sync API runs an event loop in this thread, so Django's database calls need
  ``DJANGO_ALLOW_ASYNC_UNSAFE`` (set while the browser is up).
- Console errors and uncaught exceptions in the page fail the test (a CSP violation is one),
  unless the test says it expects them (offline requests are logged as errors).

``make test`` installs Chromium when it can (scripts/ensure-chromium); ``SKIP_BROWSER_TESTS=1``
deselects these tests (``-m "not browser"``).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, connections

from content_models.models import TreatmentCondition
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    DisclaimerFactory,
    TreatmentPageFactory,
)

from .browser import CHROMIUM, VIEWPORT, Kiosk, chromium_args


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium, started once the test database exists (see _carry_serialized_contents)."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"No Chromium at {CHROMIUM}. Install it: apt-get update && apt-get install -y chromium "
            "(`make test` does so as root; SKIP_BROWSER_TESTS=1 make test leaves these tests out)."
        )
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
            _carry_serialized_contents(serialized)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _carry_serialized_contents(serialized: dict[str, str]) -> None:
    """Playwright's sync API leaves an event loop set as running in this thread, and Django
    then keeps database connections per context (asgiref's thread-critical Local), not per
    thread: the tests get a new connection object, without the serialized contents that
    ``serialized_rollback`` restores from, so nothing would be restored after a flush. Hand
    the contents (taken before Playwright started) to the connections the tests now use."""
    for alias, contents in serialized.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _browser_and_server_quiet_before_the_flush(request):
    """After a browser test, before pytest-django flushes the database: close every context the
    test left open (an admin page left open keeps pinging its editing session) and wait until
    no request of the live server is still at work in the database. A request finishing during
    the flush holds locks the flush needs (a statement's triggers touch several tables) and
    deadlocks it, failing every transactional test after it."""
    yield
    if "browser" not in request.fixturenames:
        return
    for context in request.getfixturevalue("browser").contexts:
        context.close()
    wait_for_other_database_sessions_to_finish()


def wait_for_other_database_sessions_to_finish(timeout: float = 15.0) -> None:
    """Poll PostgreSQL's pg_stat_activity until no other session on this database is running
    a statement or holding a transaction open, twice in a row."""
    deadline = time.monotonic() + timeout
    quiet = 0
    with connection.cursor() as cursor:
        while quiet < 2 and time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                "AND state IS DISTINCT FROM 'idle'"
            )
            quiet = quiet + 1 if cursor.fetchone()[0] == 0 else 0
            time.sleep(0.05)


@pytest.fixture
def kiosk(browser, live_server):
    cache.clear()  # the cache table is not flushed between transactional tests
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    kiosk = Kiosk(page=page, context=context, base_url=live_server.url)
    page.on("pageerror", lambda error: kiosk.errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and kiosk.errors.append(message.text),
    )
    yield kiosk
    context.close()
    cache.clear()
    assert not kiosk.unexpected_errors(), kiosk.unexpected_errors()


@pytest.fixture
def demo_site(transactional_db):
    """The demo site (the ketamine article, signed through the real workflow): slower to build
    than test pages, so only for the screens' accessibility checks and screenshots."""
    from content_models.models import ConditionPage, TreatmentPage
    from demo.loader import DemoLoader

    DemoLoader().run()
    return {
        "treatment": TreatmentPage.objects.get(slug="ketamine-therapy-for-chronic-pain"),
        "conditions": list(ConditionPage.objects.order_by("title")),
    }


@pytest.fixture
def content(treatment_index, condition_index):
    """Neutral, signed test pages: two treatments (the first with every kiosk section, a
    clinic and a signed disclaimer) and two conditions linked to them."""
    first_condition = ConditionPageFactory(
        parent=condition_index,
        title="Test condition alpha",
        summary="A test condition.",
        symptoms=[{"type": "symptom", "value": {"name": "Test symptom", "description": ""}}],
    )
    second_condition = ConditionPageFactory(
        parent=condition_index, title="Test condition beta", summary="Another test condition."
    )
    full = TreatmentPageFactory(
        parent=treatment_index,
        title="Test treatment one",
        slug="test-treatment-one",
        summary="A test treatment with every kiosk section.",
        benefits__0__benefit__headline="Test benefit",
        steps__0__step__title="Test step one",
        steps__1__step__title="Test step two",
        steps__2__step__title="Test step three",
        common_side_effects__0__risk__name="Test side effect",
        serious_risks__0__risk__name="Test serious risk",
        suitable_for__0__criterion__criterion="Test suitable criterion",
        not_suitable_for__0__criterion__criterion="Test unsuitable criterion",
        call_to_action="Ask the test clinic.",
        clinic=ClinicFactory(name="Test clinic"),
        disclaimer=DisclaimerFactory(text="<p>Test disclaimer: general information.</p>"),
        condition_links=[
            TreatmentCondition(condition=first_condition, note="Test note."),
            TreatmentCondition(condition=second_condition, note="Test note."),
        ],
    )
    plain = TreatmentPageFactory(
        parent=treatment_index,
        title="Test treatment two",
        slug="test-treatment-two",
        summary="A second test treatment.",
        condition_links=[TreatmentCondition(condition=second_condition, note="Test note.")],
    )
    return {
        "treatment": full,
        "other_treatment": plain,
        "conditions": [first_condition, second_condition],
        "treatment_index": treatment_index,
    }
