"""A property: the same content has the same digest, whichever way it travelled.

Hypothesis builds treatments and conditions with every block type (references inside benefits
stored in either of the ListBlock's JSON forms), and the digest must be the same for:

- the object saved through the ORM, and the row read back from the database;
- the editor's form, given the same content as the browser posts it;
- a revision saved and reloaded;
- the page after its web page was rendered (JSON-LD first), and after its API detail was.

The web page itself must then show its "Last reviewed … · Next review due …" line: the
serve-time lookup found the sign-off of the rendered object.
"""

from __future__ import annotations

import itertools
import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from wagtail.models import Revision, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from api import representations
from api.context import ApiContext
from content_models.blocks.wording import FREQUENCY_BANDS
from content_models.models import (
    ConditionCode,
    ConditionPage,
    ConditionSynonym,
    TreatmentCondition,
    TreatmentPage,
)
from signing.digest import content_digest
from tests.content_models.admin_forms import list_block
from tests.factories import (
    ConditionPageFactory,
    DisclaimerFactory,
    RouteOfAdministrationFactory,
    UserFactory,
)
from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db
_slugs = itertools.count()

# Content -----------------------------------------------------------------------------------

words = st.lists(
    st.sampled_from(["pain", "sleep", "nerve", "dose", "week", "nurse", "rest", "calm", "mild"]),
    min_size=1,
    max_size=4,
).map(" ".join)
optional_words = st.one_of(st.just(""), words)
paragraphs = st.lists(
    st.tuples(words, st.sampled_from(["", "b", "i"])), min_size=1, max_size=2
).map(
    lambda items: "".join(
        f"<p>{text}</p>" if not tag else f"<p>{text} <{tag}>{text}</{tag}></p>"
        for text, tag in items
    )
)
references = st.fixed_dictionaries(
    {
        "title": words,
        "authors": optional_words,
        "source": optional_words,
        "year": st.one_of(st.none(), st.integers(1990, 2025)),
        "url": st.sampled_from(["", "https://example.org/guideline"]),
        "doi": st.sampled_from(["", "10.1000/abc.1", "10.1097/AAP.0000000000000808"]),
        "pmid": st.sampled_from(["", "31082965"]),
        "evidence_level": st.sampled_from(["guideline", "systematic_review", "expert_opinion"]),
        "finding": optional_words,
    }
)
benefits = st.fixed_dictionaries(
    {
        "headline": words,
        "explanation": paragraphs,
        "references": st.lists(references, max_size=2),
    }
)
steps = st.fixed_dictionaries(
    {
        "title": words,
        "description": paragraphs,
        "when": optional_words,
        "typical_duration": optional_words,
        "how_often": optional_words,
        "for_how_long": optional_words,
    }
)
_no_figure = {
    "one_in": st.none(),
    "percent": st.none(),
    "per": st.just(""),
    "frequency_source": st.just([]),
}
frequencies = st.one_of(
    st.fixed_dictionaries({"frequency": st.just(""), **_no_figure}),
    st.fixed_dictionaries(
        {
            "frequency": st.sampled_from([band.value for band in FREQUENCY_BANDS]),
            "one_in": st.none(),
            "percent": st.none(),
            "per": st.just(""),
            "frequency_source": st.lists(references, min_size=1, max_size=1),
        }
    ),
    st.fixed_dictionaries(
        {
            "frequency": st.just("very_common"),
            "one_in": st.integers(2, 10),
            "percent": st.none(),
            "per": st.just(""),
            "frequency_source": st.lists(references, min_size=1, max_size=1),
        }
    ),
    st.fixed_dictionaries(
        {
            "frequency": st.just("rare"),
            "one_in": st.integers(11, 100_000),
            "percent": st.none(),
            "per": st.just("sessions"),
            "frequency_source": st.lists(references, min_size=1, max_size=1),
        }
    ),
    st.fixed_dictionaries(
        {
            "frequency": st.just("rare"),
            "one_in": st.none(),
            # As typed: "12", "12.5", "0.0100" (a form keeps the zeros, the digest does not).
            "percent": st.decimals(Decimal("0.0001"), Decimal(100), places=4),
            "per": st.just("sessions"),
            "frequency_source": st.lists(references, min_size=1, max_size=1),
        }
    ),
)
risks = st.builds(
    lambda named, frequency: {**named, **frequency},
    st.fixed_dictionaries({"name": words, "description": optional_words}),
    frequencies,
)
symptoms = st.fixed_dictionaries({"name": words, "description": optional_words})
criteria = st.fixed_dictionaries({"criterion": words, "detail": optional_words})
faqs = st.fixed_dictionaries({"question": words, "answer": paragraphs})

