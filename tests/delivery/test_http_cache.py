"""Public GETs carry validators and a public caching policy; matching conditional requests
answer 304; whatever changes what is public is served by the very next read, with new
validators (there is no cache inside the application to retire)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from content_models.models import TreatmentPage
from tests.api.builders import make_private
from tests.factories import (
    ClinicFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    UserFactory,
)
from tests.factories.signing import sign, sign_and_publish

pytestmark = pytest.mark.django_db

DETAIL = "/api/v1/treatments/cached-therapy/"
LIST = "/api/v1/treatments/"


@pytest.fixture
def treatment(treatment_index):
    clinic = ClinicFactory(phone="Phone one")
    return TreatmentPageFactory(
        parent=treatment_index, title="Cached therapy", slug="cached-therapy", clinic=clinic
    )


def test_public_api_reads_carry_validators_and_a_public_policy(api, treatment, settings):
    settings.API_CACHE_MAX_AGE = 42
    settings.API_CACHE_STALE_WHILE_REVALIDATE = 600

    for path in (LIST, DETAIL, "/api/v1/search/?q=cached", "/api/v1/schema/", "/api/v1/docs/"):
        response = api.get(path)
        assert response.status_code == 200, path
        assert response["ETag"].startswith('"'), path
        assert response["Last-Modified"].endswith("GMT"), path
        # Browsers revalidate every time; shared caches (purged on publish) keep it 42 s, and
        # only they may serve it stale while refreshing.
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=42", path
        assert response["CDN-Cache-Control"] == "max-age=42, stale-while-revalidate=600", path
        vary = {value.strip().lower() for value in response["Vary"].split(",")}
        assert {"origin", "accept-encoding"} <= vary, path


def test_a_matching_etag_answers_304_without_a_body(api, treatment):
    first = api.get(DETAIL)

    again = api.get(DETAIL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["CDN-Cache-Control"] == first["CDN-Cache-Control"]
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    listed = f'"something-else", W/{first["ETag"]}'
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH=listed).status_code == 304
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH="*").status_code == 304


def test_a_failed_precondition_answers_412(api, treatment):
    etag = api.get(DETAIL)["ETag"]

    assert api.get(DETAIL, HTTP_IF_MATCH='"something-else"').status_code == 412
    assert api.get(DETAIL, HTTP_IF_MATCH=etag).status_code == 200
    earlier = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert api.get(DETAIL, HTTP_IF_UNMODIFIED_SINCE=earlier).status_code == 412


def test_a_304_is_never_answered_for_an_etag_from_before_a_change(api, treatment):
    first = api.get(DETAIL)
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    treatment.summary = "A changed summary."
    sign_and_publish(treatment)

    changed = api.get(DETAIL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_a_compressed_answer_has_a_weak_etag_that_still_answers_304(api, treatment):
    compressed = api.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert compressed["ETag"].startswith('W/"')

    again = api.get(LIST, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])

    assert again.status_code == 304
    # The plain representation has the strong form of the same tag.
    assert api.get(LIST)["ETag"] == compressed["ETag"].removeprefix("W/")


def test_if_modified_since_answers_304_until_something_changes(api, treatment):
    first = api.get(DETAIL)

    assert api.get(DETAIL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        treatment.summary = "A changed summary."
        sign_and_publish(treatment)
        assert api.get(DETAIL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_last_modified_moves_to_the_start_of_each_new_day(api, treatment, settings, zone):
    """Review status moves with the calendar day, so an answer unchanged since yesterday is
    modified at the start of today, in the site's time zone (one process, several zones)."""
    settings.TIME_ZONE = zone
    for days in (1, 2):
        day = timezone.localdate() + datetime.timedelta(days=days)
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
            response = api.get(DETAIL)
        assert response["Last-Modified"] == http_date(start.timestamp())


def _publish_change(treatment):
    treatment.summary = "A summary after the change."
    sign_and_publish(treatment)


def _unpublish(treatment):
    treatment.unpublish()


def _move(treatment):
    other = TreatmentIndexPageFactory(parent=treatment.get_parent().get_parent(), slug="moved")
    TreatmentPage.objects.get(pk=treatment.pk).move(other, pos="last-child")


def _delete(treatment):
    TreatmentPage.objects.get(pk=treatment.pk).delete()


def _edit_clinic(treatment):
    clinic = treatment.clinic
    clinic.phone = "Phone two"
    clinic.save()


def _make_private(treatment):
    make_private(treatment)


@pytest.mark.parametrize(
    "change, still_listed",
    [
        (_publish_change, True),
        (_unpublish, False),
        (_move, True),
        (_delete, False),
        (_edit_clinic, True),
        (_make_private, False),
    ],
)
def test_anything_public_changing_is_served_by_the_next_read(api, treatment, change, still_listed):
    before = api.get(DETAIL)
    before_list = api.get(LIST)

    change(treatment)

    listed = api.get(LIST)
    assert listed["ETag"] != before_list["ETag"]
    titles = [item["title"] for item in listed.json()["results"]]
    assert titles == (["Cached therapy"] if still_listed else [])
    detail = api.get(DETAIL)
    if change is _move:
        assert detail.status_code == 200  # the API's slug URL does not depend on the tree
        assert detail.json()["url"].endswith("/moved/cached-therapy/")
    elif still_listed:
        assert detail["ETag"] != before["ETag"]
    else:
        assert detail.status_code == 404


def test_a_new_day_changes_review_status_and_etag(api, treatment_index):
    today = timezone.localdate()
    page = TreatmentPageFactory(
        parent=treatment_index, slug="cached-therapy", title="Cached therapy", live=False
    )
    revision = page.save_revision()
    sign(revision, next_review_due=today + datetime.timedelta(days=1))
    revision.publish()

    evening = timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 59)))
    with time_machine.travel(evening, tick=False):
        before = api.get(DETAIL)
    with time_machine.travel(evening + datetime.timedelta(days=1, minutes=2), tick=False):
        after = api.get(DETAIL)
        conditional = api.get(DETAIL, HTTP_IF_NONE_MATCH=before["ETag"])

    assert before.json()["review"]["status"] == "due_soon"
    assert after.json()["review"]["status"] == "overdue"
    assert after["ETag"] != before["ETag"]
    assert conditional.status_code == 200


def test_failures_are_not_cached(api, treatment_index):
    assert api.get("/api/v1/treatments/not-yet/").status_code == 404

    TreatmentPageFactory(parent=treatment_index, slug="not-yet")

    assert api.get("/api/v1/treatments/not-yet/").status_code == 200
    bad = api.get(LIST, {"page_size": "many"})
    assert bad.status_code == 400
    assert not bad.has_header("ETag")
    assert "public" not in bad.get("Cache-Control", "")


def test_anonymous_web_pages_are_public_and_conditional(api, treatment):
    page = api.get("/treatments/cached-therapy/")
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("public, max-age=")

    assert (
        api.get("/treatments/cached-therapy/", HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    )


def test_signed_in_staff_never_get_a_publicly_cacheable_page(client, treatment):
    client.force_login(UserFactory(username="staff", groups=["Editors"]))

    page = client.get("/treatments/cached-therapy/")

    assert page.status_code == 200
    assert "public" not in page.get("Cache-Control", "")


def test_unsafe_methods_are_never_cached(api, treatment):
    refused = api.post(LIST)
    assert refused.status_code == 405
    assert not refused.has_header("ETag")
