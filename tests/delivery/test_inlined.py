"""A page's related rows read inside its own query (``delivery.inlined``): the same instances,
in the same order, as a prefetch would give, and nothing more to ask the database."""

from __future__ import annotations

import json

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from wagtail.fields import StreamField

from content_models.models import (
    ConditionCode,
    ConditionPage,
    ConditionSynonym,
    TreatmentCondition,
    TreatmentPage,
)
from delivery.inlined import Inline, _check, _prefetch, inline
from signing.digest import content_digest
from tests.factories import (
    ConditionPageFactory,
    RouteOfAdministrationFactory,
    TreatmentPageFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="inlined on PostgreSQL only"),
]

RELATIONS = ("synonyms", "codes", "treatment_links")


@pytest.fixture
def condition(condition_index, treatment_index):
    page = ConditionPageFactory(
        parent=condition_index,
        slug="crps",
        synonyms=[ConditionSynonym(name=name) for name in ("CRPS", "Algodystrophy", "RSD")],
        codes=[
            ConditionCode(system="ICD-10", code="G90.5"),
            ConditionCode(system="ICD-11", code="8D8A.0"),
        ],
    )
    for number, note in enumerate(("Strongest evidence.", "")):
        TreatmentPageFactory(
            parent=treatment_index,
            slug=f"treatment-{number}",
            condition_links=[TreatmentCondition(condition=page, note=note)],
        )
    # Two synonyms with the same sort order: the database's order of ties is the pk's.
    ConditionSynonym.objects.filter(page=page).update(sort_order=0)
    return page


def _rows(objects) -> list[tuple]:
    return [
        tuple((field.attname, getattr(obj, field.attname)) for field in obj._meta.concrete_fields)
        for obj in objects
    ]


def _typed(rows: list[tuple]) -> list[tuple]:
    return [tuple((name, type(value), value) for name, value in row) for row in rows]


def test_inlined_rows_are_the_prefetched_rows_in_the_same_order(condition):
    prefetched = ConditionPage.objects.prefetch_related(*RELATIONS).get(pk=condition.pk)
    with CaptureQueriesContext(connection) as captured:
        inlined = inline(ConditionPage.objects.all(), *RELATIONS).get(pk=condition.pk)
        for relation in RELATIONS:
            got = _typed(_rows(getattr(inlined, relation).all()))
            assert got == _typed(_rows(getattr(prefetched, relation).all())), relation
            assert got, relation
    assert len(captured) == 1


def test_the_digest_of_an_inlined_page_needs_no_query_and_is_the_same(condition):
    page = inline(ConditionPage.objects.all(), *RELATIONS).get(pk=condition.pk)
    with CaptureQueriesContext(connection) as captured:
        digest = content_digest(page)
    assert len(captured) == 0
    assert digest == content_digest(ConditionPage.objects.get(pk=condition.pk))


def test_inlined_rows_know_their_page_without_a_query(condition):
    page = inline(ConditionPage.objects.all(), "codes").get(pk=condition.pk)
    with CaptureQueriesContext(connection) as captured:
        parents = {code.page for code in page.codes.all()}
    assert parents == {page} and next(iter(parents)) is page
    assert len(captured) == 0


def test_a_page_without_related_rows_gets_empty_relations(condition_index):
    bare = ConditionPageFactory(parent=condition_index, slug="bare", synonyms=[], codes=[])
    page = inline(ConditionPage.objects.all(), *RELATIONS).get(pk=bare.pk)
    with CaptureQueriesContext(connection) as captured:
        assert [list(getattr(page, relation).all()) for relation in RELATIONS] == [[], [], []]
    assert len(captured) == 0


def test_inlined_relations_filter_in_memory_like_a_queryset(condition):
    page = inline(ConditionPage.objects.all(), "codes").get(pk=condition.pk)
    assert [code.code for code in page.codes.filter(system="ICD-11")] == ["8D8A.0"]
    assert page.codes.count() == 2