treatments = st.fixed_dictionaries(
    {
        "summary": words,
        "what_it_is": paragraphs,
        "how_it_works": st.one_of(st.just(""), paragraphs),
        "benefits": st.lists(benefits, max_size=2),
        "steps": st.lists(steps, max_size=2),
        "common_side_effects": st.lists(risks, min_size=1, max_size=2),
        "serious_risks": st.lists(risks, max_size=2),
        "suitable_for": st.lists(criteria, max_size=2),
        "not_suitable_for": st.lists(criteria, max_size=2),
        "faqs": st.lists(faqs, max_size=2),
        "references": st.lists(references, max_size=2),
        "session_length": optional_words,
        "call_to_action": optional_words,
        "conditions": st.lists(
            st.tuples(st.integers(0, 1), optional_words), max_size=2, unique_by=lambda c: c[0]
        ),
        "routes": st.sets(st.integers(0, 1)),
        "disclaimer": st.sampled_from([None, 0, 1]),
        "stored_list_items_wrapped": st.booleans(),
    }
)
conditions = st.fixed_dictionaries(
    {
        "summary": words,
        "description": paragraphs,
        "symptoms": st.lists(symptoms, max_size=2),
        "synonyms": st.lists(words, max_size=2, unique=True),
        "codes": st.lists(st.sampled_from(["G90.5", "M79.7", "G89.4"]), max_size=2, unique=True),
        "references": st.lists(references, max_size=2),
    }
)

TREATMENT_STREAMS = {
    "benefits": "benefit",
    "steps": "step",
    "common_side_effects": "risk",
    "serious_risks": "risk",
    "suitable_for": "criterion",
    "not_suitable_for": "criterion",
    "faqs": "faq",
    "references": "reference",
}


def _stored_benefit(benefit: dict, wrapped: bool) -> dict:
    """A benefit as the database may hold it: its references as bare values (as older Wagtail
    wrote ListBlocks, and code may still) or as ``{"type": "item", …}`` items."""
    items = benefit["references"]
    if wrapped:
        items = [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in items]
    return {**benefit, "references": items}


def _stored_stream(block_type: str, values: list[dict], wrapped: bool) -> list[dict]:
    if block_type == "benefit":
        values = [_stored_benefit(value, wrapped) for value in values]
    return [{"type": block_type, "value": value} for value in values]


def _form_value(value):
    """A block value as the browser posts it: rich text as Draftail's JSON, numbers as text,
    ListBlock items with their order."""
    if isinstance(value, dict):
        return {key: _form_field(key, item) for key, item in value.items()}
    return value


def _form_field(key: str, value):
    if key in ("explanation", "description", "answer") and str(value).startswith("<p>"):
        return rich_text(value)
    if key in ("year", "one_in", "percent"):
        return "" if value is None else str(value)
    if key in ("references", "frequency_source"):
        return list_block([_form_value(item) for item in value])
    return _form_value(value)


def _form_stream(block_type: str, values: list[dict]) -> dict:
    return streamfield([(block_type, _form_value(value)) for value in values])


# The world the examples share ----------------------------------------------------------------


@pytest.fixture
def world(treatment_index, condition_index):
    return {
        "treatment_index": treatment_index,
        "condition_index": condition_index,
        "conditions": [ConditionPageFactory(parent=condition_index) for _ in range(2)],
        "routes": [RouteOfAdministrationFactory() for _ in range(2)],
        "disclaimers": [DisclaimerFactory() for _ in range(2)],
        "user": UserFactory(is_superuser=True, is_staff=True),
    }


def _treatment(spec: dict, world: dict) -> TreatmentPage:
    slug = f"digest-treatment-{next(_slugs)}"  # not a factory sequence slug
    disclaimer = spec["disclaimer"]
    page = TreatmentPage(
        title=f"Treatment {slug}",
        slug=slug,
        summary=spec["summary"],
        what_it_is=spec["what_it_is"],
        how_it_works=spec["how_it_works"],
        session_length=spec["session_length"],
        call_to_action=spec["call_to_action"],
        disclaimer=world["disclaimers"][disclaimer] if disclaimer is not None else None,
        live=False,
        **{
            name: _stored_stream(block, spec[name], spec["stored_list_items_wrapped"])
            for name, block in TREATMENT_STREAMS.items()
        },
    )
    page.condition_links = [
        TreatmentCondition(condition=world["conditions"][index], note=note, sort_order=order)
        for order, (index, note) in enumerate(spec["conditions"])
    ]
    page.routes = [world["routes"][index] for index in sorted(spec["routes"])]
    world["treatment_index"].add_child(instance=page)
    return page


