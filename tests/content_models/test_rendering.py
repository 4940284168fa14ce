"""The public web pages: each page type renders its content; drafts answer 404."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from content_models.models import ConditionCode, ConditionSynonym, TreatmentCondition
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    DisclaimerFactory,
    RouteOfAdministrationFactory,
    TreatmentPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def condition(condition_index):
    return ConditionPageFactory(
        parent=condition_index,
        title="Complex regional pain syndrome",
        summary="A chronic pain condition often affecting a limb.",
        synonyms=[ConditionSynonym(name="CRPS")],
        codes=[ConditionCode(system="ICD-10", code="G90.5")],
    )


@pytest.fixture
def treatment(treatment_index, condition):
    page = TreatmentPageFactory(
        parent=treatment_index,
        title="Nerve block",
        summary="An injection near a nerve.",
        what_it_is="<p>An injection of local anaesthetic.</p>",
        benefits__0__benefit__headline="Short-term relief",
        benefits__0__benefit__references__0__title="A trial of nerve blocks",
        steps__0__step__title="Assessment",
        steps__1__step__title="The injection",
        common_side_effects__0__risk__name="Bruising",
        serious_risks__0__risk__name="Nerve damage",
        suitable_for__0__criterion__criterion="Adults with nerve pain",
        not_suitable_for__0__criterion__criterion="People on blood thinners",
        faqs__0__faq__question="Does it hurt?",
        references__0__reference__title="A guideline on nerve blocks",
        clinic=ClinicFactory(name="Test Clinic", phone="Placeholder"),
        disclaimer=DisclaimerFactory(text="<p>Not medical advice.</p>"),
        call_to_action="Ask us about nerve blocks",
        routes=[RouteOfAdministrationFactory(name="Injection", slug="injection")],
        condition_links=[TreatmentCondition(condition=condition, note="Some evidence.")],
    )
    return page


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_treatment_page_shows_every_section(client, treatment):
    response = client.get(treatment.url)

    assert response.status_code == 200
    text = _text(response)
    for expected in [
        "Nerve block",
        "An injection near a nerve.",
        "An injection of local anaesthetic.",
        "Injection",
        "Complex regional pain syndrome",
        "Some evidence.",
        "Short-term relief",
        "A trial of nerve blocks",
        "Bruising",
        "Nerve damage",
        "Assessment",
        "The injection",
        "about an hour",
        "Adults with nerve pain",
        "People on blood thinners",
        "Does it hurt?",
        "A guideline on nerve blocks",
        "Ask us about nerve blocks",
        "Test Clinic",
        "Not medical advice.",
    ]:
        assert expected in text, expected


def test_benefits_are_shown_in_the_same_section_as_the_risks(client, treatment):
    html = client.get(treatment.url).content.decode()

    sections = re.findall(r"<section\b.*?</section>", html, flags=re.S)
    with_benefit = [s for s in sections if "Short-term relief" in s]
    assert with_benefit, "no section holds the benefits"
    assert all("Bruising" in s and "Nerve damage" in s for s in with_benefit)


def test_treatment_steps_are_an_ordered_list_in_their_order(client, treatment):
    html = client.get(treatment.url).content.decode()

    ordered = re.search(r"<ol\b.*?</ol>", html[html.index("What to expect") :], flags=re.S)
    assert ordered
    assert ordered.group(0).index("Assessment") < ordered.group(0).index("The injection")


def test_headings_start_at_one_h1_and_never_skip_a_level(client, treatment):
    html = client.get(treatment.url).content.decode()

    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert '<main id="main"' in html and "<nav" in html and 'lang="en"' in html


def test_the_page_loads_nothing_from_the_internet(client, treatment):
    html = client.get(treatment.url).content.decode()

    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


def test_the_condition_page_shows_its_content_and_its_treatments(client, treatment, condition):
    response = client.get(condition.url)

    assert response.status_code == 200
    text = _text(response)
    for expected in ["Complex regional pain syndrome", "A chronic pain condition", "CRPS", "G90.5"]:
        assert expected in text
    assert treatment.url in response.content.decode()


def test_index_pages_list_their_live_children(client, treatment, condition):
    treatments = client.get(treatment.get_parent().url)
    conditions = client.get(condition.get_parent().url)

    assert treatments.status_code == conditions.status_code == 200
    assert "Nerve block" in _text(treatments) and "An injection near a nerve." in _text(treatments)
    assert "Complex regional pain syndrome" in _text(conditions)


def test_the_home_page_links_to_both_indexes(client, treatment, condition):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert treatment.get_parent().url in html and condition.get_parent().url in html


def test_a_draft_answers_404_like_a_page_that_never_existed(client, treatment_index):
    draft = TreatmentPageFactory(parent=treatment_index, live=False, title="Unreviewed")
    unpublished = TreatmentPageFactory(parent=treatment_index, title="Withdrawn")
    assert client.get(f"/treatments/{unpublished.slug}/").status_code == 200
    unpublished.unpublish()

    never = client.get("/treatments/never-existed/")
    assert client.get(f"/treatments/{draft.slug}/").status_code == never.status_code == 404
    assert client.get(f"/treatments/{unpublished.slug}/").status_code == 404
    assert "Unreviewed" not in _text(client.get(treatment_index.url))


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_a_private_page_answers_404_like_a_page_that_never_existed(
    client, treatment, restriction_type
):
    """Not Wagtail's password form or login redirect, which tell that the page (and its id)
    exists: a restriction on the page or its section is private content, as on the API."""
    index = treatment.get_parent()
    PageViewRestriction.objects.create(
        page=index, restriction_type=restriction_type, password="secret"
    )
    never = client.get("/treatments/never-existed/")

    response = client.get(treatment.url)

    assert response.status_code == never.status_code == 404
    assert response.content == never.content
    assert client.get(index.url).status_code == 404


def test_a_redirect_leads_only_to_a_page_the_public_may_read(client, treatment, treatment_index):
    """A redirect to a draft, or to a page withdrawn after its slug changed (Wagtail made that
    redirect itself), answers the 404 of a path that never existed: it must not tell where
    unreviewed or withdrawn content is."""
    from wagtail.contrib.redirects.models import Redirect

    draft = TreatmentPageFactory(parent=treatment_index, live=False, slug="unreviewed")
    Redirect.objects.create(old_path="/old-draft", redirect_page=draft)
    Redirect.objects.create(old_path="/old-live", redirect_page=treatment)
    never = client.get("/never-existed/")

    assert client.get("/old-live/").status_code == 301
    assert client.get("/old-live/")["Location"] == treatment.url
    refused = client.get("/old-draft/")
    assert refused.status_code == never.status_code == 404
    assert refused.content == never.content

    Redirect.objects.create(old_path="/old-name", redirect_page=treatment)
    treatment.unpublish()
    assert client.get("/old-name/").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_wagtails_password_form_does_not_tell_which_page_ids_exist(
    client, settings, treatment, treatment_index, prefix
):
    """Wagtail draws its password form for any page id that exists, drafts included, once any
    page has a password restriction: the public gets the 404 of a path that never existed."""
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
    draft = TreatmentPageFactory(parent=treatment_index, live=False, slug="unreviewed")
    restriction = PageViewRestriction.objects.create(
        page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    never = client.get(f"{prefix}/never-existed/")

    for page_id in (draft.pk, treatment.pk, draft.pk + 1000):
        url = f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{page_id}/"
        for answer in (client.get(url), client.post(url, {"password": "x"})):
            assert answer.status_code == never.status_code == 404
            assert answer.content == never.content


def test_a_link_in_the_text_leads_only_to_a_page_the_public_may_read(
    client, treatment_index, condition
):
    """As on the API: a link to a draft becomes plain text, not the draft's address."""
    draft = ConditionPageFactory(
        parent=condition.get_parent(), live=False, slug="unreviewed-condition"
    )
    page = TreatmentPageFactory(
        parent=treatment_index,
        slug="linking",
        what_it_is=(
            f'<p>See <a linktype="page" id="{condition.pk}">the condition</a> and '
            f'<a linktype="page" id="{draft.pk}">another one</a>.</p>'
        ),
    )

    html = client.get(page.url).content.decode()

    assert f'<a href="{condition.url}">the condition</a>' in html
    assert "unreviewed-condition" not in html
    assert "another one" in html


