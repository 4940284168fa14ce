"""The kiosk's QR codes and the page links in the API and the bundle are the public page
address (``FRONTEND_BASE_URL``, or else the Wagtail Site's root URL), never the host a request
came in by; media links are under the Site's root URL.

The test site is the default Site, ``localhost`` on port 80 (root URL ``http://localhost``).
The requests here come in by another name the server answers to (``127.0.0.1``, in
``ALLOWED_HOSTS``, on the live server's port or on 8002 as the issue saw it): what a phone reads
from the code, decoded from pixels by jsQR as in test_kiosk_qr.py, never names that host.
"""

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client
from wagtail_factories import ImageFactory

from tests.factories import TreatmentPageFactory

from .browser import browser_test
from .test_kiosk_qr import decode_qr

pytestmark = browser_test

JSQR = (Path(__file__).parent / "vendor" / "jsQR.js").read_text(encoding="utf-8")
SITE_ROOT = "http://localhost"  # the test Site's root URL (tests/conftest.py)
FRONTEND = "https://clinic.example"
ALIAS = "127.0.0.1:8002"  # another name the server answers to (ALLOWED_HOSTS), as in the issue


def url_settings(settings, frontend: str) -> None:
    """Documents rendered again under these URL settings, as the deploy steps do."""
    settings.FRONTEND_BASE_URL = frontend
    call_command("rebuild_documents", "--stale", stdout=io.StringIO())


def alias_of(base_url: str) -> str:
    """The live server reached by 127.0.0.1 instead of localhost."""
    parts = urlsplit(base_url)
    assert parts.hostname == "localhost"
    return f"{parts.scheme}://127.0.0.1:{parts.port}"


def decode_svg(browser_context, svg: str) -> str | None:
    """Decode an SVG QR code the way a phone would read it off a screen: drawn as pixels (on a
    white ground, 400 px wide), then read by jsQR."""
    page = browser_context.new_page()
    try:
        page.evaluate(JSQR)
        return page.evaluate(
            """async (svg) => {
                const image = new Image();
                image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
                await image.decode();
                const canvas = document.createElement('canvas');
                canvas.width = canvas.height = 400;
                const context = canvas.getContext('2d');
                context.fillStyle = '#fff';
                context.fillRect(0, 0, 400, 400);
                context.drawImage(image, 0, 0, 400, 400);
                const pixels = context.getImageData(0, 0, 400, 400);
                const code = jsQR(pixels.data, pixels.width, pixels.height);
                return code ? code.data : null;
            }""",
            svg,
        )
    finally:
        page.close()


def read_contact_qr(kiosk, origin: str, title: str) -> str | None:
    """Open the kiosk at ``origin``, go to ``title``'s contact screen and read its QR code."""
    bundle_requests = []
    kiosk.page.on(
        "request",
        lambda request: (
            "/api/v1/kiosk/bundle/" in request.url and bundle_requests.append(request.url)
        ),
    )
    kiosk.base_url = origin
    kiosk.open()
    kiosk.tile(title).click()
    kiosk.button("Contact the clinic").click()
    assert bundle_requests and all(url.startswith(origin + "/") for url in bundle_requests)
    decoded = decode_qr(kiosk.context, kiosk.page.locator(".kiosk-qr__code").screenshot())
    assert kiosk.page.locator(".kiosk-qr__url").inner_text() == decoded
    return decoded


def test_a_kiosk_reached_by_another_host_name_shows_the_sites_root_url_in_its_qr_code(
    kiosk, content, settings
):
    url_settings(settings, "")
    origin = alias_of(kiosk.base_url)

    decoded = read_contact_qr(kiosk, origin, content["treatment"].title)

    assert decoded == f"{SITE_ROOT}/treatments/test-treatment-one/"
    assert "127.0.0.1" not in decoded


def test_with_a_frontend_the_qr_code_is_the_frontends_address_whatever_the_host(
    kiosk, content, settings
):
    url_settings(settings, FRONTEND)
    origin = alias_of(kiosk.base_url)

    decoded = read_contact_qr(kiosk, origin, content["treatment"].title)

    assert decoded == f"{FRONTEND}/treatments/test-treatment-one/"


def test_the_bundle_and_api_asked_by_another_host_name_never_name_that_host(
    kiosk, content, settings
):
    """Every QR code in the bundle decodes to its item's public URL; page links (item, API
    detail, JSON-LD, conditions) are under FRONTEND_BASE_URL; the picture is under the Site's
    root URL; and no answer names the host the request came in by."""
    url_settings(settings, FRONTEND)
    image = ImageFactory(title="Waiting room", file__width=600, file__height=400)
    TreatmentPageFactory(
        parent=content["treatment_index"],
        title="Test treatment with a picture",
        slug="test-treatment-with-a-picture",
        summary="A treatment with an image.",
        image=image,
        image_alt_text="A waiting room.",
        common_side_effects__0__risk__name="Test side effect",
    )
    client = Client(HTTP_HOST=ALIAS)

    answer = client.get("/api/v1/kiosk/bundle/")
    assert answer.status_code == 200
    assert "127.0.0.1" not in answer.content.decode()
    bundle = answer.json()
    items = bundle["treatments"] + bundle["conditions"]
    assert len(items) == 5
    for item in items:
        assert item["url"].startswith(FRONTEND + "/"), item["url"]
        assert decode_svg(kiosk.context, item["qr_svg"]) == item["url"]
    pictured = next(item for item in items if item["slug"] == "test-treatment-with-a-picture")
    assert pictured["image"]["url"].startswith(SITE_ROOT + "/")

    detail = client.get("/api/v1/treatments/test-treatment-one/")
    assert detail.status_code == 200
    assert "127.0.0.1" not in detail.content.decode()
    body = detail.json()
    assert body["url"] == f"{FRONTEND}/treatments/test-treatment-one/"
    assert body["jsonld"]["url"] == body["url"]
    assert {link["url"] for link in body["conditions"]} == {
        f"{FRONTEND}/conditions/{condition.slug}/" for condition in content["conditions"]
    }

    page = client.get("/api/v1/pages/", {"path": "/treatments/"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "127.0.0.1" not in text
    assert json.loads(text)["url"] == f"{FRONTEND}/treatments/"
