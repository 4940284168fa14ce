"""Schemathesis against the published schema, through the WSGI application: for data that fits
the schema and data that does not, no 5xx, and every response (status, content type, headers,
body) conforms to the schema. Bounded so the suite stays fast."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}
# Parameters whose well-formed values can still name nothing that exists (a page beyond the
# last, an unknown slug): the API answers 400, which the schema cannot foresee.
DATA_DEPENDENT = {"page", "condition", "treatment", "route"}


@pytest.fixture
def wsgi_application():
    """The Django WSGI application, serving within the test's transaction: like Django's test
    client, it must not close the connection at the start and end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None},
    }


def test_the_api_conforms_to_its_schema(clinical, wsgi_application, unthrottled):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8

    for mode, operation in itertools.product(EXAMPLES, operations):

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            # Compression has its own tests (tests/delivery); here the bodies are read as sent.
            response = case.call(headers={"Accept-Encoding": "identity"})
            assert response.status_code < 500
            excluded = []
            if response.status_code == 400 and response.json()["parameter"] in DATA_DEPENDENT:
                # Well-formed but refers to nothing there is: a 400 by design.
                excluded.append(positive_data_acceptance)
            case.validate_response(response, excluded_checks=excluded)

        conforms()
