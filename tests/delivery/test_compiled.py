"""Querysets compiled once and run again with new values (``delivery.compiled``): each call
answers for its own values, related objects and prefetches still load, and a shape whose
values do not reach the SQL as themselves is never reused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from content_models.models import TreatmentPage
from delivery import compiled
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unprepared(settings):
    """Count the statements a request sends, not the one-off ``PREPARE`` of each shape on a
    session's first use of it (``delivery.prepared``, tested in ``test_prepared``): a prepared
    shape then runs as one ``EXECUTE``, query for query the same."""
    settings.DB_PREPARED_STATEMENTS = False


TOKEN = "a-routing-token"


@pytest.fixture
def treatments(treatment_index):
    return [
        TreatmentPageFactory(parent=treatment_index, slug=f"t-{n}", title=f"Treatment {n}")
        for n in range(4)
    ]


@pytest.fixture(autouse=True)
def _no_shapes_kept_between_tests():
    connections["default"].__dict__.pop("_delivery_compiled_shapes", None)
    yield
    connections["default"].__dict__.pop("_delivery_compiled_shapes", None)


def _shapes() -> dict:
    return connections["default"].__dict__.get("_delivery_compiled_shapes", {})


def _by_slug(slug: str):
    return TreatmentPage.objects.filter(slug=slug).order_by("path")[:1]


def _by_ids(ids: list[int]):
    return TreatmentPage.objects.filter(pk__in=ids).order_by("title").only("id", "title")


def test_one_compiled_shape_answers_each_call_with_its_own_values(treatments, monkeypatch):
    compilations = []
    compile_shape = compiled._compile
    monkeypatch.setattr(
        compiled, "_compile", lambda *args: compilations.append(args) or compile_shape(*args)
    )
    with CaptureQueriesContext(connection) as queries:
        first = compiled.run(TOKEN, "by slug", _by_slug, slug="t-1")
        second = compiled.run(TOKEN, "by slug", _by_slug, slug="t-3")
        missing = compiled.run(TOKEN, "by slug", _by_slug, slug="nothing-here")

    assert [page.pk for page in first] == [treatments[1].pk]
    assert [page.pk for page in second] == [treatments[3].pk]
    assert missing == []
    assert len(compilations) == 1
    assert [type(shape) for shape in _shapes().values()] == [compiled._Shape]
    assert len(queries.captured_queries) == 3
    assert isinstance(second[0], TreatmentPage) and second[0].title == "Treatment 3"


def test_lists_are_compiled_once_per_length(treatments):
    ids = [page.pk for page in treatments]
    two = compiled.run(TOKEN, "by ids", _by_ids, ids=[ids[3], ids[0]])
    three = compiled.run(TOKEN, "by ids", _by_ids, ids=[ids[2], ids[1], ids[3]])
    two_again = compiled.run(TOKEN, "by ids", _by_ids, ids=[ids[1], ids[2]])

    assert [page.title for page in two] == ["Treatment 0", "Treatment 3"]
    assert [page.title for page in three] == ["Treatment 1", "Treatment 2", "Treatment 3"]
    assert [page.title for page in two_again] == ["Treatment 1", "Treatment 2"]
    assert [type(shape) for shape in _shapes().values()] == [compiled._Shape] * 2


def test_an_empty_list_asks_the_database_nothing(treatments, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert compiled.run(TOKEN, "by ids", _by_ids, ids=[]) == []
    assert not _shapes()


def test_a_very_long_list_is_built_per_call(treatments, monkeypatch):
    monkeypatch.setattr(compiled, "_MAX_LIST", 3)
    ids = [page.pk for page in treatments]
    assert [p.title for p in compiled.run(TOKEN, "by ids", _by_ids, ids=ids)] == [
        f"Treatment {n}" for n in range(4)
    ]
    assert not _shapes()
    compiled.run(TOKEN, "by ids", _by_ids, ids=ids[:3])
    assert [type(shape) for shape in _shapes().values()] == [compiled._Shape]


def test_related_objects_and_prefetches_load_as_before(treatments, django_assert_num_queries):
    def with_relations(slug: str):
        return (
            TreatmentPage.objects.select_related("owner")
            .prefetch_related("condition_links")
            .filter(slug=slug)[:1]
        )

    compiled.run(TOKEN, "relations", with_relations, slug="t-0")
    assert [type(shape) for shape in _shapes().values()] == [compiled._Shape]
    with django_assert_num_queries(2):  # the page with its owner, then its condition links
        (page,) = compiled.run(TOKEN, "relations", with_relations, slug="t-2")
        assert page.pk == treatments[2].pk
        assert "owner" in page._state.fields_cache
        assert list(page.condition_links.all()) == []


def test_a_value_that_is_transformed_on_its_way_to_the_sql_is_never_reused(treatments):
    def containing(text: str):
        return TreatmentPage.objects.filter(title__icontains=text).order_by("title")

    assert [p.title for p in compiled.run(TOKEN, "contains", containing, text="ent 2")] == [
        "Treatment 2"
    ]
    assert [p.title for p in compiled.run(TOKEN, "contains", containing, text="ent 3")] == [
        "Treatment 3"
    ]
    assert list(_shapes().values()) == [compiled._NOT_COMPILABLE]


def test_a_placeholder_that_decides_the_query_is_not_compiled(treatments):
    """Django drops a condition on an integer beyond the field's range: the placeholder would
    stand for no value at all, so the shape is built per call."""
    from wagtail.models import Page

    def at_depth(depth: int):
        return Page.objects.filter(depth=depth).order_by("path")

    depth = treatments[0].depth
    found = compiled.run(TOKEN, "depth", at_depth, depth=depth)
    assert {page.pk for page in treatments} <= {page.pk for page in found}
    assert list(_shapes().values()) == [compiled._NOT_COMPILABLE]


def test_without_a_routing_token_nothing_is_kept(treatments):
    assert [p.pk for p in compiled.run(None, "by slug", _by_slug, slug="t-1")] == [treatments[1].pk]
    assert not _shapes()


def test_each_connection_keeps_its_own_shapes(treatments):
    compiled.run(TOKEN, "by slug", _by_slug, slug="t-1")
    seen = {}

    def other_thread():
        try:
            seen["shapes"] = "_delivery_compiled_shapes" in connections["default"].__dict__
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen["shapes"] is False
    assert len(_shapes()) == 1


def test_details_run_their_page_query_compiled(api, treatments, settings):
    settings.API_RESPONSE_CACHE = False
    for page in treatments[:3]:
        response = api.get(f"/api/v1/treatments/{page.slug}/")
        assert response.status_code == 200
        assert response.json()["title"] == page.title
    shapes = list(_shapes().values())
    # The page by slug (its sign-off read along with it), shared by every slug; on SQLite (no
    # routing token) nothing is kept.
    assert len(shapes) == (1 if connection.vendor == "postgresql" else 0)
    assert all(isinstance(shape, compiled._Shape) for shape in shapes)
    assert api.get("/api/v1/treatments/no-such-page/").status_code == 404


def test_lists_run_their_links_and_review_queries_compiled(api, treatments, settings):
    settings.API_RESPONSE_CACHE = False
    for size in (2, 3, 2):
        body = api.get("/api/v1/treatments/", {"page_size": size}).json()
        assert [item["title"] for item in body["results"]] == [
            f"Treatment {n}" for n in range(size)
        ]
        assert all(item["review"]["status"] == "current" for item in body["results"])
    shapes = list(_shapes().values())
    # Per batch size (2 and 3): the links of the batch and its review data.
    assert len(shapes) == (4 if connection.vendor == "postgresql" else 0)
    assert all(isinstance(shape, compiled._Shape) for shape in shapes)
