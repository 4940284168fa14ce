"""schema.org JSON-LD: the API's ``jsonld`` and the web page's embedded script are one object,
built from the page's representation."""

from __future__ import annotations

import json
import re

import pytest
from wagtail.models import Site

from api import representations
from api.context import ApiContext
from content_models.models import TreatmentCondition, TreatmentPage
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def embedded_jsonld(response) -> dict:
    assert response.status_code == 200
    [script] = SCRIPT.findall(response.content.decode())
    return json.loads(script)


def test_treatment_web_page_embeds_the_apis_jsonld(api, clinical):
    web = embedded_jsonld(api.get("/treatments/nerve-block/"))
    data = api.get("/api/v1/treatments/nerve-block/").json()

    assert web == data["jsonld"]
    assert web["@context"] == "https://schema.org"
    assert web["@type"] == "MedicalWebPage"
    assert web["url"] == data["url"]
    assert web["lastReviewed"] == data["review"]["last_reviewed"]
    assert web["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Factory",
        "honorificSuffix": "MB BS",
    }
    assert web["dateModified"] == data["last_updated"]
    assert web["image"] == data["image"]["url"]
    therapy = web["about"]
    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["name"] == "Nerve block"
    assert therapy["adverseOutcome"] == [
        {"@type": "MedicalEntity", "name": "Bruising", "description": "Usually temporary."}
    ]
    assert therapy["seriousAdverseOutcome"] == [
        {"@type": "MedicalEntity", "name": "Nerve damage", "description": "Rare."}
    ]
    assert therapy["contraindication"] == [
        {
            "@type": "MedicalContraindication",
            "name": "People on blood thinners",
            "description": "Bleeding risk.",
        }
    ]
    assert therapy["howPerformed"].splitlines()[:3] == [
        "How it is given: Injection (procedure).",
        "Assessment. Takes about 30 minutes. What happens in this step.",
        "The injection. Takes about 20 minutes. What happens in this step.",
    ]
    # Only the signed condition, as on the page itself, with what the link says: a licensed use
    # is an ApprovedIndication; "may be considered" is not a MedicalGuidelineRecommendation
    # (schema.org: "regarded as efficacious").
    condition_url = data["conditions"][0]["url"]
    assert therapy["indication"] == [
        {
            "@type": "ApprovedIndication",
            "name": "Complex regional pain syndrome",
            "url": condition_url,
            "description": "Moderate evidence.",
            "legalStatus": "Licensed for this use",
            "guideline": {
                "@type": "MedicalGuideline",
                "name": "Test guideline TG1, 2024",
                "url": "https://guidelines.example/tg1",
                "description": "May be considered",
                "guidelineSubject": [
                    {"@type": "MedicalTherapy", "name": "Nerve block", "url": data["url"]},
                    {
                        "@type": "MedicalCondition",
                        "name": "Complex regional pain syndrome",
                        "url": condition_url,
                    },
                ],
            },
        }
    ]
    citations = {citation["name"]: citation for citation in web["citation"]}
    assert set(citations) == {"A guideline on nerve blocks", "A trial of nerve blocks"}
    assert citations["A trial of nerve blocks"]["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/nerve.1"},
        {"@type": "PropertyValue", "propertyID": "PMID", "value": "31082965"},
    ]
    assert citations["A guideline on nerve blocks"]["url"] == "https://example.org/guideline"


