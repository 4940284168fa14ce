"""Headless preview: tokens issued from the editor to editors and reviewers, drafts shown in the
detail's shape through /api/v1/preview/{token}/, and tokens that expire, cannot be forged or
altered, stay bound to their revision, and are never cached."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api import preview
from cms.settings import base as base_settings
from content_models.models import ConditionPage, TreatmentPage
from tests.factories import ConditionPageFactory, TreatmentPageFactory, UserFactory
from tests.workflow import logged_in, make_reviewer

from .builders import other_site

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example/preview/?token={token}"
PREVIEW_PATH = "/api/v1/preview/{token}/"
DRAFT_SUMMARY = "Draft summary written for the preview test."
NEWER_SUMMARY = "A newer draft summary written for the preview test."
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _frontend(settings):
    settings.FRONTEND_PREVIEW_URL = FRONTEND
    settings.PREVIEW_TOKEN_MAX_AGE = 3600


@pytest.fixture
def treatment(treatment_index) -> TreatmentPage:
    return TreatmentPageFactory(parent=treatment_index, title="Nerve block", slug="nerve-block")


@pytest.fixture
def condition(condition_index) -> ConditionPage:
    return ConditionPageFactory(parent=condition_index, title="Back pain", slug="back-pain")


def save_draft(page, user=None, **changes):
    """An edit saved as a new revision and not published (so not signed, not public)."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(user=user)


def issue_url(page) -> str:
    return reverse("api_issue_preview", args=(page.pk,))


def token_from(response) -> str:
    assert response.status_code == 302, response
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://frontend.example/preview/"
    )
    (token,) = parse_qs(location.query)["token"]
    return token


def fetch(token: str, **headers):
    return Client().get(PREVIEW_PATH.format(token=token), **headers)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail"}
    return body


# Issuing -----------------------------------------------------------------------------------


def test_an_editor_is_sent_to_the_frontend_with_a_token_for_the_latest_revision(
    treatment, editor, editor_client
):
    draft = save_draft(treatment, editor, summary=DRAFT_SUMMARY)

    token = token_from(editor_client.get(issue_url(treatment)))

    grant = preview.verify(token)
    assert (grant.revision_id, grant.page_id) == (draft.pk, treatment.pk)


def test_a_medical_reviewer_is_sent_to_the_frontend_with_a_token(condition):
    draft = save_draft(condition, summary=DRAFT_SUMMARY)

    token = token_from(logged_in(make_reviewer("reviewer")).get(issue_url(condition)))

    assert preview.verify(token).revision_id == draft.pk


def test_the_default_frontend_url_is_built_from_the_frontend_base_url(
    settings, treatment, editor_client
):
    settings.FRONTEND_BASE_URL = "https://clinic.example"
    settings.FRONTEND_PREVIEW_URL = base_settings.FRONTEND_PREVIEW_URL  # the default

    response = editor_client.get(issue_url(treatment))

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://clinic.example/kiosk/?preview=")
    token = location.removeprefix("https://clinic.example/kiosk/?preview=")
    assert preview.verify(token).page_id == treatment.pk


def test_the_frontend_url_can_name_the_preview_endpoint(settings, treatment, editor_client):
    settings.FRONTEND_PREVIEW_URL = "https://app.example/#/preview?src={api_url}"

    location = editor_client.get(issue_url(treatment))["Location"]

    api_url = location.removeprefix("https://app.example/#/preview?src=")
    assert api_url.startswith("http://localhost/api/v1/preview/")
    assert Client().get(urlsplit(api_url).path).status_code == 200


def test_anonymous_visitors_get_no_token(treatment):
    response = Client().get(issue_url(treatment))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_staff_who_may_not_edit_or_review_the_page_get_no_token(treatment):
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(username="visitor", groups=["Admin access only"])

    response = logged_in(user).get(issue_url(treatment))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_only_treatments_and_conditions_have_a_headless_preview(treatment_index, editor_client):
    assert editor_client.get(issue_url(treatment_index)).status_code == 404


def test_the_editor_offers_the_action_to_those_who_may_use_it(treatment, editor_client):
    edit = reverse("wagtailadmin_pages:edit", args=(treatment.pk,))

    assert issue_url(treatment) in editor_client.get(edit).content.decode()
    assert "Preview in web app" in editor_client.get(edit).content.decode()


# Using the token ---------------------------------------------------------------------------


