"""Fixtures for the content API tests: a client, the demo content, the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail_factories import ImageFactory

from content_models.models import (
    ConditionCode,
    ConditionPage,
    ConditionSynonym,
    TreatmentCondition,
    TreatmentPage,
)
from demo.loader import DemoLoader
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    DisclaimerFactory,
    RouteOfAdministrationFactory,
    TreatmentPageFactory,
)

from .openapi import OpenApi


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    """No throttle history (or cached response) carries over from another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> Client:
    return Client()


@pytest.fixture
def demo(db):
    """The demo site: one treatment, five conditions, all signed."""
    DemoLoader().run()
    return {
        "treatment": TreatmentPage.objects.get(slug="ketamine-therapy-for-chronic-pain"),
        "conditions": list(ConditionPage.objects.order_by("title")),
    }


@pytest.fixture(scope="session")
def openapi(django_db_setup, django_db_blocker) -> OpenApi:
    """The schema the API publishes at /api/v1/schema/, fetched once."""
    with django_db_blocker.unblock():
        cache.clear()
        response = Client().get("/api/v1/schema/?format=json")
        cache.clear()
    assert response.status_code == 200, response.content
    return OpenApi(response.json())


@pytest.fixture
def clinical(treatment_index, condition_index):
    """A treatment using every section, a signed condition it links to (in a relation and in
    its text), a draft condition it also names, an image, a clinic and a signed disclaimer."""
    condition = ConditionPageFactory(
        parent=condition_index,
        title="Complex regional pain syndrome",
        slug="complex-regional-pain-syndrome",
        summary="A chronic pain condition often affecting a limb.",
        description="<p>Pain that lasts after an injury has healed.</p>",
        symptoms=[
            {
                "type": "symptom",
                "value": {"name": "Burning pain", "description": "Often in a hand or foot."},
            }
        ],
        synonyms=[ConditionSynonym(name="CRPS")],
        codes=[
            ConditionCode(system="ICD-10", code="G90.5"),
            ConditionCode(system="SNOMED-CT", code="128200000"),
        ],
    )
    draft = ConditionPageFactory(
        parent=condition_index, title="Draft condition", slug="draft-condition", live=False
    )
    image = ImageFactory(title="Infusion room", file__width=1200, file__height=900)
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title="Nerve block",
        slug="nerve-block",
        summary="An injection near a nerve.",
        what_it_is=(
            f'<p>An injection for <a linktype="page" id="{condition.pk}">CRPS</a> and '
            f'<a linktype="page" id="{draft.pk}">other pain</a>; see '
            '<a href="https://www.nhs.uk/">the NHS</a>.</p>'
            '<script>alert("x")</script><p onclick="steal()">Safe <b>text</b>.</p>'
        ),
        how_it_works="<h3>In the nerve</h3><ul><li>Local anaesthetic</li><li>Steroid</li></ul>",
        image=image,
        image_alt_text="A treatment room with a reclining chair.",
        benefits__0__benefit__headline="Short-term relief",
        benefits__0__benefit__references__0__title="A trial of nerve blocks",
        benefits__0__benefit__references__0__doi="10.1000/nerve.1",
        benefits__0__benefit__references__0__pmid="31082965",
        steps__0__step__title="Assessment",
        steps__1__step__title="The injection",
        steps__1__step__typical_duration="about 20 minutes",
        common_side_effects__0__risk__name="Bruising",
        serious_risks__0__risk__name="Nerve damage",
        serious_risks__0__risk__description="Rare.",
        suitable_for__0__criterion__criterion="Adults with nerve pain",
        not_suitable_for__0__criterion__criterion="People on blood thinners",
        not_suitable_for__0__criterion__detail="Bleeding risk.",
        faqs__0__faq__question="Does it hurt?",
        references__0__reference__title="A guideline on nerve blocks",
        references__0__reference__url="https://example.org/guideline",
        session_length="about an hour",
        initial_sessions="one",
        maintenance="none",
        call_to_action="Ask us about nerve blocks",
        clinic=ClinicFactory(name="Test Clinic", phone="0100 000000"),
        disclaimer=DisclaimerFactory(text="<p>General information, not medical advice.</p>"),
        routes=[RouteOfAdministrationFactory(name="Injection", slug="injection", kind="procedure")],
        condition_links=[
            TreatmentCondition(
                condition=condition,
                regulatory_status="licensed",
                guideline_stance="may_be_considered",
                guideline="Test guideline TG1, 2024",
                guideline_url="https://guidelines.example/tg1",
                note="Moderate evidence.",
            ),
            TreatmentCondition(condition=draft, note="Not yet reviewed."),
        ],
    )
    return {"treatment": treatment, "condition": condition, "draft": draft, "image": image}
