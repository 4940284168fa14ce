"""A device treatment entered as a new user would, through the admin, with no free-text
workarounds: how it is given (a device, labelled as one), risks with frequency bands and an
"about 1 in N" with its source, steps with timing, and its standing for the condition. It is
read back from the web page, the API and the kiosk bundle.

The facts are test data, not medical claims: no demo content uses them."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from claims.checker import check_object
from content_models.models import RouteOfAdministration, TreatmentPage
from signing.digest import content_digest
from tests.factories import ConditionPageFactory, RouteOfAdministrationFactory
from tests.workflow import approval_data, logged_in, make_reviewer, review_url

from .admin_forms import reference, risk, step, treatment_form_data

pytestmark = pytest.mark.django_db

SAFETY_REVIEW = "Test safety review of magnetic stimulation"
TIMING = "Each session takes about 40 minutes, 5 days a week for 4 to 6 weeks."


def _add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("content_models", "treatmentpage", parent.pk))


def _seizure(one_in: int):
    source = reference(SAFETY_REVIEW, evidence_level="systematic_review")
    return risk("Seizure", frequency="rare", one_in=one_in, per="sessions", source=source)


def _form(condition, device, **overrides):
    fields = {
        "title": "Magnetic stimulation for low mood",
        "slug": "magnetic-stimulation",
        "condition_ids": [condition.pk],
        "route_ids": [device.pk],
        "common_risks": [risk("Headache", frequency="common", source=reference(SAFETY_REVIEW))],
        "serious_risks": [_seizure(one_in=30_000)],
        "steps": [
            step(
                "Treatment sessions",
                "A coil rests on your head.",
                typical_duration="about 40 minutes",
                how_often="5 days a week",
                for_how_long="4 to 6 weeks",
            ),
            step("Progress review", "We ask how you feel.", when="at week 3"),
        ],
        "link_fields": {
            "regulatory_status": "device_cleared",
            "guideline_stance": "may_be_considered",
            "guideline": "Test guideline TG1, 2025",
            "note": "",
        },
    }
    return treatment_form_data(**{**fields, **overrides})


@pytest.fixture
def condition(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Low mood", slug="low-mood")


@pytest.fixture
def device(db):
    return RouteOfAdministrationFactory(
        name="Magnetic stimulation device",
        slug="magnetic-stimulation-device",
        kind=RouteOfAdministration.Kind.DEVICE,
    )


@pytest.fixture
def published(editor_client, treatment_index, condition, device):
    response = editor_client.post(
        _add_url(treatment_index), {**_form(condition, device), "action-submit": "Submit"}
    )
    assert response.status_code == 302, response.context["form"].errors
    page = TreatmentPage.objects.get(slug="magnetic-stimulation")
    reviewer = make_reviewer("reviewer")
    assert logged_in(reviewer).post(review_url(page), approval_data(reviewer)).status_code == 302
    page.refresh_from_db()
    assert page.live
    return page


def test_the_web_page_says_each_structured_fact_in_words(client, published):
    text = html.unescape(client.get("/treatments/magnetic-stimulation/").content.decode())

    assert "How it is given" in text and "Routes of administration" not in text
    assert 'Magnetic stimulation device</strong> <span class="way-given__kind">(device)' in text
    assert "Common: may affect up to 1 in 10 people" in text
    assert "Rare: about 1 in 30,000 sessions" in text
    assert f"(source: {SAFETY_REVIEW})" in text
    assert TIMING in text
    assert "At week 3." in text
    assert "Device cleared for this use" in text and "May be considered" in text


def test_the_api_types_each_structured_fact(client, published):
    data = client.get("/api/v1/treatments/magnetic-stimulation/").json()

    assert data["routes"] == [
        {
            "slug": "magnetic-stimulation-device",
            "name": "Magnetic stimulation device",
            "kind": "device",
            "kind_label": "Device",
            "description": "",
        }
    ]
    [headache] = data["risks"]["common"]
    assert headache["frequency"] == "common" and headache["one_in"] is None
    assert headache["frequency_meaning"] == "may affect up to 1 in 10 people"
    [seizure] = data["risks"]["serious"]
    assert seizure["description"] == ""  # nothing went into free text
    assert (seizure["frequency"], seizure["frequency_label"]) == ("rare", "Rare")
    assert (seizure["one_in"], seizure["per"]) == (30_000, "sessions")
    assert [source["title"] for source in seizure["frequency_source"]] == [SAFETY_REVIEW]
    assert seizure["frequency_text"] == "Rare: about 1 in 30,000 sessions"
    sessions, review = data["steps"]
    assert (sessions["typical_duration"], sessions["how_often"], sessions["for_how_long"]) == (
        "about 40 minutes",
        "5 days a week",
        "4 to 6 weeks",
    )
    assert sessions["timing_text"] == TIMING
    assert (review["when"], review["timing_text"]) == ("at week 3", "At week 3.")
    [link] = data["conditions"]
    assert (link["regulatory_status"], link["guideline_stance"]) == (
        "device_cleared",
        "may_be_considered",
    )
    assert "Rare: about 1 in 30,000 sessions" in str(data["jsonld"])
    assert TIMING in data["jsonld"]["about"]["howPerformed"]


def test_the_kiosk_bundle_carries_each_structured_fact(client, published):
    [item] = client.get("/api/v1/kiosk/bundle/").json()["treatments"]

    assert [(way["name"], way["kind_label"]) for way in item["given"]] == [
        ("Magnetic stimulation device", "Device")
    ]
    assert [entry["frequency_text"] for entry in item["side_effects"]] == [
        "Common: may affect up to 1 in 10 people"
    ]
    assert [entry["frequency_text"] for entry in item["risks"]] == [
        "Rare: about 1 in 30,000 sessions"
    ]
    assert [entry["timing_text"] for entry in item["steps"]] == [TIMING, "At week 3."]
    [link] = item["conditions"]
    assert link["regulatory_status_label"] == "Device cleared for this use"
    assert link["guideline_stance_label"] == "May be considered"


@pytest.mark.parametrize(
    ("serious", "field", "message"),
    [
        (
            risk("Seizure", frequency="common", one_in=30_000, source=reference(SAFETY_REVIEW)),
            "one_in",
            'About 1 in 30,000 people is "Very rare", not "Common"',
        ),
        (
            risk("Seizure", frequency="rare", one_in=8, per="women", source=reference("A")),
            "one_in",
            'About 1 in 8 women is "Very common", not "Rare"',
        ),
        (risk("Seizure", frequency="rare", one_in=5_000), "frequency_source", "Add the source"),
        (risk("Seizure", frequency="not_known"), "frequency_source", "Add the source"),
        (risk("Seizure", one_in=5_000, source=reference(SAFETY_REVIEW)), "frequency", "band"),
        (risk("Seizure", per="sessions"), "per", "give the figure"),
        (
            risk("Seizure", frequency="rare", percent="12", source=reference(SAFETY_REVIEW)),
            "percent",
            'About 12% of people is "Very common", not "Rare"',
        ),
        (
            risk(
                "Seizure", frequency="rare", percent="12", per="Of people.", source=reference("A")
            ),
            "percent",
            'About 12% of people is "Very common", not "Rare"',
        ),
        (
            risk("Seizure", frequency="rare", one_in=8, percent="12", source=reference("A")),
            "percent",
            "Give the figure once",
        ),
        (risk("Seizure", percent="0.5", source=reference("A")), "frequency", "band"),
        (risk("Seizure", frequency="rare", percent="120", source=reference("A")), "percent", "100"),
    ],
)
def test_a_frequency_that_does_not_hold_together_is_refused_with_the_reason(
    editor_client, treatment_index, condition, device, serious, field, message
):
    response = editor_client.post(
        _add_url(treatment_index), _form(condition, device, serious_risks=[serious])
    )

    assert response.status_code == 200
    error = response.context["form"].errors["serious_risks"].as_data()[0]
    assert message in " ".join(error.block_errors[0].block_errors[field].messages)
    assert not TreatmentPage.objects.filter(slug="magnetic-stimulation").exists()


def test_a_percentage_is_kept_as_the_source_gives_it_and_served_so(
    editor_client, treatment_index, condition, device
):
    """ "About 12%" stays 12%, whatever zeros the form adds, in the digest the reviewer signs and
    in the API: not turned into "about 1 in 8" (12.5%)."""
    emergence = risk(
        "Emergence reactions",
        frequency="very_common",
        percent="12.00",
        per="patients in anaesthesia",
        source=reference(SAFETY_REVIEW),
    )
    form = {**_form(condition, device, serious_risks=[emergence]), "action-submit": "Submit"}
    assert editor_client.post(_add_url(treatment_index), form).status_code == 302
    page = TreatmentPage.objects.get(slug="magnetic-stimulation")
    [stored] = page.serious_risks
    assert stored.value["percent"] == Decimal("12") and stored.value["one_in"] is None
    assert content_digest(page) == content_digest(page.get_latest_revision_as_object())

    reviewer = make_reviewer("reviewer")
    screen = html.unescape(logged_in(reviewer).get(review_url(page)).content.decode())
    assert re.search(r"<dt>About …%</dt>\s*<dd>12</dd>", screen)  # as patients read it
    assert logged_in(reviewer).post(review_url(page), approval_data(reviewer)).status_code == 302
    [served] = editor_client.get("/api/v1/treatments/magnetic-stimulation/").json()["risks"][
        "serious"
    ]
    assert (served["percent"], served["one_in"], served["per"]) == (
        12,
        None,
        "patients in anaesthesia",
    )
    assert served["frequency_text"] == "Very common: about 12% of patients in anaesthesia"


def test_a_figure_counted_per_session_need_not_fall_in_the_peoples_band(
    editor_client, treatment_index, condition, device
):
    """Bands are defined on people; 1 in 30,000 sessions may be "rare" per person treated."""
    response = editor_client.post(_add_url(treatment_index), _form(condition, device))

    assert response.status_code == 302


def test_the_reviewer_sees_a_changed_frequency_and_timing_in_the_review_diff(
    editor_client, published, condition, device
):
    form = _form(
        condition,
        device,
        serious_risks=[_seizure(one_in=20_000)],
        steps=[step("Progress review", "We ask how you feel.", when="at week 4")],
    )
    edit = reverse("wagtailadmin_pages:edit", args=(published.pk,))
    assert editor_client.post(edit, {**form, "action-submit": "Submit"}).status_code == 302

    reviewer = logged_in(make_reviewer("second-reviewer"))
    text = html.unescape(reviewer.get(review_url(published)).content.decode())

    assert "20000" in text and "30000" in text
    assert "at week 4" in text


def test_the_claims_checker_reads_the_timing_and_frequency_wording(published):
    page = published.get_latest_revision_as_object()
    page.steps[0].value["how_often"] = "daily, with guaranteed results"

    flags = check_object(page)

    assert any(flag.path == "steps.0.how_often" for flag in flags), [f.path for f in flags]
