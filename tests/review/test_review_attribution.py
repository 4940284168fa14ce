""" "Last reviewed <date> by <reviewer>" is a true sentence: after a minor edit signed by someone
else, it still names who did the full review of that date (on the web, in the API and in the
clinical reviews report), as that record was last corrected."""

import re

import pytest
from django.urls import reverse

from review.signoff import record_correction
from signing.signoffs import signoffs_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def minor_edit_by_another(time_machine, treatment_index):
    """Dr Ada's full review on 15 January 2026; Dr Bea's minor edit on 10 March 2026."""
    ada, bea = make_reviewer("ada"), make_reviewer("bea")
    time_machine.move_to("2026-01-15 09:00:00+00:00")
    page = TreatmentPageFactory(parent=treatment_index, slug="nerve-block", live=False)
    revision = page.save_revision()
    sign(revision, ada)
    revision.publish()
    time_machine.move_to("2026-03-10 09:00:00+00:00")
    page.refresh_from_db()
    page.summary = "An injection near a nerve, typo fixed."
    revision = page.save_revision()
    sign(
        revision,
        bea,
        next_review_due=signoffs_of(page).first().next_review_due,
        review_kind="minor",
    )
    revision.publish()
    page.refresh_from_db()
    return page


def _review_line(client, page) -> str:
    html = client.get(page.url).content.decode()
    line = re.search(r'<p class="review-line">(.*?)</p>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip()


def test_the_web_and_the_api_name_the_full_reviews_reviewer(client, minor_edit_by_another):
    review = client.get("/api/v1/treatments/nerve-block/").json()["review"]

    assert review["last_reviewed"] == "2026-01-15"
    assert review["reviewed_by"]["name"] == "Dr Ada"
    assert "15 January 2026 by Dr Ada" in _review_line(client, minor_edit_by_another)


def test_the_report_names_the_full_reviews_reviewer(admin_client, minor_edit_by_another):
    export = admin_client.get(reverse("clinical_review:reviews_report"), {"export": "csv"})

    lines = b"".join(export.streaming_content).decode().splitlines()
    [row] = [line for line in lines if line.startswith(f"{minor_edit_by_another.title},")]
    assert "2026-01-15" in row and "Dr Ada" in row and "Dr Bea" not in row


def test_a_corrected_name_of_the_full_review_is_shown(client, minor_edit_by_another):
    full = signoffs_of(minor_edit_by_another).get(review_kind="full")

    record_correction(full, by=None, reason="Her registered name.", reviewer_name="Dr Ada Lovelace")

    review = client.get("/api/v1/treatments/nerve-block/").json()["review"]
    assert review["reviewed_by"]["name"] == "Dr Ada Lovelace"


def test_a_later_full_review_names_its_own_reviewer(client, minor_edit_by_another):
    page = minor_edit_by_another
    page.summary = "An injection near a nerve, reviewed again."
    revision = page.save_revision()
    sign(revision, make_reviewer("cai"))
    revision.publish()

    review = client.get("/api/v1/treatments/nerve-block/").json()["review"]
    assert review["reviewed_by"]["name"] == "Dr Cai"
    assert review["last_reviewed"] == "2026-03-10"