def test_the_kiosk_preview_shows_short_content_and_no_long_text(treatment):
    response = treatment.make_preview_request(preview_mode="kiosk")

    assert response.status_code == 200
    text = _text(response)
    assert "An injection near a nerve." in text
    assert "Assessment" in text and "Bruising" in text and "Nerve damage" in text
    assert "An injection of local anaesthetic." not in text
    assert "Does it hurt?" not in text
    assert [mode for mode, _ in treatment.preview_modes] == ["", "kiosk"]


def test_the_web_preview_renders_the_full_page(treatment):
    response = treatment.make_preview_request(preview_mode="")

    assert response.status_code == 200
    assert "An injection of local anaesthetic." in _text(response)


def test_the_demo_treatment_is_served_at_a_readable_url(client):
    from demo.loader import DemoLoader

    DemoLoader().run()
    response = client.get("/treatments/ketamine-therapy-for-chronic-pain/")

    assert response.status_code == 200
    text = _text(response)
    for heading in [
        "What it is",
        "How it works",
        "Conditions treated",
        "Benefits",
        "Common side effects",
        "Serious risks",
        "What to expect",
        "Course of treatment",
        "Who it may suit",
        "Who it may not suit",
        "Questions and answers",
        "References",
    ]:
        assert heading in text, heading
    assert Page.objects.live().filter(url_path__endswith="/conditions/fibromyalgia/").exists()
