"""After a revert to an older signed version, the review a new sign-off follows is the one of
what is live: a minor edit keeps that review's date and reviewer, and may not stand in for it
when it is overdue (the newest sign-off, of content no longer live, says nothing about it)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import transaction

from content_models.models import TreatmentPage
from review.models import ReviewKind
from review.reports import pages_by_next_review
from review.signoff import latest_signoff
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import make_reviewer

pytestmark = pytest.mark.django_db


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T12:00+00:00"), tick=False)


def publish(page, reviewer, due: str, **changes):
    page = TreatmentPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    signed = sign(revision, reviewer, next_review_due=datetime.date.fromisoformat(due))
    with transaction.atomic():
        revision.publish()
    return revision, signed


def test_after_a_revert_the_live_versions_review_is_the_one_followed(treatment_index):
    ada, bob = make_reviewer("ada"), make_reviewer("bob")
    with at("2025-01-15"):
        page = TreatmentPageFactory(parent=treatment_index, slug="reverted")
        first, ada_signed = publish(page, ada, "2026-01-15", summary="Version A.")
    with at("2025-12-01"):
        publish(page, bob, "2026-12-01", summary="Version B.")
    with at("2026-02-01"):
        reverted = first.as_object().save_revision()  # back to A, which Ada signed
        with transaction.atomic():
            reverted.publish()

        draft = TreatmentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        followed = latest_signoff(draft)
        assert followed.reviewer == ada and followed.next_review_due.isoformat() == "2026-01-15"
        # The report, the overdue panel and the reminders say what the public page says.
        [row] = pages_by_next_review().filter(pk=page.pk)
        assert (row.next_review_due.isoformat(), row.reviewer_name) == ("2026-01-15", "Dr Ada")

        draft.summary = "Version A, a typo mended."
        minor = sign(draft.save_revision(), bob, review_kind=ReviewKind.MINOR)
    assert minor.last_full_review_at == ada_signed.last_full_review_at
    assert minor.full_review.reviewer == ada
