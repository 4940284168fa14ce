"""Every public treatment and condition web page says when it was last reviewed and when its
next review is due: the page's template renders JSON-LD first, and the sign-off lookup must
still find the sign-off of the content it shows."""

import re

import pytest
from django.test import Client

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from demo.loader import DemoLoader
from tests.factories import ConditionPageFactory, DisclaimerFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

REVIEW_LINE = re.compile(
    r'<p class="review-line">Last reviewed <time datetime="\d{4}-\d{2}-\d{2}">[^<]+</time> by '
    r'[^<]+ · Next review due <time datetime="\d{4}-\d{2}-\d{2}">'
)


@pytest.fixture
def public_pages(treatment_index, condition_index):
    DemoLoader().run()
    condition = ConditionPageFactory(parent=condition_index)
    TreatmentPageFactory(
        parent=treatment_index,
        disclaimer=DisclaimerFactory(),
        benefits__0__benefit__headline="Less pain for some",
        condition_links=[TreatmentCondition(condition=condition, note="Some evidence.")],
    )
    pages = [
        *TreatmentPage.objects.live().public(),
        *ConditionPage.objects.live().public(),
    ]
    assert {type(page) for page in pages} == {TreatmentPage, ConditionPage}
    return pages


def test_every_public_treatment_and_condition_page_shows_its_review_line(public_pages):
    client = Client()
    for page in public_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert REVIEW_LINE.search(response.content.decode()), f"no review line on {page.url}"
