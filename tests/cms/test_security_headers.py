"""Security headers as the server sends them (cms/csp.py, cms/security_headers.py), and the rule
that a response setting a cookie is never public (delivery/middleware.py). That the pages work
under these policies in a browser is tests/kiosk/test_content_security_policy.py."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.utils.cache import patch_cache_control

from cms.csp import public_policy
from cms.urls import urlpatterns as site_urlpatterns
from kiosk import views as kiosk_views
from tests.factories import ConditionPageFactory, TreatmentPageFactory
from tests.workflow import logged_in

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in header.split(";") if directive)
    }


@pytest.fixture(autouse=True)
def _no_throttle_history():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def treatment(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="Header therapy", slug="headers")


@pytest.fixture
def condition(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Header condition", slug="cond")


# Public web pages ----------------------------------------------------------------------------


def test_public_pages_have_a_strict_policy_and_no_inline_code(client, treatment):
    response = client.get(treatment.url)
    html = response.content.decode()
    csp = policy(response)

    assert response.status_code == 200
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'" and csp["style-src"][0] == "'self'"
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]  # as X-Frame-Options: DENY says
    assert csp["img-src"] == ["'self'", "data:"]
    assert "unsafe" not in response["Content-Security-Policy"]
    # Only data blocks (JSON-LD), which script-src does not govern, are inline.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all('type="application/ld+json"' in attrs for attrs in inline)
    assert "<style" not in html and " style=" not in html


def test_a_304_leaves_the_policy_of_the_page_the_browser_kept(client, treatment):
    """The browser updates its stored page with the 304's headers: a policy chosen for a body
    the 304 does not have would replace the page's (tests/kiosk: the page loads nothing)."""
    first = client.get(treatment.url)

    again = client.get(treatment.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert "Content-Security-Policy" not in again


def test_other_secure_defaults_are_kept_on_pages(client, treatment):
    response = client.get(treatment.url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_images_from_a_separate_media_host_are_allowed(client, treatment, admin_client, settings):
    settings.MEDIA_URL = "https://media.example.org/media/"

    public = policy(client.get(treatment.url))
    admin = policy(admin_client.get(reverse("wagtailadmin_home")))

    assert public["img-src"] == ["'self'", "data:", "https://media.example.org"]
    assert "https://media.example.org" in admin["img-src"]


def test_the_userbar_may_load_from_an_admin_host_of_its_own(client, treatment, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cms-admin.example.org"

    csp = policy(client.get(treatment.url))

    assert csp["script-src"] == ["'self'", "https://cms-admin.example.org"]
    assert csp["style-src"] == ["'self'", "https://cms-admin.example.org"]


@pytest.mark.urls(__name__)
def test_the_server_error_page_may_use_its_own_inline_styles_and_nothing_else(home_page):
    response = Client(raise_request_exception=False).get("/failing/")
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), flags=re.S)
    digests = [base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() for css in styles]

    assert response.status_code == 500 and len(styles) == 1
    assert policy(response)["style-src"] == [
        *public_policy()["style-src"],
        f"'sha256-{digests[0]}'",
    ]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_violations_are_reported_where_configured(client, treatment, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_URI = "https://reports.example.org/csp"

    assert policy(client.get(treatment.url))["report-uri"] == ["https://reports.example.org/csp"]


# The admin -----------------------------------------------------------------------------------


def test_the_admin_allows_what_wagtail_needs_and_nothing_from_elsewhere(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    csp = policy(response)

    # Wagtail renders inline <script> for choosers, inline panels and date pickers, and style
    # attributes throughout (found in Chromium: tests/kiosk/test_content_security_policy.py).
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "gravatar" not in response.content.decode()


def test_previews_keep_their_pages_policy_and_may_be_framed_by_the_admin(admin_client, treatment):
    web = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(treatment.pk,)))
    kiosk = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=(treatment.pk,)), {"mode": "kiosk"}
    )

    assert web.status_code == kiosk.status_code == 200
    assert policy(web)["frame-ancestors"] == ["'self'"]
    assert "unsafe" not in web["Content-Security-Policy"]  # the public page's own policy
    kiosk_policy = policy(kiosk)
    assert kiosk_policy["frame-ancestors"] == ["'self'"]
    assert kiosk_policy["script-src"] == ["'self'"] and kiosk_policy["form-action"] == ["'none'"]


