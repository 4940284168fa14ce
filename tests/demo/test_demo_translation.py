"""The demo's French translation: in clinical review and not public; the English-only demo
reviewer may not sign it, the French-reading one signs it through the review screen."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Locale, TaskState

from claims.checker import check_object
from claims.demo_resolutions import justification_for_flag
from content_models.models import TreatmentPage
from demo.loader import DemoLoader, load_demo_data
from review.eligibility import signoff_refusal
from review.forms import SignoffForm
from tests.workflow import review_url, totp_code

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "English"), ("fr", "français")]


@pytest.fixture
def french_demo():
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        DemoLoader().run()
        english = TreatmentPage.objects.get(
            slug=load_demo_data()["treatment"]["slug"], locale__language_code="en"
        )
        yield english, english.get_translation(Locale.objects.get(language_code="fr")).specific


def test_the_translation_waits_in_review_and_is_not_public(french_demo):
    english, french = french_demo

    assert not french.live
    assert french.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert french.get_latest_revision_as_object().title == load_demo_data()["translation"]["title"]
    slug = english.slug
    assert Client().get(f"/api/v1/treatments/{slug}/", {"locale": "fr"}).status_code == 404
    assert Client().get(f"/fr/treatments/{slug}/").status_code == 404
    assert Client().get(f"/api/v1/treatments/{slug}/").json()["translations"] == []


def test_only_a_reviewer_for_french_may_sign_it(french_demo):
    _, french = french_demo
    users = get_user_model().objects

    assert "français" in signoff_refusal(users.get(username="reviewer"), french)
    assert signoff_refusal(users.get(username="reviewer-fr"), french) is None


def _approve_as(client, reviewer, page) -> None:
    """The review screen's sign-off as ``reviewer``: the English text a translation still
    carries keeps its flags, justified as the demo reviewer did."""
    resolutions = {
        SignoffForm.flag_field_name(flag): justification_for_flag(flag)
        for flag in check_object(page.get_latest_revision_as_object())
    }
    response = client.post(
        review_url(page),
        {
            "attest": "on",
            "password": "demo-reviewer-fr-password",
            "code": totp_code(reviewer),
            "review_kind": "full",
            "next_review_due": "2027-12-01",
            "approve": "",
            **resolutions,
        },
    )
    assert response.status_code == 302, response.context["signoff_form"].errors


def test_the_french_reviewer_signs_it_and_it_goes_live(french_demo):
    english, french = french_demo
    reviewer = get_user_model().objects.get(username="reviewer-fr")
    client = Client()
    client.force_login(reviewer)
    slug = english.slug

    with time_machine.travel(timezone.now(), tick=True) as clock:
        # The treatment first: signed, but nothing French is public before its tree's root is.
        _approve_as(client, reviewer, french)
        assert Client().get(f"/api/v1/treatments/{slug}/", {"locale": "fr"}).status_code == 404
        for ancestor in french.get_ancestors().filter(depth__gt=1).specific():
            clock.shift(datetime.timedelta(seconds=31))  # an authenticator code works once
            _approve_as(client, reviewer, ancestor)

    served = Client().get(f"/api/v1/treatments/{slug}/", {"locale": "fr"}).json()
    assert served["title"] == load_demo_data()["translation"]["title"]
    assert served["review"]["translation_status"] == "current"
    assert served["review"]["reviewed_by"]["name"].startswith("Demo French-reading")
    assert served["url"].endswith(f"/fr/treatments/{slug}/")
    page = Client().get(f"/fr/treatments/{slug}/")
    assert page.status_code == 200 and '<html lang="fr"' in page.content.decode()


def test_loading_again_changes_nothing(french_demo):
    english, french = french_demo
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        report = DemoLoader().run()
    assert not any("translation" in line for line in report.created)
