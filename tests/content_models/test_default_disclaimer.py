"""A treatment that chooses no disclaimer shows the site's default one (reviewed like any
disclaimer), wherever its disclaimer is shown; one that chooses its own shows that one."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from content_models.models import Disclaimer
from tests.factories import DisclaimerFactory, TreatmentPageFactory
from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db

GENERAL = "<p>Test general information for any treatment.</p>"
SPECIFIC = "<p>Test wording for one kind of treatment.</p>"


def _shown(treatment) -> dict:
    """The disclaimer of the treatment's API detail and kiosk item, and whether its web page
    shows the general one."""
    client = Client()
    detail = client.get(f"/api/v1/treatments/{treatment.slug}/").json()
    [item] = [
        item
        for item in client.get("/api/v1/kiosk/bundle/").json()["treatments"]
        if item["id"] == treatment.pk
    ]
    web = client.get(treatment.url).content.decode()
    return {
        "api": (detail["disclaimer"] or {}).get("text", {}).get("html"),
        "kiosk": (item["disclaimer"] or {}).get("text"),
        "web": GENERAL in web,
    }


def test_a_treatment_without_a_disclaimer_shows_the_default(treatment_index):
    DisclaimerFactory(text=GENERAL, is_default=True)
    specific = DisclaimerFactory(text=SPECIFIC)
    plain = TreatmentPageFactory(parent=treatment_index, disclaimer=None)
    chosen = TreatmentPageFactory(parent=treatment_index, disclaimer=specific)

    shown = _shown(plain)
    assert shown["api"] == GENERAL and shown["kiosk"] == GENERAL
    assert shown["web"]
    shown = _shown(chosen)
    assert shown["api"] == SPECIFIC and shown["kiosk"] == SPECIFIC and not shown["web"]


def test_a_new_default_reaches_the_treatments_that_show_the_default(treatment_index):
    old = DisclaimerFactory(text=SPECIFIC, is_default=True)
    plain = TreatmentPageFactory(parent=treatment_index, disclaimer=None)
    assert _shown(plain)["api"] == SPECIFIC

    old.is_default = False  # content: it goes through review like any change
    sign_and_publish(old)
    assert _shown(plain)["api"] is None  # no default any more: no disclaimer shown
    DisclaimerFactory(text=GENERAL, is_default=True)  # signed, published: the new default
    assert _shown(plain)["api"] == GENERAL


def test_there_is_one_default_at_most():
    english = DisclaimerFactory(is_default=True)
    second = Disclaimer(
        title="Test second default", text=GENERAL, is_default=True, locale=english.locale
    )
    with pytest.raises(ValidationError) as raised:
        second.full_clean()
    assert "Another disclaimer is already the default." in str(raised.value)
