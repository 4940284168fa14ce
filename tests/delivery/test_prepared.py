"""Compiled shapes run as statements prepared once per database session (``delivery.prepared``):
the same rows, PostgreSQL's plan reused, and nothing relied on that a new session lacks."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from content_models.models import TreatmentPage
from delivery import compiled, prepared
from tests.factories import TreatmentPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL sessions"),
]

TOKEN = "a-routing-token"


@pytest.fixture(autouse=True)
def _fresh_session_state():
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
    return compiled.run(TOKEN, "by slug", _by_slug, slug=slug)


def test_a_shape_is_prepared_once_and_executed_with_each_calls_values(treatments):
    with CaptureQueriesContext(connection) as first:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert [q["sql"].split()[0] for q in first.captured_queries] == ["PREPARE", "EXECUTE"]

    for _ in range(6):
        with CaptureQueriesContext(connection) as again:
            assert [page.title for page in _run("t-2")] == ["Treatment 2"]
        assert [q["sql"].split()[0] for q in again.captured_queries] == ["EXECUTE"]
    assert _run("nothing-here") == []
    ((name, generic, custom),) = _ours()
    # PostgreSQL plans the first few executions for their values, then reuses a generic plan.
    assert generic + custom == 8 and generic > 0


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # a session closed outside any test transaction
def test_a_new_session_prepares_again(treatments):
    _run("t-0")
    connection.close()  # what CONN_MAX_AGE, a failed health check or a restart does
    assert _ours() == []  # the new session has nothing prepared...
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    # ...and is not assumed to: the statement is prepared in it before it is executed.
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["PREPARE", "EXECUTE"]


def test_switched_off_the_shapes_run_as_plain_sql(treatments, settings):
    settings.DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as captured:
        assert [page.pk for page in _run("t-1")] == [treatments[1].pk]
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["SELECT"]
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
    compiled.run(TOKEN, "one", _by_slug, slug="t-0")
    compiled.run(TOKEN, "two", lambda slug: _by_slug(slug).only("id"), slug="t-1")
    assert len(_ours()) == 2
    # A third shape finds two kept (more than the maximum): they go, and so do their statements.
    assert [p.pk for p in compiled.run(TOKEN, "three", _by_slug, slug="t-2")] == [treatments[2].pk]
    assert len(_ours()) == 1