def test_each_page_of_many_gets_its_own_rows(condition, condition_index):
    other = ConditionPageFactory(
        parent=condition_index, slug="other", synonyms=[ConditionSynonym(name="Other name")]
    )
    pages = inline(ConditionPage.objects.filter(pk__in=[condition.pk, other.pk]), "synonyms")
    names = {page.slug: [s.name for s in page.synonyms.all()] for page in pages}
    assert names["other"] == ["Other name"]
    assert sorted(names["crps"]) == ["Algodystrophy", "CRPS", "RSD"]


def test_only_reverse_foreign_keys_are_inlined():
    with pytest.raises(TypeError, match="image is not a reverse foreign key or m2m"):
        inline(ConditionPage.objects.all(), "image")


TREATMENT_RELATIONS = (
    "routes",
    Inline("condition_links", select={"condition": ("translation_key",)}),
)


@pytest.fixture
def treatment(treatment_index, condition_index):
    conditions = [
        ConditionPageFactory(parent=condition_index, slug=f"condition-{n}") for n in range(3)
    ]
    return TreatmentPageFactory(
        parent=treatment_index,
        slug="ketamine",
        condition_links=[
            TreatmentCondition(condition=condition, note=f"Note {n}")
            for n, condition in enumerate(conditions)
        ],
        # Named so that their order (by name) is not the order they were made in.
        routes=[
            RouteOfAdministrationFactory(name=name) for name in ("Oral", "Intravenous", "Nasal")
        ],
    )


def test_many_to_many_rows_come_in_the_related_models_order(treatment):
    prefetched = TreatmentPage.objects.prefetch_related("routes").get(pk=treatment.pk)
    with CaptureQueriesContext(connection) as captured:
        inlined = inline(TreatmentPage.objects.all(), "routes").get(pk=treatment.pk)
        got = _typed(_rows(inlined.routes.all()))
    assert len(captured) == 1
    assert got == _typed(_rows(prefetched.routes.all()))
    assert [route.name for route in inlined.routes.all()] == ["Intravenous", "Nasal", "Oral"]


def test_selected_targets_load_with_the_rows_and_only_their_named_fields(treatment):
    page = inline(TreatmentPage.objects.all(), *TREATMENT_RELATIONS).get(pk=treatment.pk)
    stored = {
        link.condition_id: link.condition.translation_key
        for link in TreatmentCondition.objects.filter(treatment=treatment).select_related(
            "condition"
        )
    }
    with CaptureQueriesContext(connection) as captured:
        links = list(page.condition_links.all())
        keys = {link.condition_id: link.condition.translation_key for link in links}
        assert [link.note for link in links] == ["Note 0", "Note 1", "Note 2"]
        assert {link.condition.pk for link in links} == set(stored)
        digest = content_digest(page)
    assert len(captured) == 0
    assert keys == stored
    assert links[0].condition.get_deferred_fields() >= {"title", "slug"}
    assert digest == content_digest(TreatmentPage.objects.get(pk=treatment.pk))


def test_the_fallback_prefetches_the_same_rows(treatment):
    """What other databases get: ``inline`` turned into ``prefetch_related``."""
    lookups = [
        _prefetch(TreatmentPage, Inline(item) if isinstance(item, str) else item)
        for item in TREATMENT_RELATIONS
    ]
    prefetched = TreatmentPage.objects.prefetch_related(*lookups).get(pk=treatment.pk)
    inlined = inline(TreatmentPage.objects.all(), *TREATMENT_RELATIONS).get(pk=treatment.pk)
    with CaptureQueriesContext(connection) as captured:
        for name in ("routes", "condition_links"):
            assert _rows(getattr(prefetched, name).all()) == _rows(getattr(inlined, name).all())
        assert [link.condition.translation_key for link in prefetched.condition_links.all()] == [
            link.condition.translation_key for link in inlined.condition_links.all()
        ]
    assert len(captured) == 0


def test_fields_json_would_not_give_back_as_the_database_does_are_refused():
    for field in (
        models.DecimalField(max_digits=5, decimal_places=2),
        models.BinaryField(),
        models.JSONField(decoder=json.JSONDecoder),
        StreamField([]),
    ):
        with pytest.raises(TypeError, match="cannot be read back from JSON"):
            _check(field)
    for field in (
        models.CharField(),
        models.IntegerField(),
        models.DateTimeField(),
        models.UUIDField(),
        models.JSONField(),
    ):
        _check(field)
