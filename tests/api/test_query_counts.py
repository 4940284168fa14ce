"""Every list endpoint runs the same number of SQL queries for 1, 10 and 100 items, embedded
related pages (and the signed check on them) included.

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


@pytest.fixture(autouse=True)
def _unprepared(settings):
    """Count the statements a request sends, not the one-off ``PREPARE`` of each shape on a
    session's first use of it (``delivery.prepared``, tested in ``test_prepared``): a prepared
    shape then runs as one ``EXECUTE``, query for query the same."""
    settings.DB_PREPARED_STATEMENTS = False


# The throttle's bookkeeping in the database cache the suite uses (none with Redis).
THROTTLE = 6
# The response cache's bookkeeping in the same database cache on a miss: read the content
# version, look the response up, store it and its validators. Search is not cached: it reads
# the version only.
CACHE_MISS = 9
VERSION = 1
# Once the process remembers the site and the private sections (``delivery.routing``), a
# request reads only the routing token for them. On SQLite (by explicit request) there is no
# token: both are looked up per request.
ROUTING = 1 if connection.vendor == "postgresql" else 2
# A list: routing, the count, the page, the embedded pages (one query of the links, one of the
# signed pages among them) and one query of review data.
LIST = CACHE_MISS + THROTTLE + ROUTING + 6
# Search: routing, one search per type, then for each type its page of items, their embedded
# pages (two queries) and their review data.
SEARCH = VERSION + THROTTLE + ROUTING + 2 + 2 * 4

ENDPOINTS = {
    # name: (path, params, results per pair of pages, most queries)
    "treatments": ("/api/v1/treatments/", {}, 1, LIST),
    "conditions": ("/api/v1/conditions/", {}, 1, LIST),
    "code lookup": ("/api/v1/conditions/", {"code": "ICD-10:M79.7"}, 1, LIST),
    "current reviews": ("/api/v1/treatments/", {"review_status": "current"}, 1, LIST),
    "search": ("/api/v1/search/", {"q": "quokka"}, 2, SEARCH),
}


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


def test_lists_run_a_constant_number_of_queries(
    api, treatment_index, condition_index, django_assert_max_num_queries
):
    draft = ConditionPageFactory(parent=condition_index, title="Quokka draft", live=False)
    api.get("/api/v1/conditions/")  # the process looks the site and private sections up once
    counts: dict[str, list[int]] = {name: [] for name in ENDPOINTS}
    for size in (1, 10, 100):
        _grow(treatment_index, condition_index, draft, size)
        for name, (path, params, per_item, most) in ENDPOINTS.items():
            with django_assert_max_num_queries(most) as captured:
                response = api.get(path, {**params, "page_size": 100})
            body = response.json()
            assert response.status_code == 200, body
            assert body["count"] == size * per_item, name
            assert len(body["results"]) == min(100, size * per_item)
            for item in body["results"]:
                embedded = item.get("conditions", item.get("treatments"))
                assert len(embedded) == 1, name
                assert embedded[0]["title"].startswith(("Quokka condition", "Quokka treatment"))
            counts[name].append(len(captured))
    for name, measured in counts.items():
        assert measured[0] == measured[1] == measured[2], (name, measured)
    print("queries at 1, 10, 100 items:", counts)  # noqa: T201


def test_a_detail_does_not_grow_with_its_links(api, treatment_index, condition_index):
    """A treatment's detail costs the same with one condition or twenty."""

    def detail_queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/treatments/{slug}/").status_code == 200
        return len(captured)

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

    api.get("/api/v1/conditions/")  # the process looks the site and private sections up once
    assert detail_queries("one") == detail_queries("twenty")


# A condition's detail, apart from the cache's and the throttle's bookkeeping: routing, then the
# page with its other names, codes and signed treatments in one query on PostgreSQL
# (``delivery.inlined``, ``detail_links``), then the sign-off of the content as served
# (``signing.signoffs.signoff_of``); elsewhere two prefetches, the links and the signed
# treatments among them on top.
CONDITION_DETAIL = ROUTING + (2 if connection.vendor == "postgresql" else 6)


def _content_queries(captured: CaptureQueriesContext) -> list[str]:
    bookkeeping = ("SAVEPOINT", "RELEASE SAVEPOINT")
    return [
        query["sql"]
        for query in captured.captured_queries
        if "delivery_cache" not in query["sql"] and not query["sql"].startswith(bookkeeping)
    ]


def test_a_condition_detail_does_not_grow_with_its_names_codes_and_treatments(
    api, treatment_index, condition_index
):
    def detail_queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(f"/api/v1/conditions/{slug}/")
        assert response.status_code == 200
        return len(_content_queries(captured)), response.json()

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
    api.get("/api/v1/conditions/")  # the process looks the site and private sections up once
    one, one_body = detail_queries("one")
    eight, eight_body = detail_queries("eight")
    assert len(eight_body["synonyms"]) == len(eight_body["codes"]) == 8
    assert [t["note"] for t in eight_body["treatments"]] == ["Noted."] * 8
    assert len(one_body["treatments"]) == 1
    assert one == eight == CONDITION_DETAIL
