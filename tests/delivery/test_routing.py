"""The site and the private sections are remembered per process under a routing token that
PostgreSQL triggers replace with the data, so whatever changes them — Django, raw SQL, a
rolled-back transaction — the next request sees the database as it is."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from api.context import ApiContext
from content_models.models import TreatmentCondition, TreatmentPage
from delivery.routing import current_token
from tests.factories import ConditionPageFactory, TreatmentIndexPageFactory, TreatmentPageFactory

from ..api.builders import make_private, other_site, publish_unsigned

pytestmark = [
    pytest.mark.django_db,
    # The token lives in PostgreSQL triggers; on SQLite (by explicit request) there is none,
    # and the site and private sections are looked up per request (see test_query_counts).
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="routing tokens are PostgreSQL triggers"
    ),
]

DETAIL = "/api/v1/treatments/routed/"


@pytest.fixture(autouse=True)
def _computed_responses(settings):
    """Every request computed, so what is measured is routing, not the response cache."""
    settings.API_RESPONSE_CACHE = False


@pytest.fixture
def treatment(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, slug="routed")


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _changes_token(action) -> bool:
    before = current_token()
    action()
    return current_token() != before


def test_the_token_is_read_from_the_database(treatment):
    assert current_token() is not None
    assert current_token() == current_token()


def test_site_privacy_and_tree_changes_replace_the_token(treatment, home_page):
    site = Site.objects.get(is_default_site=True)
    elsewhere = TreatmentIndexPageFactory(parent=home_page, slug="elsewhere")

    assert _changes_token(lambda: site.save())
    assert _changes_token(lambda: make_private(treatment))
    assert _changes_token(lambda: PageViewRestriction.objects.all().delete())
    assert _changes_token(lambda: treatment.move(elsewhere, pos="last-child"))
    assert _changes_token(lambda: _sql("UPDATE wagtailcore_site SET site_name = 'Raw'"))


def test_an_ordinary_page_save_keeps_the_token(treatment):
    def retitle():
        page = Page.objects.get(pk=treatment.pk)
        page.title = "Another title"
        page.save()

    assert not _changes_token(retitle)


def test_a_remembered_site_costs_no_site_or_restriction_query(api, treatment):
    assert api.get(DETAIL).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert api.get(DETAIL).status_code == 200

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables


def test_a_section_made_private_by_raw_sql_is_hidden_on_the_next_request(api, treatment):
    assert api.get(DETAIL).status_code == 200

    _sql(
        "INSERT INTO wagtailcore_pageviewrestriction (restriction_type, password, page_id) "
        "VALUES ('password', 'secret', %s)",
        [treatment.get_parent().pk],
    )
    assert api.get(DETAIL).status_code == 404

    _sql("DELETE FROM wagtailcore_pageviewrestriction")
    assert api.get(DETAIL).status_code == 200


def test_a_site_pointed_elsewhere_by_raw_sql_is_followed_on_the_next_request(api, treatment):
    assert api.get(DETAIL).status_code == 200

    _sql("UPDATE wagtailcore_site SET root_page_id = %s", [Page.get_first_root_node().pk])
    response = api.get(DETAIL)
    assert response.status_code == 200
    assert response.json()["url"].endswith("/home/treatments/routed/")


def test_moving_a_page_out_of_a_private_section_shows_it(api, treatment, home_page):
    private = TreatmentIndexPageFactory(parent=home_page, slug="private")
    make_private(private)
    treatment.move(private, pos="last-child")
    assert api.get(DETAIL).status_code == 404

    treatment.refresh_from_db()
    treatment.move(home_page.get_children().get(slug="treatments"), pos="last-child")
    assert api.get(DETAIL).status_code == 200


def test_a_rolled_back_change_takes_its_token_and_its_routing_with_it(api, treatment):
    """The failure a token kept outside the database allowed: routing remembered for a state
    that a rollback then undid, still used afterwards."""
    before = current_token()
    assert api.get(DETAIL).status_code == 200

    with pytest.raises(RuntimeError), transaction.atomic():
        make_private(treatment)
        assert api.get(DETAIL).status_code == 404
        raise RuntimeError("roll back")

    assert current_token() == before
    assert api.get(DETAIL).status_code == 200
    make_private(treatment)
    assert api.get(DETAIL).status_code == 404


def test_another_host_gets_its_own_site(api, treatment):
    site = other_site("127.0.0.1")
    ConditionPageFactory(parent=site["conditions"], slug="elsewhere-only")

    assert api.get("/api/v1/conditions/elsewhere-only/").status_code == 404
    assert api.get("/api/v1/conditions/elsewhere-only/", HTTP_HOST="127.0.0.1").status_code == 200
    assert api.get(DETAIL, HTTP_HOST="127.0.0.1").status_code == 404
    assert api.get(DETAIL).status_code == 200


def test_remembered_querysets_are_handed_out_as_fresh_copies(treatment, rf):
    ctx = ApiContext.for_request(rf.get("/"))
    first = ctx.pages(TreatmentPage)
    assert [page.slug for page in first] == ["routed"]

    second = ApiContext.for_request(rf.get("/")).pages(TreatmentPage)
    assert second is not first and second.query is not first.query
    assert second._result_cache is None
    TreatmentPageFactory(parent=treatment.get_parent(), slug="another")
    assert sorted(page.slug for page in second) == ["another", "routed"]


def test_the_signed_only_switch_is_part_of_what_is_remembered(api, treatment, settings):
    publish_unsigned(treatment)
    assert api.get("/api/v1/treatments/").json()["count"] == 0

    settings.CLINICAL_SERVE_SIGNED_ONLY = False  # layer 2 off, as the attack tests do
    assert api.get("/api/v1/treatments/").json()["count"] == 1
    settings.CLINICAL_SERVE_SIGNED_ONLY = True
    assert api.get("/api/v1/treatments/").json()["count"] == 0


def test_the_signed_only_switch_is_part_of_a_remembered_detail(
    api, treatment, condition_index, settings
):
    """A condition's detail reads its servable treatments along with it: what was remembered
    with layer 2 off must not answer once it is back on."""
    condition = ConditionPageFactory(parent=condition_index, slug="treated")
    publish_unsigned(treatment, condition_links=[TreatmentCondition(condition=condition)])
    path = f"/api/v1/conditions/{condition.slug}/"

    settings.CLINICAL_SERVE_SIGNED_ONLY = False  # layer 2 off, as the attack tests do
    assert [item["slug"] for item in api.get(path).json()["treatments"]] == [treatment.slug]
    settings.CLINICAL_SERVE_SIGNED_ONLY = True
    assert api.get(path).json()["treatments"] == []
