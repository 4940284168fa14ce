"""A browser does not keep a public page or API read past its withdrawal: its next request
after an unpublish gets the 404. Purges reach shared caches (nginx, a CDN), never a browser's
own cache, so public responses tell browsers to revalidate every time (``max-age=0``); the
shared caches keep them for ``s-maxage``. Checked in Chromium, whose HTTP cache would otherwise
answer from its copy (including "stale while revalidating")."""

from content_models.models import TreatmentPage
from tests.factories import TreatmentPageFactory

from .browser import browser_test

pytestmark = browser_test


def test_a_browser_sees_a_withdrawn_page_gone_at_its_next_request(
    browser, live_server, treatment_index, settings
):
    settings.API_CACHE_MAX_AGE = 600  # shared caches may keep it long: they are purged
    page = TreatmentPageFactory(parent=treatment_index, title="Withdrawn therapy", slug="gone")
    web, api = f"{live_server.url}/treatments/gone/", f"{live_server.url}/api/v1/treatments/gone/"
    context = browser.new_context()
    tab = context.new_page()
    fetch_status = "url => fetch(url).then(response => response.status)"
    try:
        assert tab.goto(web).status == 200
        assert "Withdrawn therapy" in tab.content()
        assert tab.evaluate(fetch_status, api) == 200
        tab.goto("about:blank")
        # Revalidation of an unchanged page is a 304 the browser shows from its copy.
        assert tab.goto(web).status == 200

        TreatmentPage.objects.get(pk=page.pk).unpublish()

        assert tab.goto(web).status == 404
        assert "Withdrawn therapy" not in tab.content()
        assert tab.evaluate(fetch_status, api) == 404
    finally:
        context.close()