def _treatment_form_data(spec: dict, page: TreatmentPage, world: dict) -> dict:
    disclaimer = spec["disclaimer"]
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": spec["summary"],
            "what_it_is": rich_text(spec["what_it_is"]),
            "how_it_works": rich_text(spec["how_it_works"]),
            "condition_links": inline_formset(
                [
                    {"condition": str(world["conditions"][index].pk), "note": note}
                    for index, note in spec["conditions"]
                ]
            ),
            "image": "",
            "image_alt_text": "",
            **{name: _form_stream(block, spec[name]) for name, block in TREATMENT_STREAMS.items()},
            "session_length": spec["session_length"],
            "initial_sessions": "",
            "maintenance": "",
            "call_to_action": spec["call_to_action"],
            "clinic": "",
            "disclaimer": str(world["disclaimers"][disclaimer].pk)
            if disclaimer is not None
            else "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["routes"] = [str(world["routes"][index].pk) for index in sorted(spec["routes"])]
    return data


def _condition(spec: dict, world: dict) -> ConditionPage:
    slug = f"digest-condition-{next(_slugs)}"  # not a factory sequence slug
    page = ConditionPage(
        title=f"Condition {slug}",
        slug=slug,
        summary=spec["summary"],
        description=spec["description"],
        symptoms=_stored_stream("symptom", spec["symptoms"], False),
        references=_stored_stream("reference", spec["references"], False),
        live=False,
    )
    page.synonyms = [
        ConditionSynonym(name=name, sort_order=order) for order, name in enumerate(spec["synonyms"])
    ]
    page.codes = [
        ConditionCode(system="ICD-10", code=code, sort_order=order)
        for order, code in enumerate(spec["codes"])
    ]
    world["condition_index"].add_child(instance=page)
    return page


def _condition_form_data(spec: dict, page: ConditionPage) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": spec["summary"],
            "description": rich_text(spec["description"]),
            "symptoms": _form_stream("symptom", spec["symptoms"]),
            "synonyms": inline_formset([{"name": name} for name in spec["synonyms"]]),
            "codes": inline_formset([{"system": "ICD-10", "code": c} for c in spec["codes"]]),
            "image": "",
            "image_alt_text": "",
            "references": _form_stream("reference", spec["references"]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )


# The round trips ---------------------------------------------------------------------------


def _through_the_form(page, data: dict, world: dict):
    """A new page of the same type from the editor's form, as the create view builds it (its
    own slug: the slug is not content)."""
    model = type(page)
    data = {**data, "slug": f"{page.slug}-from-the-form"}
    form_class = model.get_edit_handler().get_form_class()
    form = form_class(data, instance=model(), parent_page=page.get_parent(), for_user=world["user"])
    assert form.is_valid(), form.errors
    return form.save(commit=False)


def _through_a_revision(page):
    revision = page.save_revision()
    return Revision.objects.get(pk=revision.pk).as_object()


def _rendered(page, api_path: str):
    """The live page after a visitor's request rendered it (JSON-LD, then the review line),
    and after the API rendered its detail; returns the web page's HTML too."""
    client = Client()
    html = client.get(page.url).content.decode()
    assert client.get(api_path).status_code == 200
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    page.serve(request).render()
    representations.render(page, ApiContext(Site.objects.get(is_default_site=True)))
    return html


def _assert_one_digest(page, form_data: dict, world: dict, api_section: str) -> None:
    digest = content_digest(page)
    assert content_digest(type(page).objects.get(pk=page.pk)) == digest
    assert content_digest(_through_the_form(page, form_data, world)) == digest
    assert content_digest(_through_a_revision(page)) == digest
    live = sign_and_publish(type(page).objects.get(pk=page.pk))
    assert content_digest(live) == digest
    html = _rendered(live, f"/api/v1/{api_section}/{live.slug}/")
    assert content_digest(live) == digest
    assert "Last reviewed" in html and "Next review due" in html


SETTINGS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    # No shrinking: a failure prints its example as found, and CI stays bounded.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(spec=treatments)
def test_a_treatment_has_one_digest_whichever_way_its_content_travelled(world, spec):
    with transaction.atomic():
        page = _treatment(spec, world)
        _assert_one_digest(page, _treatment_form_data(spec, page, world), world, "treatments")
        transaction.set_rollback(True)


@SETTINGS
@given(spec=conditions)
def test_a_condition_has_one_digest_whichever_way_its_content_travelled(world, spec):
    with transaction.atomic():
        page = _condition(spec, world)
        _assert_one_digest(page, _condition_form_data(spec, page), world, "conditions")
        transaction.set_rollback(True)