def test_condition_web_page_embeds_the_apis_jsonld(api, clinical):
    web = embedded_jsonld(api.get("/conditions/complex-regional-pain-syndrome/"))
    data = api.get("/api/v1/conditions/complex-regional-pain-syndrome/").json()

    assert web == data["jsonld"]
    condition = web["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["alternateName"] == ["CRPS"]
    assert condition["code"] == [
        {"@type": "MedicalCode", "codeValue": "G90.5", "codingSystem": "ICD-10"},
        {"@type": "MedicalCode", "codeValue": "128200000", "codingSystem": "SNOMED-CT"},
    ]
    assert condition["signOrSymptom"] == [
        {
            "@type": "MedicalSignOrSymptom",
            "name": "Burning pain",
            "description": "Often in a hand or foot.",
        }
    ]
    treatment_url = data["treatments"][0]["url"]
    assert condition["possibleTreatment"] == [
        {
            "@type": "MedicalTherapy",
            "name": "Nerve block",
            "url": treatment_url,
            "description": "Moderate evidence.",
            "legalStatus": "Licensed for this use",
            "guideline": {
                "@type": "MedicalGuideline",
                "name": "Test guideline TG1, 2024",
                "url": "https://guidelines.example/tg1",
                "description": "May be considered",
                "guidelineSubject": [
                    {"@type": "MedicalTherapy", "name": "Nerve block", "url": treatment_url},
                    {
                        "@type": "MedicalCondition",
                        "name": "Complex regional pain syndrome",
                        "url": data["url"],
                    },
                ],
            },
        }
    ]


def test_the_demos_links_say_off_label_and_not_recommended_by_nice(api, demo):
    therapy = api.get("/api/v1/treatments/ketamine-therapy-for-chronic-pain/").json()["jsonld"]
    indications = {item["name"]: item for item in therapy["about"]["indication"]}
    fibromyalgia = indications["Fibromyalgia"]
    # Off-label is not an approved indication.
    assert fibromyalgia["@type"] == "TreatmentIndication"
    assert fibromyalgia["legalStatus"] == "Off-label (licensed for other uses)"
    assert "NICE advises against starting ketamine" in fibromyalgia["description"]
    guideline = fibromyalgia["guideline"]
    assert guideline["@type"] == "MedicalGuideline"  # neither a recommendation nor "harmful"
    assert guideline["name"] == "NICE guideline NG193, April 2021"
    assert guideline["url"] == "https://www.nice.org.uk/guidance/ng193"
    assert guideline["description"] == "Not recommended"
    assert "recommendationStrength" not in guideline
    assert [subject["name"] for subject in guideline["guidelineSubject"]] == [
        therapy["about"]["name"],
        "Fibromyalgia",
    ]
    # A link with no guideline has no guideline node.
    assert "guideline" not in indications["Migraine headaches"]
    assert indications["Migraine headaches"]["legalStatus"] == "Off-label (licensed for other uses)"

    condition = api.get("/api/v1/conditions/fibromyalgia/").json()["jsonld"]["about"]
    [ketamine] = condition["possibleTreatment"]
    assert ketamine["name"] == therapy["about"]["name"]
    assert ketamine["legalStatus"] == fibromyalgia["legalStatus"]
    assert ketamine["description"] == fibromyalgia["description"]
    assert ketamine["guideline"] == guideline


def test_a_link_that_says_nothing_gives_only_name_and_url(api, clinical, treatment_index):
    TreatmentPageFactory(
        parent=treatment_index,
        slug="plain-link",
        condition_links=[TreatmentCondition(condition=clinical["condition"])],
    )

    about = api.get("/api/v1/treatments/plain-link/").json()["jsonld"]["about"]

    assert [set(item) for item in about["indication"]] == [{"@type", "name", "url"}]
    assert about["indication"][0]["@type"] == "TreatmentIndication"


def test_a_recommended_use_is_a_guideline_recommendation_with_its_strength(
    api, clinical, treatment_index
):
    TreatmentPageFactory(
        parent=treatment_index,
        slug="recommended",
        condition_links=[
            TreatmentCondition(
                condition=clinical["condition"],
                regulatory_status="device_cleared",
                guideline_stance="recommended",
                guideline="Test guideline TG2, 2025",
            )
        ],
    )

    [indication] = api.get("/api/v1/treatments/recommended/").json()["jsonld"]["about"][
        "indication"
    ]

    assert indication["@type"] == "ApprovedIndication"
    assert indication["legalStatus"] == "Device cleared for this use"
    guideline = indication["guideline"]
    assert guideline["@type"] == "MedicalGuidelineRecommendation"
    assert guideline["recommendationStrength"] == guideline["description"] == "Recommended"
    assert "url" not in guideline  # only what the link fills


def test_only_filled_properties_are_given(api, treatment_index):
    TreatmentPageFactory(parent=treatment_index, slug="bare")

    about = api.get("/api/v1/treatments/bare/").json()["jsonld"]["about"]

    assert set(about) == {"@type", "name", "description", "url"}


def test_the_embedded_script_cannot_be_broken_out_of(api, treatment_index):
    title = 'Escape </script><script>alert("x")</script> & more'
    TreatmentPageFactory(parent=treatment_index, slug="escape", title=title)

    response = api.get("/treatments/escape/")

    html = response.content.decode()
    assert '<script>alert("x")' not in html
    assert embedded_jsonld(response)["name"] == title


def test_a_preview_of_an_unsaved_page_embeds_its_draft_jsonld(treatment_index):
    page = TreatmentPage(
        title="Not saved yet", slug="not-saved-yet", summary="A draft.", what_it_is="<p>x</p>"
    )
    page.set_url_path(treatment_index)

    web = embedded_jsonld(page.make_preview_request(preview_mode=""))

    assert web["name"] == "Not saved yet"
    assert web["url"] == "http://localhost/treatments/not-saved-yet/"
    assert "lastReviewed" not in web  # a draft has no sign-off


def test_a_previews_jsonld_uses_its_unsaved_relations(clinical, treatment_index):
    # What the admin's preview holds: relations in memory, not in the database. (The web page's
    # own get_context cannot yet filter in-memory condition links, so this calls the
    # representation directly.)
    page = TreatmentPage(
        title="Not saved yet",
        slug="not-saved-yet",
        summary="A draft.",
        what_it_is="<p>x</p>",
        condition_links=[
            TreatmentCondition(condition=clinical["condition"], note="Draft note."),
            TreatmentCondition(condition=clinical["draft"], note="Unsigned."),
        ],
    )
    page.set_url_path(treatment_index)
    ctx = ApiContext(site=Site.objects.get(is_default_site=True))

    jsonld = representations.render(page, ctx).detail["jsonld"]

    assert [item["name"] for item in jsonld["about"]["indication"]] == [
        "Complex regional pain syndrome"
    ]
