"""Admin input the database or the digest cannot store gets a form error or a faithful
replacement, never a 500 (non-negotiable 3)."""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from content_models.models import Disclaimer, TreatmentPage
from content_models.widgets import REPLACEMENT_CHARACTER

from .admin_forms import treatment_form_data

pytestmark = pytest.mark.django_db


def _add_treatment_url(treatment_index) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("content_models", "treatmentpage", treatment_index.pk)
    )


def _contentstate(text: str) -> str:
    """The editor's JSON for one paragraph, as ``JSON.stringify`` writes a lone surrogate."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "text": text,
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


BROKEN = "Less pain \ud83d after the first session"
KEPT = f'<p data-block-key="a1b2c">Less pain {REPLACEMENT_CHARACTER} after the first session</p>'


@pytest.mark.parametrize(
    ("posted_as", "stored"),
    [
        ("what_it_is", lambda page: page.what_it_is),  # a rich-text field
        ("faqs-0-value-answer", lambda page: page.faqs[0].value["answer"].source),  # a block
    ],
)
def test_a_broken_character_in_rich_text_is_kept_as_the_replacement_character(
    editor_client, treatment_index, posted_as, stored
):
    data = treatment_form_data(title="Exercise", slug="exercise")
    data[posted_as] = _contentstate(BROKEN)

    response = editor_client.post(_add_treatment_url(treatment_index), data)

    assert response.status_code == 302
    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert stored(page) == KEPT


def test_a_broken_character_in_a_snippets_rich_text_is_kept_as_the_replacement_character(
    admin_client,
):
    response = admin_client.post(
        reverse("wagtailsnippets_content_models_disclaimer:add"),
        {"title": "Wording", "text": _contentstate("General information \udc00 only.")},
    )

    assert response.status_code == 302
    text = Disclaimer.objects.get(title="Wording").text
    assert text == (
        f'<p data-block-key="a1b2c">General information {REPLACEMENT_CHARACTER} only.</p>'
    )


def test_a_whole_emoji_is_kept_as_it_is(editor_client, treatment_index):
    data = treatment_form_data(title="Exercise", slug="exercise")
    data["what_it_is"] = _contentstate("Feeling better \U0001f600")

    editor_client.post(_add_treatment_url(treatment_index), data)

    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert page.what_it_is == '<p data-block-key="a1b2c">Feeling better \U0001f600</p>'


def _linking_to_page(page_id: str) -> str:
    """The editor's JSON for a paragraph whose first word links to the page ``page_id``."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "text": "Read more",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
    }
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"id": page_id, "url": "/x/"}}
    return json.dumps({"blocks": [block], "entityMap": {"0": link}})


NOT_THE_EDITORS_JSON = [
    "not the editor's JSON",
    '{"blocks": 3}',
    "[1, 2]",
    '{"entityMap": {}}',
    _linking_to_page("abc"),  # saved, its page could no longer be edited or previewed
    _linking_to_page("1e5"),
    "[" * 100_000 + "]" * 100_000,  # deeper than JSON can be read
    json.dumps(
        {
            "blocks": [
                {
                    "key": "a",
                    "type": "unordered-list-item",
                    "text": "x",
                    "depth": 100_000,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    ),
]


@pytest.mark.parametrize("posted", NOT_THE_EDITORS_JSON)
@pytest.mark.parametrize("field", ["what_it_is", "faqs-0-value-answer"])
def test_rich_text_that_is_not_the_editors_json_is_a_bad_request_that_changes_nothing(
    editor_client, treatment_index, posted, field
):
    """No browser sends it; emptying the field instead would lose what it held."""
    editor_client.post(
        _add_treatment_url(treatment_index), treatment_form_data(title="Exercise", slug="exercise")
    )
    page = TreatmentPage.objects.get(slug="exercise")
    data = treatment_form_data(title="Exercise, edited", slug="exercise")
    data[field] = posted

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 400
    assert page.revisions.count() == 1
    assert page.get_latest_revision_as_object().title == "Exercise"


@pytest.mark.parametrize(
    ("time_zone", "when"),
    [
        ("America/New_York", "9999-12-31 23:59"),  # 10000-01-01 in UTC
        ("Pacific/Auckland", "0001-01-01 00:00"),  # before the year 1 in UTC
        ("UTC", "9999-12-31 23:59"),
    ],
)
@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_a_date_out_of_the_storable_range_is_refused_in_the_form(
    editor_client, treatment_index, settings, time_zone, when, field
):
    settings.TIME_ZONE = time_zone
    data = treatment_form_data(title="Exercise", slug="exercise")
    data[field] = when

    response = editor_client.post(_add_treatment_url(treatment_index), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Enter a date between the years 2 and 9998."]
    assert not TreatmentPage.objects.filter(slug="exercise").exists()


def test_a_far_but_storable_expiry_is_accepted(editor_client, treatment_index, settings):
    settings.TIME_ZONE = "America/New_York"
    data = treatment_form_data(title="Exercise", slug="exercise")
    data["expire_at"] = "9998-12-31 23:59"

    response = editor_client.post(_add_treatment_url(treatment_index), data)

    assert response.status_code == 302
    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert page.expire_at.astimezone(datetime.UTC).year == 9999


def test_a_link_to_a_page_by_its_id_is_kept(editor_client, treatment_index):
    data = treatment_form_data(title="Exercise", slug="exercise")
    data["what_it_is"] = _linking_to_page(str(treatment_index.pk))

    response = editor_client.post(_add_treatment_url(treatment_index), data)

    assert response.status_code == 302
    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert f'<a linktype="page" id="{treatment_index.pk}">Read</a>' in page.what_it_is


def test_an_emptied_editor_saves_an_empty_field(editor_client, treatment_index):
    """Draftail posts null for an editor with nothing in it."""
    data = treatment_form_data(title="Exercise", slug="exercise")
    data["what_it_is"] = "null"

    assert editor_client.post(_add_treatment_url(treatment_index), data).status_code == 302
    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert page.what_it_is == ""


def test_rich_text_as_the_browser_sends_it_is_unchanged(editor_client, treatment_index):
    data = treatment_form_data(title="Exercise", slug="exercise")
    data["what_it_is"] = rich_text("<p>Ketamine is an <b>anaesthetic</b>.</p>")

    editor_client.post(_add_treatment_url(treatment_index), data)

    page = TreatmentPage.objects.get(slug="exercise").get_latest_revision_as_object()
    assert page.what_it_is.endswith(">Ketamine is an <b>anaesthetic</b>.</p>")
