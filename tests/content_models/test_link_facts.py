"""What a treatment–condition link says (regulatory status, a guideline's stance with its
source, the note) is entered as fields and shown wherever the link is: both web pages, both API
details and the kiosk bundle, in either direction."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from content_models.models import TreatmentCondition
from tests.factories import ConditionPageFactory, RouteOfAdministrationFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

GUIDELINE = "Test device guideline DG7, 2025"


@pytest.fixture
def device_treatment(treatment_index, condition_index):
    """A device-based treatment, not in the demo, entered through the model."""
    condition = ConditionPageFactory(
        parent=condition_index, title="Test low mood", summary="A test condition."
    )
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title="Test magnetic stimulation",
        summary="A test treatment given with a non-invasive device.",
        routes=[RouteOfAdministrationFactory(name="Non-invasive device", slug="device")],
        condition_links=[
            TreatmentCondition(
                condition=condition,
                regulatory_status="device_cleared",
                guideline_stance="not_recommended",
                guideline=GUIDELINE,
                guideline_url="https://guidelines.example/dg7",
                note="Test note on the evidence.",
            )
        ],
    )
    return treatment, condition


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_stance_names_the_guideline_it_comes_from():
    link = TreatmentCondition(guideline_stance="not_recommended")
    with pytest.raises(ValidationError) as raised:
        link.clean()
    assert "guideline" in raised.value.message_dict

    with pytest.raises(ValidationError) as raised:
        TreatmentCondition(guideline=GUIDELINE).clean()  # a guideline says something
    assert "guideline_stance" in raised.value.message_dict

    TreatmentCondition(guideline_stance="not_recommended", guideline=GUIDELINE).clean()
    TreatmentCondition(regulatory_status="off_label").clean()  # a status alone is enough


def test_only_web_addresses_are_ever_linked():
    link = TreatmentCondition(guideline_stance="recommended", guideline=GUIDELINE)
    link.guideline_url = "javascript:alert(1)"  # not through a form, which refuses it
    assert link.guideline_href == "" and link.shown()["guideline_url"] == ""
    link.guideline_url = "https://guidelines.example/dg7"
    assert link.shown()["guideline_url"] == "https://guidelines.example/dg7"


def test_both_web_pages_show_the_links_standing_beside_it(device_treatment):
    treatment, condition = device_treatment
    client = Client()
    for page in (treatment, condition):
        text = _text(client.get(page.url))
        # The guideline links to where it can be read.
        assert f"Guidance: Not recommended ( {GUIDELINE} )." in text, page.title
        assert "Licensing: Device cleared for this use." in text
        assert "Test note on the evidence." in text


def test_both_api_details_and_the_kiosk_bundle_type_the_links_standing(device_treatment):
    treatment, condition = device_treatment
    client = Client()
    expected = {
        "regulatory_status": "device_cleared",
        "regulatory_status_label": "Device cleared for this use",
        "guideline_stance": "not_recommended",
        "guideline_stance_label": "Not recommended",
        "guideline": GUIDELINE,
        "guideline_url": "https://guidelines.example/dg7",
        "note": "Test note on the evidence.",
    }

    [link] = client.get(f"/api/v1/treatments/{treatment.slug}/").json()["conditions"]
    assert link["id"] == condition.pk and expected.items() <= link.items()
    [link] = client.get(f"/api/v1/conditions/{condition.slug}/").json()["treatments"]
    assert link["id"] == treatment.pk and expected.items() <= link.items()

    bundle = client.get("/api/v1/kiosk/bundle/").json()
    [treatment_item] = [item for item in bundle["treatments"] if item["id"] == treatment.pk]
    [condition_item] = [item for item in bundle["conditions"] if item["id"] == condition.pk]
    assert expected.items() <= treatment_item["conditions"][0].items()
    assert expected.items() <= condition_item["treatments"][0].items()


def test_a_link_without_status_or_stance_answers_nulls_not_empty_strings(
    treatment_index, condition_index
):
    condition = ConditionPageFactory(parent=condition_index, title="Test plain condition")
    treatment = TreatmentPageFactory(
        parent=treatment_index, condition_links=[TreatmentCondition(condition=condition)]
    )
    [link] = Client().get(f"/api/v1/treatments/{treatment.slug}/").json()["conditions"]
    assert link["regulatory_status"] is None and link["guideline_stance"] is None
    assert link["regulatory_status_label"] == "" and link["guideline_stance_label"] == ""
    assert "Guidance:" not in _text(Client().get(treatment.url))