def test_the_preview_shows_the_unsigned_draft_that_the_public_detail_does_not(
    treatment, editor, editor_client, openapi
):
    draft = save_draft(treatment, editor, summary=DRAFT_SUMMARY)
    token = token_from(editor_client.get(issue_url(treatment)))

    response = fetch(token)
    public = Client().get(f"/api/v1/treatments/{treatment.slug}/")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["type"] == "treatment"
    assert body["summary"] == DRAFT_SUMMARY
    assert body["review"] is None  # the draft carries no sign-off
    assert body["preview"]["revision_id"] == draft.pk
    assert public.status_code == 200
    assert public.json()["summary"] == treatment.summary != DRAFT_SUMMARY
    # The live detail's shape, plus the marker and the draft's kiosk item (the kiosk's shape).
    assert set(body) - {"preview", "kiosk"} == set(public.json())
    kiosk_item = Client().get("/api/v1/kiosk/bundle/").json()["treatments"][0]
    assert set(body["kiosk"]) == set(kiosk_item)
    assert body["kiosk"]["summary"] == DRAFT_SUMMARY
    assert body["kiosk"]["expires_at"] == body["preview"]["expires_at"].replace("+00:00", "Z")
    openapi.validate("/api/v1/preview/{token}/", response)


def test_a_condition_previews_in_the_condition_detail_shape(condition, editor_client, openapi):
    save_draft(condition, summary=DRAFT_SUMMARY)
    token = token_from(editor_client.get(issue_url(condition)))

    response = fetch(token)

    assert response.status_code == 200, response.content
    assert response.json()["type"] == "condition"
    assert response.json()["summary"] == DRAFT_SUMMARY
    public = Client().get(f"/api/v1/conditions/{condition.slug}/").json()
    assert set(response.json()) - {"preview", "kiosk"} == set(public)
    assert response.json()["kiosk"]["summary"] == DRAFT_SUMMARY
    openapi.validate("/api/v1/preview/{token}/", response)


def test_a_page_never_published_can_be_previewed(treatment_index, editor_client):
    page = TreatmentPageFactory(parent=treatment_index, slug="new-treatment", live=False)
    save_draft(page, summary=DRAFT_SUMMARY)

    response = fetch(token_from(editor_client.get(issue_url(page))))

    assert response.json()["summary"] == DRAFT_SUMMARY
    assert Client().get("/api/v1/treatments/new-treatment/").status_code == 404


def test_previews_are_private_and_never_stored(treatment, editor_client):
    token = token_from(editor_client.get(issue_url(treatment)))

    for response in (fetch(token), fetch(token[:-1]), fetch("not-a-token")):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, response["Cache-Control"]
        assert "public" not in directives
        assert "ETag" not in response


