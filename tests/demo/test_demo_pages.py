"""The loaded demo as patients read it: the Fibromyalgia page shows NICE's stance against
ketamine (with the guideline) and the link's note beside it, and the disclaimers fit what they
are shown on: a general default, and the pain-specialist wording on the ketamine page only."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from content_models.models import ConditionPage, Disclaimer, TreatmentPage
from demo.loader import DemoLoader, load_demo_data
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

NG193 = "NICE guideline NG193, April 2021"


@pytest.fixture
def demo():
    DemoLoader().run()
    return TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])


def _words(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def _link_spec(condition_key: str) -> dict:
    data = load_demo_data()
    [spec] = [
        link
        for link in data["treatment"]["reviewed"]["conditions"]
        if link["condition"] == condition_key
    ]
    return spec


def _treatment_cards(response) -> dict[str, BeautifulSoup]:
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    section = html.find("section", attrs={"aria-labelledby": "treatments"})
    assert section is not None, "no Treatments section"
    return {_words(card.h3): card for card in section.select("li.card")}


def test_fibromyalgias_web_page_shows_nices_stance_and_the_note_beside_ketamine(demo):
    fibromyalgia = ConditionPage.objects.get(slug="fibromyalgia")
    spec = _link_spec("fibromyalgia")
    assert (spec["guideline_stance"], spec["guideline"]) == ("not_recommended", NG193)

    cards = _treatment_cards(Client().get(fibromyalgia.url))

    card = cards[demo.title]
    text = _words(card)
    assert f"Guidance: Not recommended ( {NG193} )." in text
    [guideline] = [a for a in card.find_all("a") if _words(a) == NG193]
    assert guideline["href"] == "https://www.nice.org.uk/guidance/ng193"
    assert "Licensing: Off-label (licensed for other uses)." in text
    assert _words(card.select_one("p.note")) == spec["note"]
    assert "NICE advises against starting ketamine" in spec["note"]  # the caveat patients read


def test_a_condition_without_a_stance_shows_none_beside_ketamine(demo):
    migraine = ConditionPage.objects.get(slug="migraine-headaches")

    text = _words(_treatment_cards(Client().get(migraine.url))[demo.title])

    assert "Guidance:" not in text and "NG193" not in text
    assert "Licensing: Off-label (licensed for other uses)." in text
    assert _link_spec("migraine")["note"] in text


def test_the_default_disclaimer_is_general_and_ketamine_shows_the_pain_specialist_one(demo):
    data = load_demo_data()
    default = Disclaimer.objects.get(is_default=True, locale=demo.locale)
    assert default.title == data["default_disclaimer"]["title"]
    assert "pain" not in default.text.lower()
    assert demo.disclaimer_id is not None and demo.disclaimer_id != default.pk
    assert "pain specialist" in demo.disclaimer.text

    detail = Client().get(f"/api/v1/treatments/{demo.slug}/").json()
    assert "consult with a pain specialist" in detail["disclaimer"]["text"]["text"]
    web = BeautifulSoup(Client().get(demo.url).content.decode(), "html.parser")
    disclaimer = _words(web.select_one("section.disclaimer"))
    assert "consult with a pain specialist" in disclaimer


def test_a_treatment_naming_no_disclaimer_gets_the_general_default(demo):
    other = TreatmentPageFactory(
        parent=demo.get_parent(), slug="test-talking-therapy", disclaimer=None
    )

    detail = Client().get(f"/api/v1/treatments/{other.slug}/").json()

    text = detail["disclaimer"]["text"]["text"]
    assert "not medical advice" in text
    assert "pain" not in text.lower()
