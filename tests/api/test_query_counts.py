"""Every read of documents is one query, whatever it holds: a page of a list (the page and
the total together), a detail, a path lookup, the kiosk bundle (and one more for ``?since=``).
Search runs Wagtail's search backend first and is allowed a constant number more.

Each treatment treats its own signed condition and a draft condition; each condition has the
same medical code and a word every page shares, so the code lookup and the search return every
page. The draft conditions must neither appear nor cost a query.
"""

from __future__ import annotations

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_models.models import ConditionCode, ConditionSynonym, TreatmentCondition, TreatmentPage
from tests.factories import ConditionPageFactory, TreatmentPageFactory

from .builders import signed_in_bulk

pytestmark = pytest.mark.django_db

# The servable document ids, the search, the page of items, then the sites' last change for
# Last-Modified (search is answered and validated like any computed answer).
SEARCH = 4

ENDPOINTS = {
    # name: (path, params, results per pair of pages, queries)
    "treatments": ("/api/v1/treatments/", {}, 1, 1),
    "conditions": ("/api/v1/conditions/", {}, 1, 1),
    "code lookup": ("/api/v1/conditions/", {"code": "ICD-10:M79.7"}, 1, 1),
    "current reviews": ("/api/v1/treatments/", {"review_status": "current"}, 1, 1),
    "search": ("/api/v1/search/", {"q": "quokka"}, 2, SEARCH),
}


def _queries(captured: CaptureQueriesContext) -> list[str]:
    """What a request asked the database, without the savepoints the test transaction adds."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def _grow(treatment_index, condition_index, draft, count: int) -> None:
    """Add signed condition/treatment pairs until there are ``count`` of each."""
    missing = count - TreatmentPage.objects.live().count()
    conditions = signed_in_bulk(
        ConditionPageFactory,
        condition_index,
        missing,
        title=factory.Sequence(lambda n: f"Quokka condition {n}"),
        each=lambda _: {"codes": [ConditionCode(system="ICD-10", code="M79.7")]},
    )
    signed_in_bulk(
        TreatmentPageFactory,
        treatment_index,
        missing,
        title=factory.Sequence(lambda n: f"Quokka treatment {n}"),
        each=lambda index: {
            "condition_links": [
                TreatmentCondition(condition=conditions[index], note="Signed."),
                TreatmentCondition(condition=draft, note="Draft."),
            ]
        },
    )


def test_lists_run_a_constant_number_of_queries(api, treatment_index, condition_index):
    draft = ConditionPageFactory(parent=condition_index, title="Quokka draft", live=False)
    counts: dict[str, list[int]] = {name: [] for name in ENDPOINTS}
    for size in (1, 10, 60):
        _grow(treatment_index, condition_index, draft, size)
        for name, (path, params, per_item, expected) in ENDPOINTS.items():
            with CaptureQueriesContext(connection) as captured:
                response = api.get(path, {**params, "page_size": 100})
            assert len(_queries(captured)) == expected, (name, _queries(captured))
            body = response.json()
            assert response.status_code == 200, body
            assert body["count"] == size * per_item, name
            assert len(body["results"]) == min(100, size * per_item)
            for item in body["results"]:
                embedded = item.get("conditions", item.get("treatments"))
                assert len(embedded) == 1, name
                assert embedded[0]["title"].startswith(("Quokka condition", "Quokka treatment"))
            counts[name].append(len(_queries(captured)))
    print("queries at 1, 10, 60 items:", counts)  # noqa: T201


def test_a_detail_is_one_query_with_one_link_or_twenty(api, treatment_index, condition_index):
    def detail_queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/treatments/{slug}/").status_code == 200
        return len(_queries(captured))

    conditions = signed_in_bulk(ConditionPageFactory, condition_index, 20)
    links = "".join(f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in conditions)
    TreatmentPageFactory(
        parent=treatment_index,
        slug="one",
        what_it_is=f'<p><a linktype="page" id="{conditions[0].pk}">x</a></p>',
        condition_links=[TreatmentCondition(condition=conditions[0])],
    )
    TreatmentPageFactory(
        parent=treatment_index,
        slug="twenty",
        what_it_is=f"<p>{links}</p>",
        condition_links=[TreatmentCondition(condition=page) for page in conditions],
    )

    assert detail_queries("one") == detail_queries("twenty") == 1
    for path in ("/treatments/one/", "/treatments/twenty/"):
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/pages/", {"path": path}).status_code == 200
        assert len(_queries(captured)) == 1


def test_a_condition_detail_does_not_grow_with_its_names_codes_and_treatments(
    api, treatment_index, condition_index
):
    def detail_queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(f"/api/v1/conditions/{slug}/")
        assert response.status_code == 200
        return len(_queries(captured)), response.json()

    def condition(slug: str, count: int) -> None:
        (page,) = signed_in_bulk(
            ConditionPageFactory,
            condition_index,
            1,
            slug=slug,
            synonyms=[ConditionSynonym(name=f"Name {n}") for n in range(count)],
            codes=[ConditionCode(system="ICD-10", code=f"M79.{n}") for n in range(count)],
        )
        signed_in_bulk(
            TreatmentPageFactory,
            treatment_index,
            count,
            slug=factory.Sequence(lambda n: f"{slug}-treatment-{n}"),
            each=lambda _: {"condition_links": [TreatmentCondition(condition=page, note="Noted.")]},
        )

    condition("one", 1)
    condition("eight", 8)
    one, one_body = detail_queries("one")
    eight, eight_body = detail_queries("eight")
    assert len(eight_body["synonyms"]) == len(eight_body["codes"]) == 8
    assert [t["note"] for t in eight_body["treatments"]] == ["Noted."] * 8
    assert len(one_body["treatments"]) == 1
    assert one == eight == 1


def test_an_empty_page_and_an_unknown_slug_cost_one_query_more(api, treatment_index):
    TreatmentPageFactory(parent=treatment_index, slug="only")
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/treatments/", {"route": "nowhere"}).status_code == 400
    assert len(_queries(captured)) == 2  # the empty page, then: is there such a route?
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/conditions/", {"code": "ICD-10:Z99.9"}).status_code == 200
    # The empty page, then the site (and when its documents changed, for Last-Modified).
    assert len(_queries(captured)) == 2
