"""Errors: RFC 9457 problem bodies for bad input (400), unknown paths (404), other methods (405)
and too many requests (429), each naming what went wrong."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
UNKNOWN = "urn:clinical-content-api:problem:unknown-parameter"
INVALID = "urn:clinical-content-api:problem:invalid-parameter"

BAD_INPUT = [
    # (endpoint, query, offending parameter, problem type)
    ("/api/v1/treatments/", "pgae=2", "pgae", UNKNOWN),
    ("/api/v1/treatments/", "format=xml", "format", UNKNOWN),
    ("/api/v1/conditions/", "sort=title", "sort", UNKNOWN),
    ("/api/v1/search/", "q=pain&query=pain", "query", UNKNOWN),
    ("/api/v1/treatments/", "page=two", "page", INVALID),
    ("/api/v1/treatments/", "page=0", "page", INVALID),
    ("/api/v1/treatments/", "page=-1", "page", INVALID),
    ("/api/v1/treatments/", "page=1.5", "page", INVALID),
    ("/api/v1/treatments/", "page=99999999999999999999", "page", INVALID),
    ("/api/v1/treatments/", "page=3", "page", INVALID),  # beyond the last page
    ("/api/v1/treatments/", "page=1&page=2", "page", INVALID),
    ("/api/v1/treatments/", "page_size=0", "page_size", INVALID),
    ("/api/v1/treatments/", "page_size=101", "page_size", INVALID),
    ("/api/v1/conditions/", "page_size=", "page_size", INVALID),
    ("/api/v1/treatments/", "ordering=price", "ordering", INVALID),
    ("/api/v1/conditions/", "ordering=-summary", "ordering", INVALID),
    ("/api/v1/treatments/", "review_status=stale", "review_status", INVALID),
    ("/api/v1/treatments/", "condition=no-such-condition", "condition", INVALID),
    ("/api/v1/treatments/", "condition=not%20a%20slug", "condition", INVALID),
    ("/api/v1/treatments/", "route=telepathy", "route", INVALID),
    ("/api/v1/conditions/", "treatment=no-such-treatment", "treatment", INVALID),
    ("/api/v1/conditions/", "code=LOINC:1234-5", "code", INVALID),  # unknown system
    ("/api/v1/conditions/", "code=ICD-10:123", "code", INVALID),  # malformed ICD-10
    ("/api/v1/conditions/", "code=SNOMED-CT:0123", "code", INVALID),  # malformed SNOMED CT
    ("/api/v1/conditions/", "code=G90.5", "code", INVALID),  # no system
    ("/api/v1/conditions/", "code=ICD-10:", "code", INVALID),
    ("/api/v1/search/", "", "q", INVALID),  # required
    ("/api/v1/search/", "q=", "q", INVALID),
    ("/api/v1/search/", "q=" + "a" * 201, "q", INVALID),  # overlong
    ("/api/v1/search/", "q=pain%00", "q", INVALID),  # a control character
    ("/api/v1/search/", "q=pain&type=drug", "type", INVALID),
    ("/api/v1/pages/", "", "path", INVALID),
    ("/api/v1/pages/", "path=treatments/", "path", INVALID),  # not a path
    ("/api/v1/pages/", "path=/a?b", "path", INVALID),
    ("/api/v1/pages/", "path=/" + "a" * 1000, "path", INVALID),
]


@pytest.fixture
def two_pages(treatment_index):
    """Enough treatments for two pages of one."""
    from tests.factories import TreatmentPageFactory

    TreatmentPageFactory(parent=treatment_index)
    TreatmentPageFactory(parent=treatment_index)


def test_bad_input_answers_400_naming_the_parameter(api, openapi, two_pages):
    for endpoint, query, parameter, problem_type in BAD_INPUT:
        cache.clear()  # the throttle counts these requests too
        request = f"{endpoint}?{query}"
        response = api.get(request)

        assert response.status_code == 400, request
        assert response["Content-Type"] == PROBLEM, request
        body = response.json()
        assert body["type"] == problem_type, request
        assert body["status"] == 400
        assert body["title"] in ("Unknown query parameter", "Invalid query parameter")
        assert body["parameter"] == parameter, request
        assert parameter in body["detail"] or "Page" in body["detail"], request
        openapi.validate(endpoint, response)
    # The same requests, corrected, succeed: the 400s above are about the input alone.
    assert api.get("/api/v1/treatments/?page=2&page_size=1").status_code == 200


def test_problem_details_say_what_is_wrong(api, two_pages):
    typo = api.get("/api/v1/treatments/", {"pgae": "2"}).json()
    beyond = api.get("/api/v1/treatments/", {"page": "3"}).json()
    code = api.get("/api/v1/conditions/", {"code": "ICD-10:123"}).json()

    assert "condition, locale, ordering, page, page_size, review_status, route" in typo["detail"]
    assert beyond["detail"] == "Page 3 is beyond the last page (1) of 2 results."
    assert "a letter, two characters" in code["detail"]


def test_the_first_page_of_nothing_is_an_empty_page(api, home_page):
    response = api.get("/api/v1/treatments/", {"page": "1"})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/nothing-here/",
        "/api/v1/treatments/a/b/",
        "/api/v1/treatment/",
        "/api/v1/treatments/%00/",
        "/api/v1/treatments/" + "a" * 300 + "/",
        "/api/v1/conditions/not%20a%20slug/",
        "/api/v1/treatments/no-such-treatment/",
    ],
)
def test_unknown_paths_answer_the_404_problem(api, home_page, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Nothing is published at this address.",
    }


@pytest.mark.parametrize("path", ["//[x/", "//a%EF%BC%83b/"])
def test_a_path_a_url_parser_reads_as_a_host_is_not_found(api, home_page, path):
    response = api.get(f"/api/v1/pages/?path={path}")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("version=%0A", "version"), ("format=xml", "format"), ("lang=xx", "lang"), ("x=1", "x")],
)
def test_the_schema_answers_400_to_a_parameter_it_does_not_take(api, query, parameter):
    response = api.get(f"/api/v1/schema/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["parameter"] == parameter
    assert api.get("/api/v1/schema/?format=json&lang=en").status_code == 200


def test_the_docs_take_only_what_they_pass_on_to_the_schema(api):
    assert api.get("/api/v1/docs/?lang=en").status_code == 200
    for query, parameter in (("version=1", "version"), ("lang=de", "lang")):
        response = api.get(f"/api/v1/docs/?{query}")
        assert response.status_code == 400
        assert response.json()["parameter"] == parameter


def test_a_missing_trailing_slash_is_redirected(api, home_page):
    response = api.get("/api/v1/treatments?page=1")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/treatments/?page=1"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(api, home_page, method):
    response = getattr(api, method)("/api/v1/treatments/", {}, content_type="application/json")
    elsewhere = getattr(api, method)("/api/v1/nothing-here/")

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["title"] == "Method Not Allowed"
    assert response.json()["detail"].startswith(method.upper())
    assert elsewhere.status_code == 404
    assert elsewhere["Content-Type"] == PROBLEM


def test_json_whatever_the_accept_header(api, home_page):
    response = api.get("/api/v1/treatments/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_too_many_requests_answer_429_with_retry_after(api, openapi, home_page, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }

    first = api.get("/api/v1/search/", {"q": "pain"})
    second = api.get("/api/v1/search/", {"q": "pain"})
    third = api.get("/api/v1/search/", {"q": "pain"})

    assert first.status_code == second.status_code == 200
    assert third.status_code == 429
    assert third["Content-Type"] == PROBLEM
    assert 0 < int(third["Retry-After"]) <= 60
    body = third.json()
    assert (body["status"], body["title"]) == (429, "Too Many Requests")
    assert "Try again in" in body["detail"]
    openapi.validate("/api/v1/search/", third)
    # Another client is not held back.
    assert api.get("/api/v1/search/", {"q": "pain"}, REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_the_schema_and_its_docs_answer_429_as_a_json_problem(api, settings, path):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"},
    }
    assert api.get(path).status_code == 200

    throttled = api.get(path)
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == PROBLEM
    assert throttled.json()["status"] == 429


def test_the_throttle_rate_comes_from_the_setting(api, home_page, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},
    }

    statuses = [api.get("/api/v1/treatments/", {"page_size": n}).status_code for n in range(1, 7)]

    assert statuses == [200] * 5 + [429]


def test_every_read_is_throttled_and_a_304_counts_too(api, home_page, settings):
    """There is no response cache to answer before the throttle: every request counts."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }

    first = api.get("/api/v1/treatments/")
    again = api.get("/api/v1/treatments/", HTTP_IF_NONE_MATCH=first["ETag"])
    third = api.get("/api/v1/treatments/")

    assert [first.status_code, again.status_code, third.status_code] == [200, 304, 429]


def test_behind_a_proxy_each_client_has_its_own_throttle(api, home_page, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"},
        "NUM_PROXIES": 1,
    }

    def search(client_address: str) -> int:
        return api.get(
            "/api/v1/search/", {"q": "pain"}, HTTP_X_FORWARDED_FOR=client_address
        ).status_code

    assert [search("203.0.113.1"), search("203.0.113.2")] == [200, 200]
    assert search("203.0.113.1") == 429


def test_made_up_forwarded_addresses_do_not_buy_more_requests(api, home_page, settings):
    """Without proxies configured the throttle counts REMOTE_ADDR; behind one proxy, it counts
    the address that proxy appended, not what the client wrote before it."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }

    def search(forwarded: str) -> int:
        return api.get("/api/v1/search/", {"q": "pain"}, HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0  # the default: no proxy trusted
    assert [search(f"198.51.100.{n}") for n in range(1, 5)] == [200, 200, 429, 429]

    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    spoofed = [search(f"198.51.100.{n}, 203.0.113.7") for n in range(1, 5)]
    assert spoofed == [200, 200, 429, 429]