# The API, its docs and the kiosk -------------------------------------------------------------


def test_json_answers_may_load_nothing_and_not_be_framed(client, treatment):
    for url in (
        reverse("api:treatment-list"),
        reverse("api:treatment-detail", args=("headers",)),
        "/api/v1/no-such-thing/",
        reverse("api:schema"),
    ):
        response = client.get(url)
        assert policy(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}, url
        assert "Permissions-Policy" not in response, url


def test_the_api_docs_are_strict_public_and_set_no_cookie(client):
    response = client.get(reverse("api:docs"))
    html = response.content.decode()
    csp = policy(response)

    assert response.status_code == 200
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "<style" not in html and " style=" not in html
    assert not response.cookies
    assert response["Cache-Control"].startswith("public")
    assert "cookie" not in response["Vary"].lower()
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert 'data-schema-url="/api/v1/schema/"' in html


def test_the_kiosk_keeps_its_own_policy(client):
    page = client.get(reverse("kiosk:app"))
    worker = client.get(reverse("kiosk:service-worker"))

    assert page["Content-Security-Policy"] == kiosk_views.content_security_policy()
    assert worker["Content-Security-Policy"] == kiosk_views.content_security_policy()


# Cookies and public caching ------------------------------------------------------------------


def test_no_public_url_sets_a_cookie_and_none_is_public_when_it_does(
    client, treatment, condition, home_page
):
    """Every public URL, anonymously: none sets a cookie, and the rule holds for any that
    would (a shared cache would hand its cookie to everyone)."""
    urls = [
        home_page.url,
        treatment.get_parent().url,
        treatment.url,
        condition.url,
        "/no-such-page/",
        reverse("api:treatment-list"),
        reverse("api:treatment-detail", args=("headers",)),
        reverse("api:condition-list"),
        reverse("api:condition-detail", args=("cond",)),
        reverse("api:search") + "?q=header",
        reverse("api:page-by-path") + "?path=/treatments/headers/",
        reverse("api:kiosk-bundle"),
        reverse("api:schema"),
        reverse("api:schema") + "?format=json",
        reverse("api:docs"),
        reverse("kiosk:app"),
        reverse("kiosk:service-worker"),
    ]
    public = []
    for url in urls:
        response = Client().get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        control = response.get("Cache-Control", "")
        assert not (response.cookies and "public" in control), url
        assert not response.cookies, (url, list(response.cookies))
        public += [url] if "public" in control else []
    assert reverse("api:docs") in public and treatment.url in public


def cookie_setting_view(request):
    """A view that sets a cookie (through the session, as SessionMiddleware does on the way out)
    and asks for public caching: a mistake the guard must catch."""
    request.session["seen"] = True
    response = HttpResponse("hello")
    patch_cache_control(response, public=True, max_age=60, s_maxage=600)
    response["CDN-Cache-Control"] = "max-age=600"
    return response


def failing_view(request):
    raise RuntimeError("A failure for the server error page.")


urlpatterns = [
    path("cookie-setting/", cookie_setting_view),
    path("failing/", failing_view),
    *site_urlpatterns,
]


@pytest.mark.urls(__name__)
def test_a_response_that_sets_a_cookie_is_made_private(client):
    response = client.get("/cookie-setting/")

    assert "sessionid" in response.cookies
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" not in control and "private" in control
    assert not any(part.startswith("s-maxage") for part in control)
    assert not response.has_header("CDN-Cache-Control")


def test_signed_in_staff_get_pages_that_are_not_public(treatment, editor):
    response = logged_in(editor).get(treatment.url)

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