def test_previews_are_throttled(settings, treatment, editor_client):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }
    token = token_from(editor_client.get(issue_url(treatment)))

    statuses = [fetch(token).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


# Expiry ------------------------------------------------------------------------------------


def test_a_token_works_until_it_expires_then_answers_403(treatment, editor_client, time_machine):
    issued = timezone.now().replace(microsecond=0)
    time_machine.move_to(issued, tick=False)
    token = token_from(editor_client.get(issue_url(treatment)))

    time_machine.move_to(issued + datetime.timedelta(seconds=3599), tick=False)
    answered = fetch(token)
    time_machine.move_to(issued + datetime.timedelta(seconds=3601), tick=False)
    expired = fetch(token)

    assert answered.status_code == 200
    assert answered.json()["preview"]["expires_at"] == (
        (issued + datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    )
    assert "expired" in assert_problem(expired, 403)["detail"]


def test_the_lifetime_is_configurable(settings, treatment, editor_client, time_machine):
    settings.PREVIEW_TOKEN_MAX_AGE = 60
    time_machine.move_to(timezone.now(), tick=False)
    token = token_from(editor_client.get(issue_url(treatment)))

    time_machine.shift(datetime.timedelta(seconds=61))

    assert_problem(fetch(token), 403)


# Forgery and tampering ---------------------------------------------------------------------


def _altered(token: str, position: int) -> str:
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize("where", ["first", "payload", "timestamp", "signature", "last"])
def test_a_token_altered_in_one_character_answers_403(treatment, editor_client, where):
    token = token_from(editor_client.get(issue_url(treatment)))
    payload, timestamp, _ = token.split(":")
    position = {
        "first": 0,
        "payload": len(payload) // 2,
        "timestamp": len(payload) + 1,
        "signature": len(payload) + len(timestamp) + 5,
        "last": len(token) - 1,
    }[where]

    body = assert_problem(fetch(_altered(token, position)), 403)

    assert "not valid" in body["detail"]


def test_a_value_signed_for_another_purpose_is_not_a_preview_token(treatment):
    revision = treatment.get_latest_revision()
    other_salt = signing.TimestampSigner(salt="another.purpose").sign_object(
        {"r": revision.pk, "p": treatment.pk}
    )
    unsalted = signing.dumps({"r": revision.pk, "p": treatment.pk})
    wrong_shape = signing.TimestampSigner(salt=preview.SALT).sign_object({"page": treatment.pk})

    for token in (other_salt, unsalted, wrong_shape):
        assert_problem(fetch(token), 403)


@pytest.mark.parametrize(
    "token",
    ["x", "a:b:c", "::", "...", "é:é:é", "%00", "a" * 2000, "A" * 40 + ":" + "B" * 43],
    ids=["short", "three-parts", "separators", "dots", "unicode", "nul", "long", "fake"],
)
def test_a_malformed_token_answers_a_problem_not_an_error(treatment, token):
    assert_problem(fetch(token), 403)


def test_unknown_query_parameters_are_refused_as_elsewhere_in_the_api(treatment, editor_client):
    token = token_from(editor_client.get(issue_url(treatment)))

    body = assert_problem(Client().get(PREVIEW_PATH.format(token=token), {"draft": "1"}), 400)

    assert body["parameter"] == "draft"


# Revision binding --------------------------------------------------------------------------


def test_a_token_keeps_showing_its_revision_after_a_newer_one_is_saved(
    treatment, editor, editor_client
):
    save_draft(treatment, editor, summary=DRAFT_SUMMARY)
    first = token_from(editor_client.get(issue_url(treatment)))
    save_draft(treatment, editor, summary=NEWER_SUMMARY)
    second = token_from(editor_client.get(issue_url(treatment)))

    assert fetch(first).json()["summary"] == DRAFT_SUMMARY
    assert fetch(second).json()["summary"] == NEWER_SUMMARY


def test_a_token_for_a_deleted_revision_answers_404(treatment, editor, editor_client):
    draft = save_draft(treatment, editor, summary=DRAFT_SUMMARY)
    token = token_from(editor_client.get(issue_url(treatment)))

    draft.delete()

    assert_problem(fetch(token), 404)


def test_a_token_for_a_deleted_page_answers_404(treatment, editor_client):
    token = token_from(editor_client.get(issue_url(treatment)))

    treatment.delete()

    assert_problem(fetch(token), 404)


def test_a_revision_is_shown_only_as_the_page_it_belongs_to(treatment, condition, editor):
    """Even a correctly signed token (here signed directly, as only the server can) shows
    nothing when its revision belongs to another page."""
    mismatched = signing.TimestampSigner(salt=preview.SALT).sign_object(
        {"r": condition.get_latest_revision().pk, "p": treatment.pk, "u": editor.pk}
    )

    assert_problem(fetch(mismatched), 404)


def test_a_token_stops_working_once_its_issuer_may_no_longer_preview(
    treatment, editor, editor_client
):
    """A link kept in a kiosk's address bar or a log is useless once the editor who opened it
    leaves (their account deactivated) or loses the right to edit the page."""
    save_draft(treatment, editor, summary=DRAFT_SUMMARY)
    token = token_from(editor_client.get(issue_url(treatment)))
    assert fetch(token).json()["summary"] == DRAFT_SUMMARY

    editor.is_active = False
    editor.save()
    body = assert_problem(fetch(token), 403)
    assert "may no longer preview" in body["detail"]

    editor.is_active = True
    editor.save()
    editor.groups.clear()
    assert_problem(fetch(token), 403)


def test_a_page_of_another_site_is_not_previewed_on_this_one(home_page, editor_client):
    elsewhere = other_site("127.0.0.1")
    page = TreatmentPageFactory(parent=elsewhere["treatments"], slug="elsewhere")
    token = token_from(editor_client.get(issue_url(page)))

    assert_problem(fetch(token), 404)  # asked of the default site
    assert fetch(token, HTTP_HOST="127.0.0.1").status_code == 200
