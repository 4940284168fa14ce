"""A review's date is the site's (TIME_ZONE), not the approving reviewer's: the admin runs in
each user's own time zone, and every reader must see the same "Last reviewed" date."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from content_models.models import TreatmentPage
from delivery.models import Document
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db

AFTERNOON_IN_LONDON = datetime.datetime(2026, 1, 15, 14, 0, tzinfo=datetime.UTC)


def test_a_page_signed_from_auckland_shows_the_sites_date(treatment_index, client, settings):
    settings.TIME_ZONE = "Europe/London"

    with time_machine.travel(AFTERNOON_IN_LONDON, tick=False):
        with timezone.override("Pacific/Auckland"):  # 03:00 on 16 January there
            page = TreatmentPageFactory(parent=treatment_index, slug="dated")
            sign_and_publish(TreatmentPage.objects.get(pk=page.pk))
        review = client.get("/api/v1/treatments/dated/").json()["review"]

    assert Document.objects.get(page=page).last_reviewed == datetime.date(2026, 1, 15)
    assert review["last_reviewed"] == "2026-01-15"
