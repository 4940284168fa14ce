"""The kiosk page and its service worker as the server sends them (no browser needed)."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from kiosk import views


@pytest.fixture
def page(client):
    return client.get("/kiosk/")


def test_the_kiosk_page_is_served_with_its_language_and_settings_for_the_app(page):
    html = page.content.decode()

    assert page.status_code == 200
    assert re.search(r'<html lang="en">', html)
    assert f'data-bundle-url="{reverse("api:kiosk-bundle")}"' in html
    assert 'data-service-worker-url="/kiosk/sw.js"' in html
    assert 'data-scope="/kiosk/"' in html
    assert page["Cache-Control"] == "no-cache"


def test_the_kiosk_page_has_no_inline_script_or_style_and_a_strict_policy(page):
    html = page.content.decode()
    policy = dict(
        directive.strip().split(" ", 1) for directive in page["Content-Security-Policy"].split(";")
    )

    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "<style" not in html and " style=" not in html
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in page["Content-Security-Policy"]


def test_images_from_a_separate_media_host_are_allowed(settings):
    settings.MEDIA_URL = "https://media.example.org/media/"

    policy = views.content_security_policy()

    assert "img-src 'self' data: https://media.example.org;" in policy


def service_worker_constants(body: str) -> dict:
    return {
        name: json.loads(value)
        for name, value in re.findall(r"^const ([A-Z_]+) = (.+);$", body, flags=re.M)
        if name in {"VERSION", "SHELL_URLS", "BUNDLE_URL", "SCOPE"}
    }


def test_the_service_worker_is_scoped_to_the_kiosk_and_caches_the_whole_app(client, settings):
    response = client.get("/kiosk/sw.js")
    constants = service_worker_constants(response.content.decode())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/kiosk/"
    assert response["Cache-Control"] == "no-cache"
    assert constants["SCOPE"] == "/kiosk/"
    assert constants["BUNDLE_URL"] == reverse("api:kiosk-bundle")
    static = [url for url in constants["SHELL_URLS"] if url.startswith(settings.STATIC_URL)]
    names = {url.removeprefix(settings.STATIC_URL) for url in static}
    assert {"kiosk/js/main.js", "kiosk/js/app.js", "kiosk/css/kiosk.css"} <= names
    assert all(finders.find(name) for name in names)
    assert "/kiosk/" in constants["SHELL_URLS"]


def test_the_service_worker_version_changes_with_the_apps_files(tmp_path, monkeypatch):
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "app.js").write_text("one")
    monkeypatch.setattr(views, "STATIC_DIR", tmp_path)
    before = views._digest_of_shell()

    (tmp_path / "kiosk" / "app.js").write_text("two")

    assert views._digest_of_shell() != before
