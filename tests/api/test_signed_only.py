"""Only signed content, through every door of the API: detail, lists, embedded pages, rich-text
links, search, path lookup and code lookup. Draft, unpublished, live-but-unsigned, private and
other sites' content all answer exactly what unknown content answers."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from content_models.models import ConditionCode, TreatmentCondition, TreatmentPage
from review.signoff import ValidatedSignoff, sign_revision
from tests.factories import ConditionPageFactory, DisclaimerFactory, TreatmentPageFactory
from tests.factories.signing import factory_reviewer, sign_and_publish

from .builders import (
    UNSIGNED,
    make_private,
    other_site,
    publish_unsigned,
    rewrite_row_unsigned,
)

pytestmark = pytest.mark.django_db

MARKER = "zyxwv"  # a word only the hidden pages contain, for search
CODE = "ICD-10:M79.7"


def _hide(state: str, page):
    if state == "unpublished":
        page.unpublish()
    elif state == "live_unsigned":
        publish_unsigned(page)
    elif state == "sql_unsigned":
        rewrite_row_unsigned(page)
    elif state == "private":
        make_private(page)


@pytest.fixture
def visible(treatment_index, condition_index):
    condition = ConditionPageFactory(parent=condition_index, title="Visible condition")
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title="Visible therapy",
        slug="visible-therapy",
        condition_links=[TreatmentCondition(condition=condition)],
    )
    return {"treatment": treatment, "condition": condition}


def _hidden_pages(state: str, api, visible, treatment_index, condition_index):
    """A treatment and a condition in ``state``, tied to the visible ones every way they can
    be: relations both ways and a rich-text link."""
    if state == "other_site":
        site = other_site()
        treatment_index, condition_index = site["treatments"], site["conditions"]
    condition = ConditionPageFactory(
        parent=condition_index,
        title=f"Hidden condition {MARKER}",
        slug="hidden-condition",
        codes=[ConditionCode(system="ICD-10", code="M79.7")],
        live=state != "draft",
    )
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title=f"Hidden therapy {MARKER}",
        slug="hidden-therapy",
        condition_links=[TreatmentCondition(condition=visible["condition"])],
        live=state != "draft",
    )
    # The visible treatment names the hidden condition, in a relation and in its text.
    page = TreatmentPage.objects.get(pk=visible["treatment"].pk)
    page.condition_links.add(TreatmentCondition(condition=condition, note="Hidden note."))
    page.what_it_is = f'<p>See <a linktype="page" id="{condition.pk}">the hidden one</a>.</p>'
    sign_and_publish(page)
    if state not in ("draft", "other_site"):
        # Proof the pages were served before they were hidden: the test is not vacuous.
        assert api.get("/api/v1/treatments/hidden-therapy/").status_code == 200
        assert api.get("/api/v1/conditions/hidden-condition/").status_code == 200
        _hide(state, treatment)
        _hide(state, condition)
    return treatment, condition


_DOORS = {
    "treatment detail": ("/api/v1/treatments/hidden-therapy/", {}),
    "condition detail": ("/api/v1/conditions/hidden-condition/", {}),
    "treatment path": ("/api/v1/pages/", {"data": {"path": "/treatments/hidden-therapy/"}}),
    "condition path": ("/api/v1/pages/", {"data": {"path": "/conditions/hidden-condition/"}}),
}


@pytest.mark.parametrize(
    "state", ["draft", "unpublished", "live_unsigned", "sql_unsigned", "private", "other_site"]
)
def test_hidden_content_never_appears(api, visible, treatment_index, condition_index, state):
    _hidden_pages(state, api, visible, treatment_index, condition_index)
    unknown = api.get("/api/v1/treatments/no-such-page/")
    assert unknown.status_code == 404

    # A raw write goes around the application, and no document was rendered again: the read
    # itself finds that the row no longer records the digest its document was rendered from.
    responses = {door: api.get(path, **kw) for door, (path, kw) in _DOORS.items()}
    if state == "sql_unsigned":
        # Other documents still name the page as they did when it was signed (never its new
        # text), until the operator renders them again, as they must after a raw write.
        for path in ("/api/v1/treatments/", "/api/v1/conditions/", "/api/v1/kiosk/bundle/"):
            assert UNSIGNED not in api.get(path).content.decode()
        call_command("rebuild_documents", stdout=io.StringIO())
    for door, response in responses.items():
        assert response.status_code == 404, door
        assert response.json() == unknown.json(), door
        assert response["Content-Type"] == "application/problem+json", door

    everything = [
        api.get("/api/v1/treatments/"),
        api.get("/api/v1/conditions/"),
        api.get("/api/v1/search/", {"q": MARKER}),
        api.get("/api/v1/conditions/", {"code": CODE}),
        api.get("/api/v1/treatments/visible-therapy/"),
        api.get("/api/v1/conditions/", {"treatment": "visible-therapy"}),
        api.get("/api/v1/pages/", {"path": "/treatments/visible-therapy/"}),
        # The hidden treatment treats the visible condition.
        api.get(f"/api/v1/conditions/{visible['condition'].slug}/"),
        api.get("/api/v1/pages/", {"path": f"/conditions/{visible['condition'].slug}/"}),
    ]
    for response in everything:
        assert response.status_code == 200
        text = response.content.decode()
        assert MARKER not in text
        assert "hidden-" not in text
        assert UNSIGNED not in text
        assert "Hidden note" not in text
    search, by_code = everything[2].json(), everything[3].json()
    assert search["count"] == by_code["count"] == 0
    detail = everything[4].json()
    assert [item["title"] for item in detail["conditions"]] == ["Visible condition"]
    assert detail["what_it_is"]["html"] == "<p>See the hidden one.</p>"
    for condition in (everything[7].json(), everything[8].json()):
        assert [item["title"] for item in condition["treatments"]] == ["Visible therapy"]


def test_another_sites_content_is_served_on_that_site(api, visible):
    site = other_site("127.0.0.1")
    TreatmentPageFactory(parent=site["treatments"], title="Their therapy", slug="visible-therapy")

    ours = api.get("/api/v1/treatments/")
    theirs = api.get("/api/v1/treatments/", HTTP_HOST="127.0.0.1")
    their_detail = api.get("/api/v1/treatments/visible-therapy/", HTTP_HOST="127.0.0.1")

    assert [item["title"] for item in ours.json()["results"]] == ["Visible therapy"]
    assert [item["title"] for item in theirs.json()["results"]] == ["Their therapy"]
    # The same slug in another site's treatments is another page.
    assert their_detail.json()["title"] == "Their therapy"
    assert their_detail.json()["url"] == "http://127.0.0.1/treatments/visible-therapy/"


@pytest.mark.parametrize("state", ["draft", "live_unsigned"])
def test_a_disclaimer_appears_only_when_it_is_signed(api, treatment_index, state, settings):
    disclaimer = DisclaimerFactory(text="<p>Signed disclaimer.</p>", live=state != "draft")
    if state == "live_unsigned":
        disclaimer.text = f"<p>{UNSIGNED}</p>"
        settings.CLINICAL_GUARD_PUBLISHING = False
        disclaimer.save_revision().publish()
        settings.CLINICAL_GUARD_PUBLISHING = True
    TreatmentPageFactory(parent=treatment_index, slug="with-disclaimer", disclaimer=disclaimer)

    data = api.get("/api/v1/treatments/with-disclaimer/").json()

    assert data["disclaimer"] is None
    assert UNSIGNED not in json.dumps(data)


def test_reviewer_only_data_never_appears(api, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, slug="reviewed", live=False)
    reviewer = factory_reviewer()
    revision = page.save_revision()
    sign_revision(
        revision,
        reviewer,
        ValidatedSignoff(
            task_state_id=0,
            user_id=reviewer.pk,
            review_kind="full",
            next_review_due=timezone.localdate() + datetime.timedelta(days=365),
            comment="REVIEWER COMMENT",
            flag_resolutions=[{"rule": "benefit-without-reference", "justification": "JUSTIFY"}],
        ),
    )
    revision.publish()
    registration = reviewer.clinician_profile.registration

    responses = [
        api.get("/api/v1/treatments/reviewed/"),
        api.get("/api/v1/treatments/"),
        api.get("/api/v1/search/", {"q": page.title}),
        api.get("/api/v1/pages/", {"path": "/treatments/reviewed/"}),
    ]

    detail = responses[0].json()
    assert detail["review"]["reviewed_by"] == {"name": "Dr Factory", "credentials": "MB BS"}
    for response in responses:
        assert response.status_code == 200
        text = response.content.decode()
        for secret in ("REVIEWER COMMENT", "JUSTIFY", "benefit-without-reference", registration):
            assert secret not in text
        assert "attest" not in text.lower()
        assert "digest" not in text
