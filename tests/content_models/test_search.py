"""Wagtail search indexes the structured text, not only titles."""

import pytest

from content_models.models import ConditionPage, TreatmentPage
from demo.loader import DemoLoader

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    DemoLoader().run()


@pytest.mark.parametrize(
    "query",
    [
        "NMDA",  # how it works
        "psychosis",  # not suitable for: a StreamField block
        "bladder",  # serious risks
        "NICE",  # FAQs
    ],
)
def test_treatments_are_found_by_words_in_their_structured_sections(demo, query):
    results = TreatmentPage.objects.live().search(query)

    assert [page.slug for page in results] == ["ketamine-therapy-for-chronic-pain"]


def test_conditions_are_found_by_their_other_names(demo):
    results = ConditionPage.objects.live().search("CRPS")

    assert [page.slug for page in results] == ["complex-regional-pain-syndrome"]
