"""Compiled shapes run as statements prepared once per database session (``delivery.prepared``):
the same rows, PostgreSQL's plan reused, and nothing relied on that a new session lacks."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from content_models.models import TreatmentPage
from delivery import compiled, prepared
from tests.factories import ConditionPageFactory, TreatmentPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL sessions"),
]

TOKEN = "a-routing-token"


@pytest.fixture(autouse=True)
def _persistent_connections(monkeypatch):
    """As in production (``DB_CONN_MAX_AGE``): statements are prepared only on connections
    that outlive a request."""
    monkeypatch.setitem(connections["default"].settings_dict, "CONN_MAX_AGE", 60)


@pytest.fixture(autouse=True)
def _fresh_session_state(_persistent_connections):
    connections["default"].__dict__.pop("_delivery_compiled_shapes", None)
    prepared.forget(connections["default"])
    yield
    connections["default"].__dict__.pop("_delivery_compiled_shapes", None)
    prepared.forget(connections["default"])


@pytest.fixture
def treatments(treatment_index):
    return [
        TreatmentPageFactory(parent=treatment_index, slug=f"t-{n}", title=f"Treatment {n}")
        for n in range(3)
    ]


def _by_slug(slug: str):
    return TreatmentPage.objects.filter(slug=slug, depth__gte=2).order_by("path")[:1]


def _ours() -> list[tuple[str, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE name LIKE 'delivery%%'"
        )
        return cursor.fetchall()


def _run(slug: str) -> list:
    return compiled.run(TOKEN, "by slug", _by_slug, prepare=True, slug=slug)


def test_a_shape_is_prepared_once_and_executed_with_each_calls_values(treatments):
    with CaptureQueriesContext(connection) as first:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert _verbs(first) == ["PREPARE", "EXECUTE"]

    for _ in range(6):
        with CaptureQueriesContext(connection) as again:
            assert [page.title for page in _run("t-2")] == ["Treatment 2"]
        assert _verbs(again) == ["EXECUTE"]
    assert _run("nothing-here") == []
    ((name, generic, custom),) = _ours()
    # PostgreSQL plans the first few executions for their values, then reuses a generic plan.
    assert generic + custom == 8 and generic > 0


# Tests that close the session or make a statement fail run outside a test transaction (a
# failed statement is answered again as plain SQL only outside one), restoring the database.
_OUTSIDE_A_TRANSACTION = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _verbs(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"].split()[0] for query in captured.captured_queries]


@_OUTSIDE_A_TRANSACTION
def test_a_new_session_prepares_again(treatments):
    _run("t-0")
    connection.close()  # what CONN_MAX_AGE, a failed health check or a restart does
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    # The new session is not assumed to hold the statement: it is prepared in it first.
    assert _verbs(captured) == ["PREPARE", "EXECUTE"]


@_OUTSIDE_A_TRANSACTION
def test_a_statement_the_session_lost_is_answered_as_plain_sql_then_prepared_again(treatments):
    _run("t-0")
    ((name, _, _),) = _ours()
    with connection.cursor() as cursor:
        cursor.execute(f"DEALLOCATE {name}")  # behind the record's back
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert _verbs(captured)[-1] == "SELECT"  # the failed EXECUTE, answered as plain SQL
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-2")] == [treatments[2].pk]
    assert _verbs(captured) == ["PREPARE", "EXECUTE"]


@_OUTSIDE_A_TRANSACTION
def test_a_statement_the_session_already_holds_is_answered_then_prepared_again(treatments):
    _run("t-0")
    prepared._prepared.pop(connection.connection)  # a pooled session outliving its record
    assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-2")] == [treatments[2].pk]
    assert _verbs(captured) == ["PREPARE", "EXECUTE"]
    assert len(_ours()) == 1


def test_connections_closed_after_each_request_prepare_nothing(treatments, monkeypatch):
    monkeypatch.setitem(connections["default"].settings_dict, "CONN_MAX_AGE", 0)
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert _verbs(captured) == ["SELECT"]
    assert _ours() == []


def test_only_shapes_marked_for_it_are_prepared(api, treatments, settings):
    """A generic plan cannot see values some shapes need (a list's path prefix): a list's
    compiled shapes run as plain SQL."""
    settings.API_RESPONSE_CACHE = False
    assert compiled.run(TOKEN, "by slug", _by_slug, slug="t-1")[0].pk == treatments[1].pk
    for _ in range(2):
        assert api.get("/api/v1/treatments/").json()["count"] == 3
    assert _ours() == []


def test_a_condition_detail_is_served_the_same_from_its_prepared_statement(
    api, condition_index, settings
):
    settings.API_RESPONSE_CACHE = False
    ConditionPageFactory(parent=condition_index, slug="crps", title="CRPS")
    api.get("/api/v1/conditions/crps/")  # routing looked up; the statement prepared
    with CaptureQueriesContext(connection) as captured:
        served = api.get("/api/v1/conditions/crps/")
    assert served.status_code == 200 and served.json()["title"] == "CRPS"
    verbs = _verbs(captured)
    assert "EXECUTE" in verbs and "PREPARE" not in verbs
    settings.DB_PREPARED_STATEMENTS = False
    assert api.get("/api/v1/conditions/crps/").json() == served.json()


def test_switched_off_the_shapes_run_as_plain_sql(treatments, settings):
    settings.DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert _verbs(captured) == ["SELECT"]
    assert _ours() == []


def test_literal_percent_signs_and_untyped_parameters_survive_preparing():
    sql = prepared.statement("SELECT %s AS a, 'x%%' || %s AS b, %s + 1 AS c", ["v", "w", 41])
    assert sql.startswith("EXECUTE delivery_")
    with connection.cursor() as cursor:
        cursor.execute(sql, ["v", "w", 41])
        assert cursor.fetchone() == ("v", "x%w", 42)


def test_values_of_other_types_are_not_prepared():
    sql = "SELECT %s::date"
    assert prepared.statement(sql, [datetime.date(2026, 11, 28)]) == sql
    assert _ours() == []


def test_dropping_the_shapes_deallocates_their_statements(treatments, monkeypatch):
    monkeypatch.setattr(compiled, "_MAX_SHAPES", 1)
    compiled.run(TOKEN, "one", _by_slug, prepare=True, slug="t-0")
    compiled.run(TOKEN, "two", lambda slug: _by_slug(slug).only("id"), prepare=True, slug="t-1")
    assert len(_ours()) == 2
    # A third shape finds two kept (more than the maximum): they go, and so do their statements.
    third = compiled.run(TOKEN, "three", _by_slug, prepare=True, slug="t-2")
    assert [page.pk for page in third] == [treatments[2].pk]
    assert len(_ours()) == 1
