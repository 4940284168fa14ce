"""The QR code on the contact screen takes a patient's phone to the page's canonical URL.

The code is read the way a phone reads it: from the pixels on screen (a screenshot of the
kiosk's QR code), decoded in the browser by jsQR (vendored under tests/kiosk/vendor/)."""

import base64
import io
import json
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from .browser import browser_test

pytestmark = browser_test

JSQR = (Path(__file__).parent / "vendor" / "jsQR.js").read_text(encoding="utf-8")
FRONTEND = "https://clinic.example"


def decode_qr(browser_context, png: bytes) -> str | None:
    """Decode a PNG with jsQR in a blank page of the same browser."""
    page = browser_context.new_page()
    try:
        page.evaluate(JSQR)  # defines window.jsQR
        return page.evaluate(
            """async (dataUrl) => {
                const image = new Image();
                image.src = dataUrl;
                await image.decode();
                const canvas = document.createElement('canvas');
                canvas.width = image.naturalWidth;
                canvas.height = image.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
                const code = jsQR(pixels.data, pixels.width, pixels.height);
                return code ? code.data : null;
            }""",
            "data:image/png;base64," + base64.b64encode(png).decode(),
        )
    finally:
        page.close()


def jsonld_url(path: str) -> str:
    """The canonical URL the web page itself states (its JSON-LD)."""
    html = Client().get(path).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])["url"]


def use_frontend(settings) -> None:
    """A clinic's own frontend: the documents are rendered again with its address, as the
    deploy steps do after a change of URL settings."""
    settings.FRONTEND_BASE_URL = FRONTEND
    call_command("rebuild_documents", "--stale", stdout=io.StringIO())


def test_the_treatment_qr_code_decodes_to_the_pages_canonical_url(kiosk, content, settings):
    use_frontend(settings)
    treatment = content["treatment"]
    kiosk.open()
    kiosk.tile(treatment.title).click()
    kiosk.button("Contact the clinic").click()

    code = kiosk.page.locator(".kiosk-qr__code")
    decoded = decode_qr(kiosk.context, code.screenshot())

    assert decoded == f"{FRONTEND}/treatments/test-treatment-one/"
    assert decoded == jsonld_url(treatment.url)
    assert kiosk.page.locator(".kiosk-qr__url").inner_text() == decoded
    assert code.get_attribute("aria-label") == f"QR code: {decoded}"


def test_a_condition_qr_code_decodes_to_the_conditions_canonical_url(kiosk, content, settings):
    use_frontend(settings)
    condition = content["conditions"][0]
    kiosk.open()
    kiosk.tile(condition.title).click()
    kiosk.button("Contact the clinic").click()

    decoded = decode_qr(kiosk.context, kiosk.page.locator(".kiosk-qr__code").screenshot())

    assert decoded == f"{FRONTEND}/conditions/{condition.slug}/"
    assert decoded == jsonld_url(condition.url)
